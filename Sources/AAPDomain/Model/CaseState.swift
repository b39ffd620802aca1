/// A case (dossier) as the log has made it.
public struct CaseState: Sendable, Equatable {
    public let id: CaseID
    public let call: CallID
    public let workflow: WorkflowRef
    public var state: String
    /// The number of events of this case.
    public var version: Int
    public var applicant: Applicant
    public var title: String
    public var receivedOn: CalendarDate
    public var lateReason: String?
    public var amounts = Amounts()
    /// The latest value of every field recorded by an action.
    public var fields: [String: FieldValue] = [:]
    /// Scores by committee member, then by criterion.
    public var scores: [ActorID: [String: Int]] = [:]
    /// Conflicts of interest declared, by member, with their reason.
    public var conflicts: [ActorID: String] = [:]
    /// The last actor of each action taken on the case.
    public var actors: [String: ActorID] = [:]
    /// The fields recorded by the last occurrence of each action.
    public var actionFields: [String: Fields] = [:]
    /// When (the log's `at`) each action was last recorded, when known.
    public var actionAt: [String: String] = [:]
    /// Whether a financial report has been received.
    public var reportReceived = false

    public init(submitted e: CaseSubmitted, by actor: ActorID, initialState: String) {
        id = e.caseID
        call = e.call
        workflow = e.workflow
        state = initialState
        version = 1
        applicant = e.applicant
        title = e.title
        receivedOn = e.receivedOn
        lateReason = e.lateReason
        amounts.requested = e.amountRequested
        actors["submit"] = actor
    }

    /// Scores of members who did not declare a conflict, by member.
    public var countedScores: [ActorID: [String: Int]] {
        scores.filter { conflicts[$0.key] == nil }
    }

    /// The mean over counted members of the weighted score (0 to 5), or nil when nobody scored.
    public func weightedScore(criteria: [Criterion]) -> Double? {
        let counted = countedScores
        guard !counted.isEmpty, !criteria.isEmpty else { return nil }
        let totalWeight = criteria.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return nil }
        let perMember = counted.values.map { scores -> Double in
            let sum = criteria.reduce(0) { $0 + $1.weight * (scores[$1.name] ?? 0) }
            return Double(sum) / Double(totalWeight)
        }
        return perMember.reduce(0, +) / Double(perMember.count)
    }
}
