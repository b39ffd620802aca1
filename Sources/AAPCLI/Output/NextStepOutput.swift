import AAPDomain

/// One next step of a case in JSON (`case show --json`, `todo --json`): who may take it, what it records
/// and, for the person asking, the command line to copy.
struct NextStepOutput: Encodable {
    /// A value the step records.
    struct Input: Encodable {
        let id: String
        let label: String
        let type: String
        let required: Bool
        let description: String
        /// The codes an enum field accepts; absent for the other types.
        let values: [Choice]?
        let placeholder: String
    }

    /// A code of an enum field and its French label.
    struct Choice: Encodable {
        let code: String
        let label: String?
    }

    let action: String
    let label: String
    let to: String
    let roles: [String]
    let people: [String]
    let openToActor: Bool
    let inputs: [Input]
    let reason: String
    /// The ready-to-copy command for the person asking; absent when they may not take the step.
    let command: String?

    init(_ step: NextStep, case c: CaseState, actor: ActorID?) {
        action = step.action.id
        label = step.action.label
        to = step.action.target(from: c.state)
        roles = step.roles.map(\.rawValue)
        people = step.people.map(\.value)
        openToActor = step.openToActor
        inputs = step.inputs.map { input in
            Input(
                id: input.id, label: input.label, type: input.type.rawValue, required: input.required,
                description: NextStepText.typeDescription(input),
                values: input.type == .enum ? input.values.map { Choice(code: $0.code, label: $0.label) } : nil,
                placeholder: NextStepText.placeholder(input)
            )
        }
        reason = step.action.reason.rawValue
        command = step.openToActor ? actor.map { NextStepText.command(step, case: c, actor: $0) } : nil
    }
}
