/// A command with the actor who asks for it (`--as`).
public struct ActorCommand: Sendable, Equatable {
    public let command: Command
    public let actor: String
    public init(_ command: Command, by actor: String) { self.command = command; self.actor = actor }
}
