import Foundation
import Testing

@Suite("Échanges : import de candidatures (tableur)")
struct ExchangeImportTests {
    static let header = "applicant_name,applicant_kind,siret,departement,title,amount_requested,received_on"

    /// Writes a file of the workspace and returns its path.
    static func file(_ ws: Workspace, _ name: String, _ text: String) throws -> String {
        let url = ws.path(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("une ligne fautive : refus qui nomme sa ligne et sa colonne, journal intact ; corrigé, tout est importé")
    func badRowThenCorrected() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let bad = try Self.file(ws, "bad.csv", """
        \(Self.header)
        Asso Un,association,41200000200011,31,Projet un,12000,2026-04-20

        Asso Deux,association,41200000200012,09,Projet deux,8 000,2026-04-21
        Asso Trois,association,41200000200037,31,"Projet trois, le dernier",9000,2026-04-22

        """)
        let logBefore = try ws.logLines()
        let refused = try ws.refused(["import", "applications", bad, "--call", "AAP-TERR-2026"], as: Staff.instructor, code: 65)
        #expect(refused.errorLine.contains("Ligne 4, colonne siret"), "\(refused)")
        #expect(try ws.logLines() == logBefore, "le journal ne doit pas changer")

        let good = try Self.file(ws, "good.csv", """
        \(Self.header)
        Asso Un,association,41200000200011,31,Projet un,12000,2026-04-20

        Asso Deux,association,41200000200029,09,Projet deux,8 000,2026-04-21
        Asso Trois,association,41200000200037,31,"Projet trois, le dernier",9000,2026-04-22

        """)
        let imported = try ws.ok(["import", "applications", good, "--call", "AAP-TERR-2026"], as: Staff.instructor)
        #expect(imported.out.split(separator: "\n").map(String.init) == ["AAP-TERR-2026-0001", "AAP-TERR-2026-0002", "AAP-TERR-2026-0003"])
        #expect(try ws.logLines().count == logBefore.count + 3)
        let third = try ws.show("AAP-TERR-2026-0003")
        #expect(third["title"].string == "Projet trois, le dernier")
        #expect(third["amounts"]["requested_cents"].int == 900_000)
        #expect(third["state"].string == "submitted")
        // One write: three events with the same instant, in one append.
        #expect(try ws.okJSON(["audit", "verify"])["ok"].bool == true)
    }

    @Test("refus d'une règle à la ligne 3 (département non éligible) : code 1, ligne et colonne nommées, rien d'écrit ; point-virgule, BOM, CRLF")
    func ruleRefusalNamesLine() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let text = "\u{FEFF}departement;title;applicant_name;applicant_kind;siret;amount_requested;received_on\r\n"
            + "31;\"Projet \"\"un\"\" ; premier\";Asso Un;association;41200000200011;12 000,50;2026-04-20\r\n"
            + "65;Projet deux;Asso Deux;association;41200000200029;8000;2026-04-21\r\n"
        let path = try Self.file(ws, "regle.csv", text)
        let refused = try ws.refused(["import", "applications", path, "--call", "AAP-TERR-2026"], as: Staff.instructor, code: 1)
        #expect(refused.errorLine.contains("Ligne 3, colonne departement"), "\(refused)")
        #expect(refused.errorLine.contains("65"), "\(refused)")

        let fixed = try Self.file(ws, "regle-ok.csv", text.replacingOccurrences(of: "\r\n65;", with: "\r\n09;"))
        let imported = try ws.ok(["import", "applications", fixed, "--call", "AAP-TERR-2026"], as: Staff.instructor)
        #expect(imported.out == "AAP-TERR-2026-0001\nAAP-TERR-2026-0002")
        let first = try ws.show("AAP-TERR-2026-0001")
        #expect(first["title"].string == "Projet \"un\" ; premier")
        #expect(first["amounts"]["requested_cents"].int == 1_200_050)
        #expect(first["applicant"]["departement"].string == "31")
    }

