/// What a case's history means, asked through its workflow's markers rather than by action ids.
extension StoreState {
    /// Whether the case's agreement (convention or arrêté) was signed: its workflow's `agreement`
    /// action was recorded.
    public func agreementSigned(_ c: CaseState) -> Bool {
        guard let agreement = workflow(c.workflow)?.action(withEffect: .agreement) else { return false }
        return c.actors[agreement.id] != nil
    }

    /// Whether the case is on the waitlist: in the state its workflow's waitlist decision leads to.
    public func isWaitlisted(_ c: CaseState) -> Bool {
        guard let workflow = workflow(c.workflow) else { return false }
        return workflow.isReached(c.state, by: workflow.decision(.waitlist))
    }

    /// The actor who last took the action with this effect on the case.
    public func lastActor(_ effect: ActionEffect, on c: CaseState) -> ActorID? {
        workflow(c.workflow)?.action(withEffect: effect).flatMap { c.actors[$0.id] }
    }
}
