/// Writes CSV text (RFC 4180 quoting): a field is quoted when it holds the separator, a quote, CR or LF,
/// and its quotes are doubled.
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
    func render(header: [String], rows: [[String]]) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        for row in [header] + rows {
            out += row.map(field).joined(separator: String(separator))
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
