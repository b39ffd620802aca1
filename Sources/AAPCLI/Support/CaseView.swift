import AAPDomain
import AAPStorage

/// How a case is shown, in French and in JSON (`aap case show`, `aap case history`).
enum CaseView {
    static func find(_ text: String, in state: StoreState) throws -> CaseState {
        let id: CaseID = try CaseID.parse(text)
        guard let c = state.cases[id] else { throw CLIFailure(.data, "Dossier inconnu « \(id) »") }
        return c
    }

    static func json(_ c: CaseState, in state: StoreState, actor: ActorID?) -> JSONValue {
        let criteria = state.calls[c.call]?.criteria ?? []
        let amounts = c.amounts
        var applicant: [(String, JSONValue)] = [
            ("name", .string(c.applicant.name)), ("kind", .string(c.applicant.kind.rawValue)),
        ]
        if let siret = c.applicant.siret { applicant.append(("siret", .string(siret.value))) }
        if let rna = c.applicant.rna { applicant.append(("rna", .string(rna.value))) }
        applicant.append(("departement", .string(c.applicant.departement.code)))
        return .object([
            ("id", .string(c.id.value)), ("call", .string(c.call.value)), ("workflow", .string(c.workflow.id)),
            ("workflow_version", .int(c.workflow.version)), ("state", .string(c.state)),
            ("state_label", .string(state.stateLabel(of: c))), ("version", .int(c.version)),
            ("applicant", .object(applicant)), ("title", .string(c.title)), ("received_on", .string(c.receivedOn.iso)),
            ("amounts", .object([
                ("requested_cents", .int(amounts.requested.cents)), ("proposed_cents", .int(amounts.proposed.cents)),
                ("awarded_cents", .int(amounts.awarded.cents)), ("paid_cents", .int(amounts.paid.cents)),
                ("spent_cents", .int(amounts.spent.cents)), ("recovered_cents", .int(amounts.recovered.cents)),
            ])),
            ("scores", .object(c.scores.keys.sorted().map { member in
                (member.value, .object((c.scores[member] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))
            })),
            ("weighted_score", c.weightedScore(criteria: criteria).map { .double($0) } ?? .null),
            ("conflicts", .object(c.conflicts.keys.sorted().map { ($0.value, .string(c.conflicts[$0] ?? "")) })),
            ("fields", fieldsJSON(c.fields)),
            ("years", .int(c.years)),
            ("tranches", .array((c.years > 1 ? c.grantYears.map(Array.init) ?? [] : []).map { year in
                .object([
                    ("year", .int(year)), ("tranche_cents", .int(c.tranche(of: year).cents)),
                    ("paid_cents", .int((c.paidByYear[year] ?? .zero).cents)),
                    ("spent_cents", c.spentByYear[year].map { .int($0.cents) } ?? .null),
                    ("evaluated", .bool(c.evaluatedYears.contains(year))),
                ])
            })),
            ("next_actions", .array(state.allowedActions(for: c, actor: actor, today: try? Clock.now().today).map { .string($0) })),
        ])
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
            "  Reçu le     : \(c.receivedOn.french)" + (c.lateReason.map { " (dépôt tardif : \($0))" } ?? ""),
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
                let text = action.fields.compactMap { f in fields[f.id].map { "\(f.label.lowercased()) \($0.displayText)" } }.joined(separator: " ; ")
                lines.append("  \(action.label) : \(text)")
            }
        }
        let next = state.allowedActions(for: c, actor: actor, today: try? Clock.now().today)
        let who = actor.map { " pour \($0)" } ?? ""
        lines.append("  Actions possibles\(who) : \(next.isEmpty ? "aucune" : next.joined(separator: ", "))")
        return lines.joined(separator: "\n")
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
                lines.append("      " + h.fields.keys.sorted().compactMap { key in h.fields[key].map { "\(key) = \($0.displayText)" } }.joined(separator: " ; "))
            }
            if let reason = h.reason { lines.append("      motif : \(reason)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// Fields as JSON, money under `<field>_cents` as in the log.
func fieldsJSON(_ fields: [String: FieldValue]) -> JSONValue {
    .object(fields.keys.sorted().compactMap { key in
        switch fields[key] {
        case .money(let m)?: (key + "_cents", .int(m.cents))
        case .integer(let n)?: (key, .int(n))
        case .string(let s)?: (key, .string(s))
        case nil: nil
        }
    })
}

extension Dictionary where Key == ActorID {
    subscript(_ key: ActorID?) -> Value? { key.flatMap { self[$0] } }
}
