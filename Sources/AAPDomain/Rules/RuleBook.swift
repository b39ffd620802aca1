/// The named rules, each a small function that returns why it refuses, or nil when satisfied.
///
/// Workflow files reference rules by name; ``check(_:in:)`` runs one. The switch is exhaustive:
/// a new ``RuleName`` does not build until it is implemented here.
public enum RuleBook {
    /// Runs one rule; returns the French reason for a refusal, or nil.
    public static func check(_ rule: RuleName, in ctx: RuleContext) -> String? {
        switch rule {
        case .datesInOrder:
            return ctx.call.opensOn <= ctx.call.closesOn ? nil
                : "la date d'ouverture (\(ctx.call.opensOn.french)) est postérieure à la date de clôture (\(ctx.call.closesOn.french))"
        case .positiveEnvelope:
            return ctx.call.envelope.cents > 0 ? nil : "l'enveloppe de l'appel doit être supérieure à zéro"
        case .noCaseAwaitingDecision:
            let waiting = ctx.state.cases(of: ctx.call).filter { awaitsDecision($0, in: ctx.state) }
            guard let first = waiting.first else { return nil }
            return "\(waiting.count) dossier(s) attendent encore une décision du comité (dont \(first.id))"
        case .allCasesTerminal:
            let open = ctx.state.cases(of: ctx.call).filter { !(ctx.state.workflow($0.workflow)?.isTerminal($0.state) ?? false) }
            guard let first = open.first else { return nil }
            return "\(open.count) dossier(s) ne sont pas terminés (dont \(first.id))"
        case .callOpen:
            return ctx.state.workflow(ctx.call.callWorkflow)?.state(ctx.call.state)?.acceptsSubmissions == true ? nil
                : "l'appel \(ctx.call.id) est « \(ctx.state.stateLabel(of: ctx.call)) » et ne reçoit pas de dossiers"
        case .onTime:
            return onTime(ctx)
        case .eligibleTerritory:
            guard let submission = ctx.submission, !ctx.call.departements.isEmpty,
                  !ctx.call.departements.contains(submission.applicant.departement) else { return nil }
            return "le département \(submission.applicant.departement.code) n'est pas éligible à cet appel (départements éligibles : \(ctx.call.departements.map(\.code).joined(separator: ", ")))"
        case .eligibleApplicantKind:
            guard let submission = ctx.submission, !ctx.call.applicantKinds.isEmpty,
                  !ctx.call.applicantKinds.contains(submission.applicant.kind) else { return nil }
            return "les porteurs de type « \(submission.applicant.kind.rawValue) » ne sont pas éligibles à cet appel (types éligibles : \(ctx.call.applicantKinds.map(\.rawValue).joined(separator: ", ")))"
        case .validIdentifier:
            guard let submission = ctx.submission else { return nil }
            return submission.applicant.siret != nil || submission.applicant.rna != nil ? nil
                : "un SIRET ou un numéro RNA est obligatoire pour identifier le porteur"
        case .notAboveRequested:
            return notAboveRequested(ctx)
        case .committeeMemberOfCall:
            guard let committee = ctx.call.committee else {
                return "aucun comité n'est désigné pour l'appel \(ctx.call.id)"
            }
            return committee.hasSeat(ctx.actor) ? nil : "« \(ctx.actor) » ne siège pas au comité de l'appel \(ctx.call.id)"
        case .noConflict:
            return ctx.caseState?.conflicts[ctx.actor] == nil ? nil
                : "« \(ctx.actor) » a déclaré un conflit d'intérêts sur ce dossier"
        case .oneScorePerMember:
            return ctx.caseState?.scores[ctx.actor] == nil ? nil
                : "« \(ctx.actor) » a déjà noté ce dossier (pour remplacer sa note avant la décision : rescore avec --reason)"
        case .scoredBefore:
            return ctx.caseState?.scores[ctx.actor] != nil ? nil : "« \(ctx.actor) » n'a pas encore noté ce dossier (action score)"
        case .quorum:
            return quorum(ctx)
        case .withinEnvelope:
            return withinEnvelope(ctx)
        case .separationOfDuties:
            guard let c = ctx.caseState, let proposer = ctx.state.lastActor(.proposal, on: c), proposer == ctx.actor else { return nil }
            return "« \(ctx.actor) » a proposé ce dossier au comité et ne peut pas en décider (séparation des fonctions)"
        case .conventionAboveThreshold:
            guard let c = ctx.caseState, c.amounts.awarded > ctx.call.conventionThreshold,
                  ctx.action.value(.instrument, in: ctx.fields) != nil,
                  ctx.action.valueMeaning(.instrument, in: ctx.fields) != .convention else { return nil }
            return "au-delà de \(ctx.call.conventionThreshold.formatted), une convention est obligatoire (montant attribué \(c.amounts.awarded.formatted))"
        case .paidWithinAward:
            return paidWithinAward(ctx)
        case .balanceAfterEvaluation:
            guard let c = ctx.caseState, ctx.action.valueMeaning(.paymentKind, in: ctx.fields) == .balance,
                  let workflow = ctx.state.workflow(c.workflow), !workflow.isReached(c.state, by: workflow.action(withEffect: .evaluation)) else { return nil }
            return "le solde ne peut être versé qu'une fois le dossier évalué"
        case .recoveryWithinUnspent:
            guard let c = ctx.caseState, let amount = firstMoney(ctx, addingTo: .recovered) else { return nil }
            let recoverable = c.recoverable
            return amount <= recoverable ? nil
                : "le reversement de \(amount.formatted) dépasse le trop-perçu (\(Swift.max(recoverable, .zero).formatted) : versé \(c.amounts.netPaid.formatted) net, dépensé \(c.amounts.spent.formatted))"
        case .settled:
            guard let c = ctx.caseState else { return nil }
            let open = c.owed - c.amounts.netPaid
            if open.cents == 0 { return nil }
            return open.cents > 0
                ? "le dossier n'est pas soldé : \(open.formatted) restent à verser"
                : "le dossier n'est pas soldé : \(Money(cents: -open.cents).formatted) restent à reverser"
        case .retractionWindow:
            guard let c = ctx.caseState, let workflow = ctx.state.workflow(c.workflow) else { return nil }
            let award = workflow.decision(.award)
            let decision = workflow.isReached(c.state, by: award) ? award : workflow.decision(.waitlist)
            let recorded = decision.flatMap { c.actionAt[$0.id] }.flatMap { CalendarDate.isISO(String($0.prefix(10))) }
            guard let decided = workflow.recorded(.decidedOn, by: decision, on: c)?.string.flatMap(CalendarDate.isISO) ?? recorded else { return nil }
            let limit = decided.adding(months: 4)
            return ctx.today <= limit ? nil
                : "la décision du \(decided.french) ne peut plus être retirée : le délai de quatre mois (CRPA L242-1) a expiré le \(limit.french)"
        case .multiYearDates:
            guard let years = ctx.action.value(.years, in: ctx.fields)?.integer, years > 1, ctx.action.value(.firstYear, in: ctx.fields) == nil else { return nil }
            return "pour une subvention sur \(years) ans, la première année (first_year) est obligatoire"
        case .reportYear:
            return reportYear(ctx)
        case .allReportsReceived:
            guard let c = ctx.caseState else { return nil }
            guard c.years > 1, let range = c.grantYears else {
                return c.reportReceived ? nil : "aucun compte rendu financier n'a été reçu"
            }
            let missing = range.filter { c.spentByYear[$0] == nil }
            if !missing.isEmpty { return "comptes rendus financiers manquants pour \(missing.map(String.init).joined(separator: ", "))" }
            let unevaluated = range.filter { !c.evaluatedYears.contains($0) }
            if !unevaluated.isEmpty { return "bilans non évalués pour \(unevaluated.map(String.init).joined(separator: ", "))" }
            return nil
        case .recoveredBeforeWithdrawal:
            guard let c = ctx.caseState else { return nil }
            let outstanding = c.amounts.paid - c.amounts.recovered
            return outstanding.cents <= 0 ? nil
                : "\(outstanding.formatted) ont été versés : le reversement doit être enregistré avant le désistement"
        }
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

    private static func onTime(_ ctx: RuleContext) -> String? {
        guard let submission = ctx.submission else { return nil }
        let received = submission.receivedOn
        if received > ctx.today {
            return "la date de réception (\(received.french)) est dans le futur"
        }
        if received < ctx.call.opensOn {
            return "la date de réception (\(received.french)) précède l'ouverture de l'appel (\(ctx.call.opensOn.french))"
        }
        if received > ctx.call.closesOn, submission.lateReason == nil {
            return "le dossier a été reçu le \(received.french), après la clôture du \(ctx.call.closesOn.french) (motif de retard possible avec --late-reason)"
        }
        return nil
    }

    private static func notAboveRequested(_ ctx: RuleContext) -> String? {
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

    private static func quorum(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        guard let committee = ctx.call.committee else { return "aucun comité n'est désigné pour l'appel \(ctx.call.id)" }
        let scored = c.countedScores.keys.filter { committee.hasSeat($0) }.count
        return scored >= committee.quorum ? nil
            : "quorum non atteint : \(scored) membre(s) sans conflit d'intérêts ont noté ce dossier, \(committee.quorum) requis"
    }

    private static func withinEnvelope(_ ctx: RuleContext) -> String? {
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

    private static func paidWithinAward(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState, let amount = firstMoney(ctx, addingTo: .paid) else { return nil }
        let left = c.amounts.awarded - c.amounts.netPaid
        if amount > left {
            return "le versement de \(amount.formatted) dépasse ce qui reste à verser sur l'attribution (\(Swift.max(left, .zero).formatted))"
        }
        guard c.years > 1, let range = c.grantYears else { return nil }
        let span = "\(range.lowerBound)–\(range.upperBound)"
        guard let year = ctx.action.value(.year, in: ctx.fields)?.integer.map(Int.init) else {
            return "l'année de la tranche (year) est obligatoire pour une subvention pluriannuelle (\(span))"
        }
        guard range.contains(year) else { return "l'année \(year) n'est pas couverte par la subvention (\(span))" }
        let tranche = c.tranche(of: year)
        let rest = tranche - (c.paidByYear[year] ?? .zero)
        return amount <= rest ? nil
            : "le versement de \(amount.formatted) dépasse ce qui reste de la tranche \(year) (\(Swift.max(rest, .zero).formatted) sur \(tranche.formatted))"
    }

    private static func reportYear(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        let year = ctx.action.value(.year, in: ctx.fields)?.integer.map(Int.init)
        guard c.years > 1, let range = c.grantYears else {
            return c.reportReceived ? "le compte rendu financier de cette subvention a déjà été reçu" : nil
        }
        let span = "\(range.lowerBound)–\(range.upperBound)"
        guard let year else { return "l'exercice du compte rendu (year) est obligatoire pour une subvention pluriannuelle (\(span))" }
        guard range.contains(year) else { return "l'exercice \(year) n'est pas couvert par la subvention (\(span))" }
        return c.spentByYear[year] == nil ? nil : "le compte rendu financier de l'exercice \(year) a déjà été reçu"
    }

    private static func firstMoney(_ ctx: RuleContext, addingTo slot: AmountSlot) -> Money? {
        for field in ctx.action.fields where field.addsTo == slot.rawValue {
            if let money = ctx.fields[field.id]?.money { return money }
        }
        return nil
    }
}
