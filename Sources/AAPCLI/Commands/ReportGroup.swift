import AAPDomain
import ArgumentParser

extension Aap {
    /// `aap report`: reports built from the log.
    struct ReportGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Rapports : bilan d'un appel.",
            subcommands: [Call.self]
        )

        struct Call: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Bilan d'un appel : dossiers par état, enveloppe, attributions, versements, classement, liste complémentaire.")
            @Argument(help: "Identifiant de l'appel.") var call: String
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let state = try session.load().state
                let c = try CallView.find(call, in: state)
                let report = CallReport(call: c, state: state)
                session.output(json: report.json, human: report.human)
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
        let waiting = state.cases(of: call).filter { $0.state == "waitlisted" }
        let ranked = ranking.map(\.0.id)
        return waiting.sorted { (ranked.firstIndex(of: $0.id) ?? Int.max) < (ranked.firstIndex(of: $1.id) ?? Int.max) }
    }

    var json: JSONValue {
        guard case .object(var pairs) = CallView.json(call, in: state) else { return .null }
        pairs.append(("ranking", .array(ranking.map { c, score in
            .object([("case", .string(c.id.value)), ("weighted_score", .double(score)), ("state", .string(c.state)),
                     ("awarded_cents", .int(state.holdsAward(c) ? c.amounts.awarded.cents : 0))])
        })))
        pairs.append(("waitlist", .array(waitlist.map { .string($0.id.value) })))
        return .object(pairs)
    }

    var human: String {
        var lines = [CallView.human(call, in: state), "", "  Montants    : demandé \(state.total(.requested, in: call).formatted) · attribué \(state.awarded(in: call).formatted) · versé \(state.total(.paid, in: call).formatted) · reversé \(state.total(.recovered, in: call).formatted)"]
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
        let waiting = waitlist
        if !waiting.isEmpty {
            let remaining = state.remaining(in: call)
            lines.append("  Liste complémentaire (reste \(remaining.formatted)) :")
            for c in waiting {
                let fits = c.amounts.proposed <= remaining ? "finançable" : "non finançable en l'état"
                lines.append("    \(c.id) — proposé \(c.amounts.proposed.formatted) (\(fits))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
