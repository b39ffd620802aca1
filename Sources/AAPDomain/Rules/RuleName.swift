/// The named rules a workflow file may reference; each is implemented in Swift (see ``RuleBook``).
public enum RuleName: String, Sendable, CaseIterable, Codable {
    // Calls.
    case datesInOrder = "dates_in_order"
    case positiveEnvelope = "positive_envelope"
    case noCaseAwaitingDecision = "no_case_awaiting_decision"
    case allCasesTerminal = "all_cases_terminal"
    // Submission.
    case callOpen = "call_open"
    case onTime = "on_time"
    case eligibleTerritory = "eligible_territory"
    case eligibleApplicantKind = "eligible_applicant_kind"
    case validIdentifier = "valid_identifier"
    // Review and committee.
    case notAboveRequested = "not_above_requested"
    case committeeMemberOfCall = "committee_member_of_call"
    case noConflict = "no_conflict"
    case oneScorePerMember = "one_score_per_member"
    case scoredBefore = "scored_before"
    case quorum
    case withinEnvelope = "within_envelope"
    case separationOfDuties = "separation_of_duties"
    // Funding.
    case conventionAboveThreshold = "convention_above_threshold"
    case paidWithinAward = "paid_within_award"
    case balanceAfterEvaluation = "balance_after_evaluation"
    case recoveryWithinUnspent = "recovery_within_unspent"
    case settled
    case recoveredBeforeWithdrawal = "recovered_before_withdrawal"
    case multiYearDates = "multi_year_dates"
    case reportYear = "report_year"
    case allReportsReceived = "all_reports_received"
    case retractionWindow = "retraction_window"

    /// Whether the rule looks at the values the action records; the others can be checked
    /// before anyone types a field, to tell which actions are really possible now.
    public var readsFields: Bool {
        switch self {
        case .notAboveRequested, .withinEnvelope, .conventionAboveThreshold, .paidWithinAward,
             .balanceAfterEvaluation, .recoveryWithinUnspent, .eligibleTerritory, .eligibleApplicantKind,
             .validIdentifier, .onTime, .multiYearDates, .reportYear:
            true
        case .datesInOrder, .positiveEnvelope, .noCaseAwaitingDecision, .allCasesTerminal, .callOpen,
             .committeeMemberOfCall, .noConflict, .oneScorePerMember, .scoredBefore, .quorum, .separationOfDuties, .settled,
             .recoveredBeforeWithdrawal, .allReportsReceived, .retractionWindow:
            false
        }
    }

    /// The kind of workflow whose actions may use the rule.
    public var appliesTo: WorkflowKind {
        switch self {
        case .datesInOrder, .positiveEnvelope, .noCaseAwaitingDecision, .allCasesTerminal: .call
        case .callOpen, .onTime, .eligibleTerritory, .eligibleApplicantKind, .validIdentifier,
             .notAboveRequested, .committeeMemberOfCall, .noConflict, .oneScorePerMember, .scoredBefore, .quorum,
             .withinEnvelope, .separationOfDuties, .conventionAboveThreshold, .paidWithinAward,
             .balanceAfterEvaluation, .recoveryWithinUnspent, .settled, .recoveredBeforeWithdrawal,
             .multiYearDates, .reportYear, .allReportsReceived, .retractionWindow: .case
        }
    }
}
