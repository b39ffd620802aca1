import AAPStorage
import Foundation
import Testing

/// RFC 6962 over the log lines' exact bytes, computed with the tests' own SHA-256 (``TestSHA256``),
/// to check the roots the CLI signs without trusting its Merkle code.
enum IndependentTree {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    static func leaf(_ line: Data) -> [UInt8] { bytes(TestSHA256.hex(Data([0x00]) + line)) }

    static func root(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        switch leaves.count {
        case 0: return bytes(TestSHA256.hex(Data()))
        case 1: return leaves[leaves.startIndex]
        default:
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            let middle = leaves.startIndex + k
            return bytes(TestSHA256.hex(Data([0x01] + root(leaves[..<middle]) + root(leaves[middle...]))))
        }
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

/// `aap audit checkpoint`, `audit verify --checkpoint` and `audit prove` on the 14-event tamper
/// store (``SharedStores/tamperBase``): the note is a C2SP signed note over the RFC 6962 root of the
/// lines' exact bytes; the log must extend it; inclusion proofs check against its root.
@Suite("Confiance : points de contrôle signés, preuves de cohérence et d'inclusion")
struct CheckpointCLITests {
    /// A checkpoint signed by the admin, its note copied outside the store.
    struct Signed {
        let note: String
        let verifierKey: String
        let file: URL
        let checkpoint: Checkpoint
    }

    static func sign(_ ws: Workspace, as actor: String = Staff.admin, copyTo name: String) throws -> Signed {
        let json = try ws.okJSON(["audit", "checkpoint"], as: actor)
        let note = try #require(json["note"].string)
        let verifierKey = try #require(json["verifier_key"].string)
        let path = try #require(json["path"].string)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == note)
        let checkpoint = try #require(Checkpoint.verify(note: note, verifierKey: verifierKey), "\(note)")
        let file = ws.path(name)
        try Data(note.utf8).write(to: file)
        // The leaf hashes written beside the note, copied out with it as an auditor would.
        let leaves = try #require(json["leaves_path"].string)
        #expect(leaves == String(path.dropLast(".note".count)) + ".leaves")
        let kept = ws.path(String(name.dropLast(".note".count)) + ".leaves")
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: leaves), to: kept)
        return Signed(note: note, verifierKey: verifierKey, file: file, checkpoint: checkpoint)
    }

    /// Three more events after the 14 of the base: a third case (15), -0002 in review (16), -0003 in review (17).
    static func threeMoreEvents(_ ws: Workspace) throws {
        #expect(try ws.submit(applicant: "Covoit'Adour", title: "Covoiturage rural", amount: "12 000") == "AAP-MOB-2026-0003")
        try ws.advance("AAP-MOB-2026-0002", "start-review", as: Staff.instructor)
        try ws.advance("AAP-MOB-2026-0003", "start-review", as: Staff.instructor)
    }

