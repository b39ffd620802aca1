/// An event with the actor who recorded it and when: what a log line holds beside its chain fields.
public struct RecordedEvent: Sendable, Equatable {
    public let seq: Int
    public let at: String
    public let actor: ActorID
    public let event: Event
    public init(seq: Int, at: String, actor: ActorID, event: Event) {
        self.seq = seq; self.at = at; self.actor = actor; self.event = event
    }
}
