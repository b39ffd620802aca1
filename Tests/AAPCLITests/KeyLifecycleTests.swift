import AAPStorage
import Foundation
import Testing

extension Workspace {
    /// A key directory of this workspace holding copies of the tamper store's five private keys, as
    /// `AAP_KEYS`: rotations and broken keys must never touch the key directory the other tests share.
    func privateKeys(_ name: String = "keys") throws -> (url: URL, env: [String: String]) {
        let directory = path(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for actor in [Staff.admin, Staff.manager, Staff.instructor, Staff.chair, Staff.member1] {
            try FileManager.default.copyItem(at: Workspace.keys.appendingPathComponent("\(actor).key"),
                                             to: directory.appendingPathComponent("\(actor).key"))
        }
        return (directory, ["AAP_KEYS": directory.path])
    }

    /// The names and bytes of the files of a directory.
    func files(in directory: URL) -> [String: Data] { snapshot(of: directory) }
}

/// Signing keys over their life: revocation stops an actor's writes, rotation restores them (old
/// lines keep verifying with the old key), and a missing or wrong private key writes nothing.
/// Every test works on a copy of the 14-event tamper store (``SharedStores/tamperBase``) with its own key directory.
@Suite("Confiance : cycle de vie des clés de signature")
struct KeyLifecycleTests {
    static let review = ["case", "advance", "AAP-MOB-2026-0002", "start-review"]

    /// The signature member of a line and the bytes it signs.
    static func signatureParts(_ line: String) throws -> (signed: [UInt8], signature: [UInt8]) {
        let range = try #require(line.range(of: #","sig":""#, options: .backwards))
        let encoded = line[range.upperBound...].dropLast(2)
        let signature = try #require(Data(base64Encoded: String(encoded)))
        return (Array(Forge.unsigned(line).utf8), Array(signature))
    }

    @Test("actor revoke-key : l'acteur ne peut plus écrire (1, rien d'écrit) ; une ligne signée de sa clé révoquée est refusée par l'audit")
    func revokedKeyStopsWrites() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let (_, env) = try ws.privateKeys()
        let revoked = try ws.ok(["actor", "revoke-key", Staff.instructor, "--reason", "Départ du service", "--json"], as: Staff.admin, env: env)
        #expect(try revoked.json["seq"].int == 15)
        let line = try #require(try ws.logText().last)
        #expect(line.contains(#""type":"actor.key_revoked","data":{"actor":"instr.roux","reason":"Départ du service"},"sig":""#), "\(line)")

        let refused = try ws.refused(Self.review, as: Staff.instructor, code: 1, env: env)
        #expect(refused.errorLine == "Refusé : « instr.roux » n'a pas de clé de signature active dans ce magasin (clé révoquée : Départ du service) ; un administrateur peut en enregistrer une (aap actor rotate-key)")
        // Reading is still allowed; the log verifies.
        #expect(try ws.show("AAP-MOB-2026-0002", as: Staff.instructor)["state"].string == "submitted")
        try ws.expectAuditPasses(events: 15)

        // Revoking again, without a reason, or by someone who is not admin: refused, nothing written.
        let again = try ws.refused(["actor", "revoke-key", Staff.instructor, "--reason", "Encore"], as: Staff.admin, code: 1, env: env)
        #expect(again.errorLine == "Refusé : « instr.roux » n'a pas de clé active à révoquer")
        try ws.refused(["actor", "revoke-key", Staff.chair], as: Staff.admin, code: 64, env: env)
        try ws.refused(["actor", "revoke-key", Staff.chair, "--reason", "Conflit"], as: Staff.manager, code: 1, env: env)
        try ws.refused(["actor", "revoke-key", "inconnu.x", "--reason", "Conflit"], as: Staff.admin, code: 65, env: env)

        // A line forged afterwards with the revoked (still secret) key, well chained: named by the audit.
        let previous = try #require(try ws.logText().last)
        let unsigned = try TrustTamperTests.startReviewOfSecondCase(after: try ws.logText()[13], seq: 16)
        try ws.appendForged(try Forge.sign(Forge.settingPrev(unsigned, to: TestSHA256.hex(previous)), as: Staff.instructor))
        try ws.expectAuditFails(at: 16, events: 16, reasonContains: "ligne 16 : « instr.roux » n'avait pas de clé de signature active")
    }

