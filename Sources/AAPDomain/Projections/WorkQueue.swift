/// What waits for one person now (`aap todo`): the cases and calls where a step is theirs to take,
/// grouped by where the case stands, with the deadlines each case risks, overdue ones first.
///
/// It reads the same rules as ``StoreState/nextSteps(for:actor:today:)`` and the same deadlines as
/// `aap due`, so that the queue never offers a step the engine would refuse before its fields are typed.
public struct WorkQueue: Sendable {
    /// One case waiting for the person.
    public struct Item: Sendable {
        public let caseID: CaseID
        public let state: String
        /// The steps the person may take on it, the ones that move the case first.
        public let steps: [NextStep]
        /// The case's pending deadlines, earliest first.
        public let deadlines: [Deadline]

        /// The earliest deadline already past on `today`, if any.
        public func overdue(on today: CalendarDate) -> Deadline? { deadlines.first { $0.dueOn < today } }
    }

    /// The cases in one state where the person has the same work to do.
    public struct Group: Sendable {
        /// The workflow of the group's first case, which names its state and steps: cases of other
        /// workflows with the same state and step ids join the same group.
        public let workflow: WorkflowRef
        public let state: String
        /// The ids of the main steps the group waits for (`start-review`, `score`…).
        public let actions: [String]
        public let items: [Item]
    }

    /// A call whose state allows the person a step (publish, close, open the committee…).
    public struct CallItem: Sendable {
        public let call: CallID
        public let state: String
        public let actions: [String]
    }

    public let actor: ActorID
    public let today: CalendarDate
    /// Cases with a deadline already past, the most overdue first.
    public let overdue: [Item]
    /// The other cases, grouped, in the order of the workflow's states.
    public let groups: [Group]
    public let calls: [CallItem]

    /// Whether nothing waits.
    public var isEmpty: Bool { overdue.isEmpty && groups.isEmpty && calls.isEmpty }
}

extension StoreState {
    /// The work queue of `actor` on `today`; `dateOf` turns a log `at` into a date (for the deadlines).
    public func workQueue(for actor: ActorID, today: CalendarDate, dateOf: (String) -> CalendarDate?) -> WorkQueue {
        var overdue: [WorkQueue.Item] = []
        var grouped: [GroupKey: [WorkQueue.Item]] = [:]
        // The workflow of a group's first case names its state and steps (workflows share their ids).
        var groupWorkflow: [GroupKey: WorkflowRef] = [:]
        var callItems: [WorkQueue.CallItem] = []
        for callID in callOrder {
            guard let call = calls[callID] else { continue }
            let callActions = allowedActions(for: call, actor: actor)
            if !callActions.isEmpty { callItems.append(WorkQueue.CallItem(call: callID, state: call.state, actions: callActions)) }
            for c in cases(of: call) {
                let open = nextSteps(for: c, actor: actor, today: today).filter(\.openToActor)
                let main = open.filter { !$0.action.isSideStep(on: c) }
                guard !main.isEmpty else { continue }
                let item = WorkQueue.Item(caseID: c.id, state: c.state, steps: main + open.filter { $0.action.isSideStep(on: c) }, deadlines: deadlines(of: c, dateOf: dateOf).sorted { $0.dueOn < $1.dueOn })
                if item.overdue(on: today) != nil {
                    overdue.append(item)
                } else {
                    grouped[GroupKey(state: c.state, actions: main.map(\.action.id)), default: []].append(item)
                    if groupWorkflow[GroupKey(state: c.state, actions: main.map(\.action.id))] == nil {
                        groupWorkflow[GroupKey(state: c.state, actions: main.map(\.action.id))] = c.workflow
                    }
                }
            }
        }
        overdue.sort { lhs, rhs in
            (lhs.overdue(on: today)?.dueOn ?? today, lhs.caseID) < (rhs.overdue(on: today)?.dueOn ?? today, rhs.caseID)
        }
        let groups = grouped.compactMap { key, items -> WorkQueue.Group? in
            guard let workflow = groupWorkflow[key] else { return nil }
            return WorkQueue.Group(workflow: workflow, state: key.state, actions: key.actions, items: items.sorted { lhs, rhs in
                // Cases with a deadline first, the nearest first; ISO dates sort as text.
                (lhs.deadlines.first?.dueOn.iso ?? "~", lhs.caseID) < (rhs.deadlines.first?.dueOn.iso ?? "~", rhs.caseID)
            })
        }.sorted { lhs, rhs in
            (stateRank(lhs.state, in: lhs.workflow), lhs.workflow.id, lhs.state, lhs.actions.joined(separator: ","))
                < (stateRank(rhs.state, in: rhs.workflow), rhs.workflow.id, rhs.state, rhs.actions.joined(separator: ","))
        }
        return WorkQueue(actor: actor, today: today, overdue: overdue, groups: groups, calls: callItems)
    }

    /// Where a state comes in its workflow's list (unknown states last).
    private func stateRank(_ state: String, in ref: WorkflowRef) -> Int {
        workflow(ref)?.states.firstIndex { $0.id == state } ?? Int.max
    }
}

/// The cases that wait for the same steps in the same state, whatever their workflow.
private struct GroupKey: Hashable {
    let state: String
    let actions: [String]
}

extension ActionDefinition {
    /// A step open on many cases that is no one's work until something happens: declaring a conflict,
    /// recording a withdrawal, replacing one's own score, a committee decision before the quorum
    /// (rejecting, retracting), a recovery before the report says what was spent. The queue lists it
    /// beside the main steps, never as a reason to list the case.
    func isSideStep(on c: CaseState) -> Bool {
        switch effect {
        case .conflict?, .withdrawal?: return true
        case .score?: return rules.contains(RuleName.scoredBefore.rawValue)
        case .decision?: return !rules.contains(RuleName.quorum.rawValue)
        case nil: return rules.contains(RuleName.recoveryWithinUnspent.rawValue) && !c.reportReceived
        case .proposal?, .documentsRequest?, .documentsReceipt?, .proposalReceipt?, .agreement?, .evaluation?: return false
        }
    }
}
