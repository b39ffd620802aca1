import AAPDomain
import ArgumentParser
import Foundation

extension Aap {
    /// `aap report`: reports built from the log.
    struct ReportGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Rapports : bilan d'un appel, procès-verbal du comité.",
            subcommands: [Call.self, CommitteeMinutes.self]
        )

        struct Call: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "call", abstract: "Bilan d'un appel : dossiers par état, enveloppe, attributions, versements, classement, liste complémentaire.")
            @Argument(help: "Identifiant de l'appel.") var call: String
            @Option(help: "Écrit le bilan en page HTML autonome (graphiques SVG et tableaux) dans ce fichier.") var html: String?
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let loaded = try session.load()
                let state = loaded.state
                let c = try CallView.find(call, in: state)
                let report = CallReport(call: c, state: state)
                guard let html else {
                    try session.output(json: report.json, human: report.human)
                    return
                }
                let page = HTMLCallReport(report: report, head: loaded.head).html
                do {
                    try Data(page.utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
                } catch {
                    throw CLIFailure(.io, "Impossible d'écrire le rapport HTML « \(html) »")
                }
                try session.output(
                    json: HTMLReportOutput(html: html, seq: loaded.head.seq, head: loaded.head.hash),
                    human: "Rapport HTML de l'appel \(c.id) écrit dans « \(html) » (journal jusqu'à l'événement \(loaded.head.seq), tête \(loaded.head.hash))."
                )
            }
        }

        struct CommitteeMinutes: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "committee",
                abstract: "Procès-verbal du comité d'un appel : membres, déports, quorum par dossier, notes, décisions motivées, enveloppe."
            )
            @Argument(help: "Identifiant de l'appel.") var call: String
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let loaded = try session.load()
                let c = try CallView.find(call, in: loaded.state)
                let minutes = CommitteeMinutesReport(call: c, loaded: loaded)
                try session.output(json: minutes.json, human: minutes.human)
            }
        }
    }
}

/// The figures of a call: the call view plus its ranking and waitlist.
struct CallReport {
    let call: CallState
    let state: StoreState

    /// Scored cases, best weighted score first (ties by submission order).
    var ranking: [(CaseState, Double)] {
        let indexed = state.cases(of: call).enumerated().compactMap { index, c -> (Int, CaseState, Double)? in
            c.weightedScore(criteria: call.criteria).map { (index, c, $0) }
        }
        return indexed.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }.map { ($0.1, $0.2) }
    }

    /// Waitlisted cases in rank order.
    var waitlist: [CaseState] {
        let waiting = state.cases(of: call).filter(state.isWaitlisted)
        let ranked = ranking.map(\.0.id)
        return waiting.sorted { (ranked.firstIndex(of: $0.id) ?? Int.max) < (ranked.firstIndex(of: $1.id) ?? Int.max) }
    }

    /// The waitlist in rank order, with what the remaining envelope allows: going down the list, each
    /// case is fundable if its proposed amount fits in what is left after the ones above it.
    var fundableWaitlist: [(case: CaseState, fundable: Bool, leftBefore: Money)] {
        var left = state.remaining(in: call)
        return waitlist.map { c in
            let before = left
            let fits = c.amounts.proposed <= left
            if fits { left = left - c.amounts.proposed }
            return (c, fits, before)
        }
    }

    /// What is still to be paid: what is owed (the award, or what was spent once reported) less what was paid net of recoveries.
    func toPay(_ c: CaseState) -> Money {
        Swift.max(.zero, c.owed - c.amounts.netPaid)
    }

    /// The cases whose award counts against the envelope, for the money view.
    var moneyRows: [CaseState] { state.cases(of: call).filter(state.holdsAward) }

    var json: CallReportOutput {
        CallReportOutput(
            call: CallOutput(call, in: state),
            money: moneyRows.map { c in
                CallReportOutput.MoneyRow(
                    case: c.id.value, awardedCents: c.amounts.awarded,
                    committed: state.agreementSigned(c), paidCents: c.amounts.paid,
                    spentCents: c.amounts.spent, recoveredCents: c.amounts.recovered,
                    toPayCents: toPay(c)
                )
            },
            ranking: ranking.map { c, score in
                CallReportOutput.Ranked(case: c.id.value, weightedScore: score, state: c.state,
                                        awardedCents: state.holdsAward(c) ? c.amounts.awarded : .zero)
            },
            waitlist: waitlist.map(\.id.value),
            waitlistFundable: fundableWaitlist.filter(\.fundable).map(\.case.id.value)
        )
    }

    var human: String {
        var lines = [CallView.human(call, in: state), ""]
        let funded = moneyRows
        if !funded.isEmpty {
            lines.append("  Suivi financier des dossiers retenus :")
            var rows = funded.map { c in
                [c.id.value, c.amounts.awarded.formatted, state.agreementSigned(c) ? "oui" : "non", c.amounts.paid.formatted,
                 c.amounts.recovered.formatted, toPay(c).formatted, state.stateLabel(of: c)]
            }
            rows.append(["Total", state.awarded(in: call).formatted, state.committed(in: call).formatted, state.total(.paid, in: call).formatted,
                         state.total(.recovered, in: call).formatted, moneyRows.reduce(Money.zero) { $0 + toPay($1) }.formatted, ""])
            lines.append(French.table(["    Dossier", "Attribué", "Engagé", "Versé", "Reversé", "Reste à verser", "État"], rows.map { ["    " + $0[0]] + $0.dropFirst() }))
        }
        let ranked = ranking
        if ranked.isEmpty {
            lines.append("  Classement  : aucun dossier noté")
        } else {
            lines.append("  Classement (moyenne pondérée des notes) :")
            let rows = ranked.enumerated().map { i, item in
                ["    \(i + 1).", item.0.id.value, French.score(item.1), state.stateLabel(of: item.0),
                 state.holdsAward(item.0) ? item.0.amounts.awarded.formatted : (item.0.amounts.awarded.cents > 0 ? "libéré" : "—")]
            }
            lines.append(French.table(["   ", "Dossier", "Note", "État", "Attribué"], rows))
        }
        let waiting = fundableWaitlist
        if !waiting.isEmpty {
            lines.append("  Liste complémentaire, par rang (reste de l'enveloppe \(state.remaining(in: call).formatted)) :")
            for (rank, item) in waiting.enumerated() {
                let fits = item.fundable
                    ? "finançable avec le reste de l'enveloppe"
                    : "non finançable en l'état (il manquerait \((item.case.amounts.proposed - item.leftBefore).formatted))"
                lines.append("    \(rank + 1). \(item.case.id) — proposé \(item.case.amounts.proposed.formatted) : \(fits)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
