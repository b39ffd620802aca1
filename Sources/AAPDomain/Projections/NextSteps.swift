/// What can happen next to a case, and who can make it happen: `aap case show` names it for everyone,
/// even for a person who can take none of the steps, and `aap todo` gathers it per person.
public struct NextStep: Sendable, Equatable {
    /// A value the action records, as a person types it with `--set`.
    public struct Input: Sendable, Equatable {
        public let id: String
        public let label: String
        public let type: FieldType
        public let required: Bool
        /// The codes an enum field accepts, with their French labels when the workflow gives them.
        public let values: [Choice]
        /// Bounds of an integer or a score.
        public let min: Int64?
        public let max: Int64?
        /// The stricter format of a text field (SIRET, RNA, département, indicators).
        public let format: TextFormat?
    }

    /// One value of an enum field: the code the log records and the label people read.
    public struct Choice: Sendable, Equatable {
        public let code: String
        public let label: String?
    }

    public let action: ActionDefinition
    /// The roles the workflow allows for the step from the case's state.
    public let roles: [Role]
    /// The registered people who may take it now: they hold a role for it (with a seat when it is a
    /// committee role) and no rule that can be judged before typing a field refuses them.
    public let people: [ActorID]
    /// Whether the person asking is one of ``people``.
    public let openToActor: Bool
    /// What the step records, in the order of the workflow (the criteria of the grid for a score).
    public let inputs: [Input]
}

extension StoreState {
    /// The steps the case's state allows, each with who may take it. A step whose role some
    /// registered person holds, but which a rule refuses to every one of them (`score` once every
    /// member has scored, `receive-report` once the reports are in), is left out; a step whose role no
    /// one holds is kept, with no people, so that the gap shows.
    public func nextSteps(for c: CaseState, actor: ActorID?, today: CalendarDate? = nil) -> [NextStep] {
        guard let workflow = workflow(c.workflow), let call = calls[c.call] else { return [] }
        let candidates = actors.values.filter { $0.revocation == nil }.sorted { $0.id < $1.id }
        return workflow.actions(from: c.state).compactMap { action in
            let roles = action.allowedRoles(from: c.state)
            let holders = candidates.filter { holds($0, anyOf: roles, on: call, case: c) }
            let able = holders.filter { passesRulesBeforeFields(action, case: c, call: call, actor: $0.id, today: today) }
            guard !able.isEmpty || holders.isEmpty else { return nil }
            let people = able.map(\.id)
            return NextStep(
                action: action, roles: roles, people: people, openToActor: actor.map(people.contains) ?? false,
                inputs: Self.inputs(of: action, criteria: call.criteria)
            )
        }
    }

    /// Whether no rule of the action that can be judged before its fields are typed refuses it to `actor`.
    func passesRulesBeforeFields(_ action: ActionDefinition, case c: CaseState, call: CallState, actor: ActorID, today: CalendarDate?) -> Bool {
        let ctx = RuleContext(state: self, call: call, caseState: c, submission: nil, action: action, fields: Fields(), actor: actor, today: today ?? call.opensOn)
        return action.rules.compactMap(RuleName.init(rawValue:)).allSatisfy { rule in
            RuleBook.checkBeforeFields(rule, in: ctx) == nil
        }
    }

    /// The values an action records: its declared fields, or one score per criterion of the call's grid.
    static func inputs(of action: ActionDefinition, criteria: [Criterion]) -> [NextStep.Input] {
        if action.effect == .score {
            return criteria.map { NextStep.Input(id: $0.name, label: $0.name, type: .score, required: true, values: [], min: 0, max: 5, format: nil) }
        }
        return action.fields.map { f in
            NextStep.Input(
                id: f.id, label: f.label, type: f.type, required: !f.optional,
                values: (f.values ?? []).map { NextStep.Choice(code: $0, label: f.valueLabels[$0]) }, min: f.min, max: f.max,
                format: f.format
            )
        }
    }
}