    @Test("audit checkpoint --json : note C2SP (origine, 14, racine RFC 6962 des lignes exactes) que sa clé de vérification vérifie")
    func checkpointNote() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let signed = try Self.sign(ws, copyTo: "cp14.note")
        let lines = try ws.logLines()
        let leaves = lines.map(IndependentTree.leaf)
        let root = IndependentTree.root(leaves[...])
        let origin = "aap.local/journal/" + String(TestSHA256.hex(lines[0]).prefix(16))
        #expect(signed.checkpoint == Checkpoint(origin: origin, size: 14, root: root))
        let noteLines = signed.note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(noteLines.prefix(4)) == [origin, "14", IndependentTree.base64(root), ""])
        #expect(noteLines.count == 6 && noteLines[5].isEmpty)
        #expect(noteLines[4].hasPrefix("— admin.dreets "))
        // The verifier key is the admin's registered public key, in the note format.
        let adminKey = try Forge.key(of: Staff.admin)
        #expect(signed.verifierKey == Checkpoint.verifierKey(name: Staff.admin, publicKey: adminKey.publicKey))
        #expect(try String(decoding: ws.logLines()[0], as: UTF8.self).contains(adminKey.publicKeyBase64))
        // The file is kept in the store, named by its size.
        #expect(FileManager.default.fileExists(atPath: ws.store.appendingPathComponent("checkpoints/00000014.note").path))
        // Another key does not verify it; an altered note does not verify.
        #expect(Checkpoint.verify(note: signed.note, verifierKey: Checkpoint.verifierKey(name: Staff.admin, publicKey: SigningKey().publicKey)) == nil)
        #expect(Checkpoint.verify(note: signed.note.replacingOccurrences(of: "\n14\n", with: "\n15\n"), verifierKey: signed.verifierKey) == nil)
    }

    @Test("audit checkpoint : sans --as 64 ; acteur sans clé privée 74 ; acteur inconnu 1 ; rien n'est écrit")
    func checkpointRefusals() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        try ws.refused(["audit", "checkpoint"], code: 64)
        try ws.refused(["audit", "checkpoint"], as: "inconnu.x", code: 1)
        let emptyKeys = ws.path("cles-vides")
        try FileManager.default.createDirectory(at: emptyKeys, withIntermediateDirectories: true)
        try ws.refused(["audit", "checkpoint", "--keys", emptyKeys.path], as: Staff.admin, code: 74)
    }

    @Test("audit verify --checkpoint : le journal prolonge le point de contrôle après 3 événements ; la preuve de cohérence se vérifie en Swift")
    func verifyExtendsCheckpoint() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let first = try Self.sign(ws, copyTo: "cp14.note")
        try Self.threeMoreEvents(ws)
        for key in [[], ["--key", first.verifierKey]] {
            let report = try ws.okJSON(["audit", "verify", "--checkpoint", first.file.path] + key)
            #expect(report["ok"].bool == true)
            #expect(report["events"].int == 17)
            let checkpoint = report["checkpoint"]
            #expect(checkpoint["size"].int == 14)
            #expect(checkpoint["consistent"].bool == true)
            #expect(checkpoint["root"].string == IndependentTree.base64(first.checkpoint.root))
            #expect(checkpoint["verifier_key"].string == first.verifierKey)
            let leaves = try ws.logLines().map(IndependentTree.leaf)
            let now = IndependentTree.root(leaves[...])
            #expect(checkpoint["root_now"].string == IndependentTree.base64(now))
            let proof = try #require(checkpoint["consistency_proof"].strings).map { Array(Data(base64Encoded: $0)!) }
            #expect(proof.count == MerkleTree.consistencyProof(oldSize: 14, leaves[...]).count)
            #expect(MerkleTree.verifyConsistency(oldSize: 14, newSize: 17, oldRoot: first.checkpoint.root, newRoot: now, proof: proof))
            #expect(!MerkleTree.verifyConsistency(oldSize: 14, newSize: 17, oldRoot: IndependentTree.root(leaves[0..<13]), newRoot: now, proof: proof))
        }
        // The same log at the checkpoint's own size: consistent with an empty proof.
        let second = try Self.sign(ws, copyTo: "cp17.note")
        let same = try ws.okJSON(["audit", "verify", "--checkpoint", second.file.path])
        #expect(same["checkpoint"]["consistency_proof"].strings == [])
        #expect(same["checkpoint"]["size"].int == 17)
    }

    @Test("Preuve de cohérence entre deux points de contrôle signés (14 puis 17), vérifiée en Swift avec les racines des deux notes")
    func consistencyBetweenTwoCheckpoints() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let first = try Self.sign(ws, copyTo: "cp14.note")
        try Self.threeMoreEvents(ws)
        let second = try Self.sign(ws, copyTo: "cp17.note")
        #expect(first.checkpoint.origin == second.checkpoint.origin)
        #expect(second.checkpoint.size == 17)
        let report = try ws.okJSON(["audit", "verify", "--checkpoint", first.file.path])
        #expect(report["checkpoint"]["root_now"].string == IndependentTree.base64(second.checkpoint.root))
        let proof = try #require(report["checkpoint"]["consistency_proof"].strings).map { Array(Data(base64Encoded: $0)!) }
        #expect(!proof.isEmpty)
        #expect(MerkleTree.verifyConsistency(oldSize: 14, newSize: 17, oldRoot: first.checkpoint.root, newRoot: second.checkpoint.root, proof: proof))
        // Each altered node of the proof, or the roots swapped, fail.
        for index in proof.indices {
            var altered = proof
            altered[index][0] ^= 0x01
            #expect(!MerkleTree.verifyConsistency(oldSize: 14, newSize: 17, oldRoot: first.checkpoint.root, newRoot: second.checkpoint.root, proof: altered))
        }
        #expect(!MerkleTree.verifyConsistency(oldSize: 14, newSize: 17, oldRoot: second.checkpoint.root, newRoot: first.checkpoint.root, proof: proof))
    }

    @Test("Journal tronqué sous la taille du point de contrôle (head.json recalculé) : audit verify seul passe, --checkpoint donne 65 et first_bad_seq 13")
    func truncatedBelowCheckpoint() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let signed = try Self.sign(ws, copyTo: "cp14.note")
        let lines = try ws.logText()
        try ws.writeLog(Array(lines.prefix(12)))
        try ws.expectAuditPasses(events: 12)
        let result = try ws.run(["audit", "verify", "--checkpoint", signed.file.path, "--json"])
        #expect(result.code == 65, "\(result)")
        let report = try result.json
        #expect(report["ok"].bool == false)
        #expect(report["first_bad_seq"].int == 13, "\(result)")
        #expect(report["reason"].string == "le journal compte 12 événements, moins que les 14 du point de contrôle", "\(result)")
        #expect(result.errorLine == "Journal altéré à partir de l'événement 13 : le journal compte 12 événements, moins que les 14 du point de contrôle")
    }

    @Test("Journal réécrit sous la taille du point de contrôle, chaque ligne re-signée par son acteur : audit verify seul passe, --checkpoint donne 65",
          arguments: [12, 14])
    func rewrittenBelowCheckpoint(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let signed = try Self.sign(ws, copyTo: "cp14.note")
        try Self.threeMoreEvents(ws)
        // Insiders holding every key change line `seq` (an amount, or which case was reviewed) and sign everything again.
        var lines = try ws.logText()
        if seq == 12 {
            lines[11] = lines[11].replacingOccurrences(of: #""amount_requested_cents":3800000"#, with: #""amount_requested_cents":3900000"#)
        } else {
            lines[13] = lines[13].replacingOccurrences(of: "AAP-MOB-2026-0001", with: "AAP-MOB-2026-0002")
            lines[15] = lines[15].replacingOccurrences(of: "AAP-MOB-2026-0002", with: "AAP-MOB-2026-0001")
        }
        var previous = String(repeating: "0", count: 64)
        var forged: [String] = []
        for line in lines {
            let unsigned = Forge.settingPrev(Forge.unsigned(line), to: previous)
            let actor = try #require(try JSONDoc(parsing: unsigned)["actor"].string)
            forged.append(try Forge.sign(unsigned, as: actor))
            previous = TestSHA256.hex(forged.last!)
        }
        #expect(forged.prefix(seq - 1) == lines.prefix(seq - 1)[...])  // nothing changed before the rewritten line
        try ws.writeLog(forged)
        try ws.expectAuditPasses(events: 17)

        // With the leaf hashes kept beside the note (their root is the signed one): the first changed line.
        let result = try ws.run(["audit", "verify", "--checkpoint", signed.file.path, "--json"])
        #expect(result.code == 65, "\(result)")
        let report = try result.json
        #expect(report["ok"].bool == false, "\(result)")
        #expect(report["first_bad_seq"].int == seq, "\(result)")
        #expect(report["reason"].string == "la ligne \(seq) n'est plus celle du point de contrôle signé (taille 14) : le journal ne le prolonge pas", "\(result)")
        let human = try ws.run(["audit", "verify", "--checkpoint", signed.file.path])
        #expect(human.errorLine.hasPrefix("Journal altéré à partir de l'événement \(seq) : "), "\(human)")

        // Leaf hashes that are not the signed tree (altered too) are not believed.
        let leavesFile = URL(fileURLWithPath: CheckpointFilesPath.leaves(signed.file.path))
        var bytes = try Data(contentsOf: leavesFile)
        bytes[0] ^= 0xFF
        try bytes.write(to: leavesFile)
        // Without believable leaf hashes, only the signed root is there: it says the first 14 lines
        // differ, and names no line it cannot locate.
        for _ in 0 ..< 2 {
            let rootOnly = try ws.run(["audit", "verify", "--checkpoint", signed.file.path, "--json"])
            #expect(rootOnly.code == 65, "\(rootOnly)")
            let text = try rootOnly.json["reason"].string ?? ""
            #expect(text.contains("la racine de ses 14 premières lignes diffère"), "\(text)")
            #expect(text.contains("ne peut être située"), "\(text)")
            try? FileManager.default.removeItem(at: leavesFile)
        }
        // And no inclusion proof is given against it.
        let prove = try ws.refused(["audit", "prove", "12", "--checkpoint", signed.file.path], code: 65)
        #expect(prove.errorLine == "Le journal ne prolonge pas le point de contrôle (taille 14) : preuve impossible", "\(prove)")
    }

    @Test("audit prove SEQ --checkpoint : la ligne exacte, sa feuille et un chemin qui se vérifie avec MerkleTree.verifyInclusion",
          arguments: [1, 7, 12, 14])
    func proveSeq(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let signed = try Self.sign(ws, copyTo: "cp14.note")
        try Self.threeMoreEvents(ws)  // the proof is against the checkpoint's tree, not the longer log
        let json = try ws.okJSON(["audit", "prove", String(seq), "--checkpoint", signed.file.path])
        #expect(json["tree_size"].int == 14)
        #expect(json["origin"].string == signed.checkpoint.origin)
        #expect(json["root"].string == IndependentTree.base64(signed.checkpoint.root))
        let proofs = try #require(json["proofs"].array)
        #expect(proofs.count == 1)
        try Self.check(proofs[0], seq: seq, ws: ws, signed: signed)
    }

    @Test("audit prove CASE --checkpoint : une preuve par événement du dossier couvert par le point de contrôle (12 et 14)")
    func proveCase() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let signed = try Self.sign(ws, copyTo: "cp14.note")
        try Self.threeMoreEvents(ws)
        let json = try ws.okJSON(["audit", "prove", "AAP-MOB-2026-0001", "--checkpoint", signed.file.path])
        let proofs = try #require(json["proofs"].array)
        #expect(proofs.map { $0["seq"].int } == [12, 14])
        for proof in proofs { try Self.check(proof, seq: try #require(proof["seq"].int), ws: ws, signed: signed) }
        // -0002 was submitted at 13 and reviewed at 16, after the checkpoint: only 13 is covered.
        let second = try ws.okJSON(["audit", "prove", "AAP-MOB-2026-0002", "--checkpoint", signed.file.path])
        #expect(second["proofs"].array?.map { $0["seq"].int } == [13])
        // -0003 did not exist at 14.
        let none = try ws.refused(["audit", "prove", "AAP-MOB-2026-0003", "--checkpoint", signed.file.path], code: 65)
        #expect(none.errorLine == "Aucun événement du dossier AAP-MOB-2026-0003 n'est couvert par le point de contrôle (1 à 14)", "\(none)")
        for seq in ["15", "0"] {
            let outside = try ws.refused(["audit", "prove", seq, "--checkpoint", signed.file.path], code: 65)
            #expect(outside.errorLine == "L'événement \(seq) n'est pas couvert par le point de contrôle (1 à 14)", "\(outside)")
        }
    }

    static func check(_ proof: JSONDoc, seq: Int, ws: Workspace, signed: Signed, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let line = try ws.logLines()[seq - 1]
        #expect(proof["seq"].int == seq, sourceLocation: sourceLocation)
        #expect(proof["leaf_index"].int == seq - 1, sourceLocation: sourceLocation)
        #expect(proof["line"].string == String(decoding: line, as: UTF8.self), sourceLocation: sourceLocation)
        let leaf = IndependentTree.leaf(line)
        #expect(proof["leaf_hash"].string == IndependentTree.base64(leaf), sourceLocation: sourceLocation)
        let path = try #require(proof["proof"].strings, sourceLocation: sourceLocation).map { Array(Data(base64Encoded: $0)!) }
        #expect(MerkleTree.verifyInclusion(index: seq - 1, size: 14, leafHash: leaf, proof: path, root: signed.checkpoint.root),
                "seq \(seq)", sourceLocation: sourceLocation)
        // The same path does not prove a changed line, nor the line at another place.
        var changed = line
        changed[changed.startIndex + 10] ^= 0x01
        #expect(!MerkleTree.verifyInclusion(index: seq - 1, size: 14, leafHash: IndependentTree.leaf(changed), proof: path, root: signed.checkpoint.root),
                sourceLocation: sourceLocation)
        #expect(!MerkleTree.verifyInclusion(index: seq % 14, size: 14, leafHash: leaf, proof: path, root: signed.checkpoint.root),
                sourceLocation: sourceLocation)
    }

    @Test("audit verify --checkpoint / prove : note illisible, mal formée ou mal signée : 65 ; d'un autre magasin : 65 et first_bad_seq 1")
    func badNotes() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let signed = try Self.sign(ws, copyTo: "cp14.note")
        let missing = try ws.run(["audit", "verify", "--checkpoint", ws.path("absent.note").path])
        #expect(missing.code == 65, "\(missing)")
        #expect(missing.errorLine == "Point de contrôle illisible « \(ws.path("absent.note").path) »", "\(missing)")
        let garbled = ws.path("garbled.note")
        try Data("bonjour\n".utf8).write(to: garbled)
        let malformed = try ws.run(["audit", "verify", "--checkpoint", garbled.path])
        #expect(malformed.code == 65, "\(malformed)")
        #expect(malformed.errorLine.hasPrefix("Point de contrôle mal formé"), "\(malformed)")
        let forged = ws.path("forged.note")
        try Data(signed.note.replacingOccurrences(of: "\n14\n", with: "\n13\n").utf8).write(to: forged)
        for arguments in [["audit", "verify", "--checkpoint", forged.path], ["audit", "prove", "3", "--checkpoint", forged.path]] {
            let result = try ws.run(arguments)
            #expect(result.code == 65, "\(result)")
            #expect(result.errorLine == "Signature du point de contrôle invalide pour les clés que le journal connaît à son signataire", "\(result)")
        }
        // A checkpoint of another store (another first line, so another origin): named at seq 1.
        let other = try Workspace()
        try other.ok(["init", "--admin", "admin.autre"])
        let result = try other.run(["audit", "verify", "--checkpoint", signed.file.path, "--key", signed.verifierKey, "--json"])
        #expect(result.code == 65, "\(result)")
        #expect(try result.json["first_bad_seq"].int == 1, "\(result)")
        #expect(try result.json["reason"].string == "le point de contrôle est celui d'un autre journal (\(signed.checkpoint.origin))", "\(result)")
    }
}

/// The leaf-hash file beside a kept checkpoint note.
enum CheckpointFilesPath {
    static func leaves(_ note: String) -> String {
        (note.hasSuffix(".note") ? String(note.dropLast(".note".count)) : note) + ".leaves"
    }
}
