/// Everything the log says, folded: actors, workflow versions, calls and cases.
///
/// Built only by ``StoreState/apply(_:)`` (evolve); never edited otherwise.
public struct StoreState: Sendable, Equatable, Codable {
    public var actors: [ActorID: ActorRecord] = [:]
    public var workflows: [String: [Int: WorkflowDefinition]] = [:]
    public var calls: [CallID: CallState] = [:]
    public var cases: [CaseID: CaseState] = [:]
    /// Calls in creation order.
    public var callOrder: [CallID] = []
    /// The granting authority named in exports, once set.
    public var authority: AuthoritySet?
    /// How many events were applied.
    public var eventCount = 0
    /// The case holding each external reference (`DS-123456`): an imported application is never
    /// imported twice. Complete in a state folded from the log; in one read from the state rows,
    /// at least the references the commands read (``StateReads/references``) and those of the cases loaded.
    public var externalReferences: [String: CaseID] = [:]

    public init() {}

    public func workflow(_ ref: WorkflowRef) -> WorkflowDefinition? { workflows[ref.id]?[ref.version] }

    /// The newest registered version of a workflow.
    public func latestWorkflow(_ id: String) -> WorkflowDefinition? {
        guard let versions = workflows[id], let newest = versions.keys.max() else { return nil }
        return versions[newest]
    }

    /// The workflow of a case.
    public func workflow(of c: CaseState) -> WorkflowDefinition? { workflow(c.workflow) }

    /// The French label of a case's state.
    public func stateLabel(of c: CaseState) -> String { workflow(c.workflow)?.label(ofState: c.state) ?? c.state }

    /// The French label of a call's state.
    public func stateLabel(of call: CallState) -> String { workflow(call.callWorkflow)?.label(ofState: call.state) ?? call.state }

    /// The cases of a call, in submission order.
    public func cases(of call: CallState) -> [CaseState] { call.caseIDs.compactMap { cases[$0] } }

    /// Whether the case's state keeps its award counted against the envelope.
    public func holdsAward(_ c: CaseState) -> Bool { workflow(c.workflow)?.state(c.state)?.holdsAward ?? false }

    /// The sum of the awards that count against the call's envelope (its running total).
    public func awarded(in call: CallState) -> Money { call.totals.awarded }

    /// What is left of the envelope.
    public func remaining(in call: CallState) -> Money { call.envelope - awarded(in: call) }

    /// How many cases of the call are in each state (its running count; states with no case are absent).
    public func stateCounts(in call: CallState) -> [String: Int] { call.totals.casesByState }
}
