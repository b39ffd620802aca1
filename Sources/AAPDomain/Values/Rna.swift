/// An RNA number (Répertoire national des associations): `W` followed by 9 characters.
///
/// Accepts the Démarches Simplifiées form `W[0-9A-Z]{9}`, letters included; the stricter
/// data.gouv.fr form `W` + 9 digits is what `hasLetters` tells apart, so callers can warn.
/// Stored in JSON as its string.
public struct Rna: Sendable, Hashable, Codable {
    /// The 10 characters, upper-cased, without spaces: `W313012345`.
    public let value: String

    private init(checkedValue: String) {
        self.value = checkedValue
    }

    /// Whether the 9 characters after `W` contain a letter (refused by the data.gouv.fr pattern `^W\d{9}$`).
    public var hasLetters: Bool {
        value.dropFirst().contains { !ValueText.isASCIIDigit($0) }
    }

    /// Reads an RNA number, upper-casing it and ignoring spaces (ASCII, U+00A0, U+202F).
    public static func parse(_ text: String) throws -> Rna {
        let trimmed = ValueText.trimmed(text)
        let compact = String(trimmed.filter { !($0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}") }).uppercased()
        let isRight = compact.count == 10
            && compact.first == "W"
            && compact.dropFirst().allSatisfy { character in
                ValueText.isASCIIDigit(character) || (character.isASCII && character.isUppercase)
            }
        guard isRight else {
            throw ValueError(code: "value.rna", "RNA invalide \(ValueText.quoted(trimmed)) : attendu W suivi de 9 caractères (ex. W313012345)")
        }
        return Rna(checkedValue: compact)
    }

    public init(from decoder: any Decoder) throws {
        self = try ValueText.decodeCanonical(from: decoder, parse: Self.parse, canonical: \.value)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(value, to: encoder)
    }
}
