import AAPDomain

/// A command with the actor who asks for it (`--as`).
public struct ActorCommand: Sendable, Equatable {
    public let command: Command
    public let actor: String
    public init(_ command: Command, by actor: String) { self.command = command; self.actor = actor }
}

/// A refusal inside a group of commands: which one (0-based) and why. Nothing was written.
public struct BatchRefusal: Error, Sendable, Equatable {
    public let index: Int
    public let refusal: Refusal
    public init(index: Int, refusal: Refusal) { self.index = index; self.refusal = refusal }
}

/// What a successful write recorded, and the state after it.
public struct WriteResult: Sendable {
    public let events: [RecordedEvent]
    public let state: StoreState
    public let head: LogHead
    /// A torn line left by an earlier crash and moved aside before writing.
    public let quarantined: QuarantinedTail?
}

/// The state folded from the log, with the position it was read at.
public struct LoadedStore: Sendable {
    public let state: StoreState
    public let head: LogHead
    public let events: [RecordedEvent]
}
