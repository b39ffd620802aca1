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

    /// No case of the call still waits for a committee outcome.
    static func noCaseAwaitingDecision(_ ctx: RuleContext) -> String? {
        let waiting = ctx.state.cases(of: ctx.call).filter { awaitsDecision($0, in: ctx.state) }
        guard let first = waiting.first else { return nil }
        return "\(waiting.count) dossier(s) attendent encore une décision du comité (dont \(first.id))"
    }

    /// Every case of the call has reached a state no action leaves.
    static func allCasesTerminal(_ ctx: RuleContext) -> String? {
        let open = ctx.state.cases(of: ctx.call).filter { !(ctx.state.workflow($0.workflow)?.isTerminal($0.state) ?? false) }
        guard let first = open.first else { return nil }
        return "\(open.count) dossier(s) ne sont pas terminés (dont \(first.id))"
    }

    /// Whether a case still waits for a committee outcome (for publishing results).
    static func awaitsDecision(_ c: CaseState, in state: StoreState) -> Bool {
        guard let definition = state.workflow(c.workflow)?.state(c.state) else { return false }
        if definition.terminal || definition.outcome { return false }
        switch definition.phase {
        case "intake", "review", "committee": return true
        default: return false
        }
    }
}
