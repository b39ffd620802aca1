/// Text cells a spreadsheet will not run as a formula (OWASP, "CSV Injection").
///
/// A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single
/// quote `'`, OWASP's advice: the text stays readable and the spreadsheet shows it as text. A number
/// (`-1200.50`, `-1200,50`) is left as it is, so that negative amounts stay numbers.
enum SpreadsheetText {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    /// OWASP's prefix.
    static let prefix = "'"

    static func neutralised(_ text: String) -> String {
        guard startsLikeFormula(text), !isNumber(text) else { return text }
        return prefix + text
    }

    /// Whether a spreadsheet would read the text as a formula: its first character is one of ``formulaStarts``.
    static func startsLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return formulaStarts.contains(first)
    }

    /// A decimal number as the exports write it: optional sign, digits, one `.` or `,` then digits.
    static func isNumber(_ text: String) -> Bool {
        var digitsBefore = 0, digitsAfter = 0, separators = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "-" where offset == 0, "+" where offset == 0: continue
            case "." where separators == 0 && digitsBefore > 0, "," where separators == 0 && digitsBefore > 0: separators += 1
            case "0"..."9": if separators == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            default: return false
            }
        }
        return digitsBefore > 0 && (separators == 0 || digitsAfter > 0)
    }

    /// An identifier made only of ASCII letters and digits (`09`, a SIRET, an RNA), written for a
    /// spreadsheet as the constant text formula `="09"`, the one form Excel and LibreOffice both open as
    /// text without dropping a leading zero. Anything else is only neutralised.
    static func identifier(_ text: String) -> String {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) else {
            return neutralised(text)
        }
        return "=\"" + text + "\""
    }
}
