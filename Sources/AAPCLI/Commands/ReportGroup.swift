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
            @Option(help: "Écrit le bilan financier en classeur .xlsx (enveloppe, attributions, classement) dans ce fichier.") var xlsx: String?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                if html != nil, xlsx != nil { throw ValidationError("--html et --xlsx s'excluent : un fichier à la fois") }
            }

            func run() throws {
                let session = Session(global: global)
                let loaded = try session.load()
                let state = loaded.state
                let c = try CallView.find(call, in: state)
                let report = CallReport(call: c, state: state)
                if let xlsx {
                    let workbook = report.workbook
                    try WorkbookFile.write(workbook, to: xlsx)
                    let rows = workbook.sheets.first { $0.name == "Attributions" }?.rows.count ?? 0
                    try session.output(
                        json: WorkbookOutput(xlsx: xlsx, rows: rows, seq: loaded.head.seq, head: loaded.head.hash),
                        human: "Bilan financier de l'appel \(c.id) écrit dans le classeur « \(xlsx) » : \(French.plural(rows, "attribution", "attributions")) (journal jusqu'à l'événement \(loaded.head.seq), tête \(loaded.head.hash))."
                    )
                    return
                }
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

/// The figures of a call: the call view plus the domain's money view, ranking and waitlist.
struct CallReport {
    let call: CallState
    let state: StoreState
    let money: MoneyView
    let ranking: CallRanking
    let waitlist: FundableWaitlist

    init(call: CallState, state: StoreState) {
        self.call = call
        self.state = state
        money = MoneyView(call: call, in: state)
        ranking = CallRanking(call: call, in: state)
        waitlist = FundableWaitlist(call: call, in: state, ranking: ranking)
    }

    /// The case an entry of a projection names (the projections are built from this state).
    func theCase(_ id: CaseID) -> CaseState? { state.cases[id] }

    /// The French label of the state of a case a projection names.
    func stateLabel(_ id: CaseID) -> String { theCase(id).map { state.stateLabel(of: $0) } ?? "" }

    var json: CallReportOutput {
        CallReportOutput(
            call: CallOutput(call, in: state, money: money),
            money: money.rows.map { c in
                CallReportOutput.MoneyRow(
                    case: c.caseID.value, awardedCents: c.awarded,
                    committed: c.agreementSigned, paidCents: c.paid,
                    spentCents: c.spent, recoveredCents: c.recovered,
                    toPayCents: c.toPay
                )
            },
            ranking: ranking.entries.compactMap { e in
                theCase(e.caseID).map { c in
                    CallReportOutput.Ranked(case: c.id.value, weightedScore: e.weightedScore, state: c.state, awardedCents: e.award.counted)
                }
            },
            waitlist: waitlist.caseIDs.map(\.value),
            waitlistFundable: waitlist.fundableCaseIDs.map(\.value)
        )
    }

    var human: String {
        var lines = [CallView.human(call, in: state), ""]
        if !money.rows.isEmpty {
            lines.append("  Suivi financier des dossiers retenus :")
            var rows = money.rows.map { c in
                [c.caseID.value, c.awarded.formatted, c.agreementSigned ? "oui" : "non", c.paid.formatted,
                 c.recovered.formatted, c.toPay.formatted, stateLabel(c.caseID)]
            }
            rows.append(["Total", money.awarded.formatted, money.committed.formatted, money.paid.formatted,
                         money.recovered.formatted, money.toPay.formatted, ""])
            lines.append(French.table(["    Dossier", "Attribué", "Engagé", "Versé", "Reversé", "Reste à verser", "État"], rows.map { ["    " + $0[0]] + $0.dropFirst() }))
        }
        let ranked = ranking.entries
        if ranked.isEmpty {
            lines.append("  Classement  : aucun dossier noté")
        } else {
            lines.append("  Classement (moyenne pondérée des notes) :")
            let rows = ranked.enumerated().map { i, item in
                ["    \(i + 1).", item.caseID.value, French.score(item.weightedScore), stateLabel(item.caseID),
                 French.award(item.award)]
            }
            lines.append(French.table(["   ", "Dossier", "Note", "État", "Attribué"], rows))
        }
        let waiting = waitlist.entries
        if !waiting.isEmpty {
            lines.append("  Liste complémentaire, par rang (reste de l'enveloppe \(waitlist.remaining.formatted)) :")
            for (rank, item) in waiting.enumerated() {
                let fits = item.fundable
                    ? "finançable avec le reste de l'enveloppe"
                    : "non finançable en l'état (il manquerait \(item.shortfall.formatted))"
                lines.append("    \(rank + 1). \(item.caseID) — proposé \(item.proposed.formatted) : \(fits)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
