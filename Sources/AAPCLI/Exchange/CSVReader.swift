import Foundation

/// Reads CSV text (RFC 4180, tolerant): comma or semicolon, double-quoted fields with `""` escapes and
/// line breaks inside quotes, CRLF, LF or CR line ends, a leading byte order mark. Every record keeps
/// the line number where it starts in the file, so that problems can name it.
struct CSVReader {
    /// One record of the file and the line (1-based) where it starts.
    struct Record: Sendable, Equatable {
        let line: Int
        let fields: [String]

        /// Whether every field is empty (a blank line, or only separators).
        var isBlank: Bool { fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// A quote left open at the end of the file.
    struct UnterminatedQuote: Error, Sendable, Equatable {
        /// The line where the quoted field starts.
        let line: Int
    }

    /// The separator of a file: `;` when its first line has more semicolons than commas outside quotes, else `,`.
    static func separator(of text: String) -> Character {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle(); continue }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if scalar == "," { commas += 1 }
            if scalar == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Splits the text into records; blank records are kept (callers skip them) so line numbers stay true.
    static func records(_ text: String, separator: Character) throws -> [Record] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        let separatorScalar = separator.unicodeScalars.first ?? ","

        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteLine = 1
        var afterQuote = false
        var index = scalars.startIndex

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
        }
        func endRecord() {
            endField()
            records.append(Record(line: recordLine, fields: fields))
            fields = []
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if quoted {
                if scalar == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" || (scalar == "\r" && !(index < scalars.endIndex && scalars[index] == "\n")) { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
                quoteLine = line
            case separatorScalar:
                endField()
            case "\r":
                if index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(scalar)
            }
        }
        if quoted { throw UnterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