    @Test("actor rotate-key après révocation : l'acteur écrit de nouveau ; les lignes anciennes vérifient avec l'ancienne clé, pas avec la nouvelle")
    func rotationRestoresWrites() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let (keys, env) = try ws.privateKeys()
        let old = try Forge.key(of: Staff.instructor, in: keys)
        try ws.ok(["actor", "revoke-key", Staff.instructor, "--reason", "Clé perdue"], as: Staff.admin, env: env)
        let rotated = try ws.ok(["actor", "rotate-key", Staff.instructor, "--json"], as: Staff.admin, env: env)
        #expect(try rotated.json["seq"].int == 16)
        // The old key is kept aside, never deleted; the new one is the one the log records.
        let new = try Forge.key(of: Staff.instructor, in: keys)
        #expect(new.publicKeyBase64 != old.publicKeyBase64)
        let aside = try String(contentsOf: keys.appendingPathComponent("instr.roux.key.1.old"), encoding: .utf8)
        #expect(aside.trimmingCharacters(in: .whitespacesAndNewlines) == Data(old.seed).base64EncodedString())
        let rotation = try #require(try ws.logText().last)
        #expect(rotation.contains(#""type":"actor.key_rotated","data":{"actor":"instr.roux","public_key":"\#(new.publicKeyBase64)"}"#), "\(rotation)")
        let mode = try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent("instr.roux.key").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        try ws.ok(Self.review, as: Staff.instructor, env: env)
        try ws.expectAuditPasses(events: 17)

        // Lines 12–14 (before the rotation) verify with the old key only; line 17 with the new one only.
        let lines = try ws.logText()
        for seq in [12, 13, 14, 17] {
            let (signed, signature) = try Self.signatureParts(lines[seq - 1])
            let key = seq == 17 ? new : old
            let other = seq == 17 ? old : new
            #expect(SigningKey.verify(signature, of: signed, publicKeyBase64: key.publicKeyBase64), "seq \(seq)")
            #expect(!SigningKey.verify(signature, of: signed, publicKeyBase64: other.publicKeyBase64), "seq \(seq)")
        }
        let history = try #require(try ws.okJSON(["case", "history", "AAP-MOB-2026-0002"]).array)
        #expect(history.map { "\($0["seq"].int ?? 0):\($0["signature"].string ?? "")" } == ["13:valid", "17:valid"])

