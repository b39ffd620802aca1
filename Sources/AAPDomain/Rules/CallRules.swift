/// Rules of a call: its dates, its envelope, and what must be settled before it moves on.
extension RuleBook {
    /// The call opens no later than it closes.
    static func datesInOrder(_ ctx: RuleContext) -> String? {
        return ctx.call.opensOn <= ctx.call.closesOn ? nil
            : "la date d'ouverture (\(ctx.call.opensOn.french)) est postérieure à la date de clôture (\(ctx.call.closesOn.french))"
    }

    /// The envelope is more than zero.
    static func positiveEnvelope(_ ctx: RuleContext) -> String? {
        return ctx.call.envelope.cents > 0 ? nil : "l'enveloppe de l'appel doit être supérieure à zéro"
    }

    /// No case of the call still waits for a committee outcome (read from the call's running
    /// counts per state: the cost does not depend on the number of cases).
    static func noCaseAwaitingDecision(_ ctx: RuleContext) -> String? {
        let workflow = ctx.state.workflow(ctx.call.caseWorkflow)
        let waiting = ctx.call.totals.counts(inOrderOf: workflow) { awaitsDecision(workflow?.state($0)) }
        guard !waiting.isEmpty else { return nil }
        return "\(total(waiting)) dossier(s) attendent encore une décision du comité (\(breakdown(waiting, in: workflow)))"
    }

    /// Every case of the call has reached a state no action leaves (read from the call's running counts per state).
    static func allCasesTerminal(_ ctx: RuleContext) -> String? {
        let workflow = ctx.state.workflow(ctx.call.caseWorkflow)
        let open = ctx.call.totals.counts(inOrderOf: workflow) { !(workflow?.isTerminal($0) ?? false) }
        guard !open.isEmpty else { return nil }
        return "\(total(open)) dossier(s) ne sont pas terminés (\(breakdown(open, in: workflow)))"
    }

    private static func total(_ counts: [(state: String, count: Int)]) -> Int { counts.reduce(0) { $0 + $1.count } }

    /// `2 « En instruction », 1 « Au comité »`: each state's count and French label.
    private static func breakdown(_ counts: [(state: String, count: Int)], in workflow: WorkflowDefinition?) -> String {
        counts.map { "\($0.count) « \(workflow?.label(ofState: $0.state) ?? $0.state) »" }.joined(separator: ", ")
    }

    /// Whether a case still waits for a committee outcome (for publishing results).
    static func awaitsDecision(_ c: CaseState, in state: StoreState) -> Bool {
        awaitsDecision(state.workflow(c.workflow)?.state(c.state))
    }

    /// Whether a case in a state so defined still waits for a committee outcome.
    static func awaitsDecision(_ definition: StateDefinition?) -> Bool {
        guard let definition else { return false }
        if definition.terminal || definition.outcome { return false }
        switch definition.phase {
        case "intake", "review", "committee": return true
        default: return false
        }
    }
}
