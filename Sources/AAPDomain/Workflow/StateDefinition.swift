/// One state of a workflow, with its French label.
public struct StateDefinition: Sendable, Equatable, Codable {
    public let id: String
    public let label: String
    /// The stage of the case's life: intake, review, committee, decision, funding, evaluation.
    public let phase: String?
    /// No action leaves a terminal state.
    public let terminal: Bool
    /// A case in this state keeps its award counted against the call's envelope.
    public let holdsAward: Bool
    /// This state is itself a committee outcome (e.g. the waitlist) although not terminal.
    public let outcome: Bool

    public init(id: String, label: String, phase: String? = nil, terminal: Bool = false, holdsAward: Bool = false, outcome: Bool = false) {
        self.id = id
        self.label = label
        self.phase = phase
        self.terminal = terminal
        self.holdsAward = holdsAward
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, phase, terminal
        case holdsAward = "holds_award"
        case outcome
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        try StrictKeys.check(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "l'état « \(id) »")
        self.id = id
        label = try c.decode(String.self, forKey: .label)
        phase = try c.decodeIfPresent(String.self, forKey: .phase)
        terminal = try c.decodeIfPresent(Bool.self, forKey: .terminal) ?? false
        holdsAward = try c.decodeIfPresent(Bool.self, forKey: .holdsAward) ?? false
        outcome = try c.decodeIfPresent(Bool.self, forKey: .outcome) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(phase, forKey: .phase)
        if terminal { try c.encode(true, forKey: .terminal) }
        if holdsAward { try c.encode(true, forKey: .holdsAward) }
        if outcome { try c.encode(true, forKey: .outcome) }
    }
}
