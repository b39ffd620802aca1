/// A SIRET number: the 14 digits identifying an establishment (SIREN + NIC).
///
/// Valid when the Luhn checksum over the 14 digits holds, or, for La Poste (SIREN 356000000),
/// when the sum of the 14 digits is a multiple of 5. Stored in JSON as its 14-digit string.
public struct Siret: Sendable, Hashable, Codable {
    /// The 14 digits, without spaces.
    public let value: String

    /// La Poste's SIREN, whose establishments follow the sum-of-digits rule.
    static let laPosteSiren = "356000000"

    private init(checkedValue: String) {
        self.value = checkedValue
    }

    /// The SIREN: the first 9 digits, identifying the legal entity.
    public var siren: String {
        String(value.prefix(9))
    }

    /// Reads a SIRET, ignoring spaces (ASCII, U+00A0, U+202F) and dots: `356 000 000 00048`.
    public static func parse(_ text: String) throws -> Siret {
        let trimmed = ValueText.trimmed(text)
        let digits = String(trimmed.filter { !($0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == ".") })
        guard digits.count == 14, ValueText.isASCIIDigits(digits) else {
            throw ValueError(code: "value.siret", "SIRET invalide \(ValueText.quoted(trimmed)) : 14 chiffres attendus")
        }
        guard isLuhnValid(digits) || (digits.hasPrefix(laPosteSiren) && digitSum(digits) % 5 == 0) else {
            throw ValueError(code: "value.siret", "SIRET invalide \(ValueText.quoted(trimmed)) : la clé de contrôle (Luhn) est fausse")
        }
        return Siret(checkedValue: digits)
    }

    /// The SIRET whose text is exactly `text`, or nil: what decoding a stored SIRET accepts (`parse`
    /// succeeds and changes nothing). Fourteen ASCII digits are checked byte by byte, without `parse`.
    public init?(canonical text: String) {
        // nil: not fourteen ASCII digits, left to `parse`.
        let plain: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.count == 14, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            var luhn = 0
            var sum = 0
            for (position, byte) in bytes.reversed().enumerated() {
                let digit = Int(byte - 0x30)
                sum += digit
                luhn += position % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit
            }
            return luhn % 10 == 0 || (text.hasPrefix(Self.laPosteSiren) && sum % 5 == 0)
        } ?? nil
        switch plain {
        case true?: self.init(checkedValue: text)
        case false?: return nil
        case nil:
            guard let siret = try? Self.parse(text), siret.value == text else { return nil }
            self = siret
        }
    }

    /// Whether `digits` (ASCII digits only, at least one) passes the Luhn checksum.
    public static func isLuhnValid(_ digits: String) -> Bool {
        guard ValueText.isASCIIDigits(digits) else { return false }
        var sum = 0
        for (position, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            if position % 2 == 1 {
                sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    private static func digitSum(_ digits: String) -> Int {
        digits.reduce(0) { $0 + ($1.wholeNumberValue ?? 0) }
    }

    public init(from decoder: any Decoder) throws {
        self = try ValueText.decodeCanonical(from: decoder, parse: Self.parse, canonical: \.value)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(value, to: encoder)
    }
}
