import AAPDomain

/// `aap case show --json`: a case's applicant, amounts, scores, fields, tranches and the actions open to the actor.
struct CaseOutput: Encodable {
    /// The applicant; SIRET and RNA only when known.
    struct Applicant: Encodable {
        let name: String
        let kind: String
        let siret: String?
        let rna: String?
        let departement: String
    }

    /// The amounts of the case, in cents.
    struct Amounts: Encodable {
        let requestedCents: Money
        let proposedCents: Money
        let awardedCents: Money
        let paidCents: Money
        let spentCents: Money
        let recoveredCents: Money
    }

    /// One year of a multi-year grant.
    struct Tranche: Encodable {
        let year: Int
        let trancheCents: Money
        let paidCents: Money
        @Nullable var spentCents: Money?
        let evaluated: Bool
    }

    let id: String
    let call: String
    let workflow: String
    let workflowVersion: Int
    let state: String
    let stateLabel: String
    let version: Int
    let applicant: Applicant
    let title: String
    let receivedOn: String
    /// The reference in the system the case was imported from (`DS-123456`); absent when it was not imported.
    let externalReference: String?
    let amounts: Amounts
    let scores: ScoresOutput
    @Nullable var weightedScore: Double?
    let conflicts: KeyedValues<String>
    let fields: FieldsOutput
    let years: Int
    let tranches: [Tranche]
    let nextActions: [String]
    /// Every step the case's state allows, with who may take it (``NextStepOutput``).
    let nextSteps: [NextStepOutput]

    init(_ c: CaseState, in state: StoreState, actor: ActorID?) {
        let criteria = state.calls[c.call]?.criteria ?? []
        let amounts = c.amounts
        id = c.id.value
        call = c.call.value
        workflow = c.workflow.id
        workflowVersion = c.workflow.version
        self.state = c.state
        stateLabel = state.stateLabel(of: c)
        version = c.version
        applicant = Applicant(name: c.applicant.name, kind: c.applicant.kind.rawValue, siret: c.applicant.siret?.value,
                              rna: c.applicant.rna?.value, departement: c.applicant.departement.code)
        title = c.title
        receivedOn = c.receivedOn.iso
        externalReference = c.externalReference
        self.amounts = Amounts(requestedCents: amounts.requested, proposedCents: amounts.proposed, awardedCents: amounts.awarded,
                               paidCents: amounts.paid, spentCents: amounts.spent, recoveredCents: amounts.recovered)
        scores = ScoresOutput(c.scores)
        weightedScore = c.weightedScore(criteria: criteria)
        conflicts = KeyedValues(c.conflicts.keys.sorted().map { (key: $0.value, value: c.conflicts[$0] ?? "") })
        fields = FieldsOutput(c.fields)
        years = c.years
        tranches = (c.years > 1 ? c.grantYears.map(Array.init) ?? [] : []).map { year in
            Tranche(year: year, trancheCents: c.tranche(of: year), paidCents: c.paidByYear[year] ?? .zero,
                    spentCents: c.spentByYear[year], evaluated: c.evaluatedYears.contains(year))
        }
        let today = try? Clock.now().today
        nextActions = state.allowedActions(for: c, actor: actor, today: today)
        nextSteps = state.nextSteps(for: c, actor: actor, today: today).map { NextStepOutput($0, case: c, actor: actor) }
    }
}
