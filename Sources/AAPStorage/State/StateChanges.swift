import AAPDomain

/// What events changed in the state: which state rows must be rewritten.
struct StateChanges {
    var global = false
    var calls: Set<CallID> = []
    var cases: Set<CaseID> = []

    mutating func record(_ event: Event) {
        switch event {
        case .actorRegistered, .workflowRegistered, .authoritySet, .actorKeyRotated, .actorKeyRevoked, .callCreated:
            global = true
        case .callAdvanced, .committeeSet, .caseSubmitted, .caseAdvanced:
            break
        }
        if let call = event.callID { calls.insert(call) }
        if let id = event.caseID { cases.insert(id) }
    }

    var isEmpty: Bool { !global && calls.isEmpty && cases.isEmpty }

    func merging(_ other: StateChanges) -> StateChanges {
        StateChanges(global: global || other.global, calls: calls.union(other.calls), cases: cases.union(other.cases))
    }
}
