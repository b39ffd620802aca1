/// Rules of review and committee: seats, conflicts of interest, scores, quorum, the envelope, separation of duties, the retraction window.
extension RuleBook {
    /// A proposed or awarded amount is not above the amount requested.
    static func notAboveRequested(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        for field in ctx.action.fields {
            guard let target = field.sets, let slot = AmountSlot(rawValue: target), slot == .proposed || slot == .awarded,
                  let amount = ctx.fields[field.id]?.money else { continue }
            if amount > c.amounts.requested {
                return "le montant \(slot.label) (\(amount.formatted)) dépasse le montant demandé (\(c.amounts.requested.formatted))"
            }
        }
        return nil
    }

    /// The actor sits on the call's committee.
    static func committeeMemberOfCall(_ ctx: RuleContext) -> String? {
        guard let committee = ctx.call.committee else {
            return "aucun comité n'est désigné pour l'appel \(ctx.call.id)"
        }
        return committee.hasSeat(ctx.actor) ? nil : "« \(ctx.actor) » ne siège pas au comité de l'appel \(ctx.call.id)"
    }

    /// A member who declared a conflict of interest on the case neither scores nor decides it.
    /// When the chair is the one, the refusal says who presides instead.
    static func noConflict(_ ctx: RuleContext) -> String? {
        guard ctx.caseState?.conflicts[ctx.actor] != nil else { return nil }
        let refusal = "« \(ctx.actor) » a déclaré un conflit d'intérêts sur ce dossier"
        guard let committee = ctx.call.committee, committee.chair == ctx.actor, ctx.action.effect == .decision else { return refusal }
        let deputy = committee.viceChair.map { "la vice-présidence (« \($0) ») préside pour ce dossier" }
            ?? "le comité n'a pas de vice-président(e) : désignez-en un(e) avec « aap committee set … --vice-chair »"
        return "\(refusal) ; \(deputy)"
    }

    /// A member scores a case once (rescore replaces the score).
    static func oneScorePerMember(_ ctx: RuleContext) -> String? {
        return ctx.caseState?.scores[ctx.actor] == nil ? nil
            : "« \(ctx.actor) » a déjà noté ce dossier (pour remplacer sa note avant la décision : rescore avec --reason)"
    }

    /// A member rescores only a case they scored.
    static func scoredBefore(_ ctx: RuleContext) -> String? {
        return ctx.caseState?.scores[ctx.actor] != nil ? nil : "« \(ctx.actor) » n'a pas encore noté ce dossier (action score)"
    }

    /// Enough members without a conflict of interest have scored the case.
    static func quorum(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        guard let committee = ctx.call.committee else { return "aucun comité n'est désigné pour l'appel \(ctx.call.id)" }
        let scored = c.countedScores.keys.filter { committee.hasSeat($0) }.count
        return scored >= committee.quorum ? nil
            : "quorum non atteint : \(scored) membre(s) sans conflit d'intérêts ont noté ce dossier, \(committee.quorum) requis"
    }

    /// An award fits in what remains of the call's envelope.
    static func withinEnvelope(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        for field in ctx.action.fields {
            guard field.sets == AmountSlot.awarded.rawValue, let amount = ctx.fields[field.id]?.money else { continue }
            var committed = ctx.state.awarded(in: ctx.call)
            if ctx.state.holdsAward(c) { committed = committed - c.amounts.awarded }
            let remaining = ctx.call.envelope - committed
            if amount > remaining {
                return "l'enveloppe restante (\(Swift.max(remaining, .zero).formatted)) ne couvre pas \(amount.formatted)"
            }
        }
        return nil
    }

    /// Whoever proposed the case to the committee does not decide it.
    static func separationOfDuties(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState, let proposer = ctx.state.lastActor(.proposal, on: c), proposer == ctx.actor else { return nil }
        return "« \(ctx.actor) » a proposé ce dossier au comité et ne peut pas en décider (séparation des fonctions)"
    }

    /// A decision is withdrawn within four months (CRPA L242-1).
    static func retractionWindow(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState, let workflow = ctx.state.workflow(c.workflow) else { return nil }
        let award = workflow.decision(.award)
        let decision = workflow.isReached(c.state, by: award) ? award : workflow.decision(.waitlist)
        let recorded = decision.flatMap { c.actionAt[$0.id] }.flatMap { CalendarDate.isISO(String($0.prefix(10))) }
        guard let decided = workflow.recorded(.decidedOn, by: decision, on: c)?.string.flatMap(CalendarDate.isISO) ?? recorded else { return nil }
        let limit = decided.adding(months: 4)
        return ctx.today <= limit ? nil
            : "la décision du \(decided.french) ne peut plus être retirée : le délai de quatre mois (CRPA L242-1) a expiré le \(limit.french)"
    }
}
