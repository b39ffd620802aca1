/// What an event is about: its call and its case.
extension Event {
    /// The call the event concerns, if any.
    public var callID: CallID? {
        switch self {
        case .actorRegistered, .workflowRegistered, .authoritySet, .actorKeyRotated, .actorKeyRevoked: nil
        case .callCreated(let e): e.call
        case .callAdvanced(let e): e.call
        case .committeeSet(let e): e.call
        case .caseSubmitted(let e): e.call
        case .caseAdvanced(let e): e.caseID.callID
        }
    }

    /// The case the event concerns, if any.
    public var caseID: CaseID? {
        switch self {
        case .actorRegistered, .workflowRegistered, .callCreated, .callAdvanced, .committeeSet, .authoritySet,
             .actorKeyRotated, .actorKeyRevoked: nil
        case .caseSubmitted(let e): e.caseID
        case .caseAdvanced(let e): e.caseID
        }
    }
}
