import AAPDomain

/// One row of `aap actor list --json`.
struct ActorOutput: Encodable {
    let id: String
    @Nullable var name: String?
    let roles: [String]

    init(_ actor: ActorRecord) {
        id = actor.id.value
        name = actor.name
        roles = actor.roles.sorted().map(\.rawValue)
    }
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
