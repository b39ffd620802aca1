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
    /// A committee decision (select, waitlist, reject in committee).
    case decision
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

    public init(
        id: String, label: String, from: [String], to: String?, stays: Bool = false, roles: [String],
        rolesFrom: [String: [String]] = [:], fields: [FieldDefinition] = [], reason: ReasonRequirement = .optional,
        rules: [String] = [], effect: ActionEffect? = nil
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
        case fields, reason, rules, effect
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
        if let effectName = try c.decodeIfPresent(String.self, forKey: .effect) {
            guard let effect = ActionEffect(rawValue: effectName) else {
                throw WorkflowError("effet inconnu « \(effectName) » dans l'action « \(id) » (effets possibles : \(ActionEffect.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self.effect = effect
        } else {
            effect = nil
        }
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
    }
}
