/// A registered actor and the roles the log has given them.
public struct ActorRecord: Sendable, Equatable {
    public let id: ActorID
    public var name: String?
    public var roles: Set<Role>

    public init(id: ActorID, name: String?, roles: Set<Role>) { self.id = id; self.name = name; self.roles = roles }

    /// The name to show, falling back on the id.
    public var displayName: String { name ?? id.value }
}
