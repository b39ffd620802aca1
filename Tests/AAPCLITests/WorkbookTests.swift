import Foundation
import Testing

/// Reads an .xlsx with Python's openpyxl (`.ci/run` installs it from PyPI): every sheet's cells with
/// their type, value and number format, the frozen pane, the widths and the filter, as JSON.
enum OpenpyxlReader {
    static let available: Bool = {
        (try? GivingValidator.run(["python3", "-c", "import openpyxl"]))?.code == 0
    }()

    static let script = #"""
    import json, sys, datetime
    import openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": []}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime):
                    v = v.date().isoformat()
                elif isinstance(v, datetime.date):
                    v = v.isoformat()
                cells.append({"value": v, "type": c.data_type, "format": c.number_format,
                              "is_date": c.is_date, "quote_prefix": bool(c.quotePrefix), "bold": bool(c.font and c.font.b)})
            rows.append(cells)
        widths = {k: v.width for k, v in ws.column_dimensions.items() if v.width}
        out["sheets"].append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                              "widths": widths, "rows": rows})
    print(json.dumps(out))
    """#

    static func read(_ file: URL) throws -> JSONDoc {
        let result = try GivingValidator.run(["python3", "-c", script, file.path])
        try #require(result.code == 0, "openpyxl n'a pas pu lire « \(file.path) » : \(result.output)")
        return try JSONDoc(parsing: result.output)
    }
}

@Suite("Classeurs .xlsx : export cases --xlsx et report call --xlsx, lus par openpyxl")
struct WorkbookTests {
    /// The exchange fixture plus one case whose applicant name and title start like formulas.
    static func workspace() throws -> Workspace {
        let ws = try Workspace(copying: ExchangeFixture.base)
        try ws.ok(["case", "submit", "AAP-MOB-2026", "--applicant", #"=HYPERLINK("http://x","clic")"#, "--applicant-kind", "association",
                   "--siret", ExchangeFixture.sirets[7], "--departement", "09", "--title", "@SUM(1+1)", "--amount", "1 200,50",
                   "--received", "2026-04-22"], as: Staff.instructor)
        return ws
    }

    @Test("export cases --xlsx : montants en nombres au format €, dates en dates, identifiants en texte, en-tête figé, largeurs, filtre",
          .enabled(if: OpenpyxlReader.available, "openpyxl absent : lecture du classeur non faite"))
    func casesWorkbook() throws {
        let ws = try Self.workspace()
        let file = ws.path("dossiers.xlsx")
        let before = try ws.logLines().count
        let written = try ws.okJSON(["export", "cases", "--xlsx", file.path])
        #expect(written["rows"].int == 6)
        #expect(written["seq"].int == before)
        let book = try OpenpyxlReader.read(file)
        let sheet = book["sheets"][0]
        #expect(sheet["name"].string == "Dossiers")
        #expect(sheet["freeze"].string == "A2")
        #expect(sheet["filter"].string == "A1:AA7")
        #expect((sheet["widths"]["D"].double ?? 0) >= 30)
        let rows = try #require(sheet["rows"].array)
        #expect(rows.count == 7)
        let header = rows[0].array?.map { $0["value"].string ?? "" } ?? []
        #expect(header.first == "Dossier")
        #expect(header.contains("SIRET") && header.contains("Attribué") && header.contains("Reçu le"))
        #expect(rows[0][0]["bold"].bool == true)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "colonne \(name)") }
        let first = try #require(rows[1].array)
        // Amounts: numbers, in euros.
        let awarded = first[try column("Attribué")]
        #expect(awarded["type"].string == "n")
        #expect(awarded["value"].double == 30_000)
        #expect(awarded["format"].string?.contains("€") == true, "\(awarded)")
        #expect(first[try column("Versé")]["value"].double == 20_000)
        // Dates: dates.
        let received = first[try column("Reçu le")]
        #expect(received["is_date"].bool == true, "\(received)")
        #expect(received["value"].string == "2026-04-10")
        #expect(first[try column("Convention signée le")]["value"].string == "2026-06-08")
        // Identifiers: text, leading zeros kept.
        let siret = first[try column("SIRET")]
        #expect(siret["type"].string == "s")
        #expect(siret["value"].string == ExchangeFixture.sirets[0])
        #expect(siret["format"].string == "@")
        let last = try #require(rows.last?.array)
        #expect(last[try column("Département")]["value"].string == "09")
        #expect(last[try column("Département")]["type"].string == "s")
        #expect(last[try column("Demandé")]["value"].double == 1_200.5)
        // Text that starts like a formula: kept exactly, as text, with the quote-prefix mark.
        let name = last[try column("Porteur")]
        #expect(name["value"].string == #"=HYPERLINK("http://x","clic")"#)
        #expect(name["type"].string == "s")
        #expect(name["quote_prefix"].bool == true)
        #expect(last[try column("Projet")]["value"].string == "@SUM(1+1)")
        #expect(last[try column("Projet")]["quote_prefix"].bool == true)
        #expect(first[try column("Porteur")]["quote_prefix"].bool == false)
        // No formula anywhere.
        for row in rows { for cell in row.array ?? [] { #expect(cell["type"].string != "f", "\(cell)") } }
        // Nothing was written to the log.
        #expect(try ws.logLines().count == before)
    }

    @Test("report call --xlsx : bilan, attributions et classement en nombres et en texte",
          .enabled(if: OpenpyxlReader.available, "openpyxl absent : lecture du classeur non faite"))
    func callWorkbook() throws {
        let ws = try Self.workspace()
        let file = ws.path("bilan.xlsx")
        let result = try ws.ok(["report", "call", "AAP-MOB-2026", "--xlsx", file.path])
        #expect(result.stdout.contains("bilan.xlsx"), "\(result)")
        let book = try OpenpyxlReader.read(file)
        let names = book["sheets"].array?.map { $0["name"].string ?? "" }
        #expect(names == ["Bilan", "Attributions", "Classement"])
        let summary = try #require(book["sheets"][0]["rows"].array)
        let envelope = try #require(summary.first { $0[0]["value"].string == "Enveloppe" })
        #expect(envelope[1]["value"].double == 250_000)
        #expect(envelope[1]["type"].string == "n")
        let paid = try #require(summary.first { $0[0]["value"].string == "Versé" })
        #expect(paid[1]["value"].double == 20_000)
        let awards = try #require(book["sheets"][1]["rows"].array)
        #expect(awards.count == 5, "en-tête et quatre attributions")
        #expect(awards[1][0]["value"].string == "AAP-MOB-2026-0001")
        #expect(awards[1][4]["value"].double == 30_000)
        #expect(book["sheets"][1]["freeze"].string == "A2")
        let ranked = try #require(book["sheets"][2]["rows"].array)
        #expect(ranked.count >= 5)
        #expect(ranked[1][0]["value"].int == 1)
        #expect(ranked[1][3]["type"].string == "n")
    }

    @Test("--xlsx vers un dossier absent : 74, une ligne en français, aucun fichier ; --excel avec --xlsx : 64")
    func refusals() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let missing = ws.path("absent/dossiers.xlsx")
        let refused = try ws.refused(["export", "cases", "--xlsx", missing.path], code: 74)
        #expect(refused.errorLine.contains("classeur"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        try ws.refused(["export", "cases", "--excel", "--xlsx", ws.path("x.xlsx").path], code: 64)
        try ws.refused(["report", "call", "AAP-MOB-2026", "--html", ws.path("x.html").path, "--xlsx", ws.path("x.xlsx").path], code: 64)
    }
}
