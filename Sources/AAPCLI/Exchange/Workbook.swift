import AAPDomain
import Foundation
import ZIPFoundation

/// A spreadsheet as French staff open it: typed cells (amounts as numbers in euros, dates as dates,
/// identifiers as text), a frozen header row, column widths and a filter on the header.
struct Workbook {
    struct Sheet {
        /// At most 31 characters, none of `[]:*?/\` (the spreadsheet's own limits).
        let name: String
        let columns: [Column]
        let rows: [[Cell]]
    }

    struct Column {
        let header: String
        /// In characters, as spreadsheets measure it.
        let width: Double
    }

    /// One cell, typed.
    enum Cell: Equatable {
        case empty
        /// Free text (names, titles, labels): shown as text; one that starts like a formula is marked
        /// « quote prefix », so that the spreadsheet keeps it as text even when the cell is edited.
        case text(String)
        /// An identifier (case id, SIRET, RNA, département `09`): a text cell in the « @ » format, so
        /// that no leading zero is lost and no digits become a number.
        case identifier(String)
        /// An amount in euros, a number in the `# ##0,00 €` format.
        case euros(Money)
        /// A calendar date, a date cell (day number) in the `jj/mm/aaaa` format.
        case date(CalendarDate)
        /// A whole number.
        case integer(Int)
        /// A number shown with two decimals (a weighted score).
        case decimal(Double)
    }

    let sheets: [Sheet]

    /// The `.xlsx` bytes (Office Open XML, ZIP with deflate), built in memory.
    func data() throws -> Data {
        let archive = try Archive(accessMode: .create)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", Self.rootRelationships),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", Self.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Self.worksheet(sheet)))
        }
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Self.fixedDate,
                compressionMethod: .deflate, provider: { position, size in
                    bytes.subdata(in: Int(position) ..< Int(position) + size)
                }
            )
        }
        guard let data = archive.data else { throw WorkbookError() }
        return data
    }

    struct WorkbookError: Error {}

    /// The entries' modification date: fixed, so that the same log gives the same file.
    static let fixedDate = Date(timeIntervalSince1970: 946_728_000) // 2000-01-01T12:00:00Z

    /// Excel's day number of 1970-01-01 (its day 0 is 1899-12-30).
    static let unixEpochSerial = 25_569

    // MARK: - Parts

    private var contentTypes: String {
        let sheetsOverrides = sheets.indices.map {
            #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        return Self.declaration
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheetsOverrides + "</Types>"
    }

    private static let rootRelationships = declaration
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    private var workbook: String {
        let entries = sheets.enumerated().map { index, sheet in
            #"<sheet name="\#(Self.escaped(Self.sheetName(sheet.name)))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        let filters = sheets.enumerated().compactMap { index, sheet -> String? in
            guard let range = Self.filterRange(sheet) else { return nil }
            let name = Self.sheetName(sheet.name).replacingOccurrences(of: "'", with: "''")
            return #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">'\#(Self.escaped(name))'!\#(Self.absolute(range))</definedName>"#
        }
        return Self.declaration
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + "<sheets>\(entries)</sheets>"
            + (filters.isEmpty ? "" : "<definedNames>\(filters.joined())</definedNames>")
            + "</workbook>"
    }

    private var workbookRelationships: String {
        let sheetRelationships = sheets.indices.map {
            #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
        }.joined()
        return Self.declaration
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheetRelationships
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// The cell formats, by index: 0 general, 1 bold header, 2 euros, 3 date, 4 text « @ », 5 text
    /// with quote prefix, 6 two decimals.
    private enum Style: Int {
        case general = 0, header, euros, date, identifier, quotedText, decimal
    }

    private static let styles = declaration
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + ##"<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00\ &quot;€&quot;"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>"##
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="7">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>"#
        + #"<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    private static func worksheet(_ sheet: Sheet) -> String {
        var xml = declaration
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
            + #"<sheetFormatPr defaultRowHeight="15"/>"#
        if !sheet.columns.isEmpty {
            xml += "<cols>" + sheet.columns.enumerated().map { index, column in
                #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"/>"#
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        xml += row(1, sheet.columns.map { .text($0.header) }, header: true)
        for (index, cells) in sheet.rows.enumerated() {
            xml += row(index + 2, cells, header: false)
        }
        xml += "</sheetData>"
        if let range = filterRange(sheet) { xml += #"<autoFilter ref="\#(range)"/>"# }
        return xml + "</worksheet>"
    }

    private static func row(_ number: Int, _ cells: [Cell], header: Bool) -> String {
        var xml = #"<row r="\#(number)">"#
        for (index, cell) in cells.enumerated() {
            let reference = column(index) + String(number)
            xml += self.cell(cell, reference: reference, header: header)
        }
        return xml + "</row>"
    }

    private static func cell(_ cell: Cell, reference: String, header: Bool) -> String {
        func text(_ value: String, _ style: Style) -> String {
            #"<c r="\#(reference)" s="\#(style.rawValue)" t="inlineStr"><is><t xml:space="preserve">\#(escaped(value))</t></is></c>"#
        }
        func number(_ value: String, _ style: Style) -> String {
            #"<c r="\#(reference)" s="\#(style.rawValue)"><v>\#(value)</v></c>"#
        }
        switch cell {
        case .empty:
            return ""
        case .text(let value):
            if header { return text(value, .header) }
            return text(value, SpreadsheetText.startsLikeFormula(value) ? .quotedText : .general)
        case .identifier(let value):
            return text(value, .identifier)
        case .euros(let money):
            return number(DecimalText.euros(money), .euros)
        case .date(let date):
            return number(String(date.dayNumber + unixEpochSerial), .date)
        case .integer(let value):
            return number(String(value), .general)
        case .decimal(let value):
            return number(DecimalText.twoDecimals(value, separator: "."), .decimal)
        }
    }

    /// The header and the rows, for the filter: `A1:Z45`; nil without columns.
    private static func filterRange(_ sheet: Sheet) -> String? {
        guard !sheet.columns.isEmpty else { return nil }
        return "A1:\(column(sheet.columns.count - 1))\(sheet.rows.count + 1)"
    }

    /// `A1:Z45` as `$A$1:$Z$45`.
    private static func absolute(_ range: String) -> String {
        range.split(separator: ":").map { part in
            let letters = part.prefix { $0.isLetter }
            return "$\(letters)$\(part.dropFirst(letters.count))"
        }.joined(separator: ":")
    }

    /// The column letters of a 0-based index: A … Z, AA …
    static func column(_ index: Int) -> String {
        var number = index + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    /// A sheet name the spreadsheets accept: the forbidden characters replaced, at most 31.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 })
        return String(cleaned.prefix(31))
    }

    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Text for XML: `& < > "` escaped; the characters XML 1.0 cannot hold (controls other than
    /// tab, line feed and carriage return) dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
