/// A SIRET number: the 14 digits identifying an establishment (SIREN + NIC).
///
/// Valid, as INSEE defines it and as `python-stdnum` (`stdnum.fr.siret`) and Etalab's `validata-core`
/// check it, when the SIREN (the first 9 digits) passes its own Luhn key and the 14 digits pass the
/// Luhn key; La Poste (SIREN 356000000) is the exception, whose establishments need only a sum of
/// the 14 digits that is a multiple of 5. Stored in JSON as its 14-digit string.
///
/// Lines recorded before the SIREN key was checked hold SIRETs that pass the 14-digit key only:
/// ``Rule/recorded`` is what reading and re-deciding such a line accepts, ``Rule/insee`` what entry does.
public struct Siret: Sendable, Hashable, Codable {
    /// Which checks a SIRET must pass.
    public enum Rule: Sendable, Equatable {
        /// What a new entry must pass: the SIREN key and the SIRET key (INSEE, with the La Poste rule).
        case insee
        /// What a recorded line passes: the SIRET key only (the rule of the earlier versions).
        case recorded
    }

    /// The 14 digits, without spaces.
    public let value: String

    /// La Poste's SIREN, whose establishments follow the sum-of-digits rule.
    static let laPosteSiren = "356000000"
    /// La Poste's head office, whose SIRET follows the Luhn key like any other.
    static let laPosteHeadOffice = "35600000000048"

    private init(checkedValue: String) {
        self.value = checkedValue
    }

    /// The SIREN: the first 9 digits, identifying the legal entity.
    public var siren: String {
        String(value.prefix(9))
    }

    /// Reads a SIRET, ignoring spaces (ASCII, U+00A0, U+202F) and dots: `356 000 000 00048`.
    /// The refusal names which key is wrong: the SIREN's (first 9 digits) or the SIRET's (14 digits).
    public static func parse(_ text: String, rule: Rule = .insee) throws -> Siret {
        let trimmed = ValueText.trimmed(text)
        let digits = String(trimmed.filter { !($0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == ".") })
        guard digits.count == 14, ValueText.isASCIIDigits(digits) else {
            throw ValueError(code: "value.siret", "SIRET invalide \(ValueText.quoted(trimmed)) : 14 chiffres attendus")
        }
        switch rule {
        case .recorded:
            guard isLuhnValid(digits) || (digits.hasPrefix(laPosteSiren) && digitSum(digits) % 5 == 0) else {
                throw ValueError(code: "value.siret", "SIRET invalide \(ValueText.quoted(trimmed)) : la clé du SIRET (14 chiffres, Luhn) est fausse")
            }
        case .insee:
            if digits.hasPrefix(laPosteSiren), digits != laPosteHeadOffice {
                guard digitSum(digits) % 5 == 0 else {
                    throw ValueError(code: "value.siret", "SIRET invalide \(ValueText.quoted(trimmed)) : pour un établissement de La Poste (SIREN 356000000), la somme des 14 chiffres doit être un multiple de 5")
                }
            } else if !isLuhnValid(digits) {
                throw ValueError(code: "value.siret", "SIRET invalide \(ValueText.quoted(trimmed)) : la clé du SIRET (14 chiffres, Luhn) est fausse")
            }
            guard isLuhnValid(String(digits.prefix(9))) else {
                throw ValueError(code: "value.siret", "SIRET invalide \(ValueText.quoted(trimmed)) : la clé du SIREN (les 9 premiers chiffres, \(digits.prefix(9))) est fausse")
            }
        }
        return Siret(checkedValue: digits)
    }

    /// Whether `digits` (14 ASCII digits) is a SIRET under INSEE's rule: both keys, or La Poste's sum.
    public static func isValid(_ digits: String) -> Bool {
        (try? parse(digits, rule: .insee))?.value == digits
    }

    /// The SIRET whose text is exactly `text`, or nil: what decoding a stored SIRET accepts (`parse`
    /// with ``Rule/recorded`` succeeds and changes nothing, so that lines written before the SIREN key
    /// was checked still read). Fourteen ASCII digits are checked byte by byte, without `parse`.
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
            guard let siret = try? Self.parse(text, rule: .recorded), siret.value == text else { return nil }
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
        self = try ValueText.decodeCanonical(from: decoder, parse: { try Self.parse($0, rule: .recorded) }, canonical: \.value)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(value, to: encoder)
    }
}
