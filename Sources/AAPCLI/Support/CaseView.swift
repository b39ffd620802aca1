import AAPDomain
import AAPStorage

/// How a case is shown, in French and in JSON (`aap case show`, `aap case history`).
enum CaseView {
    static func find(_ text: String, in state: StoreState) throws -> CaseState {
        let id: CaseID = try CaseID.parse(text)
        guard let c = state.cases[id] else { throw CLIFailure(.data, "Dossier inconnu « \(id) »") }
        return c
    }

    static func human(_ c: CaseState, in state: StoreState, actor: ActorID?) -> String {
        let a = c.amounts
        let criteria = state.calls[c.call]?.criteria ?? []
        var identifiers: [String] = []
        if let siret = c.applicant.siret { identifiers.append("SIRET \(siret.value)") }
        if let rna = c.applicant.rna { identifiers.append("RNA \(rna.value)") }
        let departement = c.applicant.departement.name.map { "\(c.applicant.departement.code) \($0)" } ?? c.applicant.departement.code
        var lines = [
            "Dossier \(c.id) — \(c.title)",
            "  Appel       : \(c.call) (workflow \(c.workflow.id) v\(c.workflow.version))",
            "  État        : \(state.stateLabel(of: c)) (\(c.state)), version \(c.version)",
            "  Porteur     : \(c.applicant.name) (\(c.applicant.kind.label)) ; \(identifiers.joined(separator: ", ")) ; département \(departement)",
            "  Reçu le     : \(c.receivedOn.french)" + (c.lateReason.map { " (dépôt tardif : \($0))" } ?? "")
                + (c.externalReference.map { " ; référence externe \($0)" } ?? ""),
            "  Montants    : demandé \(a.requested.formatted) · proposé \(a.proposed.formatted) · attribué \(a.awarded.formatted)",
            "                versé \(a.paid.formatted) · dépensé \(a.spent.formatted) · reversé \(a.recovered.formatted)",
        ]
        if !c.scores.isEmpty {
            for member in c.scores.keys.sorted() {
                let scores = French.scores(c.scores[member] ?? [:], grid: criteria)
                let excluded = c.conflicts[member] != nil ? " (écartée : conflit d'intérêts)" : ""
                lines.append("  Note        : \(member) — \(scores)\(excluded)")
            }
            lines.append("  Moyenne     : \(French.score(c.weightedScore(criteria: criteria))) (pondérée)")
        }
        for member in c.conflicts.keys.sorted() {
            lines.append("  Conflit     : \(member) — \(c.conflicts[member] ?? "")")
        }
        if let range = c.grantYears, c.years > 1 {
            lines.append("  Tranches    : \(c.years) ans à partir de \(range.lowerBound)")
            for year in range {
                let spent = c.spentByYear[year].map { "bilan \($0.formatted)" + (c.evaluatedYears.contains(year) ? ", évalué" : "") } ?? "bilan attendu"
                lines.append("    \(year) : tranche \(c.tranche(of: year).formatted) ; versé \((c.paidByYear[year] ?? .zero).formatted) ; \(spent)")
            }
        }
        if let w = state.workflow(c.workflow) {
            for action in w.actions where action.effect != .score && !action.isCreation {
                guard let fields = c.actionFields[action.id], !fields.isEmpty else { continue }
                let text = action.fields.compactMap { f in fields[f.id].map { "\(f.label.lowercased()) \(f.display($0))" } }.joined(separator: " ; ")
                lines.append("  \(action.label) : \(text)")
            }
        }
        let today = try? Clock.now().today
        let next = state.allowedActions(for: c, actor: actor, today: today)
        let who = actor.map { " pour \($0)" } ?? ""
        lines.append("  Actions possibles\(who) : \(next.isEmpty ? "aucune" : next.joined(separator: ", "))")
        lines += nextStepLines(c, in: state, actor: actor, today: today)
        return lines.joined(separator: "\n")
    }

    /// « Étapes suivantes » for everyone, then the fields and command of each step open to the actor.
    static func nextStepLines(_ c: CaseState, in state: StoreState, actor: ActorID?, today: CalendarDate?) -> [String] {
        let steps = state.nextSteps(for: c, actor: actor, today: today)
        guard !steps.isEmpty else {
            let final = state.workflow(c.workflow)?.isTerminal(c.state) ?? false
            return ["  Étapes suivantes : aucune" + (final ? " (état final)" : "")]
        }
        var lines = ["  Étapes suivantes :"] + steps.map { "    \(NextStepText.summary($0))" }
        if let actor {
            for step in steps where step.openToActor {
                lines.append("  Pour \(actor) — \(step.action.label) (\(step.action.id)) :")
                lines += NextStepText.detail(step, case: c, actor: actor).map { "      \($0)" }
            }
        }
        return lines
    }

    static func humanHistory(_ entries: [CaseHistory.Entry], of c: CaseState, in state: StoreState, signatures: [Int: Auditor.SignatureStatus]) -> String {
        let w = state.workflow(c.workflow)
        var lines = ["Historique du dossier \(c.id) (\(entries.count) événements)"]
        for h in entries {
            let record = state.actors[h.actor]
            let roles = record.map { " [" + $0.roles.sorted().map(\.label).joined(separator: ", ") + "]" } ?? ""
            let who = (record?.name.map { "\($0) (\(h.actor))" } ?? h.actor.value) + roles
            let move = h.from.map { from in
                from == h.to ? "reste « \(w?.label(ofState: h.to) ?? h.to) »" : "« \(w?.label(ofState: from) ?? from) » → « \(w?.label(ofState: h.to) ?? h.to) »"
            } ?? "→ « \(w?.label(ofState: h.to) ?? h.to) »"
            let signature: String
            switch signatures[h.seq] {
            case .valid?: signature = "signature vérifiée"
            case .invalid?: signature = "SIGNATURE INVALIDE"
            case .absent?, nil: signature = "non signé"
            }
            let effective = h.effectiveOn.map { " ; effet le \($0.french)" } ?? ""
            lines.append("  #\(h.seq) enregistré le \(h.at)\(effective) — \(who) : \(h.action) \(move) — \(signature)")
            if !h.fields.isEmpty {
                let declared = w?.action(h.action)?.fields ?? []
                lines.append("      " + h.fields.keys.sorted().compactMap { key in
                    h.fields[key].map { value in "\(key) = \(declared.first { $0.id == key }?.display(value) ?? value.displayText)" }
                }.joined(separator: " ; "))
            }
            if let reason = h.reason { lines.append("      motif : \(reason)") }
        }
        return lines.joined(separator: "\n")
    }
}

extension Dictionary where Key == ActorID {
    subscript(_ key: ActorID?) -> Value? { key.flatMap { self[$0] } }
}
