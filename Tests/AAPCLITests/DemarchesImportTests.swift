import AAPDomain
import AAPStorage
import Foundation
import Testing
@testable import AAPCLI

@Suite("Échanges : import de Démarches Simplifiées")
struct DemarchesImportTests {
    typealias F = DemarchesFixture
    static let call = "AAP-MOB-2026"

    /// Writes a file of the workspace and returns its path.
    static func file(_ ws: Workspace, _ name: String, _ text: String) throws -> String {
        let url = ws.path(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// `import demarches-simplifiees FILE --call AAP-MOB-2026 --mapping MAPPING` plus `extra`.
    static func arguments(_ file: String, _ mapping: String, _ extra: [String] = []) -> [String] {
        ["import", "demarches-simplifiees", file, "--call", call, "--mapping", mapping] + extra
    }

    @Test("deux pages importées en une écriture : références DS, dates de dépôt à Paris, montants avec espaces insécables et virgule ; le dossier accepté est laissé de côté",
          arguments: TestEngine.all)
    func importsTwoPages(engine: TestEngine) throws {
        let ws = try Workspace(copying: ExchangeFixture.base, engine: engine)
        let export = try Self.file(ws, "ds.json", F.twoPages)
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let before = try ws.logLines().count
        let result = try ws.ok(Self.arguments(export, mapping), as: Staff.instructor)
        #expect(result.stderr.contains("hasNextPage") == false, "la dernière page n'annonce pas d'autre page : \(result)")
        #expect(result.out.split(separator: "\n").map(String.init) == [
            "Dossier 12458701 : AAP-MOB-2026-0006",
            "Dossier 12458702 : AAP-MOB-2026-0007",
            "Dossier 12458703 : AAP-MOB-2026-0008",
            "Dossier 12458705 : AAP-MOB-2026-0009",
            "Dossier 12458704 : non importé, « Accepté » sur DS (accepte) ; --import-closed pour l'importer",
            "4 dossiers importés ; 1 dossier clos laissé de côté.",
        ])
        #expect(try ws.logLines().count == before + 4)

        let mobIn = try ws.show("AAP-MOB-2026-0006")
        #expect(mobIn["external_reference"].string == "DS-12458701")
        #expect(mobIn["received_on"].string == "2026-04-14")
        #expect(mobIn["amounts"]["requested_cents"].int == 3_800_000)
        #expect(mobIn["applicant"]["name"].string == "Mob'In Occitanie")
        #expect(mobIn["applicant"]["siret"].string == "77562318400014")
        #expect(mobIn["applicant"]["rna"].string == "W313012345")
        #expect(mobIn["applicant"]["departement"].string == "31")
        #expect(mobIn["title"].string == "Plateforme de mobilité solidaire")
        #expect(mobIn["state"].string == "submitted")

        let rnaOnly = try ws.show("AAP-MOB-2026-0007")
        #expect(rnaOnly["external_reference"].string == "DS-12458702")
        #expect(rnaOnly["applicant"]["name"].string == "Association Solidarité Pyrénées")
        #expect(rnaOnly["applicant"]["rna"].string == "W092001234")
        #expect(rnaOnly["applicant"]["siret"].exists == false)
        #expect(rnaOnly["amounts"]["requested_cents"].int == 1_250_050)
        #expect(rnaOnly["applicant"]["departement"].string == "09")

        let ccas = try ws.show("AAP-MOB-2026-0008")
        #expect(ccas["applicant"]["kind"].string == "ccas")
        #expect(ccas["applicant"]["name"].string == "CENTRE COMMUNAL D'ACTION SOCIALE DE TARBES")
        #expect(ccas["received_on"].string == "2026-05-31", "23 h 30 UTC le 30 mai est le 31 mai à Paris")
        #expect(ccas["amounts"]["requested_cents"].int == 900_000)

        let second = try ws.show("AAP-MOB-2026-0009")
        #expect(second["amounts"]["requested_cents"].int == 6_000_000)
        #expect(second["received_on"].string == "2026-05-02")

        let human = try ws.ok(["case", "show", "AAP-MOB-2026-0006"]).out
        #expect(human.contains("; référence externe DS-12458701"), "\(human)")
        #expect(!(try ws.ok(["case", "show", "AAP-MOB-2026-0001"]).out.contains("référence externe")))
        #expect(try ws.show("AAP-MOB-2026-0001")["external_reference"].exists == false)

        let records = ExportText.csv(try ws.ok(["export", "cases", "--call", Self.call]).stdout)
        let column = try #require(records.first?.firstIndex(of: "external_reference"))
        #expect(records.dropFirst().map { $0[column] } == ["", "", "", "", "", "DS-12458701", "DS-12458702", "DS-12458703", "DS-12458705"])
        #expect(try ws.okJSON(["audit", "verify"])["ok"].bool == true)
    }

