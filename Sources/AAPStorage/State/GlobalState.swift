import AAPDomain

/// The global state row: what every command reads — actors, workflows, the authority, the calls' order.
struct GlobalState: Codable {
    var actors: [ActorRecord]
    var workflows: [WorkflowDefinition]
    var callOrder: [CallID]
    var authority: AuthoritySet?

    enum CodingKeys: String, CodingKey { case actors, workflows, callOrder, authority }

    /// Decodes the calls' order as plain text checked with `CallID(canonical:)`: a store holds
    /// hundreds of calls and every command reads this row.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        actors = try c.decode([ActorRecord].self, forKey: .actors)
        workflows = try c.decode([WorkflowDefinition].self, forKey: .workflows)
        callOrder = try c.decode([String].self, forKey: .callOrder).map { text in
            guard let id = CallID(canonical: text) else {
                throw DecodingError.dataCorruptedError(forKey: .callOrder, in: c, debugDescription: "identifiant d'appel invalide")
            }
            return id
        }
        authority = try c.decodeIfPresent(AuthoritySet.self, forKey: .authority)
    }

    init(_ state: StoreState) {
        actors = state.actors.values.sorted { $0.id.value < $1.id.value }
        workflows = state.workflows.values.flatMap(\.values).sorted { ($0.id, $0.version) < ($1.id, $1.version) }
        callOrder = state.callOrder
        authority = state.authority
    }

    /// A state holding only this global part (no call, no case yet).
    func state(eventCount: Int) -> StoreState {
        var state = StoreState()
        for actor in actors { state.actors[actor.id] = actor }
        for workflow in workflows { state.workflows[workflow.id, default: [:]][workflow.version] = workflow }
        state.callOrder = callOrder
        state.authority = authority
        state.eventCount = eventCount
        return state
    }
}
