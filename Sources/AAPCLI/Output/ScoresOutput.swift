import AAPDomain

/// Scores by member, then by criterion, both in name order.
struct ScoresOutput: Encodable {
    let scores: [ActorID: [String: Int]]

    init(_ scores: [ActorID: [String: Int]]) { self.scores = scores }

    func encode(to encoder: any Encoder) throws {
        try KeyedValues(scores.keys.sorted().map { member in
            (key: member.value, value: KeyedValues((scores[member] ?? [:]).sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }))
        }).encode(to: encoder)
    }
}
