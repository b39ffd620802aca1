/// Typed questions on a workflow's semantic markers: the domain and the exports ask these, never
/// for an action, state or field by its id.
extension WorkflowDefinition {
    /// The actions with this effect, in file order.
    public func actions(withEffect effect: ActionEffect) -> [ActionDefinition] {
        actions.filter { $0.effect == effect }
    }

    /// The action with this effect (the validator allows at most one for the effects read this way).
    public func action(withEffect effect: ActionEffect) -> ActionDefinition? {
        actions.first { $0.effect == effect }
    }

    /// The committee decision with this outcome.
    public func decision(_ outcome: DecisionOutcome) -> ActionDefinition? {
        actions.first { $0.effect == .decision && $0.outcome == outcome }
    }

    /// Whether `action` leads to `state` (e.g. a case waits for requested documents in the state the
    /// `documents_request` action leads to).
    public func isReached(_ state: String, by action: ActionDefinition?) -> Bool {
        guard let action, let to = action.to else { return false }
        return to == state
    }

    /// The action that moves a call from `state` to the state that receives applications (publishing it).
    public func openingAction(from state: String) -> ActionDefinition? {
        actions(from: state).first { action in self.state(action.target(from: state))?.acceptsSubmissions ?? false }
    }

    /// What the last occurrence of `action` recorded on the case in its field of this meaning.
    public func recorded(_ meaning: FieldMeaning, by action: ActionDefinition?, on c: CaseState) -> FieldValue? {
        guard let action, let field = action.field(meaning: meaning) else { return nil }
        return c.actionFields[action.id]?[field.id]
    }
}

extension ActionDefinition {
    /// The field with this meaning.
    public func field(meaning: FieldMeaning) -> FieldDefinition? { fields.first { $0.meaning == meaning } }

    /// The value the action records (or would record) in its field of this meaning.
    public func value(_ meaning: FieldMeaning, in fields: Fields) -> FieldValue? {
        field(meaning: meaning).flatMap { fields[$0.id] }
    }

    /// What the value recorded in its field of this meaning means (convention, balance…).
    public func valueMeaning(_ meaning: FieldMeaning, in fields: Fields) -> ValueMeaning? {
        guard let field = field(meaning: meaning), let text = fields[field.id]?.string else { return nil }
        return field.meaning(ofValue: text)
    }
}
