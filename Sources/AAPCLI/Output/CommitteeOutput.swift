import AAPDomain

/// A call's committee as shown in JSON.
struct CommitteeOutput: Encodable {
    let chair: String
    let members: [String]
    let quorum: Int
    /// The member who presides over the cases on which the chair declared a conflict of interest.
    @Nullable var viceChair: String?

    init(_ m: Committee) {
        chair = m.chair.value
        members = m.members.map(\.value)
        quorum = m.quorum
        viceChair = m.viceChair?.value
    }
}
