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
