/// What the committee of a call did (the procès-verbal): for each case it saw, who recused
/// themself, how many counted members scored it against the quorum, the weighted score and every
/// decision taken by a committee role, as the log recorded it.
public struct CommitteeMinutes: Sendable, Equatable {
    /// One committee decision as the log recorded it.
    public struct Decision: Sendable, Equatable {
        public let seq: Int
        public let at: String
        public let actor: ActorID
        public let action: String
        public let to: String
        /// The amount the decision awarded (its field that sets `awarded`), when it has one.
        public let awarded: Money?
        public let reason: String?

        public init(seq: Int, at: String, actor: ActorID, action: String, to: String, awarded: Money?, reason: String?) {
            self.seq = seq; self.at = at; self.actor = actor; self.action = action; self.to = to; self.awarded = awarded; self.reason = reason
        }
    }

    /// A member who declared a conflict of interest on a case, and so does not count.
    public struct Recusal: Sendable, Equatable {
        public let member: ActorID
        public let reason: String

        public init(member: ActorID, reason: String) { self.member = member; self.reason = reason }
    }

    /// One case the committee saw: scored, recused on, decided, or waiting before it.
    public struct Case: Sendable, Equatable {
        public let caseID: CaseID
        /// The instructor's opinion recorded with the proposal (the field its workflow marks `opinion`).
        public let opinion: String?
        /// The same opinion as people read it (its value label, when the workflow gives one).
        public let opinionLabel: String?
        /// The members who declared a conflict of interest, sorted.
        public let recused: [Recusal]
        /// Members with a seat who scored the case and did not recuse themselves.
        public let scorers: Int
        /// Whether `scorers` reaches the committee's quorum (never without a committee).
        public let quorumReached: Bool
        public let weightedScore: Double?
        /// In log order.
        public let decisions: [Decision]

        public init(
            caseID: CaseID, opinion: String?, opinionLabel: String? = nil, recused: [Recusal], scorers: Int, quorumReached: Bool,
            weightedScore: Double?, decisions: [Decision]
        ) {
            self.caseID = caseID; self.opinion = opinion; self.opinionLabel = opinionLabel ?? opinion; self.recused = recused; self.scorers = scorers
            self.quorumReached = quorumReached; self.weightedScore = weightedScore; self.decisions = decisions
        }
    }

    /// In submission order.
    public let cases: [Case]

    public init(cases: [Case]) { self.cases = cases }

    /// The minutes of the call from the folded state and the recorded events (in log order).
    public init(call: CallState, in state: StoreState, events: [RecordedEvent]) {
        var decisions: [CaseID: [Decision]] = [:]
        for recorded in events {
            guard case .caseAdvanced(let e) = recorded.event, let c = state.cases[e.caseID], c.call == call.id,
                  let action = state.workflow(c.workflow)?.action(e.action), action.effect == .decision,
                  action.allowedRoles(from: e.from).contains(where: \.isCommitteeRole) else { continue }
            let awarded = action.fields.first { $0.sets == AmountSlot.awarded.rawValue }
            decisions[e.caseID, default: []].append(Decision(
                seq: recorded.seq, at: recorded.at, actor: recorded.actor, action: e.action, to: e.to,
                awarded: awarded.flatMap { e.fields[$0.id]?.money }, reason: e.reason
            ))
        }
        cases = state.cases(of: call).compactMap { c in
            let decided = decisions[c.id] ?? []
            let waiting = state.workflow(c.workflow)?.state(c.state)?.phase == "committee"
            guard !c.scores.isEmpty || !c.conflicts.isEmpty || !decided.isEmpty || waiting else { return nil }
            let workflow = state.workflow(c.workflow)
            let scorers = c.countedScores.keys.filter { call.committee?.hasSeat($0) ?? false }.count
            let proposal = workflow?.action(withEffect: .proposal)
            let opinion = workflow?.recorded(.opinion, by: proposal, on: c)
            return Case(
                caseID: c.id, opinion: opinion?.string,
                opinionLabel: opinion.map { proposal?.field(meaning: .opinion)?.display($0) ?? $0.displayText },
                recused: c.conflicts.keys.sorted().map { Recusal(member: $0, reason: c.conflicts[$0] ?? "") }, scorers: scorers,
                quorumReached: call.committee.map { scorers >= $0.quorum } ?? false,
                weightedScore: c.weightedScore(criteria: call.criteria), decisions: decided
            )
        }
    }
}
