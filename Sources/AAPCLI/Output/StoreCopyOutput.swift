/// `aap store copy --json`: both stores, how many lines were copied, and the head they now share.
struct StoreCopyOutput: Encodable {
    let from: String
    let to: String
    /// Lines in the destination after the copy.
    let events: Int
    /// Lines written by this copy (fewer than `events` when it resumed an interrupted one).
    let copied: Int
    let head: String
}