    @Test("--dry-run liste chaque problème (une ligne chacun), sort en 65 et n'écrit rien ; sans problème, annonce les identifiants")
    func dryRunListsEveryProblem() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let path = try Self.file(ws, "problemes.csv", """
        \(Self.header),commentaire
        Asso Un,association,41200000200011,31,Projet un,douze mille,2026-04-20,x
        Asso Deux,association,41200000200029,09,Projet deux,8000,31/04/2026,x
        Asso Trois,association,41200000200037,65,Projet trois,9000,2026-04-22,x
        Asso Quatre,club de foot,41200000200045,31,Projet quatre,9000,2026-04-22,x
        Asso Cinq,association,,31,,9000,2026-04-23,x
        Asso Six,association,41200000200052,31,Projet six,9000,2026-04-23

        """)
        let before = ws.snapshot()
        let result = try ws.run(["import", "applications", path, "--call", "AAP-TERR-2026", "--dry-run"], as: Staff.instructor)
        #expect(result.code == 65, "\(result)")
        #expect(result.stderrIsOneLine, "\(result)")
        #expect(FrenchLine.looksFrench(result.errorLine))
        #expect(ws.snapshot() == before, "une simulation n'écrit rien")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { ExportText.matches($0, #"Ligne \d+(, colonne [a-z_ ]+)? : .+"#) }, "\(lines)")
        for expected in ["Ligne 1, colonne commentaire", "Ligne 2, colonne amount_requested", "Ligne 3, colonne received_on",
                         "Ligne 4, colonne departement", "Ligne 5, colonne applicant_kind", "Ligne 6, colonne siret ou rna",
                         "Ligne 6, colonne title", "Ligne 7 :"] {
            #expect(lines.contains { $0.hasPrefix(expected) }, "problème attendu « \(expected) » dans :\n\(result.out)")
        }
        #expect(lines.count == 8, "\(result.out)")
        let json = try ws.run(["import", "applications", path, "--call", "AAP-TERR-2026", "--dry-run", "--json"], as: Staff.instructor)
        #expect(json.code == 65)
        #expect(try json.json["problems"].array?.count == 8)

        // The same import without --dry-run is refused with the first problem, and writes nothing.
        let refused = try ws.refused(["import", "applications", path, "--call", "AAP-TERR-2026"], as: Staff.instructor, code: 65)
        #expect(refused.errorLine.contains("Ligne 1, colonne commentaire"), "\(refused)")

