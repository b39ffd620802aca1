/// One accepted command of a list: its place in the list, its actor, the event it records.
public struct Decision: Sendable, Equatable {
    public let index: Int
    public let actor: ActorID
    public let event: Event
    public init(index: Int, actor: ActorID, event: Event) { self.index = index; self.actor = actor; self.event = event }
}
