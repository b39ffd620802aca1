import AAPDomain

/// A call's committee as shown in JSON.
struct CommitteeOutput: Encodable {
    let chair: String
    let members: [String]
    let quorum: Int

    init(_ m: Committee) {
        chair = m.chair.value
        members = m.members.map(\.value)
        quorum = m.quorum
    }
}
