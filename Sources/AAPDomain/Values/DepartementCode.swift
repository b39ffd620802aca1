/// A French département, by its INSEE code (`09`, `2A`, `31`, `971`), or `REG` for a region-wide project.
///
/// Ordered the INSEE way (`01` … `19`, `2A`, `2B`, `21` … `95`, `971` … `976`), `REG` last.
/// Stored in JSON as its code string.
public struct DepartementCode: Sendable, Hashable, Codable, Comparable {
    /// The canonical code: two characters for metropolitan France, three overseas, or `REG`.
    public let code: String

    private init(checkedCode: String) {
        self.code = checkedCode
    }

    /// The whole region rather than one département.
    public static let regionWide = DepartementCode(checkedCode: "REG")

    /// Whether this stands for the whole region.
    public var isRegionWide: Bool {
        code == "REG"
    }

    /// The French name: `Ariège` for `09`, `Toute la région` for `REG`.
    public var name: String? {
        Self.names[code]
    }

    /// Reads a code: `9` becomes `09`, `2a` becomes `2A`, `reg` becomes `REG`.
    public static func parse(_ text: String) throws -> DepartementCode {
        let trimmed = ValueText.trimmed(text)
        var candidate = trimmed.uppercased()
        if candidate.count == 1, ValueText.isASCIIDigits(candidate) {
            candidate = "0" + candidate
        }
        guard rank[candidate] != nil else {
            throw ValueError(
                code: "value.departement", "Département invalide \(ValueText.quoted(trimmed)) : code INSEE attendu (ex. 09, 2A, 31, 971) ou REG"
            )
        }
        return DepartementCode(checkedCode: candidate)
    }

    /// The département whose code is exactly `text`, or nil: what decoding a stored code accepts
    /// (`parse` succeeds and changes nothing), found without `parse`.
    public init?(canonical text: String) {
        guard Self.rank[text] != nil else { return nil }
        self.init(checkedCode: text)
    }

    public static func < (lhs: DepartementCode, rhs: DepartementCode) -> Bool {
        (rank[lhs.code] ?? Int.max, lhs.code) < (rank[rhs.code] ?? Int.max, rhs.code)
    }

    /// Every code with its French name, in INSEE order, `REG` last.
    static let all: [(code: String, name: String)] = [
        ("01", "Ain"), ("02", "Aisne"), ("03", "Allier"), ("04", "Alpes-de-Haute-Provence"),
        ("05", "Hautes-Alpes"), ("06", "Alpes-Maritimes"), ("07", "Ardèche"), ("08", "Ardennes"),
        ("09", "Ariège"), ("10", "Aube"), ("11", "Aude"), ("12", "Aveyron"),
        ("13", "Bouches-du-Rhône"), ("14", "Calvados"), ("15", "Cantal"), ("16", "Charente"),
        ("17", "Charente-Maritime"), ("18", "Cher"), ("19", "Corrèze"),
        ("2A", "Corse-du-Sud"), ("2B", "Haute-Corse"),
        ("21", "Côte-d'Or"), ("22", "Côtes-d'Armor"), ("23", "Creuse"), ("24", "Dordogne"),
        ("25", "Doubs"), ("26", "Drôme"), ("27", "Eure"), ("28", "Eure-et-Loir"),
        ("29", "Finistère"), ("30", "Gard"), ("31", "Haute-Garonne"), ("32", "Gers"),
        ("33", "Gironde"), ("34", "Hérault"), ("35", "Ille-et-Vilaine"), ("36", "Indre"),
        ("37", "Indre-et-Loire"), ("38", "Isère"), ("39", "Jura"), ("40", "Landes"),
        ("41", "Loir-et-Cher"), ("42", "Loire"), ("43", "Haute-Loire"), ("44", "Loire-Atlantique"),
        ("45", "Loiret"), ("46", "Lot"), ("47", "Lot-et-Garonne"), ("48", "Lozère"),
        ("49", "Maine-et-Loire"), ("50", "Manche"), ("51", "Marne"), ("52", "Haute-Marne"),
        ("53", "Mayenne"), ("54", "Meurthe-et-Moselle"), ("55", "Meuse"), ("56", "Morbihan"),
        ("57", "Moselle"), ("58", "Nièvre"), ("59", "Nord"), ("60", "Oise"),
        ("61", "Orne"), ("62", "Pas-de-Calais"), ("63", "Puy-de-Dôme"), ("64", "Pyrénées-Atlantiques"),
        ("65", "Hautes-Pyrénées"), ("66", "Pyrénées-Orientales"), ("67", "Bas-Rhin"), ("68", "Haut-Rhin"),
        ("69", "Rhône"), ("70", "Haute-Saône"), ("71", "Saône-et-Loire"), ("72", "Sarthe"),
        ("73", "Savoie"), ("74", "Haute-Savoie"), ("75", "Paris"), ("76", "Seine-Maritime"),
        ("77", "Seine-et-Marne"), ("78", "Yvelines"), ("79", "Deux-Sèvres"), ("80", "Somme"),
        ("81", "Tarn"), ("82", "Tarn-et-Garonne"), ("83", "Var"), ("84", "Vaucluse"),
        ("85", "Vendée"), ("86", "Vienne"), ("87", "Haute-Vienne"), ("88", "Vosges"),
        ("89", "Yonne"), ("90", "Territoire de Belfort"), ("91", "Essonne"), ("92", "Hauts-de-Seine"),
        ("93", "Seine-Saint-Denis"), ("94", "Val-de-Marne"), ("95", "Val-d'Oise"),
        ("971", "Guadeloupe"), ("972", "Martinique"), ("973", "Guyane"), ("974", "La Réunion"),
        ("976", "Mayotte"),
        ("REG", "Toute la région"),
    ]

    private static let names: [String: String] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.code, $0.name) }
    )

    private static let rank: [String: Int] = Dictionary(
        uniqueKeysWithValues: all.enumerated().map { ($0.element.code, $0.offset) }
    )

    public init(from decoder: any Decoder) throws {
        self = try ValueText.decodeCanonical(from: decoder, parse: Self.parse, canonical: \.code)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(code, to: encoder)
    }
}
