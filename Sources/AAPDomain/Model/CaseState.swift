/// A case (dossier) as the log has made it.
public struct CaseState: Sendable, Equatable, Codable {
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
    /// The application's reference in the system it was imported from (`DS-123456`), when it was imported.
    public var externalReference: String?
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
    /// Payments by the year of the tranche they belong to (multi-year grants).
    public var paidByYear: [Int: Money] = [:]
    /// Spending declared by financial report, by year.
    public var spentByYear: [Int: Money] = [:]
    /// The year of the last financial report received.
    public var lastReportedYear: Int?
    /// The years whose report was evaluated.
    public var evaluatedYears: Set<Int> = []
    /// The number of yearly tranches of the award (1 unless the committee spread it over years):
    /// the last value recorded in a field meaning `years`.
    public var years = 1
    /// The first year of a multi-year grant: the last value recorded in a field meaning `first_year`.
    public var firstYear: Int?

    /// The case as its submission made it; `creation` is the id of its workflow's creating action.
    public init(submitted e: CaseSubmitted, by actor: ActorID, initialState: String, creation: String?) {
        id = e.caseID
        call = e.call
        workflow = e.workflow
        state = initialState
        version = 1
        applicant = e.applicant
        title = e.title
        receivedOn = e.receivedOn
        lateReason = e.lateReason
        externalReference = e.externalReference
        amounts.requested = e.amountRequested
        if let creation { actors[creation] = actor }
    }

    /// The years the grant covers, when known.
    public var grantYears: ClosedRange<Int>? {
        guard let first = firstYear else { return nil }
        return first...(first + max(years, 1) - 1)
    }

    /// A year's tranche: the award split evenly, the last year taking the rounding.
    public func tranche(of year: Int) -> Money {
        guard let range = grantYears, range.contains(year) else { return .zero }
        let share = amounts.awarded.cents / Int64(max(years, 1))
        return year == range.upperBound ? Money(cents: amounts.awarded.cents - share * Int64(years - 1)) : Money(cents: share)
    }

    /// What the beneficiary is owed in the end. Single-year: the award, or what was spent if less
    /// once the report is in. Multi-year: for each year, the tranche, or what was spent that year if
    /// less once that year's report is in.
    public var owed: Money {
        guard years > 1, let range = grantYears else { return amounts.owed(reportReceived: reportReceived) }
        return range.reduce(Money.zero) { total, year in
            let tranche = tranche(of: year)
            return total + (spentByYear[year].map { Swift.min(tranche, $0) } ?? tranche)
        }
    }

    /// What may be asked back: what was paid (net) beyond what was spent. For a multi-year grant,
    /// only reported years count: a year's payments are presumed owed until its report arrives.
    public var recoverable: Money {
        guard years > 1, let range = grantYears else { return amounts.recoverable }
        let kept = range.reduce(Money.zero) { total, year in
            total + (spentByYear[year].map { Swift.min(tranche(of: year), $0) } ?? paidByYear[year] ?? .zero)
        }
        return amounts.netPaid - kept
    }

    /// Scores of members who did not declare a conflict, by member.
    public var countedScores: [ActorID: [String: Int]] {
        scores.filter { conflicts[$0.key] == nil }
    }

    /// The mean over counted members of the weighted score (0 to 5), or nil when nobody scored. The
    /// members are summed in id order, so that the same scores give the same double in every process.
    public func weightedScore(criteria: [Criterion]) -> Double? {
        let counted = countedScores
        guard !counted.isEmpty, !criteria.isEmpty else { return nil }
        let totalWeight = criteria.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return nil }
        let perMember = counted.sorted { $0.key < $1.key }.map(\.value).map { scores -> Double in
            let sum = criteria.reduce(0) { $0 + $1.weight * (scores[$1.name] ?? 0) }
            return Double(sum) / Double(totalWeight)
        }
        return perMember.reduce(0, +) / Double(perMember.count)
    }
}

extension CaseState {
    /// The case as rules still read it once it has reached a state no action leaves: who and what
    /// it is, its state and its amounts (an award stays counted in the envelope), without the history
    /// kept for people (fields, scores, conflicts, actors, dates, tranches). Deciding anything gives
    /// the same event or refusal on a state holding this as on one holding the whole case; an audit
    /// of a long log keeps finished cases this way so that its memory follows the open cases.
    public func retired() -> CaseState {
        var slim = self
        slim.fields = [:]
        slim.years = 1
        slim.firstYear = nil
        slim.scores = [:]
        slim.conflicts = [:]
        slim.actors = [:]
        slim.actionFields = [:]
        slim.actionAt = [:]
        slim.paidByYear = [:]
        slim.spentByYear = [:]
        slim.evaluatedYears = []
        slim.lateReason = nil
        slim.title = ""
        return slim
    }
}

extension StoreState {
    /// Keeps the case as ``CaseState/retired()`` when it is in a state no action of its workflow leaves.
    public mutating func retireIfFinished(_ id: CaseID) {
        guard let c = cases[id], let workflow = workflow(c.workflow), workflow.actions(from: c.state).isEmpty else { return }
        cases[id] = c.retired()
    }
}
