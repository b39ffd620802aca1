import Foundation

/// How typed French text is compared with a code or a label: without case or accents.
public enum LooseMatch {
    /// `text` compared loosely: lower case, no accents, `_`, `-` and apostrophes as spaces, spaces collapsed
    /// (`Arrêté` and `arrete`, `Non-atteint` and `non_atteint` have the same key).
    public static func key(_ text: String) -> String {
        let plain = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
        let spaced = plain.map { $0 == "_" || $0 == "-" || $0 == "'" || $0 == "’" ? " " : $0 }
        return String(spaced).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
