/// Running totals over a call's cases, kept by evolve so that no rule and no view rescans the call.
///
/// Each case contributes once: to the number of cases, to the count of its state, to the sum of
/// awards when its state holds its award (counted against the envelope), and to the sums paid and
/// recovered. Evolve takes a case's contribution out before an event changes it and puts it back
/// after, so an event costs the same whatever the size of the call.
public struct CallTotals: Sendable, Equatable, Codable {
    /// How many cases were submitted to the call.
    public var cases = 0
    /// How many cases are in each state (states with no case are absent).
    public var casesByState: [String: Int] = [:]
    /// The sum of `amounts.awarded` over the cases whose state holds its award.
    public var awarded = Money.zero
    /// The sum of `amounts.paid` over every case.
    public var paid = Money.zero
    /// The sum of `amounts.recovered` over every case.
    public var recovered = Money.zero

    public init() {}

    /// Counts `c` in, its award included when `holdsAward` (its state keeps it in the envelope).
    public mutating func add(_ c: CaseState, holdsAward: Bool) {
        count(c, holdsAward: holdsAward, sign: 1)
    }

    /// Takes `c` out, as ``add(_:holdsAward:)`` counted it in.
    public mutating func remove(_ c: CaseState, holdsAward: Bool) {
        count(c, holdsAward: holdsAward, sign: -1)
    }

    private mutating func count(_ c: CaseState, holdsAward: Bool, sign: Int) {
        func signed(_ amount: Money) -> Money { sign > 0 ? amount : .zero - amount }
        cases += sign
        let inState = casesByState[c.state, default: 0] + sign
        casesByState[c.state] = inState == 0 ? nil : inState
        if holdsAward { awarded = awarded + signed(c.amounts.awarded) }
        paid = paid + signed(c.amounts.paid)
        recovered = recovered + signed(c.amounts.recovered)
    }

    /// The states that hold cases, with their counts, in the order of `workflow`'s states; states the
    /// workflow does not name come after, by id.
    public func counts(inOrderOf workflow: WorkflowDefinition?, where include: (String) -> Bool) -> [(state: String, count: Int)] {
        let known = workflow?.states.map(\.id) ?? []
        let unknown = casesByState.keys.filter { !known.contains($0) }.sorted()
        return (known + unknown).compactMap { id in
            guard let n = casesByState[id], include(id) else { return nil }
            return (id, n)
        }
    }
}
