import AAPDomain

/// How a call is shown, in French and in JSON (`aap call show`, `aap call list`, `aap report call`).
enum CallView {
    static func find(_ text: String, in state: StoreState) throws -> CallState {
        let id: CallID = try CallID.parse(text)
        guard let call = state.calls[id] else { throw CLIFailure(.data, "Appel inconnu « \(id) »") }
        return call
    }

    static func json(_ c: CallState, in state: StoreState) -> JSONValue {
        let counts = state.stateCounts(in: c)
        let order = state.workflow(c.caseWorkflow)?.states.map(\.id) ?? counts.keys.sorted()
        let money = MoneyView(call: c, in: state)
        return .object([
            ("id", .string(c.id.value)), ("kind", .string(c.kind)), ("state", .string(c.state)),
            ("state_label", .string(state.stateLabel(of: c))), ("title", .string(c.title)),
            ("workflow", .string(c.caseWorkflow.id)), ("workflow_version", .int(c.caseWorkflow.version)),
            ("opens_on", .string(c.opensOn.iso)), ("closes_on", .string(c.closesOn.iso)),
            ("envelope_cents", .int(c.envelope.cents)), ("awarded_cents", .int(money.awarded.cents)),
            ("remaining_cents", .int(money.remaining.cents)), ("paid_cents", .int(money.paid.cents)),
            ("committed_cents", .int(money.committed.cents)), ("recovered_cents", .int(money.recovered.cents)),
            ("requested_cents", .int(money.requested.cents)),
            ("cases", .object(order.compactMap { s in counts[s].map { (s, .int($0)) } })),
            ("committee", c.committee.map { m in
                .object([("chair", .string(m.chair.value)), ("members", .array(m.members.map { .string($0.value) })), ("quorum", .int(m.quorum))])
            } ?? .null),
            ("departements", .array(c.departements.map { .string($0.code) })),
            ("applicant_kinds", .array(c.applicantKinds.map { .string($0.rawValue) })),
            ("measures", .array(c.measures.map { .string($0) })),
            ("funding_source", c.fundingSource.map { .string($0) } ?? .null),
            ("criteria", .array(c.criteria.map { .object([("name", .string($0.name)), ("weight", .int($0.weight))]) })),
            ("convention_threshold_cents", .int(c.conventionThreshold.cents)),
        ])
    }

    static func human(_ c: CallState, in state: StoreState) -> String {
        let money = MoneyView(call: c, in: state)
        var lines = [
            "Appel \(c.id) (\(c.kind.uppercased())) — \(c.title)",
            "  État        : \(state.stateLabel(of: c)) (\(c.state))",
            "  Période     : du \(c.opensOn.french) au \(c.closesOn.french)",
            "  Enveloppe   : \(c.envelope.formatted) ; attribué \(money.awarded.formatted) ; reste \(money.remaining.formatted)",
            "  Engagé      : \(money.committed.formatted) (conventions ou arrêtés signés) ; versé \(money.paid.formatted) ; reversé \(money.recovered.formatted)",
        ]
        if !c.departements.isEmpty { lines.append("  Territoire  : \(c.departements.map(\.code).joined(separator: ", ")) (appel fermé)") }
        if !c.applicantKinds.isEmpty { lines.append("  Porteurs    : \(c.applicantKinds.map(\.label).joined(separator: ", "))") }
        if !c.measures.isEmpty { lines.append("  Mesures     : \(c.measures.joined(separator: " ; "))") }
        if let source = c.fundingSource { lines.append("  Financement : \(source)") }
        lines.append("  Grille      : " + c.criteria.map { "\($0.name) \($0.weight) %" }.joined(separator: ", "))
        if let m = c.committee {
            lines.append("  Comité      : présidence \(m.chair) ; membres \(m.members.map(\.value).joined(separator: ", ")) ; quorum \(m.quorum)")
        } else {
            lines.append("  Comité      : non désigné")
        }
        let counts = state.stateCounts(in: c)
        if let w = state.workflow(c.caseWorkflow), !counts.isEmpty {
            lines.append("  Dossiers    : \(c.caseIDs.count)")
            for s in w.states { if let n = counts[s.id] { lines.append("    \(s.label) : \(n)") } }
        } else {
            lines.append("  Dossiers    : aucun")
        }
        return lines.joined(separator: "\n")
    }
}
