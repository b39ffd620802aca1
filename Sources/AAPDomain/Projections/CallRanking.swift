/// The scored cases of a call, best weighted score first (ties by submission order).
public struct CallRanking: Sendable, Equatable {
    /// One ranked case.
    public struct Entry: Sendable, Equatable {
        public let caseID: CaseID
        /// The mean weighted score of the members without a conflict, 0 to 5.
        public let weightedScore: Double
        public let award: AwardStatus

        public init(caseID: CaseID, weightedScore: Double, award: AwardStatus) {
            self.caseID = caseID; self.weightedScore = weightedScore; self.award = award
        }
    }

    /// Best first; the rank of an entry is its index plus one.
    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The ranking of the call's cases as the state has them.
    public init(call: CallState, in state: StoreState) {
        let scored = state.cases(of: call).enumerated().compactMap { index, c -> (index: Int, c: CaseState, score: Double)? in
            c.weightedScore(criteria: call.criteria).map { (index, c, $0) }
        }
        let sorted = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        entries = sorted.map { Entry(caseID: $0.c.id, weightedScore: $0.score, award: AwardStatus(of: $0.c, in: state)) }
    }

    /// The ids in rank order.
    public var caseIDs: [CaseID] { entries.map(\.caseID) }
}
