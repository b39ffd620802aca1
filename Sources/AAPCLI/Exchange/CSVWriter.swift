/// Writes CSV text (RFC 4180 quoting): a field is quoted when it holds the separator, a quote, CR or LF,
/// and its quotes are doubled. A text cell a spreadsheet would run as a formula is neutralised
/// (`SpreadsheetText`), except in the columns given as identifiers, already written as text formulas.
struct CSVWriter {
    /// `,` for open data, `;` for French spreadsheets.
    let separator: Character
    /// `\n`, or `\r\n` for spreadsheets.
    let lineEnding: String
    /// Starts the text with a UTF-8 byte order mark (U+FEFF), which spreadsheets read as "this is UTF-8".
    let byteOrderMark: Bool

    /// Plain CSV for open data and scripts: comma, LF, no BOM.
    static let standard = CSVWriter(separator: ",", lineEnding: "\n", byteOrderMark: false)
    /// What French spreadsheets open directly: semicolon, CRLF, BOM.
    static let spreadsheet = CSVWriter(separator: ";", lineEnding: "\r\n", byteOrderMark: true)

    /// The whole file: the header, then one line per row, each line ended.
    /// `identifierColumns`: the indices of cells already made text by `SpreadsheetText.identifier`.
    func render(header: [String], rows: [[String]], identifierColumns: Set<Int> = []) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        for (index, row) in ([header] + rows).enumerated() {
            out += row.enumerated().map { column, text in
                field(index > 0 && identifierColumns.contains(column) ? text : SpreadsheetText.neutralised(text))
            }.joined(separator: String(separator))
            out += lineEnding
        }
        return out
    }

    /// One field, quoted when needed.
    func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { scalar in
            scalar == "\"" || scalar == "\n" || scalar == "\r" || Character(scalar) == separator
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
