/// `aap init --json`: the new store, its administrator, head and workflows.
struct InitOutput: Encodable {
    let store: String
    let admin: String
    let events: Int
    let workflows: [String]
    let head: String
}
