/// The selection committee of a call: its chair, members and quorum.
public struct Committee: Sendable, Equatable, Codable {
    public var chair: ActorID
    public var members: [ActorID]
    public var quorum: Int

    public init(chair: ActorID, members: [ActorID], quorum: Int) { self.chair = chair; self.members = members; self.quorum = quorum }

    /// Everyone with a seat: the chair first, then the members.
    public var seats: [ActorID] { [chair] + members.filter { $0 != chair } }

    public func hasSeat(_ actor: ActorID) -> Bool { actor == chair || members.contains(actor) }
}
