/// Who may take which action, decided from the log (roles and committee seats are events).
extension StoreState {
    /// Whether the actor holds one of the roles; committee roles count only with a seat on the call's
    /// committee, and the chair's role only for who presides over the case (``Committee/presiding(over:)``).
    public func holds(_ actor: ActorRecord, anyOf roles: [Role], on call: CallState?, case c: CaseState? = nil) -> Bool {
        roles.contains { role in
            guard actor.roles.contains(role) else { return false }
            guard role.isCommitteeRole else { return true }
            guard let committee = call?.committee else { return false }
            switch role {
            case .committeeChair: return committee.chair == actor.id || committee.presiding(over: c) == actor.id
            case .committeeMember: return committee.hasSeat(actor.id)
            case .admin, .manager, .instructor, .finance, .auditor: return true
            }
        }
    }

    /// The actions a case's state allows, restricted to those the actor may take when one is given:
    /// the actor holds a role for it and no rule that can be judged before typing a field refuses it.
    public func allowedActions(for c: CaseState, actor: ActorID?, today: CalendarDate? = nil) -> [String] {
        guard let workflow = workflow(c.workflow) else { return [] }
        let record = actor.flatMap { actors[$0] }
        return workflow.actions(from: c.state).filter { action in
            guard actor != nil else { return true }
            guard let record, let call = calls[c.call] else { return false }
            guard holds(record, anyOf: action.allowedRoles(from: c.state), on: call, case: c) else { return false }
            return passesRulesBeforeFields(action, case: c, call: call, actor: record.id, today: today)
        }.map(\.id)
    }

    /// The actions a call's state allows, restricted to those the actor may take when one is given.
    public func allowedActions(for call: CallState, actor: ActorID?) -> [String] {
        guard let workflow = workflow(call.callWorkflow) else { return [] }
        let record = actor.flatMap { actors[$0] }
        return workflow.actions(from: call.state).filter { action in
            guard actor != nil else { return true }
            guard let record else { return false }
            return holds(record, anyOf: action.allowedRoles(from: call.state), on: call)
        }.map(\.id)
    }
}

/// Describes a list of actions for a refusal message.
func describeActions(_ actions: [String]) -> String {
    actions.isEmpty ? "aucune" : actions.joined(separator: ", ")
}

/// Describes a list of roles in French.
func describeRoles(_ roles: [Role]) -> String {
    roles.map(\.label).joined(separator: " ou ")
}
