/// A value an action records, typed, with its French label.
public struct FieldDefinition: Sendable, Equatable, Codable {
    public let id: String
    public let label: String
    public let type: FieldType
    public let optional: Bool
    /// The allowed values of an `enum` field.
    public let values: [String]?
    /// Bounds of an `integer` field.
    public let min: Int64?
    public let max: Int64?
    /// Longest text accepted (default 2 000 characters).
    public let maxLength: Int?
    /// A stricter format for a text field (SIRET, RNA, département).
    public let format: TextFormat?
    /// A money field that sets one of the case's amounts.
    public let sets: String?
    /// A money field added to one of the case's amounts.
    public let addsTo: String?
    /// A money field that must be strictly positive.
    public let positive: Bool

    public init(
        id: String, label: String, type: FieldType, optional: Bool = false, values: [String]? = nil,
        min: Int64? = nil, max: Int64? = nil, maxLength: Int? = nil, format: TextFormat? = nil,
        sets: String? = nil, addsTo: String? = nil, positive: Bool = false
    ) {
        self.id = id
        self.label = label
        self.type = type
        self.optional = optional
        self.values = values
        self.min = min
        self.max = max
        self.maxLength = maxLength
        self.format = format
        self.sets = sets
        self.addsTo = addsTo
        self.positive = positive
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, type, optional, values, min, max
        case maxLength = "max_length"
        case format, sets
        case addsTo = "adds_to"
        case positive
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        try StrictKeys.check(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "le champ « \(id) »")
        self.id = id
        label = try c.decode(String.self, forKey: .label)
        let typeName = try c.decode(String.self, forKey: .type)
        guard let type = FieldType(rawValue: typeName) else {
            throw WorkflowError("type inconnu « \(typeName) » pour le champ « \(id) » (types possibles : \(FieldType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.type = type
        optional = try c.decodeIfPresent(Bool.self, forKey: .optional) ?? false
        values = try c.decodeIfPresent([String].self, forKey: .values)
        min = try c.decodeIfPresent(Int64.self, forKey: .min)
        max = try c.decodeIfPresent(Int64.self, forKey: .max)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        if let formatName = try c.decodeIfPresent(String.self, forKey: .format) {
            guard let format = TextFormat(rawValue: formatName) else {
                throw WorkflowError("format inconnu « \(formatName) » pour le champ « \(id) »")
            }
            self.format = format
        } else {
            format = nil
        }
        sets = try c.decodeIfPresent(String.self, forKey: .sets)
        addsTo = try c.decodeIfPresent(String.self, forKey: .addsTo)
        positive = try c.decodeIfPresent(Bool.self, forKey: .positive) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(type, forKey: .type)
        if optional { try c.encode(true, forKey: .optional) }
        try c.encodeIfPresent(values, forKey: .values)
        try c.encodeIfPresent(min, forKey: .min)
        try c.encodeIfPresent(max, forKey: .max)
        try c.encodeIfPresent(maxLength, forKey: .maxLength)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encodeIfPresent(sets, forKey: .sets)
        try c.encodeIfPresent(addsTo, forKey: .addsTo)
        if positive { try c.encode(true, forKey: .positive) }
    }
}
