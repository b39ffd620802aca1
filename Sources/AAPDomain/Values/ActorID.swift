/// The identifier of a person acting in the workflow (chair, reviewer, …): `chair.durand`, `instr-01`.
///
/// 1 to 64 characters among lowercase ASCII letters, digits, `.`, `_` and `-`, starting with a
/// letter or a digit. Stored in JSON as its string.
public struct ActorID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The identifier, as written.
    public let value: String

    /// The longest identifier accepted.
    static let maximumLength = 64

    private init(checkedValue: String) {
        self.value = checkedValue
    }

    /// Reads an actor id (surrounding white space ignored; case is not changed).
    public static func parse(_ text: String) throws -> ActorID {
        let trimmed = ValueText.trimmed(text)
        func refused(_ reason: String) -> ValueError {
            ValueError(code: "value.actor_id", "Identifiant d'acteur invalide \(ValueText.quoted(trimmed)) : \(reason)")
        }
        guard !trimmed.isEmpty else {
            throw ValueError(code: "value.actor_id", "Identifiant d'acteur invalide : aucun identifiant saisi (ex. chair.durand)")
        }
        guard trimmed.allSatisfy(isAllowed) else {
            throw refused("lettres minuscules, chiffres, « . », « _ » ou « - »")
        }
        guard let first = trimmed.first, isLowercaseLetterOrDigit(first) else {
            throw refused("le premier caractère doit être une lettre minuscule ou un chiffre")
        }
        guard trimmed.count <= maximumLength else {
            throw refused("\(maximumLength) caractères au plus")
        }
        return ActorID(checkedValue: trimmed)
    }

    private static func isLowercaseLetterOrDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x30 && ascii <= 0x39)
    }

    private static func isAllowed(_ character: Character) -> Bool {
        isLowercaseLetterOrDigit(character) || character == "." || character == "_" || character == "-"
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

    /// Whether `bytes` are 1 to 64 of `a`–`z`, `0`–`9`, `.`, `_`, `-`, the first a letter or a
    /// digit: text that `parse` accepts and keeps as it is.
    private static func isPlainCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isLowercaseLetterOrDigit(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
        }
        guard bytes.count <= maximumLength, let first = bytes.first, isLowercaseLetterOrDigit(first) else { return false }
        return bytes.allSatisfy { isLowercaseLetterOrDigit($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    public var description: String { value }

    public static func < (lhs: ActorID, rhs: ActorID) -> Bool {
        lhs.value < rhs.value
    }

    public init(from decoder: any Decoder) throws {
        self = try ValueText.decodeCanonical(from: decoder, parse: Self.parse, canonical: \.value)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(value, to: encoder)
    }
}
