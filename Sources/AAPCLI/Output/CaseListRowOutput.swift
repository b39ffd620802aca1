import AAPDomain

/// One row of `aap case list --json`.
struct CaseListRowOutput: Encodable {
    let id: String
    let call: String
    let state: String
    let stateLabel: String
    let applicant: String
    let departement: String
    let title: String
    let requestedCents: Money
    let awardedCents: Money
    let version: Int

    init(_ c: CaseState, in state: StoreState) {
        id = c.id.value
        call = c.call.value
        self.state = c.state
        stateLabel = state.stateLabel(of: c)
        applicant = c.applicant.name
        departement = c.applicant.departement.code
        title = c.title
        requestedCents = c.amounts.requested
        awardedCents = c.amounts.awarded
        version = c.version
    }
}
