import AAPDomain
import AAPStorage

/// The committee minutes of a call (procès-verbal): who sat, who recused themself, quorum per
/// case, every score, every decision with its motivation, and the envelope used.
struct CommitteeMinutesReport {
    let call: CallState
    let state: StoreState
    /// The cases the minutes list, each with the domain's minutes of it (``CommitteeMinutes``).
    let cases: [(CaseState, CommitteeMinutes.Case)]
    let money: MoneyView

    init(call: CallState, loaded: LoadedStore) {
        self.call = call
        state = loaded.state
        let minutes = CommitteeMinutes(call: call, in: loaded.state, events: loaded.events)
        cases = minutes.cases.compactMap { [state] m in state.cases[m.caseID].map { ($0, m) } }
        money = MoneyView(call: call, in: loaded.state)
    }

    var json: CommitteeMinutesOutput {
        CommitteeMinutesOutput(
            call: call.id.value, title: call.title,
            committee: call.committee.map(CommitteeOutput.init),
            criteria: call.criteria.map(CriterionOutput.init),
            envelopeCents: call.envelope, awardedCents: money.awarded,
            remainingCents: money.remaining,
            cases: cases.map { c, m in
                CommitteeMinutesOutput.Case(
                    case: c.id.value, title: c.title, applicant: c.applicant.name,
                    state: c.state, requestedCents: c.amounts.requested,
                    proposedCents: c.amounts.proposed,
                    opinion: m.opinion,
                    conflicts: m.recused.map { r in
                        CommitteeMinutesOutput.Conflict(member: r.member.value, reason: r.reason)
                    },
                    scores: ScoresOutput(c.scores),
                    weightedScore: m.weightedScore,
                    scorers: m.scorers, quorumReached: m.quorumReached,
                    decisions: m.decisions.map { d in
                        CommitteeMinutesOutput.Decision(
                            seq: d.seq, at: d.at, actor: d.actor.value, action: d.action,
                            to: d.to, awardedCents: d.awarded,
                            reason: d.reason
                        )
                    },
                    presiding: call.committee?.presiding(over: c)?.value
                )
            }
        )
    }

    var human: String {
        var lines = ["Procès-verbal du comité de sélection — appel \(call.id)", "  \(call.title)"]
        if let m = call.committee {
            let name = { (id: ActorID) in state.actors[id]?.name.map { "\($0) (\(id))" } ?? id.value }
            lines.append("  Présidence : \(name(m.chair))")
            if let deputy = m.viceChair { lines.append("  Vice-présidence : \(name(deputy))") }
            lines.append("  Membres    : \(m.members.map(name).joined(separator: ", "))")
            lines.append("  Quorum     : \(m.quorum) membre(s) sans conflit d'intérêts ayant noté le dossier")
        } else {
            lines.append("  Comité non désigné")
        }
        lines.append("  Grille     : " + call.criteria.map { "\($0.name) \($0.weight) %" }.joined(separator: ", "))
        for (c, m) in cases {
            lines.append("")
            lines.append("  \(c.id) — \(c.title)")
            lines.append("    Porteur : \(c.applicant.name) ; demandé \(c.amounts.requested.formatted) ; proposé \(c.amounts.proposed.formatted)"
                + (m.opinionLabel.map { " ; avis de l'instructeur : \($0)" } ?? ""))
            for r in m.recused {
                lines.append("    Déport : \(r.member) — \(r.reason)")
            }
            if let committee = call.committee, c.conflicts[committee.chair] != nil {
                lines.append("    Présidence de séance : " + (committee.viceChair.map { "\($0) (vice-présidence, le président s'étant déporté)" }
                    ?? "aucune (le président s'est déporté et le comité n'a pas de vice-présidence)"))
            }
            for member in c.scores.keys.sorted() {
                let grid = French.scores(c.scores[member] ?? [:], grid: call.criteria)
                lines.append("    Note de \(member) : \(grid)\(c.conflicts[member] != nil ? " (écartée : conflit d'intérêts)" : "")")
            }
            let quorum = call.committee?.quorum ?? 0
            lines.append("    Quorum : \(m.scorers) / \(quorum) \(m.quorumReached ? "atteint" : "non atteint") ; moyenne pondérée \(French.score(m.weightedScore))")
            let decided = m.decisions
            if decided.isEmpty {
                lines.append("    Décision : en attente (« \(state.stateLabel(of: c)) »)")
            }
            for d in decided {
                let label = state.workflow(c.workflow)?.label(ofState: d.to) ?? d.to
                let amount = d.awarded.map { " pour \($0.formatted)" } ?? ""
                lines.append("    Décision (#\(d.seq), \(d.actor)) : \(label)\(amount)" + (d.reason.map { " — motif : \($0)" } ?? ""))
            }
        }
        lines.append("")
        lines.append("  Enveloppe : \(call.envelope.formatted) ; attribué \(money.awarded.formatted) ; reste \(money.remaining.formatted)")
        return lines.joined(separator: "\n")
    }
}
