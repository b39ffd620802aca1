/// The named rules, each a small function that returns why it refuses, or nil when satisfied.
///
/// Workflow files reference rules by name; ``check(_:in:)`` runs one. The switch is exhaustive:
/// a new ``RuleName`` does not build until it is implemented. The rules themselves are grouped by
/// family, one file each: `CallRules`, `SubmissionRules`, `CommitteeRules`, `FundingRules`.
public enum RuleBook {
    /// What can be judged of a rule before its fields are typed, for the actions offered to a
    /// person: a rule that reads no field runs whole; of a rule that reads fields, only the part that
    /// does not (no report still expected); the others wait for the fields.
    public static func checkBeforeFields(_ rule: RuleName, in ctx: RuleContext) -> String? {
        guard rule.readsFields else { return check(rule, in: ctx) }
        switch rule {
        case .reportYear: return reportStillExpected(ctx)
        default: return nil
        }
    }

    /// Runs one rule; returns the French reason for a refusal, or nil.
    public static func check(_ rule: RuleName, in ctx: RuleContext) -> String? {
        switch rule {
        case .datesInOrder: return datesInOrder(ctx)
        case .positiveEnvelope: return positiveEnvelope(ctx)
        case .noCaseAwaitingDecision: return noCaseAwaitingDecision(ctx)
        case .allCasesTerminal: return allCasesTerminal(ctx)
        case .callOpen: return callOpen(ctx)
        case .onTime: return onTime(ctx)
        case .eligibleTerritory: return eligibleTerritory(ctx)
        case .eligibleApplicantKind: return eligibleApplicantKind(ctx)
        case .validIdentifier: return validIdentifier(ctx)
        case .notAboveRequested: return notAboveRequested(ctx)
        case .committeeMemberOfCall: return committeeMemberOfCall(ctx)
        case .noConflict: return noConflict(ctx)
        case .oneScorePerMember: return oneScorePerMember(ctx)
        case .scoredBefore: return scoredBefore(ctx)
        case .quorum: return quorum(ctx)
        case .withinEnvelope: return withinEnvelope(ctx)
        case .separationOfDuties: return separationOfDuties(ctx)
        case .conventionAboveThreshold: return conventionAboveThreshold(ctx)
        case .paidWithinAward: return paidWithinAward(ctx)
        case .balanceAfterEvaluation: return balanceAfterEvaluation(ctx)
        case .recoveryWithinUnspent: return recoveryWithinUnspent(ctx)
        case .settled: return settled(ctx)
        case .recoveredBeforeWithdrawal: return recoveredBeforeWithdrawal(ctx)
        case .multiYearDates: return multiYearDates(ctx)
        case .reportYear: return reportYear(ctx)
        case .allReportsReceived: return allReportsReceived(ctx)
        case .retractionWindow: return retractionWindow(ctx)
        }
    }
}
