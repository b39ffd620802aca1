import AAPDomain

/// `aap todo --json`: the work queue of one person.
struct TodoOutput: Encodable {
    /// A deadline of a case, dated against the queue's day.
    struct DeadlineItem: Encodable {
        let kind: String
        let label: String
        let dueOn: String
        let overdue: Bool
        /// Days from the queue's day to the deadline (negative when past).
        let days: Int
        let detail: String
    }

    /// One case waiting for the person.
    struct Item: Encodable {
        let `case`: String
        let call: String
        let state: String
        let stateLabel: String
        let applicant: String
        let title: String
        let requestedCents: Money
        let deadlines: [DeadlineItem]
        /// The steps the person may take, with their fields and command lines.
        let steps: [NextStepOutput]
    }

    /// The cases in one state waiting for the same steps.
    struct Group: Encodable {
        let workflow: String
        let workflowVersion: Int
        let state: String
        let stateLabel: String
        let actions: [String]
        let cases: [Item]
    }

    /// A call where the person has a step to take.
    struct CallItem: Encodable {
        let call: String
        let state: String
        let stateLabel: String
        let actions: [String]
    }

    /// For an auditor: the log's size, the newest checkpoint kept, and whether a new one is due.
    struct Checkpoint: Encodable {
        let events: Int
        let lastCheckpointSize: Int?
        let due: Bool
    }

    let actor: String
    let roles: [String]
    let today: String
    let overdue: [Item]
    let groups: [Group]
    let calls: [CallItem]
    let checkpoint: Checkpoint?

    init(_ queue: WorkQueue, record: ActorRecord, checkpoint: TodoCheckpoint?, in state: StoreState) {
        actor = queue.actor.value
        roles = record.roles.sorted().map(\.rawValue)
        today = queue.today.iso
        func item(_ item: WorkQueue.Item) -> Item? {
            guard let c = state.cases[item.caseID] else { return nil }
            return Item(
                case: c.id.value, call: c.call.value, state: c.state, stateLabel: state.stateLabel(of: c),
                applicant: c.applicant.name, title: c.title, requestedCents: c.amounts.requested,
                deadlines: item.deadlines.map { d in
                    DeadlineItem(kind: d.kind.rawValue, label: d.kind.label, dueOn: d.dueOn.iso, overdue: d.dueOn < queue.today,
                                 days: queue.today.days(until: d.dueOn), detail: d.detail)
                },
                steps: item.steps.map { NextStepOutput($0, case: c, actor: queue.actor) }
            )
        }
        overdue = queue.overdue.compactMap(item)
        groups = queue.groups.map { group in
            Group(workflow: group.workflow.id, workflowVersion: group.workflow.version, state: group.state,
                  stateLabel: state.workflow(group.workflow)?.label(ofState: group.state) ?? group.state,
                  actions: group.actions, cases: group.items.compactMap(item))
        }
        calls = queue.calls.map { item in
            CallItem(call: item.call.value, state: item.state,
                     stateLabel: state.calls[item.call].map { state.stateLabel(of: $0) } ?? item.state, actions: item.actions)
        }
        self.checkpoint = checkpoint.map { Checkpoint(events: $0.events, lastCheckpointSize: $0.covered, due: $0.due) }
    }
}
