import Foundation
import Testing
import AAPDomain
@testable import AAPCLI

/// Etalab's own validator, validata-core, through scripts/validate-scdl and the pinned schema.
enum ScdlValidator {
    static let script = PackagePaths.packageRoot.appendingPathComponent("scripts/validate-scdl")

    /// Whether python3 with validata-core is on this machine (`.ci/run` installs it from PyPI).
    static let available: Bool = {
        (try? GivingValidator.run(["python3", "-c", "import validata_core"]))?.code == 0
    }()

    static func validate(_ text: String, in ws: Workspace, name: String) throws -> (code: Int32, output: String) {
        let file = ws.path(name)
        try Data(text.utf8).write(to: file)
        return try GivingValidator.run(["python3", script.path, file.path])
    }
}

/// SIRET per INSEE at entry, the SCDL export through Etalab's validator, and the schema's rules
/// for associations without SIRET, staggered payments and `dispositifAide` (issue 13).
@Suite("SCDL par le validateur d'Etalab ; SIRET selon l'INSEE")
struct ScdlValidatorTests {
    /// A SIRET whose 14 digits pass Luhn but whose SIREN (first 9 digits) does not.
    static let sirenKeyWrong = "74836958600015"
    static let dispositif = "65d5b6c7-102c-4440-ac3b-768f708edc0a"

    /// Two RNA-only associations funded on `AAP-MOB-2026` of the exchange fixture: a Corsican RNA
    /// with letters (24 000 €, one payment) and a digits-only RNA over two years (25 000 €, one
    /// payment so far), both with a signed convention.
    static func rnaOnlyLines() -> [[String]] {
        let i = Staff.instructor, c = Staff.chair, m = Staff.member1, f = Staff.finance
        var lines: [[String]] = [
            ["case", "submit", "AAP-MOB-2026", "--applicant", "Association Corsica Mubilità", "--applicant-kind", "association",
             "--rna", "W2A1000123", "--departement", "REG", "--title", "Navettes solidaires", "--amount", "24 000",
             "--received", "2026-04-20", "--as", i],
            ["case", "submit", "AAP-MOB-2026", "--applicant", "Les Roues du Lauragais", "--applicant-kind", "association",
             "--rna", "W313012345", "--departement", "31", "--title", "Garage associatif", "--amount", "25 000",
             "--received", "2026-04-21", "--as", i],
        ]
        let cases: [(String, String, [String], [String])] = [
            ("AAP-MOB-2026-0006", "24000", [], []),
            ("AAP-MOB-2026-0007", "25000", ["--set", "years=2", "--set", "first_year=2026"], ["--set", "year=2026"]),
        ]
        for (id, amount, extra, payYear) in cases {
            lines += [
                ["case", "advance", id, "start-review", "--as", i],
                ["case", "advance", id, "propose", "--set", "opinion=favorable", "--set", "proposed_amount=\(amount)", "--as", i],
                ["case", "advance", id, "score", "--set", "pertinence=4", "--set", "impact=3", "--as", c],
                ["case", "advance", id, "score", "--set", "pertinence=5", "--set", "impact=4", "--as", m],
                ["case", "advance", id, "select", "--set", "awarded_amount=\(amount)", "--set", "decided_on=2026-06-05"] + extra + ["--as", c],
                ["case", "advance", id, "sign-agreement", "--set", "instrument=convention", "--set", "reference=CONV-\(id.suffix(4))",
                 "--set", "signed_on=2026-06-10", "--as", f],
                ["case", "advance", id, "pay", "--set", "amount=12000", "--set", "kind=advance", "--set", "paid_on=2026-06-13"] + payYear + ["--as", f],
            ]
        }
        return lines
    }

