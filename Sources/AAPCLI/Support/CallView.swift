import AAPDomain

/// How a call is shown, in French and in JSON (`aap call show`, `aap call list`, `aap report call`).
enum CallView {
    static func find(_ text: String, in state: StoreState) throws -> CallState {
        let id: CallID = try CallID.parse(text)
        guard let call = state.calls[id] else { throw CLIFailure(.data, "Appel inconnu « \(id) »") }
        return call
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
        if let dispositif = c.dispositifAide { lines.append("  Dispositif  : \(dispositif) (schéma des dispositifs d'aide)") }
        lines.append("  Grille      : " + c.criteria.map { "\($0.name) \($0.weight) %" }.joined(separator: ", "))
        if let m = c.committee {
            lines.append("  Comité      : présidence \(m.chair)" + (m.viceChair.map { " ; vice-présidence \($0)" } ?? "")
                + " ; membres \(m.members.map(\.value).joined(separator: ", ")) ; quorum \(m.quorum)")
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
