/// A registered actor and the roles the log has given them.
public struct ActorRecord: Sendable, Equatable, Codable {
    public let id: ActorID
    public var name: String?
    public var roles: Set<Role>
    /// The public key the actor's lines must be signed with now; nil when none or revoked.
    public var publicKey: String?
    /// Why the key was revoked, when it was.
    public var revocation: String?

    public init(id: ActorID, name: String?, roles: Set<Role>, publicKey: String? = nil) {
        self.id = id; self.name = name; self.roles = roles; self.publicKey = publicKey
    }

    /// The name to show, falling back on the id.
    public var displayName: String { name ?? id.value }
}
