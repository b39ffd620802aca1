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
    public var state: String
    public var committee: Committee?
    /// The call's cases in submission order.
    public var caseIDs: [CaseID] = []
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
        state = ""
    }

    /// The id the next case of this call gets.
    public var nextCaseID: CaseID { CaseID(call: id, number: caseIDs.count + 1) }
}