    @Test("--json : dossiers importés (dossier, case, external_reference, ds_state) et dossiers clos laissés de côté")
    func jsonOutput() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let export = try Self.file(ws, "ds.json", F.twoPages)
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let json = try ws.okJSON(Self.arguments(export, mapping), as: Staff.instructor)
        #expect(json["demarche"].int == F.demarche)
        #expect(json["imported"].array?.count == 4)
        #expect(json["imported"][0]["dossier"].int == 12458701)
        #expect(json["imported"][0]["case"].string == "AAP-MOB-2026-0006")
        #expect(json["imported"][0]["external_reference"].string == "DS-12458701")
        #expect(json["imported"][1]["ds_state"].string == "en_instruction")
        #expect(json["imported"][1]["closed_on_ds"].bool == false)
        #expect(json["skipped"].array?.count == 1)
        #expect(json["skipped"][0]["dossier"].int == 12458704)
        #expect(json["skipped"][0]["ds_state"].string == "accepte")
        #expect(json["events"].int == 4)
    }

    @Test("un second import du même fichier est refusé (« déjà importé », dossier DS et dossier aap nommés), rien n'est écrit ; --dry-run le signale pour chaque dossier",
          arguments: TestEngine.all)
    func secondImportRefused(engine: TestEngine) throws {
        let ws = try Workspace(copying: ExchangeFixture.base, engine: engine)
        let export = try Self.file(ws, "ds.json", F.twoPages)
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        try ws.ok(Self.arguments(export, mapping), as: Staff.instructor)
        let lines = try ws.logLines()
        let refused = try ws.refused(Self.arguments(export, mapping), as: Staff.instructor, code: 65)
        #expect(refused.errorLine.contains("Dossier 12458701 : déjà importé : c'est le dossier AAP-MOB-2026-0006"), "\(refused)")
        #expect(try ws.logLines() == lines)

        let dryRun = try ws.run(Self.arguments(export, mapping, ["--dry-run"]), as: Staff.instructor)
        #expect(dryRun.code == 65, "\(dryRun)")
        #expect(dryRun.out.split(separator: "\n").map(String.init) == [
            "Dossier 12458701 : déjà importé : c'est le dossier AAP-MOB-2026-0006",
            "Dossier 12458702 : déjà importé : c'est le dossier AAP-MOB-2026-0007",
            "Dossier 12458703 : déjà importé : c'est le dossier AAP-MOB-2026-0008",
            "Dossier 12458705 : déjà importé : c'est le dossier AAP-MOB-2026-0009",
        ])
        #expect(try ws.logLines() == lines)

        // One new dossier beside an imported one: refused all the same, naming the one already there.
        var fresh = F.mobIn
        fresh.number = 12458790
        let mixed = try Self.file(ws, "ds-2.json", F.json(F.page([fresh, F.ccas])))
        let again = try ws.refused(Self.arguments(mixed, mapping), as: Staff.instructor, code: 65)
        #expect(again.errorLine.contains("Dossier 12458703 : déjà importé"), "\(again)")
        #expect(!again.errorLine.contains("12458790"), "\(again)")
    }

    @Test("le même dossier deux fois dans un fichier (pages qui se recouvrent) est refusé")
    func duplicateInFile() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let export = try Self.file(ws, "ds.json", F.json([F.page([F.mobIn, F.ccas], hasNextPage: true), F.page([F.ccas])]))
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let refused = try ws.refused(Self.arguments(export, mapping), as: Staff.instructor, code: 65)
        #expect(refused.errorLine.contains("Dossier 12458703 : présent plusieurs fois dans le fichier"), "\(refused)")
    }

    @Test("un montant absent est refusé en nommant le dossier et le champ, rien n'est écrit")
    func missingAmount() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        var noAmount = F.famillesRurales
        noAmount.amount = nil
        let export = try Self.file(ws, "ds.json", F.json(F.page([F.mobIn, noAmount])))
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let lines = try ws.logLines().count
        let refused = try ws.refused(Self.arguments(export, mapping), as: Staff.instructor, code: 65)
        #expect(refused.errorLine.hasPrefix("Import refusé, rien n'est écrit : Dossier 12458705, champ « Montant demandé » : valeur manquante"), "\(refused)")
        #expect(try ws.logLines().count == lines)
    }

    @Test("un département inconnu (« 99 - Étranger ») ou hors de l'appel est refusé en nommant le dossier et le champ")
    func unknownDepartement() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        var abroad = F.ccas
        abroad.departement = "99 - Étranger"
        let export = try Self.file(ws, "ds.json", F.json(F.page([F.mobIn, abroad])))
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let refused = try ws.refused(Self.arguments(export, mapping), as: Staff.instructor, code: 65)
        #expect(refused.errorLine.contains("Dossier 12458703, champ « Département » : Département invalide « 99 »"), "\(refused)")

        // A known département outside a call open to 09 and 31 only: the rule of `case submit` (exit 1).
        let outside = try Self.file(ws, "ds-terr.json", F.json(F.page([F.mobIn, F.ccas])))
        let rule = try ws.refused(["import", "demarches-simplifiees", outside, "--call", "AAP-TERR-2026", "--mapping", mapping],
                                  as: Staff.instructor, code: 1)
        #expect(rule.errorLine.contains("Dossier 12458703, champ « Département » : Refusé"), "\(rule)")
    }

    @Test("--dry-run liste tous les problèmes (un par ligne, dans l'ordre du fichier), sort en 65 et n'écrit rien ; sans problème, annonce les dossiers")
    func dryRunListsEveryProblem() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        var noAmount = F.famillesRurales
        noAmount.amount = nil
        var abroad = F.ccas
        abroad.departement = "99 - Étranger"
        var noTitle = F.mobIn
        noTitle.number = 12458710
        noTitle.without = ["Intitulé du projet"]
        var badAmount = F.solidarite
        badAmount.amount = "12.500,00"
        var strange = F.commune
        strange.number = 12458711
        strange.state = "brouillon"
        let export = try Self.file(ws, "ds.json", F.json([F.page([noAmount, abroad, noTitle], hasNextPage: true), F.page([badAmount, strange, F.mobIn])]))
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let before = ws.snapshot()
        let result = try ws.run(Self.arguments(export, mapping, ["--dry-run"]), as: Staff.instructor)
        #expect(result.code == 65, "\(result)")
        #expect(result.stderrIsOneLine, "\(result)")
        #expect(ws.snapshot() == before, "une simulation n'écrit rien")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(result.out)")
        let expected = [
            "Dossier 12458705, champ « Montant demandé » : valeur manquante",
            "Dossier 12458703, champ « Département » : Département invalide",
            "Dossier 12458710, champ « Intitulé du projet » : champ absent du dossier",
            "Dossier 12458702, champ « Montant demandé » : Montant invalide",
            "Dossier 12458711, champ « state » : état « brouillon » inconnu",
        ]
        for (line, prefix) in zip(lines, expected) {
            #expect(line.hasPrefix(prefix), "« \(prefix) » attendu :\n\(result.out)")
        }
        let json = try ws.run(Self.arguments(export, mapping, ["--dry-run", "--json"]), as: Staff.instructor)
        #expect(json.code == 65)
        #expect(try json.json["problems"].array?.count == 5)
        #expect(try json.json["problems"][0]["dossier"].int == 12458705)
        #expect(try json.json["problems"][0]["field"].string == "Montant demandé")
        #expect(ws.snapshot() == before)

        // Without --dry-run: the first problem, and a pointer to the others.
        let refused = try ws.refused(Self.arguments(export, mapping), as: Staff.instructor, code: 65)
        #expect(refused.errorLine.contains("Dossier 12458705, champ « Montant demandé »") && refused.errorLine.contains("4 autre(s)"), "\(refused)")

        let clean = try Self.file(ws, "propre.json", F.twoPages)
        let ok = try ws.run(Self.arguments(clean, mapping, ["--dry-run"]), as: Staff.instructor)
        #expect(ok.code == 0, "\(ok)")
        #expect(ok.stdout.contains("Dossier 12458701 : AAP-MOB-2026-0006"))
        #expect(ok.stdout.contains("Simulation : 4 dossiers seraient importés ; 1 dossier clos laissé de côté ; rien n'a été écrit."), "\(ok)")
        #expect(ws.snapshot() == before)
    }

    @Test("accepté, refusé, classé sans suite : laissés de côté et listés ; avec --import-closed, déposés avec leur état DS noté")
    func closedStates() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        var refused = F.famillesRurales
        refused.state = "refuse"
        var dropped = F.solidarite
        dropped.state = "sans_suite"
        let export = try Self.file(ws, "ds.json", F.json(F.page([F.commune, refused, dropped, F.mobIn])))
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let lines = try ws.logLines().count

        let first = try ws.okJSON(Self.arguments(export, mapping), as: Staff.instructor)
        #expect(first["imported"].array?.map { $0["dossier"].int } == [12458701])
        #expect(first["skipped"].array?.map { $0["ds_state"].string } == ["accepte", "refuse", "sans_suite"])
        #expect(first["skipped"][1]["ds_state_label"].string == "Refusé")
        #expect(try ws.logLines().count == lines + 1)

        // The open one is imported now; the closed ones follow with --import-closed.
        let closedOnly = try Self.file(ws, "ds-clos.json", F.json(F.page([F.commune, refused, dropped])))
        let human = try ws.ok(Self.arguments(closedOnly, mapping, ["--import-closed"]), as: Staff.instructor)
        #expect(human.out.split(separator: "\n").map(String.init) == [
            "Dossier 12458704 : AAP-MOB-2026-0007 (clos sur DS : « Accepté » ; la décision reste à prendre dans aap)",
            "Dossier 12458705 : AAP-MOB-2026-0008 (clos sur DS : « Refusé » ; la décision reste à prendre dans aap)",
            "Dossier 12458702 : AAP-MOB-2026-0009 (clos sur DS : « Classé sans suite » ; la décision reste à prendre dans aap)",
            "3 dossiers importés.",
        ])
        let commune = try ws.show("AAP-MOB-2026-0007")
        #expect(commune["state"].string == "submitted", "une décision DS n'est pas une décision du comité")
        #expect(commune["applicant"]["kind"].string == "commune")
        #expect(commune["external_reference"].string == "DS-12458704")
        #expect(commune["received_on"].string == "2026-03-20")
        #expect(try ws.logLines().count == lines + 4)

        // Only closed dossiers and no --import-closed: nothing to write, said so, exit 0.
        let nothing = try Self.file(ws, "ds-rien.json", F.json(F.page([F.commune])))
        let before = ws.snapshot()
        let none = try ws.ok(Self.arguments(nothing, mapping), as: Staff.instructor)
        #expect(none.out.hasSuffix("0 dossier importé ; 1 dossier clos laissé de côté."), "\(none)")
        #expect(ws.snapshot() == before)
    }

    @Test("une seule réponse sans l'enveloppe « data » ; la dernière page annonçant une suite est signalée sur stderr")
    func singleResponseWithoutData() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let export = try Self.file(ws, "ds.json", F.json(F.page([F.ccas], hasNextPage: true, wrapped: false)))
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let result = try ws.ok(Self.arguments(export, mapping), as: Staff.instructor)
        #expect(result.out.hasPrefix("Dossier 12458703 : AAP-MOB-2026-0006"), "\(result)")
        #expect(result.stderr.contains("pageInfo.hasNextPage"), "\(result)")

        // A refusal keeps its one line on stderr: no warning beside it.
        var noAmount = F.famillesRurales
        noAmount.amount = nil
        let refused = try Self.file(ws, "ds-refus.json", F.json(F.page([noAmount], hasNextPage: true, wrapped: false)))
        let failed = try ws.refused(Self.arguments(refused, mapping), as: Staff.instructor, code: 65)
        #expect(!failed.stderr.contains("hasNextPage"), "\(failed)")
    }

    @Test("correspondance invalide (pas du JSON, champ inconnu, libellé vide, champ obligatoire sans libellé), fichier DS invalide ou absent : refus en une ligne, rien n'est écrit",
          arguments: [
              ("pas du json", "un objet JSON est attendu"),
              ("[\"title\"]", "un objet JSON est attendu"),
              ("{\"montant\": \"Montant demandé\", \"title\": \"Intitulé du projet\"}", "champ « montant » inconnu"),
              ("{\"title\": \"\", \"amount_requested\": \"Montant demandé\"}", "le champ « title » doit être associé"),
              ("{\"title\": 3}", "le champ « title » doit être associé"),
              ("{\"title\": \"Intitulé du projet\", \"amount_requested\": \"Montant demandé\", \"applicant_kind\": \"Type de structure\"}", "le champ « departement »"),
              ("{\"version\": 2, \"title\": \"Intitulé du projet\"}", "version 2 plus récente"),
          ])
    func invalidMapping(_ mappingText: String, _ expected: String) throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let export = try Self.file(ws, "ds.json", F.twoPages)
        let mapping = try Self.file(ws, "correspondance.json", mappingText)
        let refused = try ws.refused(Self.arguments(export, mapping), as: Staff.instructor, code: 65)
        #expect(refused.errorLine.hasPrefix("Correspondance « \(mapping) » refusée : "), "\(refused)")
        #expect(refused.errorLine.contains(expected), "\(refused)")
    }

    @Test("fichier DS : JSON invalide, sans data.demarche, erreurs GraphQL, dossier sans numéro, sans dossier ; fichiers absents (74)")
    func invalidFile() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        let cases: [(String, String)] = [
            ("{\"data\": ", "JSON invalide"),
            ("{\"data\": {\"demarches\": {}}}", "« data.demarche » absent"),
            ("{\"errors\": [{\"message\": \"Demarche not found\"}], \"data\": null}", "erreurs (Demarche not found)"),
            ("{\"data\": {\"demarche\": {\"number\": 1, \"dossiers\": {\"nodes\": [{\"state\": \"en_construction\"}]}}}}", "« data.demarche.dossiers.nodes[0].number » absent"),
            ("{\"data\": {\"demarche\": {\"number\": 1, \"dossiers\": {\"nodes\": []}}}}", "aucun dossier"),
        ]
        for (text, expected) in cases {
            let export = try Self.file(ws, "ds.json", text)
            let refused = try ws.refused(Self.arguments(export, mapping), as: Staff.instructor, code: 65)
            #expect(refused.errorLine.contains(expected), "\(text) → \(refused)")
        }
        let export = try Self.file(ws, "ds.json", F.twoPages)
        try ws.refused(Self.arguments(ws.path("absent.json").path, mapping), as: Staff.instructor, code: 74)
        try ws.refused(Self.arguments(export, ws.path("absente.json").path), as: Staff.instructor, code: 74)
    }

    @Test("sous le verrou d'écriture aussi : une soumission qui porte une référence déjà prise est refusée par decide, que l'état vienne des fichiers d'état ou du journal rejoué")
    func referenceCheckedUnderTheLock() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let export = try Self.file(ws, "ds.json", F.json(F.page([F.mobIn])))
        let mapping = try Self.file(ws, "correspondance.json", F.mapping)
        try ws.ok(Self.arguments(export, mapping), as: Staff.instructor)
        let fields = [
            "applicant_name": "Autre porteur", "applicant_kind": "association", "siret": "44312345000019", "departement": "31",
            "title": "Autre projet", "amount_requested": "1000", "received_on": "2026-04-20",
        ]
        let command = ActorCommand(.submitCase(SubmitCase(call: Self.call, fields: fields, externalReference: "DS-12458701")), by: Staff.instructor)
        let today = try CalendarDate.parse("2026-06-15")
        for rebuilt in [false, true] {
            if rebuilt { try FileManager.default.removeItem(at: ws.store.appendingPathComponent("state")) }
            let store = Store(directory: ws.store.path)
            let before = try ws.logLines()
            #expect {
                try store.execute([command], at: "2026-06-15T10:00:00Z", today: today, keys: nil)
            } throws: { error in
                (error as? BatchRefusal)?.refusal.code == "case.external_reference_taken"
                    && (error as? BatchRefusal)?.refusal.message.contains("déjà celle du dossier AAP-MOB-2026-0006") == true
            }
            #expect(try ws.logLines() == before)
        }
    }

    // MARK: - Values as DS writes them

    @Test("départements DS → codes", arguments: [("31 - Haute-Garonne", "31"), ("2A - Corse-du-Sud", "2A"), ("971 – Guadeloupe", "971"), ("09", "09")])
    func departement(_ text: String, _ code: String) {
        #expect(DemarchesImport.departementCode(text) == code)
    }

    @Test("dateDepot → date à Paris", arguments: [
        ("2024-03-14T10:22:31+01:00", "2024-03-14"), ("2026-05-30T23:30:00Z", "2026-05-31"), ("2026-01-31T23:59:59Z", "2026-02-01"),
        ("2026-04-14T00:10:00.250+02:00", "2026-04-14"), ("2026-04-13T22:10:00+00:00", "2026-04-14"),
    ])
    func parisDate(_ text: String, _ iso: String) {
        #expect(DemarchesImport.parisDate(text)?.iso == iso)
    }
}
