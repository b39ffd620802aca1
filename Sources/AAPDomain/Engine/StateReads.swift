/// What part of the state `decide` reads for a command, so that storage can load only that part.
///
/// Every command reads the actors and the workflows. A call command reads its call; a case
/// command reads its call and its case, never the other cases of the call: the rules that look
/// across the call (the envelope, the cases awaiting a decision, the cases not finished) read the
/// call's running totals (``CallTotals``). A submission with an external reference also reads
/// whether a case of the store holds it (``StoreState/externalReferences``). Deciding a command
/// against a state holding at least this part gives the same event or the same refusal as against
/// the whole state.
public struct StateReads: Sendable, Equatable {
    /// The calls whose own record is read (their totals included, not their cases).
    public var calls: Set<CallID> = []
    /// The cases read individually.
    public var cases: Set<CaseID> = []
    /// The external references looked up (as decide will read them: trimmed).
    public var references: Set<String> = []

    public init(calls: Set<CallID> = [], cases: Set<CaseID> = [], references: Set<String> = []) {
        self.calls = calls
        self.cases = cases
        self.references = references
    }

    /// What `command` reads: no call and no case for commands that read only actors, workflows and
    /// the authority. An id that does not parse reads nothing (decide refuses it).
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
            var reads = call(c.call)
            if let reference = c.externalReference {
                reads.references = [(try? TextInput.validate(reference, field: "external_reference", maxLength: 100)) ?? reference]
            }
            return reads
        case .advanceCase(let c):
            guard let caseID = try? CaseID.parse(c.caseID) else { return StateReads() }
            return StateReads(calls: [caseID.callID], cases: [caseID])
        }
    }
}