        // After the rotation, a line signed with the old key is refused at its seq.
        let unsigned = Forge.settingPrev(Forge.settingSeq(Forge.unsigned(lines[16]), to: 18), to: TestSHA256.hex(lines[16]))
        let forged = try Forge.sign(unsigned, with: old)
        try ws.appendForged(forged)
        try ws.expectAuditFails(at: 18, events: 18, reasonContains: "ligne 18 : signature invalide pour la clé de « instr.roux »")
    }

    @Test("Un administrateur qui change sa propre clé signe la rotation avec l'ancienne, puis écrit avec la nouvelle")
    func adminRotatesOwnKey() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let (keys, env) = try ws.privateKeys()
        let old = try Forge.key(of: Staff.admin, in: keys)
        try ws.ok(["actor", "rotate-key", Staff.admin], as: Staff.admin, env: env)
        let new = try Forge.key(of: Staff.admin, in: keys)
        #expect(new.publicKeyBase64 != old.publicKeyBase64)
        let (signed, signature) = try Self.signatureParts(try #require(try ws.logText().last))
        #expect(SigningKey.verify(signature, of: signed, publicKeyBase64: old.publicKeyBase64))
        try ws.ok(["actor", "add", "fin.moreau", "--role", "finance"], as: Staff.admin, env: env)
        try ws.expectAuditPasses(events: 16)
    }

    @Test("Une rotation refusée (pas administrateur, acteur inconnu) laisse le répertoire de clés intact ; l'acteur écrit toujours")
    func refusedRotationLeavesKeys() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let (keys, env) = try ws.privateKeys()
        let before = ws.files(in: keys)
        let refused = try ws.refused(["actor", "rotate-key", Staff.instructor], as: Staff.manager, code: 1, env: env)
        #expect(refused.errorLine == "Refusé : « resp.garcia » n'a pas le rôle administrateur requis pour changer la clé d'un acteur")
        try ws.refused(["actor", "rotate-key", "inconnu.x"], as: Staff.admin, code: 65, env: env)
        #expect(ws.files(in: keys) == before)
        try ws.ok(Self.review, as: Staff.instructor, env: env)
        try ws.expectAuditPasses(events: 15)
    }

    @Test("actor rotate-key --public-key : la clé privée correspondante doit être celle du répertoire ; même clé ou clé invalide : 65")
    func rotationWithGivenPublicKey() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let (keys, env) = try ws.privateKeys()
        let before = ws.files(in: keys)
        let current = try Forge.key(of: Staff.instructor, in: keys)
        let same = try ws.refused(["actor", "rotate-key", Staff.instructor, "--public-key", current.publicKeyBase64], as: Staff.admin, code: 65, env: env)
        #expect(same.errorLine == "La nouvelle clé de « instr.roux » est identique à l'actuelle")
        let invalid = try ws.refused(["actor", "rotate-key", Staff.instructor, "--public-key", "abc"], as: Staff.admin, code: 65, env: env)
        #expect(invalid.errorLine == "Clé publique invalide : base64 d'une clé Ed25519 de 32 octets attendu")

        let fresh = SigningKey()
        try ws.ok(["actor", "rotate-key", Staff.instructor, "--public-key", fresh.publicKeyBase64], as: Staff.admin, env: env)
        #expect(ws.files(in: keys) == before)  // a given public key leaves the directory alone
        // The instructor's directory still holds the old private key: refused until the new one is there.
        let mismatch = try ws.refused(Self.review, as: Staff.instructor, code: 1, env: env)
        #expect(mismatch.errorLine == "Refusé : la clé privée de « instr.roux » dans « \(keys.path) » ne correspond pas à sa clé publique enregistrée")
        try Data((Data(fresh.seed).base64EncodedString() + "\n").utf8).write(to: keys.appendingPathComponent("instr.roux.key"))
        try ws.ok(Self.review, as: Staff.instructor, env: env)
        try ws.expectAuditPasses(events: 16)
    }

    @Test("Écriture sans clé privée : 74 et rien d'écrit (AAP_KEYS vide, --keys vide, fichier illisible)",
          arguments: ["AAP_KEYS", "--keys", "illisible"])
    func missingPrivateKey(_ how: String) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let empty = ws.path("cles-vides")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result: AapResult
        switch how {
        case "AAP_KEYS":
            result = try ws.refused(Self.review, as: Staff.instructor, code: 74, env: ["AAP_KEYS": empty.path])
            #expect(result.errorLine == "Clé privée de « instr.roux » introuvable dans « \(empty.path) » : indiquez son répertoire de clés (--keys ou AAP_KEYS)")
        case "--keys":
            result = try ws.refused(Self.review + ["--keys", empty.path], as: Staff.instructor, code: 74)
            #expect(result.errorLine == "Clé privée de « instr.roux » introuvable dans « \(empty.path) » : indiquez son répertoire de clés (--keys ou AAP_KEYS)")
        default:
            try Data("pas une clé\n".utf8).write(to: empty.appendingPathComponent("instr.roux.key"))
            result = try ws.refused(Self.review, as: Staff.instructor, code: 74, env: ["AAP_KEYS": empty.path])
            #expect(result.errorLine == "Clé privée illisible « \(empty.appendingPathComponent("instr.roux.key").path) »")
        }
        // Nothing written in the log, and no key created for the actor either.
        #expect(try ws.logLines().count == 14)
        if how != "illisible" { #expect(ws.files(in: empty).isEmpty) }
    }

    @Test("Clé privée qui ne correspond pas à la clé publique enregistrée : refus (1), rien d'écrit")
    func mismatchedPrivateKey() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let keys = ws.path("autres-cles")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        // The admin's seed under the instructor's name, then a brand new key.
        for seed in [try Forge.key(of: Staff.admin).seed, SigningKey().seed] {
            try Data((Data(seed).base64EncodedString() + "\n").utf8).write(to: keys.appendingPathComponent("instr.roux.key"))
            let result = try ws.refused(Self.review, as: Staff.instructor, code: 1, env: ["AAP_KEYS": keys.path])
            #expect(result.errorLine == "Refusé : la clé privée de « instr.roux » dans « \(keys.path) » ne correspond pas à sa clé publique enregistrée")
        }
        // A batch by the same actor: refused as a whole.
        let batch = #"["case","advance","AAP-MOB-2026-0002","start-review","--as","instr.roux"]"# + "\n"
        let before = ws.snapshot()
        let result = try ws.run(["batch", "-"], env: ["AAP_KEYS": keys.path], stdin: Data(batch.utf8))
        #expect(result.code == 1, "\(result)")
        #expect(result.stderrIsOneLine && result.errorLine.contains("ne correspond pas à sa clé publique enregistrée"), "\(result)")
        #expect(ws.snapshot() == before)
        try ws.expectAuditPasses(events: 14)
    }
}
