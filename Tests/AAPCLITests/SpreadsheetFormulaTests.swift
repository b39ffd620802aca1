import Foundation
import Testing
@testable import AAPCLI

@Suite("Tableurs : aucune cellule exécutée (injection de formules, OWASP) ; identifiants en texte pour --excel")
struct SpreadsheetFormulaTests {
    /// Applicant names and titles starting with each character a spreadsheet runs; the name's department is 31.
    static let hostile: [(name: String, title: String)] = [
        ("=HYPERLINK(\"http://x\",\"clic\")", "@SUM(1+1)"),
        ("+33 HAUTE", "-2+3"),
        ("-Association", "=1+1"),
        ("@Collectif", "+CMD"),
    ]

    static func workspace() throws -> Workspace {
        let ws = try Workspace(copying: ExchangeFixture.base)
        for (n, app) in hostile.enumerated() {
            try ws.ok(["case", "submit", "AAP-TERR-2026", "--applicant=\(app.name)", "--applicant-kind", "association",
                       "--siret", ExchangeFixture.sirets[n], "--departement", n == 0 ? "09" : "31", "--title=\(app.title)",
                       "--amount", "1 000", "--received", "2026-04-20", "--as", Staff.instructor])
        }
        return ws
    }

    /// Every field of every record: none starts with a character a spreadsheet would run, except the
    /// `="…"` identifiers of --excel whose content is letters and digits only.
    static func expectNoFormula(_ records: [[String]], sourceLocation: SourceLocation = #_sourceLocation) {
        for field in records.joined() {
            guard let first = field.unicodeScalars.first, SpreadsheetText.formulaStarts.contains(first) else { continue }
            let constant = ExportText.matches(field, #"="[0-9A-Za-z]+""#)
            #expect(constant || SpreadsheetText.isNumber(field), "cellule exécutable : « \(field) »", sourceLocation: sourceLocation)
        }
    }

    @Test("export cases et --excel : noms et intitulés hostiles préfixés d'une apostrophe, texte lisible")
    func casesExport() throws {
        let ws = try Self.workspace()
        let plain = ExportText.csv(try ws.ok(["export", "cases", "--call", "AAP-TERR-2026"]).stdout)
        let header = try #require(plain.first)
        let rows = plain.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.count == Self.hostile.count)
        #expect(rows.map { $0["applicant_name"] ?? "" } == Self.hostile.map { "'" + $0.name })
        #expect(rows.map { $0["title"] ?? "" } == Self.hostile.map { "'" + $0.title })
        Self.expectNoFormula(plain)

        let excelText = try ws.ok(["export", "cases", "--call", "AAP-TERR-2026", "--excel"]).stdout
        let excel = ExportText.csv(String(excelText.dropFirst()), separator: ";")
        let excelRows = excel.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(excelRows.first?["applicant_name"] == "'=HYPERLINK(\"http://x\",\"clic\")")
        #expect(excelRows.first?["title"] == "'@SUM(1+1)")
        // LibreOffice would read 09 as 9 and a SIRET as a number: constant text formulas.
        #expect(excelRows.first?["departement"] == "=\"09\"")
        #expect(excelRows.first?["siret"] == "=\"\(ExchangeFixture.sirets[0])\"")
        #expect(excelRows.first?["amount_requested"] == "1000,00")
        Self.expectNoFormula(excel)
    }

    @Test("chaque caractère de tête (=, +, -, @, tabulation, retour chariot) est préfixé ; les nombres négatifs restent des nombres",
          arguments: ["=", "+", "-", "@", "\t", "\r"])
    func eachLeadingCharacter(start: String) {
        let text = start + "A1 texte"
        #expect(SpreadsheetText.neutralised(text) == "'" + text)
        #expect(CSVWriter.standard.render(header: ["h"], rows: [[text]]).contains("'" + start + "A1"))
        #expect(SpreadsheetText.neutralised("Association " + text) == "Association " + text)
    }

    @Test("nombres laissés tels quels : -1200.50, -1200,50, +3 ; pas « -12a » ni « - »")
    func numbers() {
        for number in ["-1200.50", "-1200,50", "+3", "-0"] { #expect(SpreadsheetText.neutralised(number) == number) }
        for text in ["-12a", "-", "-1,", "-,5", "--1"] { #expect(SpreadsheetText.neutralised(text) == "'" + text) }
    }
}

/// The committee minutes are text in which every value from outside follows a label on its line
/// (control characters, line breaks among them, are refused at entry): pasted into a spreadsheet,
/// no line can start as a formula, so the values are kept exactly as recorded, with no prefix.
@Suite("Procès-verbal : aucune ligne ne commence comme une formule")
struct MinutesFormulaTests {
    @Test("porteur, titre, déport et motif hostiles : chaque valeur derrière son libellé, telle quelle")
    func hostileValuesFollowLabels() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let id = "AAP-MOB-2026-0006"
        let lines: [[String]] = [
            ["case", "submit", "AAP-MOB-2026", "--applicant", #"=HYPERLINK("http://x","clic")"#, "--applicant-kind", "association",
             "--siret", ExchangeFixture.sirets[7], "--departement", "31", "--title", "@SUM(1+1)", "--amount", "5000",
             "--received", "2026-04-20", "--as", Staff.instructor],
            ["case", "advance", id, "start-review", "--as", Staff.instructor],
            ["case", "advance", id, "propose", "--set", "opinion=favorable", "--set", "proposed_amount=5000", "--as", Staff.instructor],
            ["case", "advance", id, "declare-conflict", "--reason", "+33 6 00 00 00 00 : parent du porteur", "--as", Staff.member2],
            ["case", "advance", id, "score", "--set", "pertinence=2", "--set", "impact=1", "--as", Staff.chair],
            ["case", "advance", id, "score", "--set", "pertinence=2", "--set", "impact=2", "--as", Staff.member1],
            ["case", "advance", id, "reject", "--reason=-1 point : =IMPORTXML(A1)", "--as", Staff.chair],
        ]
        let batch = ws.path("hostile.jsonl")
        try Data(lines.map(ExchangeFixture.jsonLine).joined(separator: "\n").utf8).write(to: batch)
        try ws.ok(["batch", batch.path])
        let minutes = try ws.ok(["report", "committee", "AAP-MOB-2026"]).stdout
        for line in minutes.split(separator: "\n") {
            let first = try #require(line.unicodeScalars.first)
            #expect(!SpreadsheetText.formulaStarts.contains(first), "« \(line) »")
        }
        #expect(minutes.contains(#"  \#(id) — @SUM(1+1)"#), "\(minutes)")
        #expect(minutes.contains(#"    Porteur : =HYPERLINK("http://x","clic") ; "#), "\(minutes)")
        #expect(minutes.contains("— +33 6 00 00 00 00 : parent du porteur"), "\(minutes)")
        #expect(minutes.contains("motif : -1 point : =IMPORTXML(A1)"), "\(minutes)")
        // Line breaks, which would let a value start a line, are refused at entry.
        try ws.refused(["case", "advance", "AAP-MOB-2026-0005", "withdraw", "--reason", "ligne\n=SUM(1)"], as: Staff.instructor, code: 65)
    }
}
