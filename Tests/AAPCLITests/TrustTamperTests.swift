import AAPStorage
import Foundation
import Testing

/// What a forger with write access to `Storage/` can do to the 14-event tamper store (see
/// ``SharedStores/tamperBase``), and the seq `audit verify --json` names for each (exit 65,
/// `first_bad_seq`): plain edits break the hash chain; edits whose chain was recomputed (every
/// `prev` and `head.json`) are caught by the signatures; a correctly signed line is still decided
/// again by the rules.
///
/// The store: 1 admin registered, 2–4 workflows, 5–8 manager, instructor, chair, member registered,
/// 9 call created (envelope 250 000 €), 10 published, 11 committee, 12 `-0001` submitted
/// (38 000 €), 13 `-0002` submitted (20 000 €), 14 `-0001` start-review by `instr.roux`.
@Suite("Confiance : altérations détectées par la chaîne, les signatures et les règles")
struct TrustTamperTests {
    static let events = 14

    /// The line `-0002` start-review by the instructor would be, unsigned, as seq 15 after `previous`
    /// (the shape of line 14, the same action on the other case).
    static func startReviewOfSecondCase(after previous: String, seq: Int = 15) throws -> String {
        let unsigned = Forge.unsigned(previous)
        #expect(unsigned.contains(#""data":{"action":"start-review","case":"AAP-MOB-2026-0001","fields":{},"from":"submitted","to":"in_review"}}"#),
                "\(unsigned)")
        let moved = unsigned.replacingOccurrences(of: "AAP-MOB-2026-0001", with: "AAP-MOB-2026-0002")
        return Forge.settingPrev(Forge.settingSeq(moved, to: seq), to: TestSHA256.hex(previous))
    }

    // MARK: - Edits without recomputing anything: the chain

    @Test("Un octet de la signature de la ligne K changé (sans recalcul) : first_bad_seq == K", arguments: [1, 8, 14])
    func flippedSignatureByte(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        var bytes = Array(lines[seq - 1].utf8)
        let index = bytes.count - 5  // inside the base64 of the signature
        bytes[index] = Tampering.changed(bytes[index])
        lines[seq - 1] = String(decoding: bytes, as: UTF8.self)
        try ws.writeLog(lines, head: false)
        try ws.expectAuditFails(at: seq, events: Self.events)
    }

    // MARK: - Edits with the chain recomputed: the signatures

    @Test("Ligne K supprimée, chaîne et head.json recalculés : la ligne suivante, renumérotée K, n'a plus une signature valide",
          arguments: [2, 7, 13])
    func deletedLineRechained(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines.remove(at: seq - 1)
        let forged = Forge.rechained(lines)
        try ws.writeLog(forged)
        try LogCheck.chain(try ws.logLines())  // the chain alone is perfect
        let actor = try #require(try JSONDoc(parsing: forged[seq - 1])["actor"].string)
        try ws.expectAuditFails(at: seq, events: Self.events - 1,
                                reasonContains: "ligne \(seq) : signature invalide pour la clé de « \(actor) »")
    }

    @Test("Lignes 12 et 13 échangées, chaîne recalculée : first_bad_seq == 12 (signature)")
    func swappedLinesRechained() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines.swapAt(11, 12)
        try ws.writeLog(Forge.rechained(lines))
        try LogCheck.chain(try ws.logLines())
        try ws.expectAuditFails(at: 12, events: Self.events, reasonContains: "ligne 12 : signature invalide pour la clé de « instr.roux »")
    }

    @Test("Ligne insérée en K (rejeu du dépôt de la ligne 12), chaîne recalculée : first_bad_seq == K", arguments: [13, 15])
    func replayedLineInserted(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines.insert(lines[11], at: seq - 1)
        try ws.writeLog(Forge.rechained(lines))
        try LogCheck.chain(try ws.logLines())
        try ws.expectAuditFails(at: seq, events: Self.events + 1, reasonContains: "ligne \(seq) : signature invalide pour la clé de « instr.roux »")
    }

    @Test("Ligne non signée insérée en 13, chaîne recalculée : first_bad_seq == 13, « signature absente »")
    func unsignedLineInserted() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines.insert(Forge.unsigned(lines[12]).replacingOccurrences(of: "Atelier vélo", with: "Atelier vélo bis"), at: 12)
        try ws.writeLog(Forge.rechained(lines))
        try ws.expectAuditFails(at: 13, events: Self.events + 1, reasonContains: "ligne 13 : signature absente")
    }

    @Test("Signature de la ligne K retirée, chaîne recalculée : first_bad_seq == K, « signature absente »", arguments: [1, 9, 14])
    func signatureStripped(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines[seq - 1] = Forge.unsigned(lines[seq - 1])
        try ws.writeLog(Forge.rechained(lines))
        try ws.expectAuditFails(at: seq, events: Self.events, reasonContains: "ligne \(seq) : signature absente")
    }

    // MARK: - Appended lines with a valid chain

    @Test("Témoin : la ligne 15 ajoutée à la main et signée par l'instructeur avec sa clé passe l'audit")
    func appendedLegalSignedLinePasses() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let lines = try ws.logText()
        try ws.appendForged(try Forge.sign(try Self.startReviewOfSecondCase(after: lines[13]), as: Staff.instructor))
        try ws.expectAuditPasses(events: 15)
        #expect(try ws.show("AAP-MOB-2026-0002")["state"].string == "in_review")
    }

    @Test("Ligne 15 ajoutée avec une chaîne valide (prev et head.json recalculés) mais sans signature valide : first_bad_seq == 15",
          arguments: ["sans signature", "clé non enregistrée", "clé d'un autre acteur", "signature d'une autre ligne"])
    func appendedWithoutValidSignature(_ how: String) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let lines = try ws.logText()
        let unsigned = try Self.startReviewOfSecondCase(after: lines[13])
        let line: String
        let reason: String
        switch how {
        case "sans signature":
            (line, reason) = (unsigned, "ligne 15 : signature absente")
        case "clé non enregistrée":
            (line, reason) = (try Forge.sign(unsigned, with: SigningKey()), "ligne 15 : signature invalide pour la clé de « instr.roux »")
        case "clé d'un autre acteur":
            (line, reason) = (try Forge.sign(unsigned, as: Staff.admin), "ligne 15 : signature invalide pour la clé de « instr.roux »")
        default:
            // The signature of line 14 (same actor, same action, other case) pasted onto the new line.
            let signature = String(lines[13][lines[13].range(of: #","sig":""#, options: .backwards)!.lowerBound...])
            (line, reason) = (String(unsigned.dropLast()) + signature, "ligne 15 : signature invalide pour la clé de « instr.roux »")
        }
        try ws.appendForged(line)
        try LogCheck.chain(try ws.logLines())
        let head = try String(contentsOf: ws.store.appendingPathComponent("head.json"), encoding: .utf8)
        #expect(head == #"{"seq":15,"hash":"\#(TestSHA256.hex(line))"}"#)
        try ws.expectAuditFails(at: 15, events: 15, reasonContains: reason)
    }

    // MARK: - A whole log rewritten with a consistent chain

    @Test("Journal entier réécrit (chaque prev et head.json recalculés) avec un montant changé en ligne K : détecté en K par sa signature",
          arguments: [(9, #""envelope_cents":25000000"#, #""envelope_cents":95000000"#),
                      (12, #""amount_requested_cents":3800000"#, #""amount_requested_cents":9800000"#),
                      (13, #""amount_requested_cents":2000000"#, #""amount_requested_cents":2000001"#)])
    func rewrittenLogWithAlteredAmount(_ seq: Int, _ original: String, _ altered: String) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        #expect(lines[seq - 1].contains(original), "\(lines[seq - 1])")
        lines[seq - 1] = lines[seq - 1].replacingOccurrences(of: original, with: altered)
        let forged = Forge.rechained(lines)
        try ws.writeLog(forged)
        try LogCheck.chain(try ws.logLines())
        #expect(try ws.logLines().count == Self.events)
        let actor = try #require(try JSONDoc(parsing: forged[seq - 1])["actor"].string)
        try ws.expectAuditFails(at: seq, events: Self.events, reasonContains: "ligne \(seq) : signature invalide pour la clé de « \(actor) »")
        // Every command that reads the state still works on the chain, but no write goes through the audit's eyes:
        // the audit is what tells the forged amount; the human form names the line too.
        let human = try ws.run(["audit", "verify"])
        #expect(human.code == 65, "\(human)")
        #expect(human.errorLine.hasPrefix("Journal altéré à partir de l'événement \(seq) : ligne \(seq) : signature invalide"), "\(human)")
    }

    @Test("Montant changé en ligne 12 puis la ligne re-signée avec une clé inconnue : first_bad_seq == 12")
    func rewrittenAndResignedWithUnknownKey() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        let altered = Forge.unsigned(lines[11]).replacingOccurrences(of: #""amount_requested_cents":3800000"#, with: #""amount_requested_cents":9800000"#)
        lines[11] = try Forge.sign(altered, with: SigningKey())
        try ws.writeLog(Forge.rechained(lines))
        try ws.expectAuditFails(at: 12, events: Self.events, reasonContains: "ligne 12 : signature invalide pour la clé de « instr.roux »")
    }

    // MARK: - Correctly signed, but illegal

    @Test("Événement correctement signé mais que ses règles refusent : détecté à sa seq par la décision rejouée",
          arguments: ["état", "rôle", "état d'arrivée"])
    func signedButIllegal(_ how: String) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let lines = try ws.logText()
        var unsigned = try Self.startReviewOfSecondCase(after: lines[13])
        let actor: String
        let reason: String
        switch how {
        case "état":
            // -0001 is already in review: start-review is not possible from there.
            unsigned = unsigned.replacingOccurrences(of: "AAP-MOB-2026-0002", with: "AAP-MOB-2026-0001")
            actor = Staff.instructor
            reason = "ligne 15 : action illégale (case.advanced) — Refusé : le dossier AAP-MOB-2026-0001 est « En instruction » ; l'action « start-review » n'est pas possible dans cet état."
        case "rôle":
            // The committee chair, with their own valid key, does the instructor's work.
            unsigned = unsigned.replacingOccurrences(of: #""actor":"instr.roux""#, with: #""actor":"chair.durand""#)
            actor = Staff.chair
            reason = "ligne 15 : action illégale (case.advanced) — Refusé : le dossier AAP-MOB-2026-0002 est « Déposé » ; « chair.durand » n'a pas le rôle"
        default:
            // The right action by the right person, but recorded as landing in another state.
            unsigned = unsigned.replacingOccurrences(of: #""to":"in_review""#, with: #""to":"proposed""#)
            actor = Staff.instructor
            reason = "ligne 15 : l'événement enregistré ne correspond pas à la décision rejouée (case.advanced)"
        }
        let line = try Forge.sign(unsigned, as: actor)
        try ws.appendForged(line)
        var status: Auditor.SignatureStatus?
        _ = try Auditor.replay(FileEventLog(directory: ws.store.path), until: nil, asOf: nil, each: { line, recorded, before in
            if line.seq == 15 { status = Auditor.signatureStatus(of: line, recorded, stateBefore: before) }
        })
        #expect(status == .valid)
        try ws.expectAuditFails(at: 15, events: 15, reasonContains: reason)
    }

    // MARK: - The audit names the position of the damage, never an earlier seq a damaged line claims

    @Test("Ligne K recopiée juste après elle-même (rejeu exact) : first_bad_seq == K + 1, pas K dont la ligne est intacte",
          arguments: [5, 12, 14])
    func duplicatedLine(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines.insert(lines[seq - 1], at: seq)
        try ws.writeLog(lines, head: false)
        try ws.expectAuditFails(at: seq + 1, events: Self.events + 1, reasonContains: "ligne dupliquée ou déplacée : seq \(seq + 1) attendu, \(seq) trouvé")
    }

    @Test("Ligne insérée en 9 qui commence comme la ligne 1 ({\"seq\":1,\"prev\":\"000…\") puis s'interrompt : first_bad_seq == 9")
    func forgedFirstLinePrefix() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines.insert(String(lines[0].prefix(200)), at: 8)
        try ws.writeLog(lines, head: false)
        try ws.expectAuditFails(at: 9, events: Self.events + 1)
    }

    @Test("Événement illégal signé en 15 suivi d'une ligne illisible en 16 : first_bad_seq == 15 (la ligne illisible n'empêche pas de décider les précédentes)")
    func illegalLineBeforeGarbage() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let lines = try ws.logText()
        let illegal = try Self.startReviewOfSecondCase(after: lines[13]).replacingOccurrences(of: "AAP-MOB-2026-0002", with: "AAP-MOB-2026-0001")
        try ws.appendForged(try Forge.sign(illegal, as: Staff.instructor))
        try ws.appendForged("ceci n'est pas une ligne du journal")
        try ws.expectAuditFails(at: 15, events: 16, reasonContains: "ligne 15 : action illégale (case.advanced)")
    }

    // MARK: - What a rewrite from the first line can and cannot do

    @Test("Journal refait depuis la ligne 1 avec les clés du faussaire : l'audit seul ne peut le voir, le point de contrôle signé si (first_bad_seq 1)")
    func regenesisNeedsACheckpoint() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let checkpoint = try ws.okJSON(["audit", "checkpoint"], as: Staff.admin)
        let notePath = try #require(checkpoint["path"].string)
        let verifierKey = try #require(checkpoint["verifier_key"].string)
        let note = try Data(contentsOf: URL(fileURLWithPath: notePath))
        let noteCopy = ws.path("avant.note")
        try note.write(to: noteCopy)

        // The forger replaces every public key by one of their own, changes an amount and signs everything again.
        var lines = try ws.logText()
        var forgerKeys: [String: SigningKey] = [:]
        var publicKeys: [String: String] = [:]
        for actor in [Staff.admin, Staff.manager, Staff.instructor, Staff.chair, Staff.member1] {
            let real = try Forge.key(of: actor)
            let fake = SigningKey()
            forgerKeys[actor] = fake
            publicKeys[real.publicKeyBase64] = fake.publicKeyBase64
        }
        lines[11] = lines[11].replacingOccurrences(of: #""amount_requested_cents":3800000"#, with: #""amount_requested_cents":9800000"#)
        var previous = String(repeating: "0", count: 64)
        var forged: [String] = []
        for line in lines {
            var unsigned = Forge.settingPrev(Forge.unsigned(line), to: previous)
            for (real, fake) in publicKeys { unsigned = unsigned.replacingOccurrences(of: real, with: fake) }
            let actor = try #require(try JSONDoc(parsing: unsigned)["actor"].string)
            let signed = try Forge.sign(unsigned, with: try #require(forgerKeys[actor]))
            forged.append(signed)
            previous = TestSHA256.hex(signed)
        }
        try ws.writeLog(forged)
        try ws.expectAuditPasses(events: Self.events)  // the limit of a self-contained log
        #expect(try ws.okJSON(["case", "show", "AAP-MOB-2026-0001"])["amounts"]["requested_cents"].int == 9_800_000)

        // The checkpoint signed before (kept elsewhere) names another log: first_bad_seq 1.
        for arguments in [["audit", "verify", "--checkpoint", noteCopy.path, "--key", verifierKey, "--json"]] {
            let result = try ws.run(arguments)
            #expect(result.code == 65, "\(result)")
            #expect(try result.json["ok"].bool == false, "\(result)")
            #expect(try result.json["first_bad_seq"].int == 1, "\(result)")
            #expect(try result.json["reason"].string?.hasPrefix("le point de contrôle est celui d'un autre journal") == true, "\(result)")
        }
        // Without the verifier key kept apart, the keys the forged log announces do not verify the note either.
        let result = try ws.run(["audit", "verify", "--checkpoint", noteCopy.path, "--json"])
        #expect(result.code == 65, "\(result)")
        #expect(result.errorLine == "Signature du point de contrôle invalide pour les clés que le journal connaît à son signataire", "\(result)")
    }
}
