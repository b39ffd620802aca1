/// The type of a value an action records.
public enum FieldType: String, Sendable, CaseIterable, Codable {
    case text
    case money
    case date
    case `enum`
    case integer
    case score
}

/// A stricter check on a text field, for the identifiers the law defines.
public enum TextFormat: String, Sendable, CaseIterable, Codable {
    case siret
    case rna
    case departement
    /// Indicators as `clé=valeur; clé=valeur` (keys in lowercase, values free text).
    case keyValues = "key_values"
}
