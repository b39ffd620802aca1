import AAPDomain

/// `aap report committee --json`: the committee's minutes, case by case.
struct CommitteeMinutesOutput: Encodable {
    /// A member who recused themselves from a case.
    struct Conflict: Encodable {
        let member: String
        let reason: String
    }

    /// A decision of the committee on a case.
    struct Decision: Encodable {
        let seq: Int
        let at: String
        let actor: String
        let action: String
        let to: String
        @Nullable var awardedCents: Money?
        @Nullable var reason: String?
    }

    /// One case before the committee.
    struct Case: Encodable {
        let `case`: String
        let title: String
        let applicant: String
        let state: String
        let requestedCents: Money
        let proposedCents: Money
        @Nullable var opinion: String?
        let conflicts: [Conflict]
        let scores: ScoresOutput
        @Nullable var weightedScore: Double?
        let scorers: Int
        let quorumReached: Bool
        let decisions: [Decision]
        /// Who presides over the case: the chair, or the vice-chair when the chair declared a conflict
        /// (null when the chair did and the committee has no vice-chair, or without a committee).
        @Nullable var presiding: String?
    }

    let call: String
    let title: String
    @Nullable var committee: CommitteeOutput?
    let criteria: [CriterionOutput]
    let envelopeCents: Money
    let awardedCents: Money
    let remainingCents: Money
    let cases: [Case]
}
