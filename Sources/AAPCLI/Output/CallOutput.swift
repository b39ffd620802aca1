import AAPDomain

/// `aap call show --json`, one row of `aap call list --json`, `aap call create --json`: a call's settings and totals.
struct CallOutput: Encodable {
    let id: String
    let kind: String
    let state: String
    let stateLabel: String
    let title: String
    let workflow: String
    let workflowVersion: Int
    let opensOn: String
    let closesOn: String
    let envelopeCents: Money
    let awardedCents: Money
    let remainingCents: Money
    let paidCents: Money
    let committedCents: Money
    let recoveredCents: Money
    let requestedCents: Money
    /// Cases by state, in the workflow's order of states.
    let cases: KeyedValues<Int>
    @Nullable var committee: CommitteeOutput?
    let departements: [String]
    let applicantKinds: [String]
    let measures: [String]
    @Nullable var fundingSource: String?
    @Nullable var dispositifAide: String?
    let criteria: [CriterionOutput]
    let conventionThresholdCents: Money

    /// `money` is the call's money view when the caller already has it.
    init(_ c: CallState, in state: StoreState, money: MoneyView? = nil) {
        let counts = state.stateCounts(in: c)
        let order = state.workflow(c.caseWorkflow)?.states.map(\.id) ?? counts.keys.sorted()
        id = c.id.value
        kind = c.kind
        self.state = c.state
        stateLabel = state.stateLabel(of: c)
        title = c.title
        workflow = c.caseWorkflow.id
        workflowVersion = c.caseWorkflow.version
        opensOn = c.opensOn.iso
        closesOn = c.closesOn.iso
        envelopeCents = c.envelope
        let money = money ?? MoneyView(call: c, in: state)
        awardedCents = money.awarded
        remainingCents = money.remaining
        paidCents = money.paid
        committedCents = money.committed
        recoveredCents = money.recovered
        requestedCents = money.requested
        cases = KeyedValues(order.compactMap { s in counts[s].map { (key: s, value: $0) } })
        committee = c.committee.map(CommitteeOutput.init)
        departements = c.departements.map(\.code)
        applicantKinds = c.applicantKinds.map(\.rawValue)
        measures = c.measures
        fundingSource = c.fundingSource
        dispositifAide = c.dispositifAide
        criteria = c.criteria.map(CriterionOutput.init)
        conventionThresholdCents = c.conventionThreshold
    }
}
