/// What part of the state `decide` reads for a command, so that storage can load only that part.
///
/// Every command reads the actors and the workflows. A call command reads its call; a case
/// command reads its call and its case, and the other cases of the call only when one of the
/// rules it may run looks at them (the envelope, the cases awaiting a decision…). Deciding a
/// command against a state holding at least this part gives the same event or the same refusal
/// as against the whole state.
public struct StateReads: Sendable, Equatable {
    /// The calls whose own record is read (their cases' ids included, not the cases).
    public var calls: Set<CallID> = []
    /// The cases read individually.
    public var cases: Set<CaseID> = []

    public init(calls: Set<CallID> = [], cases: Set<CaseID> = []) {
        self.calls = calls
        self.cases = cases
    }

    /// What `command` reads before knowing the case's state (see
    /// ``StoreState/decisionReadsOtherCases(_:)`` for the rest): no call and no case for commands
    /// that read only actors, workflows and the authority. An id that does not parse reads nothing
    /// (decide refuses it).
    public static func of(_ command: Command) -> StateReads {
        func call(_ text: String) -> StateReads {
            StateReads(calls: Set([try? CallID.parse(text)].compactMap { $0 }))
        }
        switch command {
        case .registerActor, .registerWorkflow, .setAuthority, .rotateKey, .revokeKey:
            return StateReads()
        case .createCall(let c):
            return call(c.call)
        case .advanceCall(let c):
            return call(c.call)
        case .setCommittee(let c):
            return call(c.call)
        case .submitCase(let c):
            return call(c.call)
        case .advanceCase(let c):
            guard let caseID = try? CaseID.parse(c.caseID) else { return StateReads() }
            return StateReads(calls: [caseID.callID], cases: [caseID])
        }
    }
}

extension StoreState {
    /// Whether deciding `command` may read other cases of its call than its own, judged on a state
    /// that holds at least the call and the case of ``StateReads/of(_:)``: a call action (the
    /// call's rules count its cases), or a case action possible from the case's state (or the
    /// submission) whose rules sum the call's awards. Loaders then load every case of the call.
    /// Unknown calls, cases or workflows answer true: loading more is always safe.
    public func decisionReadsOtherCases(_ command: Command) -> Bool {
        switch command {
        case .registerActor, .registerWorkflow, .setAuthority, .rotateKey, .revokeKey, .createCall, .setCommittee:
            return false
        case .advanceCall:
            return true
        case .submitCase(let s):
            guard let id = try? CallID.parse(s.call), let call = calls[id] else { return true }
            guard let action = workflow(call.caseWorkflow)?.creationAction else { return true }
            return action.readsOtherCases
        case .advanceCase(let a):
            guard let id = try? CaseID.parse(a.caseID), let c = cases[id], let workflow = workflow(c.workflow) else { return true }
            return workflow.actions(from: c.state).contains(where: \.readsOtherCases)
                || workflow.action(a.action).map(\.readsOtherCases) ?? false
        }
    }
}

extension ActionDefinition {
    /// Whether one of the action's rules reads other cases than the one it decides on.
    var readsOtherCases: Bool {
        rules.contains { RuleName(rawValue: $0)?.readsOtherCases ?? true }
    }
}

extension RuleName {
    /// Whether the rule reads cases other than the one it decides on (it then needs every case of the call).
    public var readsOtherCases: Bool {
        switch self {
        case .noCaseAwaitingDecision, .allCasesTerminal, .withinEnvelope:
            true
        case .datesInOrder, .positiveEnvelope, .callOpen, .onTime, .eligibleTerritory, .eligibleApplicantKind,
             .validIdentifier, .notAboveRequested, .committeeMemberOfCall, .noConflict, .oneScorePerMember,
             .scoredBefore, .quorum, .separationOfDuties, .conventionAboveThreshold, .paidWithinAward,
             .balanceAfterEvaluation, .recoveryWithinUnspent, .settled, .recoveredBeforeWithdrawal,
             .multiYearDates, .reportYear, .allReportsReceived, .retractionWindow:
            false
        }
    }
}
