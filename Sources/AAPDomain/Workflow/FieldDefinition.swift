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
    /// What the field means to the domain (`means`), when a rule or an export reads it.
    public let meaning: FieldMeaning?
    /// What some values of an enum field mean to the domain (`value_means`), by value.
    public let valueMeanings: [String: ValueMeaning]
    /// The French label of some values of an enum field (`value_labels`, format 3), by value:
    /// what people read, and type, instead of the code the log records.
    public let valueLabels: [String: String]

    public init(
        id: String, label: String, type: FieldType, optional: Bool = false, values: [String]? = nil,
        min: Int64? = nil, max: Int64? = nil, maxLength: Int? = nil, format: TextFormat? = nil,
        sets: String? = nil, addsTo: String? = nil, positive: Bool = false, meaning: FieldMeaning? = nil,
        valueMeanings: [String: ValueMeaning] = [:], valueLabels: [String: String] = [:]
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
        self.meaning = meaning
        self.valueMeanings = valueMeanings
        self.valueLabels = valueLabels
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, label, type, optional, values, min, max
        case maxLength = "max_length"
        case format, sets
        case addsTo = "adds_to"
        case positive
        case meaning = "means"
        case valueMeanings = "value_means"
        case valueLabels = "value_labels"
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
        meaning = try c.decodeMarker(FieldMeaning.self, forKey: .meaning, unknown: "sens inconnu", possible: "sens possibles", in: "pour le champ « \(id) »")
        var valueMeanings: [String: ValueMeaning] = [:]
        for (value, name) in try c.decodeIfPresent([String: String].self, forKey: .valueMeanings) ?? [:] {
            guard let meaning = ValueMeaning(rawValue: name) else {
                throw WorkflowError("sens inconnu « \(name) » pour la valeur « \(value) » du champ « \(id) » (sens possibles : \(ValueMeaning.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            valueMeanings[value] = meaning
        }
        self.valueMeanings = valueMeanings
        valueLabels = try c.decodeIfPresent([String: String].self, forKey: .valueLabels) ?? [:]
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
        try c.encodeIfPresent(meaning, forKey: .meaning)
        if !valueMeanings.isEmpty { try c.encode(valueMeanings.mapValues(\.rawValue), forKey: .valueMeanings) }
        if !valueLabels.isEmpty { try c.encode(valueLabels, forKey: .valueLabels) }
    }

    /// What `value` means to the domain, when the workflow marks it.
    public func meaning(ofValue value: String) -> ValueMeaning? { valueMeanings[value] }

    /// The value marked with `meaning`, if any.
    public func value(meaning: ValueMeaning) -> String? { valueMeanings.first { $0.value == meaning }?.key }

    /// The key of format 3 the file wrote, which an older format may not.
    var formatThreeKey: String? { valueLabels.isEmpty ? nil : CodingKeys.valueLabels.rawValue }

    /// The first format-2 marker the file wrote, which a format-1 file may not (there they are inferred).
    var formatTwoKey: String? {
        if meaning != nil { return CodingKeys.meaning.rawValue }
        return valueMeanings.isEmpty ? nil : CodingKeys.valueMeanings.rawValue
    }

    /// The field with other markers (used by the format-1 reading, which infers them).
    func marked(meaning: FieldMeaning?, valueMeanings: [String: ValueMeaning]) -> FieldDefinition {
        FieldDefinition(
            id: id, label: label, type: type, optional: optional, values: values, min: min, max: max, maxLength: maxLength,
            format: format, sets: sets, addsTo: addsTo, positive: positive, meaning: meaning, valueMeanings: valueMeanings,
            valueLabels: valueLabels
        )
    }
}
