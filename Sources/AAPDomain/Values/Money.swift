/// An amount of money in euros, held as an integer number of cents.
///
/// Parsed from what a person types (`38 000,50 €`), displayed the French way (`38 000,50 €`),
/// and stored in JSON as a bare integer of cents (`3800050`).
public struct Money: Sendable, Hashable, Comparable, Codable {
    /// The amount in euro cents.
    public let cents: Int64

    /// Creates an amount of `cents` euro cents.
    public init(cents: Int64) {
        self.cents = cents
    }

    /// Zero euros.
    public static let zero = Money(cents: 0)

    /// The largest amount `parse` accepts: 1 000 000 000 €. Anything above is taken for a typing error.
    static let maximumParsedCents: Int64 = 100_000_000_000

    /// The sum of two amounts (traps on overflow, like `Int64`).
    public static func + (lhs: Money, rhs: Money) -> Money {
        Money(cents: lhs.cents + rhs.cents)
    }

    /// The difference of two amounts, which may be negative (traps on overflow, like `Int64`).
    public static func - (lhs: Money, rhs: Money) -> Money {
        Money(cents: lhs.cents - rhs.cents)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.cents < rhs.cents
    }

    /// The French display: `38 000,00 €`, `0,00 €`, `1 234 567,89 €` (ASCII spaces).
    public var formatted: String {
        "\(sign)\(ValueText.grouped(cents.magnitude / 100)),\(centsPart) €"
    }

    /// The canonical input text, which `parse` maps back to this amount: `38000,50`.
    ///
    /// A negative amount (only reachable through `-` or `init(cents:)`) gives `-38000,50`,
    /// which `parse` refuses.
    public var inputText: String {
        "\(sign)\(cents.magnitude / 100),\(centsPart)"
    }

    private var sign: String { cents < 0 ? "-" : "" }

    private var centsPart: String {
        let part = cents.magnitude % 100
        return part < 10 ? "0\(part)" : "\(part)"
    }

    /// Reads an amount typed by a person.
    ///
    /// Accepts `38000`, `38 000`, `38000,50`, `38000,5`, `38 000,50 €`, `38000€`, `38000.50`;
    /// thousands may be grouped with an ASCII space, U+00A0 or U+202F (groups of exactly three
    /// digits after the first). A point is a decimal separator only before 1 or 2 digits.
    /// Refuses empty, negative, exponent, more than 2 decimals, `38.000` (ambiguous), letters,
    /// several separators, misplaced grouping and more than 1 000 000 000 €.
    public static func parse(_ text: String) throws -> Money {
        let trimmed = ValueText.trimmed(text)
        guard !trimmed.isEmpty else {
            throw ValueError(code: "value.money", "Montant invalide : aucun montant saisi (ex. 38 000,50)")
        }
        func refused(_ reason: String) -> ValueError {
            ValueError(code: "value.money", "Montant invalide \(ValueText.quoted(trimmed)) : \(reason)")
        }

        var body = Substring(trimmed)
        if body.last == "€" {
            body = Substring(ValueText.trimmed(String(body.dropLast())))
        }
        if body.first == "-" || body.first == "\u{2212}" {
            throw refused("un montant ne peut pas être négatif")
        }
        guard !body.isEmpty else {
            throw refused("aucun chiffre (ex. 38 000,50)")
        }
        if let bad = body.first(where: { !isAmountCharacter($0) }) {
            if looksLikeExponent(body) {
                throw refused("la notation scientifique n'est pas acceptée (écrire 1 000 000 plutôt que 1e6)")
            }
            throw refused("caractère \(ValueText.quoted(String(bad))) non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)")
        }

        let marks = body.indices.filter { body[$0] == "," || body[$0] == "." }
        guard marks.count <= 1 else {
            throw refused("plusieurs séparateurs décimaux (une seule virgule, ex. 38 000,50)")
        }
        var integerPart = body
        var fraction: Substring = ""
        if let mark = marks.first {
            integerPart = body[..<mark]
            fraction = body[body.index(after: mark)...]
            if body[mark] == "." {
                guard (1...2).contains(fraction.count), ValueText.isASCIIDigits(fraction) else {
                    throw refused("point ambigu (milliers ou décimales ?) : écrire les milliers avec une espace et les décimales avec une virgule, ex. 38 000,50")
                }
            }
            guard ValueText.isASCIIDigits(fraction) else {
                throw refused("chiffres attendus après la virgule (ex. 38 000,50)")
            }
            guard fraction.count <= 2 else {
                throw refused("plus de 2 décimales (les centimes s'écrivent avec 2 chiffres au plus)")
            }
        }
        guard !integerPart.isEmpty else {
            throw refused("chiffre attendu avant la virgule (ex. 0,50)")
        }

        let groups = integerPart.split(omittingEmptySubsequences: false, whereSeparator: isGroupSeparator)
        let groupingIsRight = groups.enumerated().allSatisfy { index, group in
            ValueText.isASCIIDigits(group) && (index == 0 ? (groups.count == 1 || group.count <= 3) : group.count == 3)
        }
        guard groupingIsRight else {
            throw refused("groupes de chiffres mal placés (par groupes de 3 chiffres, ex. 38 000)")
        }

        let digits = groups.joined().drop(while: { $0 == "0" })
        guard digits.count <= 10, let euros = Int64(digits.isEmpty ? "0" : String(digits)) else {
            throw refused("montant absurde (plus de 1 000 000 000 €)")
        }
        let centsText = fraction.isEmpty ? "00" : (fraction.count == 1 ? String(fraction) + "0" : String(fraction))
        let centsPart = Int64(centsText) ?? 0
        let cents = euros * 100 + centsPart
        guard cents <= maximumParsedCents else {
            throw refused("montant absurde (plus de 1 000 000 000 €)")
        }
        return Money(cents: cents)
    }

    private static func isGroupSeparator(_ character: Character) -> Bool {
        character == " " || character == "\u{00A0}" || character == "\u{202F}"
    }

    private static func isAmountCharacter(_ character: Character) -> Bool {
        ValueText.isASCIIDigit(character) || isGroupSeparator(character) || character == "," || character == "."
    }

    /// Whether `body` reads like `1e6`, `2,5E+3`: digits and separators around one `e`.
    private static func looksLikeExponent(_ body: Substring) -> Bool {
        let exponents = body.filter { $0 == "e" || $0 == "E" }
        guard exponents.count == 1 else { return false }
        return body.allSatisfy { isAmountCharacter($0) || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(cents: try container.decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}
