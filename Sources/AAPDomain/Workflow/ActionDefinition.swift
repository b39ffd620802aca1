/// Whether an action takes a motivation (`--reason`).
public enum ReasonRequirement: String, Sendable, Codable, CaseIterable {
    case required
    case optional
    case none
}

/// A special effect an action has beyond moving the case, interpreted by the domain.
public enum ActionEffect: String, Sendable, Codable, CaseIterable {
    /// The fields are the call's scoring criteria, one score per committee member.
    case score
    /// The actor declares a conflict of interest on the case.
    case conflict
    /// A committee decision (select, waitlist, reject in committee); its `outcome` says which.
    case decision
    /// The instructor proposes the case to the committee (`propose`): they may not decide it.
    case proposal
    /// Documents are requested from the applicant (`request-documents`): the case waits for them.
    case documentsRequest = "documents_request"
    /// The requested documents are received (`receive-documents`): the request is complete.
    case documentsReceipt = "documents_receipt"
    /// The detailed proposal of an expression of interest is received (`receive-proposal`).
    case proposalReceipt = "proposal_receipt"
    /// The convention or arrêté is signed (`sign-agreement`): the award is committed.
    case agreement
    /// The report is evaluated (`evaluate`): the balance may be paid.
    case evaluation
    /// The applicant withdraws (`withdraw`).
    case withdrawal

    /// The effects a format-1 file may write (the others are inferred from the action's id).
    static let formatOne: Set<ActionEffect> = [.score, .conflict, .decision]
}

/// One transition of a workflow: from which states, to which, by whom, recording what.
public struct ActionDefinition: Sendable, Equatable, Codable {
    public let id: String
    public let label: String
    /// The states the action may start from; empty for the action that creates the case or call.
    public let from: [String]
    /// The state reached; nil when the action leaves the state as it is (`stays`).
    public let to: String?
    public let stays: Bool
    public let roles: [String]
    /// Roles that replace `roles` when the action starts from a given state.
    public let rolesFrom: [String: [String]]
    public let fields: [FieldDefinition]
    public let reason: ReasonRequirement
    public let rules: [String]
    public let effect: ActionEffect?
    /// What a decision does (award, waitlist, rejection, retraction); only with the `decision` effect.
    public let outcome: DecisionOutcome?

    public init(
        id: String, label: String, from: [String], to: String?, stays: Bool = false, roles: [String],
        rolesFrom: [String: [String]] = [:], fields: [FieldDefinition] = [], reason: ReasonRequirement = .optional,
        rules: [String] = [], effect: ActionEffect? = nil, outcome: DecisionOutcome? = nil
    ) {
        self.id = id
        self.label = label
        self.from = from
        self.to = to
        self.stays = stays
        self.roles = roles
        self.rolesFrom = rolesFrom
        self.fields = fields
        self.reason = reason
        self.rules = rules
        self.effect = effect
        self.outcome = outcome
    }

    /// Whether this action creates the case (or the call) rather than moving it.
    public var isCreation: Bool { from.isEmpty }

    /// The state reached when starting from `state`.
    public func target(from state: String) -> String { to ?? state }

    /// The roles allowed to take the action from `state`.
    public func allowedRoles(from state: String?) -> [Role] {
        let names = state.flatMap { rolesFrom[$0] } ?? roles
        return names.compactMap { Role(rawValue: $0) }
    }

    /// The declared field with this id.
    public func field(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, from, to, stays, roles
        case rolesFrom = "roles_from"
        case fields, reason, rules, effect, outcome
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        try StrictKeys.check(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "l'action « \(id) »")
        self.id = id
        label = try c.decode(String.self, forKey: .label)
        from = try c.decode([String].self, forKey: .from)
        to = try c.decodeIfPresent(String.self, forKey: .to)
        stays = try c.decodeIfPresent(Bool.self, forKey: .stays) ?? false
        roles = try c.decode([String].self, forKey: .roles)
        rolesFrom = try c.decodeIfPresent([String: [String]].self, forKey: .rolesFrom) ?? [:]
        fields = try c.decodeIfPresent([FieldDefinition].self, forKey: .fields) ?? []
        let reasonName = try c.decodeIfPresent(String.self, forKey: .reason) ?? ReasonRequirement.optional.rawValue
        guard let reason = ReasonRequirement(rawValue: reasonName) else {
            throw WorkflowError("valeur « \(reasonName) » inconnue pour « reason » dans l'action « \(id) » (required, optional ou none)")
        }
        self.reason = reason
        rules = try c.decodeIfPresent([String].self, forKey: .rules) ?? []
        effect = try c.decodeMarker(ActionEffect.self, forKey: .effect, unknown: "effet inconnu", possible: "effets possibles", in: "dans l'action « \(id) »")
        outcome = try c.decodeMarker(DecisionOutcome.self, forKey: .outcome, unknown: "issue de décision inconnue", possible: "issues possibles", in: "dans l'action « \(id) »")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(from, forKey: .from)
        try c.encodeIfPresent(to, forKey: .to)
        if stays { try c.encode(true, forKey: .stays) }
        try c.encode(roles, forKey: .roles)
        if !rolesFrom.isEmpty { try c.encode(rolesFrom, forKey: .rolesFrom) }
        if !fields.isEmpty { try c.encode(fields, forKey: .fields) }
        try c.encode(reason, forKey: .reason)
        if !rules.isEmpty { try c.encode(rules, forKey: .rules) }
        try c.encodeIfPresent(effect, forKey: .effect)
        try c.encodeIfPresent(outcome, forKey: .outcome)
    }

    /// The first format-2 marker the file wrote, which a format-1 file may not (there they are inferred).
    var formatTwoKey: String? {
        if let effect, !ActionEffect.formatOne.contains(effect) { return "effect" }
        return outcome == nil ? nil : CodingKeys.outcome.rawValue
    }

    /// The action with other markers (used by the format-1 reading, which infers them).
    func marked(effect: ActionEffect?, outcome: DecisionOutcome?, fields: [FieldDefinition]) -> ActionDefinition {
        ActionDefinition(
            id: id, label: label, from: from, to: to, stays: stays, roles: roles, rolesFrom: rolesFrom, fields: fields,
            reason: reason, rules: rules, effect: effect, outcome: outcome
        )
    }
}
