import AAPDomain
import AAPStorage
import Foundation

/// Reading, writing and checking the signed checkpoints of a store.
enum CheckpointFiles {
    /// The note in a file (exit 65 when unreadable or malformed).
    static func read(_ path: String) throws -> (text: String, checkpoint: Checkpoint, signatures: [Checkpoint.NoteSignature]) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure(.data, "Point de contrôle illisible « \(path) »")
        }
        guard let (checkpoint, signatures) = Checkpoint.parse(note: text) else {
            throw CLIFailure(.data, "Point de contrôle mal formé « \(path) » : note signée C2SP attendue (origine, taille, racine, ligne vide, signatures)")
        }
        return (text, checkpoint, signatures)
    }

    /// Checks the note's signature with the verifier key given, else with a key the signer had in the log.
    static func verifiedCheckpoint(_ note: String, signatures: [Checkpoint.NoteSignature], verifierKey: String?, events: [RecordedEvent]) throws -> (Checkpoint, String) {
        var candidates: [String] = []
        if let verifierKey {
            candidates = [verifierKey]
        } else {
            for signature in signatures {
                for key in publicKeys(of: signature.name, in: events) {
                    guard let raw = Data(base64Encoded: key) else { continue }
                    candidates.append(Checkpoint.verifierKey(name: signature.name, publicKey: Array(raw)))
                }
            }
        }
        for candidate in candidates {
            if let checkpoint = Checkpoint.verify(note: note, verifierKey: candidate) { return (checkpoint, candidate) }
        }
        throw CLIFailure(.data, "Signature du point de contrôle invalide" + (verifierKey == nil ? " pour les clés que le journal connaît à son signataire" : " pour la clé de vérification donnée"))
    }

    /// Every public key an actor held in the log, newest first.
    static func publicKeys(of name: String, in events: [RecordedEvent]) -> [String] {
        var keys: [String] = []
        for recorded in events {
            switch recorded.event {
            case .actorRegistered(let e) where e.actor.value == name: if let key = e.publicKey { keys.append(key) }
            case .actorKeyRotated(let e) where e.actor.value == name: keys.append(e.publicKey)
            default: break
            }
        }
        return keys.reversed()
    }

    /// Writes the note into the store's checkpoint folder (``StoreAddress/checkpointFolder``), and
    /// beside it the leaf hashes of the tree it signs (``leavesPath(forNote:)``), each atomically.
    static func save(_ note: String, size: Int, leaves: ArraySlice<MerkleTree.Hash>, store: StoreAddress) throws -> (note: String, leaves: String) {
        let folder = store.checkpointFolder
        let path = (folder as NSString).appendingPathComponent(String(format: "%08d.note", size))
        let leavesPath = leavesPath(forNote: path)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(leaves.joined()).write(to: URL(fileURLWithPath: leavesPath), options: .atomic)
            try Data(note.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIFailure(.io, "Impossible d'écrire le point de contrôle « \(path) »")
        }
        return (path, leavesPath)
    }

    /// Where the leaf hashes of a checkpoint are kept: beside its note, `00000142.note` →
    /// `00000142.leaves` (32 bytes per line, in order). The auditor keeps both outside the store.
    static func leavesPath(forNote path: String) -> String {
        (path.hasSuffix(".note") ? String(path.dropLast(".note".count)) : path) + ".leaves"
    }

    /// The leaf hashes kept beside a checkpoint's note, when they are there and are the tree the
    /// note signs (their RFC 6962 root is the signed root): only then can they say which line changed.
    static func signedLeaves(forNote path: String, checkpoint: Checkpoint) -> [MerkleTree.Hash]? {
        guard let data = FileManager.default.contents(atPath: leavesPath(forNote: path)),
              data.count == checkpoint.size * 32 else { return nil }
        let bytes = Array(data)
        let leaves = stride(from: 0, to: bytes.count, by: 32).map { Array(bytes[$0 ..< $0 + 32]) }
        return MerkleTree.root(leaves[...]) == checkpoint.root ? leaves : nil
    }
}

extension MerkleTree.Hash {
    var base64: String { Data(self).base64EncodedString() }
}
