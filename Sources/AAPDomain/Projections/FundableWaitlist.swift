/// The waitlist of a call in rank order, with what the remaining envelope allows: going down the
/// list, each case is fundable if its proposed amount fits in what is left after the ones above it.
public struct FundableWaitlist: Sendable, Equatable {
    /// One waitlisted case.
    public struct Entry: Sendable, Equatable {
        public let caseID: CaseID
        public let proposed: Money
        /// What was left of the envelope once the fundable cases above were funded.
        public let remainingBefore: Money
        public let fundable: Bool

        public init(caseID: CaseID, proposed: Money, remainingBefore: Money, fundable: Bool) {
            self.caseID = caseID; self.proposed = proposed; self.remainingBefore = remainingBefore; self.fundable = fundable
        }

        /// What would be missing to fund it.
        public var shortfall: Money { proposed - remainingBefore }
    }

    /// What is left of the envelope before anyone on the list is funded.
    public let remaining: Money
    /// In rank order (unscored waitlisted cases last, in submission order).
    public let entries: [Entry]

    public init(remaining: Money, entries: [Entry]) { self.remaining = remaining; self.entries = entries }

    public init(call: CallState, in state: StoreState, ranking: CallRanking) {
        let ranked = ranking.caseIDs
        let waiting = state.cases(of: call).filter(state.isWaitlisted)
            .sorted { (ranked.firstIndex(of: $0.id) ?? Int.max) < (ranked.firstIndex(of: $1.id) ?? Int.max) }
        remaining = state.remaining(in: call)
        var left = remaining
        entries = waiting.map { c in
            let before = left
            let fits = c.amounts.proposed <= left
            if fits { left = left - c.amounts.proposed }
            return Entry(caseID: c.id, proposed: c.amounts.proposed, remainingBefore: before, fundable: fits)
        }
    }

    public init(call: CallState, in state: StoreState) {
        self.init(call: call, in: state, ranking: CallRanking(call: call, in: state))
    }

    /// The ids of every waitlisted case, in rank order.
    public var caseIDs: [CaseID] { entries.map(\.caseID) }
    /// The ids of the cases the remaining envelope can fund, in rank order.
    public var fundableCaseIDs: [CaseID] { entries.filter(\.fundable).map(\.caseID) }
}
