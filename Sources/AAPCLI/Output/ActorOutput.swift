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
