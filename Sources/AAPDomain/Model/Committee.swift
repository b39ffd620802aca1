/// The selection committee of a call: its chair, members, quorum and, optionally, a vice-chair.
public struct Committee: Sendable, Equatable, Codable {
    public var chair: ActorID
    public var members: [ActorID]
    public var quorum: Int
    /// A member who presides instead of the chair over the cases on which the chair declared a conflict of interest.
    public var viceChair: ActorID?

    public init(chair: ActorID, members: [ActorID], quorum: Int, viceChair: ActorID? = nil) {
        self.chair = chair; self.members = members; self.quorum = quorum; self.viceChair = viceChair
    }

    /// Everyone with a seat: the chair first, then the members.
    public var seats: [ActorID] { [chair] + members.filter { $0 != chair } }

    public func hasSeat(_ actor: ActorID) -> Bool { actor == chair || members.contains(actor) }

    /// Who presides over a case: the chair, or the vice-chair when the chair declared a conflict of
    /// interest on it (nil then when the committee has no vice-chair).
    public func presiding(over c: CaseState?) -> ActorID? {
        guard let c, c.conflicts[chair] != nil else { return chair }
        return viceChair
    }
}
