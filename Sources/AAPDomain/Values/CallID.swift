/// The identifier of a call for projects (appel à projets): `AAP-MOB-2026`.
///
/// 3 to 64 characters among uppercase ASCII letters, digits and `-`, starting with a letter or a
/// digit; input is upper-cased. Stored in JSON as its string.
public struct CallID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The identifier, upper-cased.
    public let value: String

    /// The accepted lengths.
    static let lengths = 3...64

    /// An id from text already checked to be canonical.
    init(checkedValue: String) {
        self.value = checkedValue
    }

    /// Reads a call id, upper-casing it (surrounding white space ignored): `aap-mob-2026` gives `AAP-MOB-2026`.
    public static func parse(_ text: String) throws -> CallID {
        let trimmed = ValueText.trimmed(text)
        guard !trimmed.isEmpty else {
            throw ValueError(code: "value.call_id", "Identifiant d'appel invalide : aucun identifiant saisi (ex. AAP-MOB-2026)")
        }
        let candidate = trimmed.uppercased()
        guard isValid(candidate) else {
            throw ValueError(
                code: "value.call_id", "Identifiant d'appel invalide \(ValueText.quoted(trimmed)) : 3 à 64 caractères parmi A-Z, 0-9 et « - », sans « - » au début (ex. AAP-MOB-2026)"
            )
        }
        return CallID(checkedValue: candidate)
    }

    /// Whether `text` matches `^[A-Z0-9][A-Z0-9-]{2,63}$` exactly.
    static func isValid(_ text: String) -> Bool {
        guard lengths.contains(text.count), let first = text.first, isUppercaseLetterOrDigit(first) else {
            return false
        }
        return text.allSatisfy { isUppercaseLetterOrDigit($0) || $0 == "-" }
    }

    private static func isUppercaseLetterOrDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (ascii >= 0x41 && ascii <= 0x5A) || (ascii >= 0x30 && ascii <= 0x39)
    }

    /// The id whose text is exactly `text`, or nil: what decoding a stored id accepts (`parse`
    /// succeeds and changes nothing). Plain ASCII text is checked byte by byte, without `parse`.
    public init?(canonical text: String) {
        if text.utf8.withContiguousStorageIfAvailable(Self.isPlainCanonical) == true {
            self.init(checkedValue: text)
        } else if let id = try? Self.parse(text), id.value == text {
            self = id
        } else {
            return nil
        }
    }

    /// Whether `bytes` match `^[A-Z0-9][A-Z0-9-]{2,63}$`: text that `parse` accepts and keeps as it is.
    static func isPlainCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isUppercaseLetterOrDigit(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
        }
        guard lengths.contains(bytes.count), let first = bytes.first, isUppercaseLetterOrDigit(first) else { return false }
        return bytes.allSatisfy { isUppercaseLetterOrDigit($0) || $0 == 0x2D }
    }

    public var description: String { value }

    public static func < (lhs: CallID, rhs: CallID) -> Bool {
        lhs.value < rhs.value
    }

    public init(from decoder: any Decoder) throws {
        self = try ValueText.decodeCanonical(from: decoder, parse: Self.parse, canonical: \.value)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(value, to: encoder)
    }
}
