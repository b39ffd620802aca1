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
    /// A call in this state receives applications (the open call; exactly one per call workflow).
    public let acceptsSubmissions: Bool
    /// A call in this state has published its results: its committee can no longer change.
    public let resultsPublished: Bool
    /// A case in this state holds a running grant whose financial reports are due.
    public let reportsDue: Bool

    public init(
        id: String, label: String, phase: String? = nil, terminal: Bool = false, holdsAward: Bool = false, outcome: Bool = false,
        acceptsSubmissions: Bool = false, resultsPublished: Bool = false, reportsDue: Bool = false
    ) {
        self.id = id
        self.label = label
        self.phase = phase
        self.terminal = terminal
        self.holdsAward = holdsAward
        self.outcome = outcome
        self.acceptsSubmissions = acceptsSubmissions
        self.resultsPublished = resultsPublished
        self.reportsDue = reportsDue
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, phase, terminal
        case holdsAward = "holds_award"
        case outcome
        case acceptsSubmissions = "accepts_submissions"
        case resultsPublished = "results_published"
        case reportsDue = "reports_due"
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
        acceptsSubmissions = try c.decodeIfPresent(Bool.self, forKey: .acceptsSubmissions) ?? false
        resultsPublished = try c.decodeIfPresent(Bool.self, forKey: .resultsPublished) ?? false
        reportsDue = try c.decodeIfPresent(Bool.self, forKey: .reportsDue) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(phase, forKey: .phase)
        if terminal { try c.encode(true, forKey: .terminal) }
        if holdsAward { try c.encode(true, forKey: .holdsAward) }
        if outcome { try c.encode(true, forKey: .outcome) }
        if acceptsSubmissions { try c.encode(true, forKey: .acceptsSubmissions) }
        if resultsPublished { try c.encode(true, forKey: .resultsPublished) }
        if reportsDue { try c.encode(true, forKey: .reportsDue) }
    }

    /// The first format-2 marker the file wrote, which a format-1 file may not (there they are inferred).
    var formatTwoKey: String? {
        [(acceptsSubmissions, CodingKeys.acceptsSubmissions), (resultsPublished, .resultsPublished), (reportsDue, .reportsDue)]
            .first { $0.0 }?.1.rawValue
    }

    /// The state with other markers (used by the format-1 reading, which infers them).
    func marked(acceptsSubmissions: Bool, resultsPublished: Bool, reportsDue: Bool) -> StateDefinition {
        StateDefinition(
            id: id, label: label, phase: phase, terminal: terminal, holdsAward: holdsAward, outcome: outcome,
            acceptsSubmissions: acceptsSubmissions, resultsPublished: resultsPublished, reportsDue: reportsDue
        )
    }
}