        let clean = try Self.file(ws, "propre.csv", "\(Self.header)\nAsso Un,association,41200000200011,31,Projet un,12000,2026-04-20\n")
        let ok = try ws.run(["import", "applications", clean, "--call", "AAP-TERR-2026", "--dry-run"], as: Staff.instructor)
        #expect(ok.code == 0, "\(ok)")
        #expect(ok.stdout.contains("Ligne 2 : AAP-TERR-2026-0001"))
        #expect(ws.snapshot() == before)
    }

    @Test("le format du fichier d'exemple (call, departement_code, amount_requested_eur, measure, year) et ses types de porteurs s'importent")
    func sampleFormat() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let path = try Self.file(ws, "exemple.csv", """
        call,applicant_name,applicant_kind,departement_code,measure,title,amount_requested_eur,year,siret,received_on
        "AAP-MOB-2026","Communauté de communes des Causses et Vallons","EPCI","48","SN1.2 Accompagner la parentalité","Parcours périnatalité",60000,2021,41200000200011,2026-04-20
        "AAP-MOB-2026","Atelier Chantier Vallée du Tarn","SIAE (ACI)","81","SN5.4 Insertion par l'activité économique","Atelier chantier d'insertion",85000,2021,41200000200029,2026-04-21
        "AAP-MOB-2026","Conseil départemental de l'Aveyron","conseil départemental","12","SN5.5 SPIE","Consortium départemental",220000,2021,41200000200037,2026-04-22
        "AAP-MOB-2026","SIVU Enfance Fenouillèdes-Agly","syndicat intercommunal","66","SN1.4 Accueil","Multi-accueil",180000,2021,41200000200045,2026-04-23
        "AAP-MOB-2026","CCAS de Puech-Moyen","CCAS","82","SN6.3 Rue","Domiciliation",12000,2021,41200000200052,2026-04-24
        """)
        let imported = try ws.ok(["import", "applications", path, "--call", "AAP-MOB-2026"], as: Staff.instructor)
        #expect(imported.out.split(separator: "\n").count == 5)
        let records = ExportText.csv(try ws.ok(["export", "cases", "--call", "AAP-MOB-2026"]).stdout)
        let kind = try #require(records.first?.firstIndex(of: "applicant_kind"))
        #expect(records.suffix(5).map { $0[kind] } == ["epci", "siae", "departement", "syndicat", "ccas"])

        // A call column naming another call is a problem of that row.
        let other = try Self.file(ws, "autre.csv", """
        call,applicant_name,applicant_kind,departement_code,title,amount_requested_eur,siret,received_on
        AAP-AUTRE-2026,Asso,association,31,Projet,1000,41200000200011,2026-04-20
        """)
        let refused = try ws.refused(["import", "applications", other, "--call", "AAP-MOB-2026"], as: Staff.instructor, code: 65)
        #expect(refused.errorLine.contains("Ligne 2, colonne call"), "\(refused)")
    }

    @Test("le fichier d'exemple partagé (SIRET et dates ajoutés) s'importe appel par appel, sans aucun problème",
          .enabled(if: FileManager.default.fileExists(atPath: ExchangeFixture.sharedSample.path), "shared/data/sample-applications.csv absent"))
    func sharedSample() throws {
        let text = try String(contentsOf: ExchangeFixture.sharedSample, encoding: .utf8)
        let records = ExportText.csv(text)
        let header = try #require(records.first)
        let callColumn = try #require(header.firstIndex(of: "call"))
        var calls: [String] = []
        for record in records.dropFirst() where record.count == header.count && !calls.contains(record[callColumn]) {
            calls.append(record[callColumn])
        }
        let ws = try Workspace(copying: ExchangeFixture.base)
        let batch = ws.path("appels.jsonl")
        try Data(calls.map { call in
            ExchangeFixture.jsonLine(["call", "create", call, "--kind", "aap", "--title", "Appel \(call)", "--envelope", "5 000 000",
                                      "--opens", "2020-01-01", "--closes", "2026-06-01", "--publish", "--as", Staff.manager])
        }.joined(separator: "\n").utf8).write(to: batch)
        try ws.ok(["batch", batch.path])
        var imported = 0
        for call in calls {
            // The sample's rows of this call, with a SIRET and a reception date added, every original column kept.
            let rows = records.dropFirst().filter { $0.count == header.count && $0[callColumn] == call }
            var csv = (header + ["siret", "received_on"]).joined(separator: ",") + "\n"
            for row in rows {
                let siret = ExchangeFixture.sirets[imported % ExchangeFixture.sirets.count]
                csv += (row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } + [siret, "2026-05-0\(1 + imported % 9)"])
                    .joined(separator: ",") + "\n"
                imported += 1
            }
            let path = try Self.file(ws, "\(call).csv", csv)
            let dry = try ws.run(["import", "applications", path, "--call", call, "--dry-run"], as: Staff.instructor)
            #expect(dry.code == 0, "\(call) : \(dry)")
            let result = try ws.run(["import", "applications", path, "--call", call], as: Staff.instructor)
            #expect(result.code == 0, "\(call) : \(result)")
            #expect(result.out.split(separator: "\n").count == rows.count)
        }
        #expect(imported == records.count - 1)
    }

    @Test("import sans --as : 64 ; appel inconnu : 65 ; fichier absent : 74")
    func usage() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let path = try Self.file(ws, "un.csv", "\(Self.header)\nAsso Un,association,41200000200011,31,Projet un,12000,2026-04-20\n")
        try ws.refused(["import", "applications", path, "--call", "AAP-TERR-2026"], code: 64)
        try ws.refused(["import", "applications", path, "--call", "AAP-INCONNU-2026"], as: Staff.instructor, code: 65)
        try ws.refused(["import", "applications", ws.path("absent.csv").path, "--call", "AAP-TERR-2026"], as: Staff.instructor, code: 74)
        // A member of the committee may not submit.
        let role = try ws.refused(["import", "applications", path, "--call", "AAP-TERR-2026"], as: Staff.member1, code: 1)
        #expect(role.errorLine.hasPrefix("Import refusé"), "\(role)")
    }
}
