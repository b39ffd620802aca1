/// `aap authority set --json`: the awarding authority recorded.
struct AuthoritySetOutput: Encodable {
    let name: String
    let siret: String
    let seq: Int
}
