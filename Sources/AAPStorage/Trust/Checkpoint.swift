import Crypto
import Foundation

/// A signed checkpoint of the log: a C2SP tlog-checkpoint body (origin, tree size, base64 RFC 6962
/// root over the lines' exact bytes) in a C2SP signed note with Ed25519 signature lines, so that
/// independent implementations (e.g. Go's golang.org/x/mod/sumdb/note and tlog) verify it.
public struct Checkpoint: Sendable, Equatable {
    public let origin: String
    public let size: Int
    public let root: [UInt8]

    public init(origin: String, size: Int, root: [UInt8]) { self.origin = origin; self.size = size; self.root = root }

    /// The signed text: three lines, each ending with a newline.
    public var body: String { "\(origin)\n\(size)\n\(Data(root).base64EncodedString())\n" }

    /// The note signed by `key` under the key name `name`.
    public func signedNote(name: String, key: SigningKey) throws -> String {
        let signature = try key.sign(Array(body.utf8))
        let blob = Self.keyID(name: name, publicKey: key.publicKey) + signature
        return body + "\n" + "— \(name) \(Data(blob).base64EncodedString())\n"
    }

    /// The 4-byte key id of the signed-note spec: SHA-256(name || "\n" || 0x01 || public key)[0..<4].
    public static func keyID(name: String, publicKey: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, 0x01] + publicKey)
        return Array(Array(hasher.finalize()).prefix(4))
    }

    /// The verifier key text `<name>+<hex key id>+<base64(0x01 || public key)>`.
    public static func verifierKey(name: String, publicKey: [UInt8]) -> String {
        let id = keyID(name: name, publicKey: publicKey).map { String(format: "%02x", $0) }.joined()
        return "\(name)+\(id)+\(Data([0x01] + publicKey).base64EncodedString())"
    }

    /// Parses a verifier key into its name, key id and raw public key.
    public static func parseVerifierKey(_ text: String) -> (name: String, keyID: [UInt8], publicKey: [UInt8])? {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[1].count == 8,
              let raw = Data(base64Encoded: String(parts[2])), raw.count == 33, raw.first == 0x01 else { return nil }
        var id: [UInt8] = []
        var index = parts[1].startIndex
        while index < parts[1].endIndex {
            let next = parts[1].index(index, offsetBy: 2)
            guard let byte = UInt8(parts[1][index ..< next], radix: 16) else { return nil }
            id.append(byte)
            index = next
        }
        let publicKey = Array(raw.dropFirst())
        guard keyID(name: String(parts[0]), publicKey: publicKey) == id else { return nil }
        return (String(parts[0]), id, publicKey)
    }

    /// One signature line of a note.
    public struct NoteSignature: Sendable, Equatable {
        public let name: String
        public let keyID: [UInt8]
        public let signature: [UInt8]
    }

    /// Parses a signed note into its checkpoint and signature lines; nil when malformed.
    public static func parse(note: String) -> (checkpoint: Checkpoint, signatures: [NoteSignature])? {
        guard let split = note.range(of: "\n\n") else { return nil }
        let body = String(note[..<split.lowerBound]) + "\n"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count >= 3, !lines[0].isEmpty, let size = Int(lines[1]), size >= 0, String(size) == lines[1],
              let root = Data(base64Encoded: String(lines[2])), root.count == 32 else { return nil }
        var signatures: [NoteSignature] = []
        for line in note[split.upperBound...].split(separator: "\n") {
            guard line.hasPrefix("— ") else { return nil }
            let fields = line.dropFirst(2).split(separator: " ")
            guard fields.count == 2, let blob = Data(base64Encoded: String(fields[1])), blob.count == 68 else { return nil }
            signatures.append(NoteSignature(name: String(fields[0]), keyID: Array(blob.prefix(4)), signature: Array(blob.dropFirst(4))))
        }
        guard !signatures.isEmpty else { return nil }
        let checkpoint = Checkpoint(origin: String(lines[0]), size: size, root: Array(root))
        guard checkpoint.body == body else { return nil }
        return (checkpoint, signatures)
    }

    /// Whether the note carries a valid signature by the verifier key.
    public static func verify(note: String, verifierKey: String) -> Checkpoint? {
        guard let (checkpoint, signatures) = parse(note: note), let key = parseVerifierKey(verifierKey),
              let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey) else { return nil }
        let signed = signatures.contains { s in
            s.name == key.name && s.keyID == key.keyID && publicKey.isValidSignature(s.signature, for: Array(checkpoint.body.utf8))
        }
        return signed ? checkpoint : nil
    }
}
