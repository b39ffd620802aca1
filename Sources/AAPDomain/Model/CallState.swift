/// A call for projects as the log has made it.
public struct CallState: Sendable, Equatable, Codable {
    public let id: CallID
    public let kind: String
    public let callWorkflow: WorkflowRef
    public let caseWorkflow: WorkflowRef
    public var title: String
    public var envelope: Money
    public var opensOn: CalendarDate
    public var closesOn: CalendarDate
    public var departements: [DepartementCode]
    public var applicantKinds: [ApplicantKind]
    public var measures: [String]
    public var fundingSource: String?
    public var criteria: [Criterion]
    public var conventionThreshold: Money
    /// The call's id in the *schéma des dispositifs d'aide*, when given at creation.
    public var dispositifAide: String?
    public var state: String
    public var committee: Committee?
    /// Running totals over the call's cases (their number, states, awards and payments), kept by evolve.
    public var totals = CallTotals()
    /// How many committee decisions were recorded on the call's cases.
    public var committeeDecisions = 0

    public init(created e: CallCreated) {
        id = e.call
        kind = e.kind
        callWorkflow = e.callWorkflow
        caseWorkflow = e.caseWorkflow
        title = e.title
        envelope = e.envelope
        opensOn = e.opensOn
        closesOn = e.closesOn
        departements = e.departements
        applicantKinds = e.applicantKinds
        measures = e.measures
        fundingSource = e.fundingSource
        criteria = e.criteria
        conventionThreshold = e.conventionThreshold
        dispositifAide = e.dispositifAide
        state = ""
    }

    /// The id the next case of this call gets: cases are numbered from 1 in submission order.
    public var nextCaseID: CaseID { CaseID(call: id, number: totals.cases + 1) }

    /// The call's cases in submission order: decide numbers them 1, 2, 3… (see ``nextCaseID``), so
    /// the call record keeps only their number, whatever the size of the call.
    public var caseIDs: [CaseID] { (0 ..< max(totals.cases, 0)).map { CaseID(call: id, number: $0 + 1) } }
}
