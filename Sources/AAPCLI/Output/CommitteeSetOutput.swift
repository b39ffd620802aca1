/// `aap committee set --json`: the committee of a call.
struct CommitteeSetOutput: Encodable {
    let call: String
    let chair: String
    let members: [String]
    let quorum: Int
    @Nullable var viceChair: String?
}
