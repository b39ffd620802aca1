/// The semantic markers of a format-1 workflow, inferred from the well-known ids of the workflows
/// shipped before format 2 (`call`, `aap`, `ami` v1).
///
/// Format 1 had no markers: the program recognised `sign-agreement`, `open`, `decided_on`… by their
/// ids. Logs keep those definitions in signed `workflow.registered` lines whose bytes never change,
/// so they are still read, and this table, the only place that knows the v1 ids, gives them the
/// markers a format-2 file writes. Encoding a format-1 definition writes it without them, as it was.
enum FormatOneMarkers {
    static let callStates: [String: (acceptsSubmissions: Bool, resultsPublished: Bool)] = [
        "open": (true, false), "decided": (false, true),
    ]
    static let caseStatesWithReportsDue: Set<String> = ["granted", "report_received", "evaluated"]
    static let effects: [String: ActionEffect] = [
        "propose": .proposal, "request-documents": .documentsRequest, "receive-documents": .documentsReceipt,
        "receive-proposal": .proposalReceipt, "sign-agreement": .agreement, "evaluate": .evaluation, "withdraw": .withdrawal,
    ]
    static let outcomes: [String: DecisionOutcome] = [
        "select": .award, "waitlist": .waitlist, "reject": .rejection, "retract-decision": .retraction,
    ]
    static let fields: [String: FieldMeaning] = [
        "due_on": .dueOn, "missing": .missingDocuments, "received_on": .receivedOn, "decided_on": .decidedOn,
        "signed_on": .signedOn, "reference": .reference, "instrument": .instrument, "kind": .paymentKind,
        "year": .year, "years": .years, "first_year": .firstYear, "opinion": .opinion,
    ]
    static let values: [String: ValueMeaning] = [
        "convention": .convention, "arrete": .decree, "advance": .advance, "instalment": .instalment, "balance": .balance,
    ]

    /// The states with the markers their v1 ids stand for.
    static func states(_ states: [StateDefinition], kind: WorkflowKind) -> [StateDefinition] {
        states.map { state in
            switch kind {
            case .call:
                let flags = callStates[state.id] ?? (false, false)
                return state.marked(acceptsSubmissions: flags.acceptsSubmissions, resultsPublished: flags.resultsPublished, reportsDue: false)
            case .case:
                return state.marked(acceptsSubmissions: false, resultsPublished: false, reportsDue: caseStatesWithReportsDue.contains(state.id))
            }
        }
    }

    /// The actions with the markers their v1 ids (and their fields' ids) stand for.
    static func actions(_ actions: [ActionDefinition], kind: WorkflowKind) -> [ActionDefinition] {
        guard kind == .case else { return actions }
        return actions.map { action in
            // The submission's fields are fixed by the `case.submitted` event itself: they carry no meaning.
            let fields = action.fields.map { field -> FieldDefinition in
                guard !action.isCreation, let meaning = self.fields[field.id] else { return field }
                let marks = meaning.valueMeanings
                let valueMeanings = (field.values ?? []).reduce(into: [String: ValueMeaning]()) { result, value in
                    if let mark = values[value], marks.contains(mark) { result[value] = mark }
                }
                return field.marked(meaning: meaning, valueMeanings: valueMeanings)
            }
            let effect = action.effect ?? effects[action.id]
            let outcome = effect == .decision ? outcomes[action.id] : nil
            return action.marked(effect: effect, outcome: outcome, fields: fields)
        }
    }

    /// The definition as a format-1 file writes it: without the markers this table inferred.
    static func unmarked(_ states: [StateDefinition]) -> [StateDefinition] {
        states.map { $0.marked(acceptsSubmissions: false, resultsPublished: false, reportsDue: false) }
    }

    static func unmarked(_ actions: [ActionDefinition]) -> [ActionDefinition] {
        actions.map { action in
            let effect = action.effect.flatMap { ActionEffect.formatOne.contains($0) ? $0 : nil }
            return action.marked(effect: effect, outcome: nil, fields: action.fields.map { $0.marked(meaning: nil, valueMeanings: [:]) })
        }
    }
}
