/// What a named rule may look at: the state before the action, and what the action would record.
public struct RuleContext: Sendable {
    public let state: StoreState
    public let call: CallState
    /// The case, except at submission where it does not exist yet.
    public let caseState: CaseState?
    /// The submission being decided, at submission only.
    public let submission: CaseSubmitted?
    public let action: ActionDefinition
    public let fields: Fields
    public let actor: ActorID
    public let today: CalendarDate
}
