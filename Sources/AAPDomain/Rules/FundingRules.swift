/// Rules of funding: the instrument, payments within the award and its tranches, reports, recoveries, settlement.
extension RuleBook {
    /// Above the call's threshold, the instrument is a convention.
    static func conventionAboveThreshold(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState, c.amounts.awarded > ctx.call.conventionThreshold,
              ctx.action.value(.instrument, in: ctx.fields) != nil,
              ctx.action.valueMeaning(.instrument, in: ctx.fields) != .convention else { return nil }
        return "au-delà de \(ctx.call.conventionThreshold.formatted), une convention est obligatoire (montant attribué \(c.amounts.awarded.formatted))"
    }

    /// A payment fits in what remains of the award, and of its year's tranche.
    static func paidWithinAward(_ ctx: RuleContext) -> String? {
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

    /// The balance is paid once the case is evaluated.
    static func balanceAfterEvaluation(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState, ctx.action.valueMeaning(.paymentKind, in: ctx.fields) == .balance,
              let workflow = ctx.state.workflow(c.workflow), !workflow.isReached(c.state, by: workflow.action(withEffect: .evaluation)) else { return nil }
        return "le solde ne peut être versé qu'une fois le dossier évalué"
    }

    /// A recovery is at most what was paid beyond what was spent.
    static func recoveryWithinUnspent(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState, let amount = firstMoney(ctx, addingTo: .recovered) else { return nil }
        let recoverable = c.recoverable
        return amount <= recoverable ? nil
            : "le reversement de \(amount.formatted) dépasse le trop-perçu (\(Swift.max(recoverable, .zero).formatted) : versé \(c.amounts.netPaid.formatted) net, dépensé \(c.amounts.spent.formatted))"
    }

    /// What was paid, net of recoveries, is what the beneficiary is owed.
    static func settled(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        let open = c.owed - c.amounts.netPaid
        if open.cents == 0 { return nil }
        return open.cents > 0
            ? "le dossier n'est pas soldé : \(open.formatted) restent à verser"
            : "le dossier n'est pas soldé : \(Money(cents: -open.cents).formatted) restent à reverser"
    }

    /// A withdrawal after a payment waits for the recovery.
    static func recoveredBeforeWithdrawal(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        let outstanding = c.amounts.paid - c.amounts.recovered
        return outstanding.cents <= 0 ? nil
            : "\(outstanding.formatted) ont été versés : le reversement doit être enregistré avant le désistement"
    }

    /// A grant over several years names its first year.
    static func multiYearDates(_ ctx: RuleContext) -> String? {
        guard let years = ctx.action.value(.years, in: ctx.fields)?.integer, years > 1, ctx.action.value(.firstYear, in: ctx.fields) == nil else { return nil }
        return "pour une subvention sur \(years) ans, la première année (first_year) est obligatoire"
    }

    /// A financial report names a year of the grant not yet reported.
    static func reportYear(_ ctx: RuleContext) -> String? {
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

    /// The part of ``reportYear`` that needs no field: whether any report is still expected. A
    /// single-year grant expects one; a multi-year grant one per year it covers.
    static func reportStillExpected(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        guard c.years > 1, let range = c.grantYears else {
            return c.reportReceived ? "le compte rendu financier de cette subvention a déjà été reçu" : nil
        }
        return range.allSatisfy { c.spentByYear[$0] != nil } ? "les comptes rendus financiers de chaque exercice (\(range.lowerBound)–\(range.upperBound)) ont déjà été reçus" : nil
    }

    /// Every financial report is in, and evaluated.
    static func allReportsReceived(_ ctx: RuleContext) -> String? {
        guard let c = ctx.caseState else { return nil }
        guard c.years > 1, let range = c.grantYears else {
            return c.reportReceived ? nil : "aucun compte rendu financier n'a été reçu"
        }
        let missing = range.filter { c.spentByYear[$0] == nil }
        if !missing.isEmpty { return "comptes rendus financiers manquants pour \(missing.map(String.init).joined(separator: ", "))" }
        let unevaluated = range.filter { !c.evaluatedYears.contains($0) }
        if !unevaluated.isEmpty { return "bilans non évalués pour \(unevaluated.map(String.init).joined(separator: ", "))" }
        return nil
    }

    /// The first amount the command records into `slot`.
    static func firstMoney(_ ctx: RuleContext, addingTo slot: AmountSlot) -> Money? {
        for field in ctx.action.fields where field.addsTo == slot.rawValue {
            if let money = ctx.fields[field.id]?.money { return money }
        }
        return nil
    }
}