    @Test("authority set et case submit refusent un SIRET dont la clé du SIREN est fausse (65, la clé nommée, rien d'écrit)")
    func sirenKeyRefused() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let authority = try ws.refused(["authority", "set", "--name", "DREETS Occitanie", "--siret", Self.sirenKeyWrong], as: Staff.admin, code: 65)
        #expect(authority.errorLine.contains("clé du SIREN"), "\(authority)")
        #expect(authority.errorLine.contains("748369586"), "\(authority)")
        let submit = try ws.refused([
            "case", "submit", "AAP-MOB-2026", "--applicant", "Asso Test", "--applicant-kind", "association",
            "--siret", "11655925027912", "--departement", "31", "--title", "Projet", "--amount", "1000", "--received", "2026-04-20",
        ], as: Staff.instructor, code: 65)
        #expect(submit.errorLine.contains("clé du SIREN"), "\(submit)")
        let siretKey = try ws.refused([
            "case", "submit", "AAP-MOB-2026", "--applicant", "Asso Test", "--applicant-kind", "association",
            "--siret", "73282932000075", "--departement", "31", "--title", "Projet", "--amount", "1000", "--received", "2026-04-20",
        ], as: Staff.instructor, code: 65)
        #expect(siretKey.errorLine.contains("clé du SIRET"), "\(siretKey)")
        // The import names the line, the column and the key.
        let csv = ws.path("bad.csv")
        try Data("applicant_name,applicant_kind,siret,departement,title,amount_requested,received_on\nAsso,association,\(Self.sirenKeyWrong),31,Projet,1000,2026-04-20\n".utf8).write(to: csv)
        let imported = try ws.refused(["import", "applications", csv.path, "--call", "AAP-MOB-2026"], as: Staff.instructor, code: 65)
        #expect(imported.errorLine.contains("clé du SIREN"), "\(imported)")
    }

    @Test("export scdl (avec et sans --all) passe validata-core contre le schéma épinglé",
          .enabled(if: ScdlValidator.available, "validata-core absent : validation SCDL non faite"))
    func fixturePassesValidata() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        for arguments in [["export", "scdl"], ["export", "scdl", "--all"]] {
            let text = try ws.ok(arguments).stdout
            let validation = try ScdlValidator.validate(text, in: ws, name: "scdl.csv")
            #expect(validation.code == 0, "\(arguments) : \(validation.output)")
        }
    }

    @Test("le validateur refuse bien ce qu'il doit : un SIRET à la clé de SIREN fausse, une ligne sans identifiant",
          .enabled(if: ScdlValidator.available, "validata-core absent : validation SCDL non faite"))
    func validatorCatchesErrors() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let text = try ws.ok(["export", "scdl", "--all"]).stdout
        let forged = text.replacingOccurrences(of: ExchangeFixture.authoritySiret, with: Self.sirenKeyWrong)
        let siret = try ScdlValidator.validate(forged, in: ws, name: "forged.csv")
        #expect(siret.code == 1, "\(siret.output)")
        #expect(siret.output.contains("french-siret-value"), "\(siret.output)")
        let noID = text.replacingOccurrences(of: ExchangeFixture.sirets[0], with: "")
        let missing = try ScdlValidator.validate(noID, in: ws, name: "missing.csv")
        #expect(missing.code == 1, "\(missing.output)")
        #expect(missing.output.contains("one-of-required"), "\(missing.output)")
    }

    @Test("associations sans SIRET : RNA dans rnaBeneficiaire (avec lettres aussi), avertissements exacts ; versement échelonné pluriannuel avec sa période")
    func rnaOnlyAndStaggered() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let batch = ws.path("rna.jsonl")
        try Data(Self.rnaOnlyLines().map(ExchangeFixture.jsonLine).joined(separator: "\n").utf8).write(to: batch)
        try ws.ok(["batch", batch.path])
        let result = try ws.ok(["export", "scdl"])
        let rows = ExchangeTests.checkScdl(result.stdout, rnaWithLetters: true)
        let corsica = try #require(rows.first { $0["nomBeneficiaire"] == "Association Corsica Mubilità" })
        #expect(corsica["idBeneficiaire"] == "")
        #expect(corsica["rnaBeneficiaire"] == "W2A1000123")
        #expect(corsica["conditionsVersement"] == "unique")
        #expect(corsica["datesPeriodeVersement"] == "2026-06-13")
        let lauragais = try #require(rows.first { $0["nomBeneficiaire"] == "Les Roues du Lauragais" })
        #expect(lauragais["idBeneficiaire"] == "")
        #expect(lauragais["rnaBeneficiaire"] == "W313012345")
        // Two years, one payment so far: staggered, over the period the grant covers.
        #expect(lauragais["conditionsVersement"] == "échelonné")
        #expect(lauragais["datesPeriodeVersement"] == "2026-06-13/2027-12-31")
        #expect(!result.stderr.contains("rnaBeneficiaire renseigné"))
        #expect(result.stderr.contains("le RNA est publié dans rnaBeneficiaire pour AAP-MOB-2026-0007"), "\(result.stderr)")
        #expect(result.stderr.contains("ni SIRET ni RNA au motif du schéma (W suivi de 9 chiffres) pour AAP-MOB-2026-0006"), "\(result.stderr)")
        #expect(!result.stderr.contains("rnaBeneficiaire pour AAP-MOB-2026-0006"), "\(result.stderr)")
        if ScdlValidator.available {
            // The digits-only RNA passes the schema's one-of-required; the Corsican one is what it refuses.
            let validation = try ScdlValidator.validate(result.stdout, in: ws, name: "rna.csv")
            #expect(validation.code == 1)
            let errorLines = validation.output.split(separator: "\n").filter { $0.hasPrefix("ligne ") }
            #expect(!errorLines.isEmpty && errorLines.allSatisfy { $0.contains("rnaBeneficiaire") || $0.contains("one-of-required") || $0.contains("idBeneficiaire") }, "\(validation.output)")
            let without = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("W2A1000123") }.joined(separator: "\n")
            let clean = try ScdlValidator.validate(without, in: ws, name: "rna-clean.csv")
            #expect(clean.code == 0, "\(clean.output)")
        }
    }

    @Test("call create --dispositif-aide : publié en dispositifAide ; vide sans lui ; identifiant invalide refusé")
    func dispositifAide() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let rows = ExchangeTests.checkScdl(try ws.ok(["export", "scdl", "--all"]).stdout)
        #expect(!rows.isEmpty && rows.allSatisfy { $0["dispositifAide"] == "" })
        try ws.refused(["call", "create", "AAP-DISP-2026", "--kind", "aap", "--title", "Dispositif", "--envelope", "10 000",
                        "--opens", "2026-06-01", "--closes", "2026-07-31", "--dispositif-aide", "pas un id ; <b>"], as: Staff.manager, code: 65)
        let created = try ws.okJSON(["call", "create", "AAP-DISP-2026", "--kind", "aap", "--title", "Dispositif", "--envelope", "10 000",
                                     "--opens", "2026-06-01", "--closes", "2026-07-31", "--dispositif-aide", Self.dispositif], as: Staff.manager)
        #expect(created["dispositif_aide"].string == Self.dispositif)
        let shown = try ws.ok(["call", "show", "AAP-DISP-2026"])
        #expect(shown.stdout.contains(Self.dispositif), "\(shown)")
        try ws.ok(["audit", "verify"])
    }
}

