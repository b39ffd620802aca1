import Foundation
import Testing
@testable import AAPStorage

/// The signed checkpoint: a C2SP tlog-checkpoint body in a C2SP signed note with an Ed25519
/// signature line, its key id and verifier key computed independently, and every kind of altered
/// note refused.
@Suite("Point de contrôle signé (note C2SP)")
struct CheckpointTests {
    /// A fixed key (seed 0x01…0x20) so that the literal expectations do not depend on chance.
    static let key: SigningKey = try! SigningKey(seed: Array(1...32))
    static let root = Hex.bytes("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
    static let checkpoint = Checkpoint(origin: "aap.local/journal/398aa959bacd3304", size: 8, root: root)

    @Test("Corps : origine, taille, racine base64, chacun suivi d'un saut de ligne")
    func body() {
        #expect(Self.checkpoint.body == "aap.local/journal/398aa959bacd3304\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")
    }

    @Test("Identifiant de clé : les 4 premiers octets de SHA-256(nom ‖ « \\n » ‖ 0x01 ‖ clé publique), calculés indépendamment")
    func keyID() throws {
        let name = "audit.ccomptes"
        let expected = Array(ReferenceSHA256.hash(Array(name.utf8) + [0x0A, 0x01] + Self.key.publicKey).prefix(4))
        #expect(Checkpoint.keyID(name: name, publicKey: Self.key.publicKey) == expected)
        let verifier = Checkpoint.verifierKey(name: name, publicKey: Self.key.publicKey)
        #expect(verifier == "\(name)+\(Hex.of(expected))+\(Data([0x01] + Self.key.publicKey).base64EncodedString())")
        let parsed = try #require(Checkpoint.parseVerifierKey(verifier))
        #expect(parsed.name == name)
        #expect(parsed.keyID == expected)
        #expect(parsed.publicKey == Self.key.publicKey)
        // A verifier key whose id does not match its key, or malformed, is refused.
        let wrongID = "\(name)+00000000+\(Data([0x01] + Self.key.publicKey).base64EncodedString())"
        for text in [wrongID, "\(name)+\(Hex.of(expected))", "+\(Hex.of(expected))+AAAA", "\(name)+\(Hex.of(expected))+\(Data([0x02] + Self.key.publicKey).base64EncodedString())"] {
            #expect(Checkpoint.parseVerifierKey(text) == nil, "\(text)")
        }
    }

    @Test("Note signée : corps, ligne vide, « — nom base64(id ‖ signature) » ; la clé de vérification la vérifie")
    func signedNoteVerifies() throws {
        let name = "audit.ccomptes"
        let note = try Self.checkpoint.signedNote(name: name, key: Self.key)
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6)
        #expect(lines[0] == "aap.local/journal/398aa959bacd3304")
        #expect(lines[1] == "8")
        #expect(lines[3] == "")
        #expect(lines[5] == "")
        #expect(lines[4].hasPrefix("— \(name) "))
        let blob = try #require(Data(base64Encoded: String(lines[4].dropFirst("— \(name) ".count))))
        #expect(blob.count == 68)
        #expect(Array(blob.prefix(4)) == Checkpoint.keyID(name: name, publicKey: Self.key.publicKey))
        // The signature is Ed25519 over the body exactly.
        #expect(SigningKey.verify(Array(blob.dropFirst(4)), of: Array(Self.checkpoint.body.utf8), publicKeyBase64: Self.key.publicKeyBase64))

        let verifier = Checkpoint.verifierKey(name: name, publicKey: Self.key.publicKey)
        #expect(Checkpoint.verify(note: note, verifierKey: verifier) == Self.checkpoint)
        let parsed = try #require(Checkpoint.parse(note: note))
        #expect(parsed.checkpoint == Self.checkpoint)
        #expect(parsed.signatures.count == 1)
    }

    @Test("Note altérée ou vérifiée avec une autre clé : refusée", arguments: [
        "taille", "racine", "origine", "signature", "nom du signataire", "clé d'un autre", "sans signature", "sans ligne vide", "ligne ajoutée au corps",
    ])
    func tamperedNoteRefused(_ how: String) throws {
        let name = "audit.ccomptes"
        let note = try Self.checkpoint.signedNote(name: name, key: Self.key)
        var verifier = Checkpoint.verifierKey(name: name, publicKey: Self.key.publicKey)
        var altered = note
        switch how {
        case "taille": altered = note.replacingOccurrences(of: "\n8\n", with: "\n9\n")
        case "racine": altered = note.replacingOccurrences(of: "XcnaeacG", with: "XcnaeacH")
        case "origine": altered = note.replacingOccurrences(of: "398aa959", with: "398aa95a")
        case "signature":
            var lines = note.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var blob = Array(Data(base64Encoded: String(lines[4].dropFirst("— \(name) ".count)))!)
            blob[40] ^= 0x01
            lines[4] = "— \(name) " + Data(blob).base64EncodedString()
            altered = lines.joined(separator: "\n")
        case "nom du signataire": altered = note.replacingOccurrences(of: "— \(name) ", with: "— audit.autre ")
        case "clé d'un autre": verifier = Checkpoint.verifierKey(name: name, publicKey: SigningKey().publicKey)
        case "sans signature": altered = Self.checkpoint.body + "\n"
        case "sans ligne vide": altered = note.replacingOccurrences(of: "\n\n", with: "\n")
        default: altered = note.replacingOccurrences(of: "\n\n", with: "\nextension\n\n")
        }
        #expect(Checkpoint.verify(note: altered, verifierKey: verifier) == nil, "\(altered)")
    }

    @Test("Le point de contrôle d'un journal réel : racine RFC 6962 des lignes exactes, origine tirée de la ligne 1")
    func checkpointOfARealLog() throws {
        try LogTestDirectory.with { dir in
            let log = try FileEventLog.create(directory: dir.store)
            let records = (1...5).map { n in NewRecord(at: "2026-06-15T10:00:00Z", actor: "admin.dreets", type: "test.event", data: Array(#"{"n":\#(n)}"#.utf8)) }
            try log.withWriteLock { session in _ = try session.append(records, signer: nil) }
            let lines = try log.readLines()
            let tree = try LogTree(reading: log)
            #expect(tree.size == 5)
            let reference = ReferenceTree(lines.map(\.bytes))
            #expect(tree.root(size: 5) == reference.mth(0, 5))
            #expect(tree.root(size: 3) == reference.mth(0, 3))
            #expect(tree.origin == "aap.local/journal/" + String(Hex.of(ReferenceSHA256.hash(lines[0].bytes)).prefix(16)))
            #expect(tree.checkpoint == Checkpoint(origin: tree.origin, size: 5, root: reference.mth(0, 5)))
            for seq in 1...5 {
                #expect(tree.inclusionProof(seq: seq, size: 5) == reference.path(seq - 1, 0, 5))
            }
            #expect(tree.consistencyProof(oldSize: 3) == reference.proof(3, 5))
        }
    }
}
