import AAPDomain

/// `aap audit verify --json` (and the demo's check): the log is sound up to its head.
struct AuditVerifyOutput: Encodable {
    let ok: Bool
    let events: Int
    let head: String
}

/// `aap audit verify --json` when the log is altered: where, and why.
struct AuditFailureOutput: Encodable {
    let ok = false
    let events: Int
    let firstBadSeq: Int
    let reason: String
}

/// `aap audit verify --checkpoint --json`: the log is sound and extends the signed checkpoint.
struct AuditExtensionOutput: Encodable {
    /// The signed checkpoint and the consistency proof from it to the log now.
    struct Checkpoint: Encodable {
        let origin: String
        let size: Int
        let root: String
        let verifierKey: String
        let consistent = true
        let rootNow: String
        let consistencyProof: [String]
    }

    let ok = true
    let events: Int
    let head: String
    let checkpoint: Checkpoint
}

/// `aap audit replay --json`: the state of every call and case after the replayed events.
struct ReplayOutput: Encodable {
    /// A call after the replay.
    struct Call: Encodable {
        let state: String
        let awardedCents: Money
    }

    /// A case after the replay.
    struct Case: Encodable {
        let state: String
        let version: Int
    }

    let events: Int
    let head: String
    let calls: KeyedValues<Call>
    let cases: KeyedValues<Case>
}

/// `aap audit checkpoint --json`: the signed note, its verifier key, the file written.
struct CheckpointOutput: Encodable {
    let note: String
    let verifierKey: String
    let path: String
    /// The leaf hashes of the signed tree, beside the note: with them a rewrite is located.
    let leavesPath: String
}

/// `aap audit prove --json`: inclusion proofs of events in a checkpointed tree.
struct InclusionProofsOutput: Encodable {
    /// The proof of one event.
    struct Proof: Encodable {
        let seq: Int
        let leafIndex: Int
        let line: String
        let leafHash: String
        let proof: [String]
    }

    let origin: String
    let treeSize: Int
    let root: String
    let proofs: [Proof]
}
