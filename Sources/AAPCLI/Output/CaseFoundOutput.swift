import AAPDomain

/// One row of `aap case find --json`: the case as `case list` shows it, its identifiers, and where the query matched.
struct CaseFoundOutput: Encodable {
    let id: String
    let call: String
    let state: String
    let stateLabel: String
    let applicant: String
    @Nullable var siret: String?
    @Nullable var rna: String?
    let departement: String
    let title: String
    @Nullable var externalReference: String?
    let requestedCents: Money
    let awardedCents: Money
    let version: Int
    /// `applicant`, `title`, `siret`, `rna`, `case`, `external_reference`.
    let matched: [String]

    init(_ match: CaseSearch.Match, in state: StoreState) {
        let c = match.c
        id = c.id.value
        call = c.call.value
        self.state = c.state
        stateLabel = state.stateLabel(of: c)
        applicant = c.applicant.name
        siret = c.applicant.siret?.value
        rna = c.applicant.rna?.value
        departement = c.applicant.departement.code
        title = c.title
        externalReference = c.externalReference
        requestedCents = c.amounts.requested
        awardedCents = c.amounts.awarded
        version = c.version
        matched = match.places.map(\.rawValue)
    }
}
