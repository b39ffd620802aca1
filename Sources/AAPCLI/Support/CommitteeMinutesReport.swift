import AAPDomain
import AAPStorage

/// The committee minutes of a call (procès-verbal): who sat, who recused themself, quorum per
/// case, every score, every decision with its motivation, and the envelope used.
struct CommitteeMinutesReport {
    let call: CallState
    let loaded: LoadedStore

    var state: StoreState { loaded.state }

    /// One committee decision as the log recorded it.
    struct Decision {
        let seq: Int
        let at: String
        let actor: ActorID
        let action: String
        let to: String
        let awarded: Money?
        let reason: String?
    }

    /// The cases the committee saw: scored, recused on, decided, or waiting before it.
    var cases: [CaseState] {
        state.cases(of: call).filter { c in
            !c.scores.isEmpty || !c.conflicts.isEmpty || !decisions(of: c.id).isEmpty
                || state.workflow(c.workflow)?.state(c.state)?.phase == "committee"
        }
    }

    func decisions(of id: CaseID) -> [Decision] {
        loaded.events.compactMap { recorded in
            guard case .caseAdvanced(let e) = recorded.event, e.caseID == id,
                  let c = state.cases[id], state.workflow(c.workflow)?.action(e.action)?.effect == .decision else { return nil }
            let fromCommittee = state.workflow(c.workflow)?.action(e.action)?.allowedRoles(from: e.from).contains { $0.isCommitteeRole } ?? false
            guard fromCommittee else { return nil }
            let awarded = state.workflow(c.workflow)?.action(e.action)?.fields.first { $0.sets == AmountSlot.awarded.rawValue }
            return Decision(seq: recorded.seq, at: recorded.at, actor: recorded.actor, action: e.action, to: e.to,
                            awarded: awarded.flatMap { e.fields[$0.id]?.money }, reason: e.reason)
        }
    }

    /// The instructor's opinion recorded with the proposal (the field its workflow marks `opinion`).
    func opinion(of c: CaseState) -> String? {
        guard let workflow = state.workflow(c.workflow) else { return nil }
        return workflow.recorded(.opinion, by: workflow.action(withEffect: .proposal), on: c)?.string
    }

    /// Members with a seat who scored the case and did not recuse themselves.
    func scorers(_ c: CaseState) -> Int {
        c.countedScores.keys.filter { call.committee?.hasSeat($0) ?? false }.count
    }

    var json: CommitteeMinutesOutput {
        CommitteeMinutesOutput(
            call: call.id.value, title: call.title,
            committee: call.committee.map(CommitteeOutput.init),
            criteria: call.criteria.map(CriterionOutput.init),
            envelopeCents: call.envelope, awardedCents: state.awarded(in: call),
            remainingCents: state.remaining(in: call),
            cases: cases.map { c in
                CommitteeMinutesOutput.Case(
                    case: c.id.value, title: c.title, applicant: c.applicant.name,
                    state: c.state, requestedCents: c.amounts.requested,
                    proposedCents: c.amounts.proposed,
                    opinion: opinion(of: c),
                    conflicts: c.conflicts.keys.sorted().map { member in
                        CommitteeMinutesOutput.Conflict(member: member.value, reason: c.conflicts[member] ?? "")
                    },
                    scores: ScoresOutput(c.scores),
                    weightedScore: c.weightedScore(criteria: call.criteria),
                    scorers: scorers(c), quorumReached: scorers(c) >= (call.committee?.quorum ?? Int.max),
                    decisions: decisions(of: c.id).map { d in
                        CommitteeMinutesOutput.Decision(
                            seq: d.seq, at: d.at, actor: d.actor.value, action: d.action,
                            to: d.to, awardedCents: d.awarded,
                            reason: d.reason
                        )
                    }
                )
            }
        )
    }

    var human: String {
        var lines = ["Procès-verbal du comité de sélection — appel \(call.id)", "  \(call.title)"]
        if let m = call.committee {
            let name = { (id: ActorID) in state.actors[id]?.name.map { "\($0) (\(id))" } ?? id.value }
            lines.append("  Présidence : \(name(m.chair))")
            lines.append("  Membres    : \(m.members.map(name).joined(separator: ", "))")
            lines.append("  Quorum     : \(m.quorum) membre(s) sans conflit d'intérêts ayant noté le dossier")
        } else {
            lines.append("  Comité non désigné")
        }
        lines.append("  Grille     : " + call.criteria.map { "\($0.name) \($0.weight) %" }.joined(separator: ", "))
        for c in cases {
            lines.append("")
            lines.append("  \(c.id) — \(c.title)")
            lines.append("    Porteur : \(c.applicant.name) ; demandé \(c.amounts.requested.formatted) ; proposé \(c.amounts.proposed.formatted)"
                + (opinion(of: c).map { " ; avis de l'instructeur : \($0)" } ?? ""))
            for member in c.conflicts.keys.sorted() {
                lines.append("    Déport : \(member) — \(c.conflicts[member] ?? "")")
            }
            for member in c.scores.keys.sorted() {
                let grid = French.scores(c.scores[member] ?? [:], grid: call.criteria)
                lines.append("    Note de \(member) : \(grid)\(c.conflicts[member] != nil ? " (écartée : conflit d'intérêts)" : "")")
            }
            let quorum = call.committee?.quorum ?? 0
            lines.append("    Quorum : \(scorers(c)) / \(quorum) \(scorers(c) >= quorum ? "atteint" : "non atteint") ; moyenne pondérée \(French.score(c.weightedScore(criteria: call.criteria)))")
            let decided = decisions(of: c.id)
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
        lines.append("  Enveloppe : \(call.envelope.formatted) ; attribué \(state.awarded(in: call).formatted) ; reste \(state.remaining(in: call).formatted)")
        return lines.joined(separator: "\n")
    }
}
