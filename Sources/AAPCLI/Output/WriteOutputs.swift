import AAPDomain

/// `aap init --json`: the new store, its administrator, head and workflows.
struct InitOutput: Encodable {
    let store: String
    let admin: String
    let events: Int
    let workflows: [String]
    let head: String
}

/// `aap actor add --json`: the actor, its roles, the event's sequence number.
struct ActorAddedOutput: Encodable {
    let actor: String
    let roles: [String]
    let seq: Int
}

/// `aap actor rotate-key|revoke-key --json`: the actor whose key changed, the event's sequence number.
struct ActorKeyOutput: Encodable {
    let actor: String
    let seq: Int
}

/// `aap authority set --json`: the awarding authority recorded.
struct AuthoritySetOutput: Encodable {
    let name: String
    let siret: String
    let seq: Int
}

/// `aap committee set --json`: the committee of a call.
struct CommitteeSetOutput: Encodable {
    let call: String
    let chair: String
    let members: [String]
    let quorum: Int
}

/// `aap call advance --json` and `aap case advance --json`: the transition that was written.
struct TransitionOutput: Encodable {
    let id: String
    let action: String
    let from: String
    let to: String
    /// The case's version after the action (cases only).
    let version: Int?
    let seq: Int
}

/// `aap case submit --json`: the new case's id.
struct CaseSubmittedOutput: Encodable {
    let id: String
}

/// `aap batch --json`: what each line of the batch wrote.
struct BatchOutput: Encodable {
    /// One line of the batch: its number, the events it wrote, their summary.
    struct Line: Encodable {
        let line: Int
        let seq: [Int]
        let result: String
    }

    let events: Int
    let head: String
    let results: [Line]
}

/// `aap import applications --json`: the cases created.
struct ImportOutput: Encodable {
    let ids: [String]
    let events: Int
    let seq: Int
    let head: String
}

/// `aap import applications --dry-run --json`: the problems found, or the ids the import would create.
struct ImportDryRunOutput: Encodable {
    let dryRun = true
    let ok: Bool
    let problems: [ApplicationImport.Problem]
    let ids: [String]
}

extension ApplicationImport.Problem: Encodable {
    private enum CodingKeys: String, CodingKey { case line, column, reason }

    /// `column` is written `null` when the problem is the whole line.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(reason, forKey: .reason)
    }
}
