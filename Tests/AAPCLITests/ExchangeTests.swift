import Foundation
import Testing

@Suite("Échanges : exports SCDL, 360Giving, tableur ; reproductibilité")
struct ExchangeTests {
    static let scdlColumns = [
        "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire",
        "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE",
        "notificationUE", "pourcentageSubvention", "dispositifAide",
    ]

    /// Checks every row of an SCDL 2.1.1 file against the column rules of RULES.md; returns the rows by column name.
    /// `rnaWithLetters`: an RNA-only row may hold an RNA with letters (Corsica's `W2A…`), which the schema refuses.
    static func checkScdl(_ text: String, rnaWithLetters: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: String]] {
        #expect(!text.hasPrefix("\u{FEFF}"), "pas de BOM dans le fichier SCDL", sourceLocation: sourceLocation)
        let records = ExportText.csv(text)
        #expect(records.first == scdlColumns, "les 16 colonnes SCDL 2.1.1, dans l'ordre", sourceLocation: sourceLocation)
        var rows: [[String: String]] = []
        for record in records.dropFirst() {
            #expect(record.count == 16, "16 champs par ligne : \(record)", sourceLocation: sourceLocation)
            guard record.count == 16 else { continue }
            let row = Dictionary(uniqueKeysWithValues: zip(scdlColumns, record))
            rows.append(row)
            func check(_ column: String, _ pattern: String) {
                #expect(ExportText.matches(row[column] ?? "", pattern), "\(column) = « \(row[column] ?? "") » ne respecte pas \(pattern)",
                        sourceLocation: sourceLocation)
            }
            check("nomAttribuant", #".+"#)
            check("idAttribuant", #"\d{14}"#)
            check("dateConvention", #"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"#)
            check("nomBeneficiaire", #".+"#)
            if row["idBeneficiaire"]?.isEmpty == true {
                check("rnaBeneficiaire", rnaWithLetters ? #"W[0-9A-Z]{9}"# : #"W\d{9}"#)
            } else {
                check("idBeneficiaire", #"\d{14}"#)
                check("rnaBeneficiaire", #"(W\d{9})?"#)
            }
            check("objet", #".{1,256}"#)
            check("montant", #"\d+(\.\d{1,2})?"#)
            check("nature", #"aide en numéraire"#)
            check("conditionsVersement", #"unique|échelonné"#)
            check("datesPeriodeVersement", #"\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?"#)
            check("idRAE", #".{0,4}"#)
            check("notificationUE", #"oui|non"#)
            check("pourcentageSubvention", #"1\.00|0\.\d{2}"#)
            check("dispositifAide", #"[A-Za-z0-9._-]{0,100}"#)
            if let period = row["datesPeriodeVersement"], period.contains("/") {
                let ends = period.split(separator: "/").map(String.init)
                #expect(ends.count == 2 && ends[0] <= ends[1], "période dans l'ordre : \(period)", sourceLocation: sourceLocation)
                #expect(row["conditionsVersement"] == "échelonné", "une période va avec « échelonné » : \(row)", sourceLocation: sourceLocation)
            }
            #expect(!(row["objet"] ?? "").contains("\n"), sourceLocation: sourceLocation)
        }
        return rows
    }

    @Test("export scdl : 16 colonnes en ordre, chaque ligne conforme ; seuil de 23 000 € strict ; --all ; position sur stderr")
    func scdl() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let result = try ws.ok(["export", "scdl"])
        let position = try #require(ExportText.position(result.stderr), "une ligne de position sur stderr : \(result)")
        #expect(result.stderrIsOneLine)
        #expect(position.seq == (try ws.logLines().count))
        let rows = Self.checkScdl(result.stdout)
        // Above 23 000 € only (strictly): 30 000 € and 23 000,01 €; not the 23 000 € award, not the unsigned one.
        #expect(rows.map { $0["montant"] ?? "" } == ["30000.00", "23000.01"])
        let first = try #require(rows.first)
        #expect(first["nomAttribuant"] == ExchangeFixture.authorityName)
        #expect(first["idAttribuant"] == ExchangeFixture.authoritySiret)
        #expect(first["idBeneficiaire"] == ExchangeFixture.sirets[0])
        #expect(first["dateConvention"] == "2026-06-08")
        #expect(first["referenceDecision"] == "CONV-2026-001")
        #expect(first["conditionsVersement"] == "échelonné")
        #expect(first["datesPeriodeVersement"] == "2026-06-10/2026-06-12")
        // No id from the schéma des dispositifs d'aide was given at call create: empty.
        #expect(first["dispositifAide"] == "")
        #expect(first["notificationUE"] == "non")
        #expect(first["pourcentageSubvention"] == "1.00")
        // A title with a comma and quotes survives RFC 4180 quoting.
        #expect(rows.last?["objet"] == "Covoiturage rural, « aller-vers » et \"navettes\"")
        #expect(result.stdout.contains("\"Covoiturage rural, « aller-vers » et \"\"navettes\"\"\""))
        // Nothing paid yet: one payment planned, at the agreement date.
        #expect(rows.last?["conditionsVersement"] == "unique")
        #expect(rows.last?["datesPeriodeVersement"] == "2026-06-09")

        let all = Self.checkScdl(try ws.ok(["export", "scdl", "--all"]).stdout)
        #expect(all.map { $0["montant"] ?? "" } == ["30000.00", "23000.00", "23000.01"])
        #expect(all[1]["referenceDecision"] == "ARR-2026-002")
        let none = Self.checkScdl(try ws.ok(["export", "scdl", "--call", "AAP-TERR-2026", "--all"]).stdout)
        #expect(none.isEmpty)
    }

    @Test("export scdl sur le magasin de démonstration : chaque ligne conforme, versements échelonnés et pluriannuels")
    func scdlOnDemo() throws {
        let ws = try Workspace()
        let dir = ws.path("demo")
        let demo = try ws.run(["demo", "--store", dir.path], setStore: false)
        try #require(demo.code == 0, "\(demo)")
        let result = try ws.run(["export", "scdl", "--all"], store: dir)
        #expect(result.code == 0, "\(result)")
        let rows = Self.checkScdl(result.stdout)
        #expect(rows.count >= 4)
        #expect(rows.contains { $0["conditionsVersement"] == "échelonné" && ($0["datesPeriodeVersement"] ?? "").contains("/") })
        #expect(rows.contains { $0["conditionsVersement"] == "unique" })
        #expect(Set(rows.map { $0["idAttribuant"] ?? "" }).count == 1)
    }

    @Test("export scdl et 360giving refusés (65, une ligne en français) tant que l'autorité attributaire n'est pas désignée")
    func exportsNeedAuthority() throws {
        let ws = try Workspace()
        try ws.ok(["init", "--admin", Staff.admin])
        for format in ["scdl", "360giving"] {
            let refused = try ws.refused(["export", format], code: 65)
            #expect(refused.errorLine.contains("authority set"), "\(refused)")
        }
        // The cases export needs no authority.
        let cases = try ws.ok(["export", "cases"])
        #expect(ExportText.csv(cases.stdout).count == 1)
    }

    @Test("export 360giving : paquet valide contre les schémas 360Giving livrés (jsonschema, formats vérifiés)",
          .enabled(if: GivingValidator.available, "python3 et jsonschema (avec rfc3339-validator) absents : validation 360Giving non faite"))
    func giving() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let result = try ws.ok(["export", "360giving"])
        #expect(ExportText.position(result.stderr) != nil, "\(result)")
        let file = ws.path("package.json")
        try Data(result.stdout.utf8).write(to: file)
        let validation = try GivingValidator.validate(file)
        #expect(validation.code == 0, "paquet 360Giving invalide :\n\(validation.output)")

        let package = try result.json
        let grants = try #require(package["grants"].array)
        // Every award that still counts, signed or not.
        #expect(grants.compactMap { $0["id"].string } == (1...4).map { "360G-aap-AAP-MOB-2026-000\($0)" })
        let first = try #require(grants.first)
        #expect(first["currency"].string == "EUR")
        #expect(first["amountAwarded"].int == 30_000)
        #expect(first["amountAppliedFor"].int == 38_000)
        #expect(first["amountDisbursed"].int == 20_000)
        #expect(first["awardDate"].string == "2026-06-05")
        #expect(first["recipientOrganization"][0]["id"].string == "FR-RCS-\(ExchangeFixture.sirets[0].prefix(9))")
        #expect(first["fundingOrganization"][0]["id"].string == "FR-RCS-\(ExchangeFixture.authoritySiret.prefix(9))")
        #expect(first["fundingOrganization"][0]["name"].string == ExchangeFixture.authorityName)
        #expect(first["beneficiaryLocation"][0]["geoCode"].string == "65")
        #expect(first["beneficiaryLocation"][0]["name"].string == "Hautes-Pyrénées")
        #expect(first["grantProgramme"][0]["code"].string == "AAP-MOB-2026")
        #expect(first["fromOpenCall"].string == "Yes")
        #expect(first["applicationTransaction"][0]["transactionDate"].string == "2026-04-10")
        #expect(first["commitmentTransaction"][0]["transactionDate"].string == "2026-06-08")
        #expect(first["disbursementTransaction"].array?.compactMap { $0["value"].int } == [15_000, 5_000])
        #expect(first["dateModified"].string == Workspace.now)
        #expect(grants[2]["amountAwarded"].double == 23_000.01)
        #expect(grants[3]["commitmentTransaction"].exists == false)
        #expect(package["license"].string?.hasPrefix("https://") == true)
        #expect(package["publisher"]["name"].string == ExchangeFixture.authorityName)

        // The demo store too, with its multi-year grants and its regional projects.
        let dir = ws.path("demo")
        try #require(try ws.run(["demo", "--store", dir.path], setStore: false).code == 0)
        let demo = try ws.run(["export", "360giving"], store: dir)
        #expect(demo.code == 0, "\(demo)")
        let demoFile = ws.path("demo.json")
        try Data(demo.stdout.utf8).write(to: demoFile)
        let demoValidation = try GivingValidator.validate(demoFile)
        #expect(demoValidation.code == 0, "paquet 360Giving de la démonstration invalide :\n\(demoValidation.output)")
        let demoGrants = try #require(try demo.json["grants"].array)
        #expect(demoGrants.contains { $0["plannedDates"][0]["duration"].int == 36 })
    }

    @Test("export cases : une ligne par dossier ; --excel : BOM, point-virgule, virgule décimale, CRLF")
    func cases() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let plain = try ws.ok(["export", "cases"])
        #expect(ExportText.position(plain.stderr) != nil)
        #expect(!plain.stdout.contains("\r"))
        let records = ExportText.csv(plain.stdout)
        let header = try #require(records.first)
        #expect(Array(header.prefix(3)) == ["case", "call", "workflow"])
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.map { $0["case"] ?? "" } == (1...5).map { "AAP-MOB-2026-000\($0)" })
        #expect(records.dropFirst().allSatisfy { $0.count == header.count })
        let first = try #require(rows.first)
        #expect(first["applicant_name"] == "Mobil'Adour Insertion")
        #expect(first["siret"] == ExchangeFixture.sirets[0])
        #expect(first["state"] == "granted")
        #expect(first["amount_requested"] == "38000.00")
        #expect(first["amount_awarded"] == "30000.00")
        #expect(first["amount_paid"] == "20000.00")
        #expect(first["weighted_score"] == "4.10")
        #expect(first["agreement_signed_on"] == "2026-06-08")
        #expect(first["last_paid_on"] == "2026-06-12")
        #expect(rows[2]["amount_awarded"] == "23000.01")
        #expect(rows[4]["state"] == "submitted")

        let excel = try ws.ok(["export", "cases", "--excel"])
        let bytes = Array(excel.stdout.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF], "BOM UTF-8 en tête")
        #expect(excel.stdout.hasSuffix("\r\n"))
        let lines = excel.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 6)
        #expect(!excel.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let excelRecords = ExportText.csv(String(excel.stdout.dropFirst()), separator: ";")
        #expect(excelRecords.first == header)
        let excelFirst = Dictionary(uniqueKeysWithValues: zip(header, excelRecords[1]))
        #expect(excelFirst["amount_requested"] == "38000,00")
        #expect(excelFirst["weighted_score"] == "4,10")
        #expect(excelRecords[3][header.firstIndex(of: "amount_awarded") ?? 0] == "23000,01")
    }

    @Test("--until SEQ reconstruit les mêmes octets après de nouveaux événements (scdl, 360giving, cases, cases --excel)")
    func reproducible() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let exports = [["export", "scdl", "--all"], ["export", "360giving"], ["export", "cases"], ["export", "cases", "--excel"],
                       ["export", "scdl", "--call", "AAP-MOB-2026"]]
        var before: [(stdout: String, seq: Int, head: String)] = []
        for arguments in exports {
            let result = try ws.ok(arguments)
            let position = try #require(ExportText.position(result.stderr), "\(result)")
            before.append((result.stdout, position.seq, position.head))
        }
        // More events: a payment, a new case, a new agreement.
        try ws.advance("AAP-MOB-2026-0001", "pay", ["amount": "5000", "kind": "instalment", "paid_on": "2026-06-14"], as: Staff.finance)
        try ws.submit(applicant: "Nouvelle Roue", siret: ExchangeFixture.sirets[6], title: "Nouveau projet", amount: "10 000")
        try ws.advance("AAP-MOB-2026-0004", "sign-agreement", ["instrument": "arrete", "reference": "ARR-4", "signed_on": "2026-06-14"],
                       as: Staff.finance)

        for (index, arguments) in exports.enumerated() {
            let now = try ws.ok(arguments)
            #expect(now.stdout != before[index].stdout, "l'export \(arguments) doit refléter les nouveaux événements")
            let position = try #require(ExportText.position(now.stderr))
            #expect(position.seq == before[index].seq + 3)
            let rebuilt = try ws.ok(arguments + ["--until", String(before[index].seq)])
            #expect(rebuilt.stdout == before[index].stdout, "\(arguments) --until \(before[index].seq) : octets différents")
            #expect(Data(rebuilt.stdout.utf8) == Data(before[index].stdout.utf8))
            let rebuiltPosition = try #require(ExportText.position(rebuilt.stderr))
            #expect(rebuiltPosition.seq == before[index].seq)
            #expect(rebuiltPosition.head == before[index].head)
        }
        // A prefix before the authority was named: no SCDL.
        let early = try ws.run(["export", "scdl", "--until", "3"])
        #expect(early.code == 65 && early.stderrIsOneLine, "\(early)")
        // Beyond the end of the log: refused.
        let count = try ws.logLines().count
        let beyond = try ws.refused(["export", "cases", "--until", String(count + 1)], code: 65)
        #expect(beyond.errorLine.contains(String(count)))
        try ws.refused(["export", "cases", "--until", "0"], code: 64)
    }

    @Test("aap report call --html : page autonome (CSS et SVG en ligne), chiffres des graphiques dans des tableaux, position du journal")
    func htmlReport() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let file = ws.path("bilan.html")
        let result = try ws.ok(["report", "call", "AAP-MOB-2026", "--html", file.path])
        #expect(result.out.contains(file.path))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("<style>"))
        #expect(!html.contains("<script"), "pas de script")
        #expect(!html.contains("<link"), "pas de feuille externe")
        #expect(!html.contains("<img"), "pas d'image externe")
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"), "aucune ressource externe")
        #expect(html.components(separatedBy: "<svg").count - 1 >= 5, "un graphique SVG par section")
        #expect(html.components(separatedBy: "<table").count - 1 >= 5, "un tableau par graphique")
        #expect(html.contains("@media print"))
        for section in ["enveloppe", "finances", "departements", "etats", "classement"] {
            #expect(html.contains("<section id=\"\(section)\">"), "section \(section)")
        }
        // Envelope 250 000 €, awarded 88 000,01 €, remaining 161 999,99 €, committed 76 000,01 €, paid 20 000 €.
        for figure in ["250 000,00 €", "88 000,01 €", "161 999,99 €", "76 000,01 €", "20 000,00 €", "Hautes-Pyrénées", "4,1 / 5"] {
            #expect(html.contains(figure), "chiffre absent : \(figure)")
        }
        let seq = try ws.logLines().count
        #expect(html.contains("<strong id=\"log-seq\">\(seq)</strong>"))
        // No clock: the same log gives the same page.
        let again = ws.path("bilan2.html")
        try ws.ok(["report", "call", "AAP-MOB-2026", "--html", again.path])
        #expect(try Data(contentsOf: again) == Data(contentsOf: file))
        // An unwritable destination: 74, one line.
        let unwritable = try ws.run(["report", "call", "AAP-MOB-2026", "--html", ws.path("absent/dir/bilan.html").path])
        #expect(unwritable.code == 74 && unwritable.stderrIsOneLine, "\(unwritable)")
    }
}