/// The demo's made-up SIRETs pass INSEE's rule (both keys), so that its SCDL export passes validata.
@Suite("Démonstration : SIRET valides selon l'INSEE")
struct DemoSiretTests {
    @Test("le SIRET de l'autorité et ceux des 44 candidatures passent les deux clés")
    func demoSirets() {
        let sirets = [DemoData.authoritySiret] + DemoData.applications().map(\.siret)
        #expect(sirets.count > 40)
        for siret in sirets {
            #expect(AAPDomain.Siret.isValid(siret), "\(siret)")
        }
    }
}

/// Lines written by versions that checked only the 14-digit key still read and pass the audit.
@Suite("SIRET : journaux écrits sous l'ancienne règle")
struct LegacySiretLogTests {
    /// The store's last line (a submission with `valid`), rewritten with `siret` and signed again by
    /// the instructor, as an earlier version would have written it.
    static func rewriteLastSubmission(in ws: Workspace, replacing valid: String, with siret: String) throws {
        var lines = try ws.logText()
        let last = try #require(lines.last)
        lines.removeLast()
        let unsigned = Forge.unsigned(last)
        #expect(unsigned.contains(#""siret":"\#(valid)""#), "\(unsigned)")
        lines.append(try Forge.sign(unsigned.replacingOccurrences(of: valid, with: siret), as: Staff.instructor))
        try ws.writeLog(lines)
        try? FileManager.default.removeItem(at: ws.store.appendingPathComponent("state"))
    }

    static func submit(_ ws: Workspace, siret: String) throws {
        try ws.ok(["case", "submit", "AAP-MOB-2026", "--applicant", "Asso Ancienne", "--applicant-kind", "association",
                   "--siret", siret, "--departement", "31", "--title", "Projet", "--amount", "1000", "--received", "2026-04-20"],
                  as: Staff.instructor)
    }

    @Test("un SIRET à la seule clé des 14 chiffres, signé par une version antérieure : lu, et audit verify passe")
    func legacyLinePasses() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        try Self.submit(ws, siret: ExchangeFixture.sirets[6])
        try Self.rewriteLastSubmission(in: ws, replacing: ExchangeFixture.sirets[6], with: ScdlValidatorTests.sirenKeyWrong)
        let lines = try ws.logText().count
        try ws.expectAuditPasses(events: lines)
        let shown = try ws.okJSON(["case", "show", "AAP-MOB-2026-0006"])
        #expect(shown["applicant"]["siret"].string == ScdlValidatorTests.sirenKeyWrong)
        // Today's entry refuses the same number.
        try ws.refused(["authority", "set", "--name", "X", "--siret", ScdlValidatorTests.sirenKeyWrong], as: Staff.admin, code: 65)
    }

    @Test("un SIRET dont la clé des 14 chiffres est fausse reste une altération (65 à sa ligne)")
    func badKeyStillCaught() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        try Self.submit(ws, siret: ExchangeFixture.sirets[6])
        try Self.rewriteLastSubmission(in: ws, replacing: ExchangeFixture.sirets[6], with: "73282932000075")
        let lines = try ws.logText().count
        try ws.expectAuditFails(at: lines)
    }
}
