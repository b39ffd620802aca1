import Foundation
import Glibc

/// A person's key directory: one private key file per actor, `<actor>.key`, holding the base64 seed,
/// readable by its owner only. The CLI chooses where it is (`--keys`, `AAP_KEYS`).
public struct KeyDirectory: Sendable {
    public let path: String
    /// Keys made by the command now running, whose events are not written yet, by actor: a later
    /// line of the same batch that the log expects to be signed with one of them is signed with it.
    public var pending: [String: [SigningKey]] = [:]

    public init(path: String) { self.path = path }

    /// The key that signs for the actor when the log expects `publicKey`: a pending key with that
    /// public half, else the directory's key file.
    public func key(for actor: String, matching publicKey: String) throws -> SigningKey? {
        if let made = pending[actor]?.first(where: { $0.publicKeyBase64 == publicKey }) { return made }
        return try key(for: actor)
    }

    public func file(for actor: String) -> String { (path as NSString).appendingPathComponent("\(actor).key") }

    /// The actor's key, or nil when the directory has no key file for them.
    public func key(for actor: String) throws -> SigningKey? {
        let file = file(for: actor)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        guard let data = FileManager.default.contents(atPath: file),
              let text = String(data: data, encoding: .utf8),
              let seed = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), seed.count == 32 else {
            throw StorageError.io("Clé privée illisible « \(file) »")
        }
        return try SigningKey(seed: Array(seed))
    }

    /// Writes a new key file for the actor (mode 0600), atomically (a temporary file linked into
    /// place), and refuses to overwrite one: two processes never leave a half-written key.
    public func store(_ key: SigningKey, for actor: String) throws {
        let file = file(for: actor)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StorageError.io("Impossible de créer le répertoire de clés « \(path) »")
        }
        let temporary = "\(file).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw StorageError.io("Impossible d'écrire la clé privée « \(file) »") }
        defer { unlink(temporary) }
        let bytes = Array((Data(key.seed).base64EncodedString() + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else { throw StorageError.io("Impossible d'écrire la clé privée « \(file) »") }
        guard link(temporary, file) == 0 else {
            if errno == EEXIST { throw StorageError.io("Une clé privée existe déjà pour « \(actor) » dans « \(path) » : elle n'est pas remplacée") }
            throw StorageError.io("Impossible d'écrire la clé privée « \(file) »")
        }
    }

    /// The actor's key from the directory, created there when it has none (a concurrent creator wins).
    public func keyCreatingIfNeeded(for actor: String) throws -> SigningKey {
        if let existing = try key(for: actor) { return existing }
        do {
            let key = SigningKey()
            try store(key, for: actor)
            return key
        } catch {
            if let existing = try self.key(for: actor) { return existing }
            throw error
        }
    }

    /// Saves a key made for a write that is not decided yet, under a name no reader takes for the
    /// actor's key (`<actor>.key.pending-<uuid>`, mode 0600, synced): the private key is on disk
    /// before the event that registers its public half, and is never lost whatever happens next.
    /// ``promote(_:for:retiringCurrent:)`` makes it the actor's key once the write succeeded,
    /// ``discard(_:)`` removes it when the write is refused.
    public func storePending(_ key: SigningKey, for actor: String) throws -> String {
        let name = "\(actor).key.pending-\(UUID().uuidString)"
        try store(key, for: name)
        return (path as NSString).appendingPathComponent(name + ".key")
    }

    /// Makes a pending key file the actor's key, moving the current one aside first when asked.
    public func promote(_ pending: String, for actor: String, retiringCurrent: Bool) throws {
        if retiringCurrent { try retire(for: actor) }
        let file = file(for: actor)
        guard link(pending, file) == 0 else {
            throw StorageError.io("La nouvelle clé privée de « \(actor) » est enregistrée dans le journal mais n'a pas pu prendre sa place « \(file) » : elle est conservée dans « \(pending) », renommez ce fichier")
        }
        unlink(pending)
    }

    /// Removes a pending key file whose write was refused (its public half is in no log).
    public func discard(_ pending: String) {
        unlink(pending)
    }

    /// Moves the actor's key file aside (`<actor>.key.<n>.old`) before a rotation; never deletes it.
    public func retire(for actor: String) throws {
        let file = file(for: actor)
        guard FileManager.default.fileExists(atPath: file) else { return }
        var n = 1
        while FileManager.default.fileExists(atPath: "\(file).\(n).old") { n += 1 }
        do { try FileManager.default.moveItem(atPath: file, toPath: "\(file).\(n).old") } catch {
            throw StorageError.io("Impossible de mettre de côté l'ancienne clé « \(file) »")
        }
    }
}
