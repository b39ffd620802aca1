import Foundation
import Testing
@testable import AAPCLI
import AAPDomain

/// The copy of `Workflows/` built into the binary must be the files themselves.
@Suite struct EmbeddedWorkflowsTests {
    static var workflowsFolder: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("Workflows")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("aap.json").path) { return candidate }
        }
        return URL(fileURLWithPath: "Workflows")
    }

    @Test func embeddedCopyEqualsTheFiles() throws {
        let folder = Self.workflowsFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names == ["aap.json", "ami.json", "call.json"])
        #expect(EmbeddedWorkflows.files.map(\.name) == names, "run scripts/embed-workflows")
        for file in EmbeddedWorkflows.files {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.content + "\n" == onDisk, "Workflows/\(file.name) changed: run scripts/embed-workflows")
        }
    }

    @Test func embeddedWorkflowsLoad() throws {
        let ids = try EmbeddedWorkflows.files.map { try WorkflowDefinition.load(Data($0.content.utf8)).id }
        #expect(ids == ["aap", "ami", "call"])
    }
}

/// Argument-parsing errors become one French line, told apart by the parser's error case (not its English wording).
@Suite struct UsageMessageTests {
    @Test(arguments: [
        (["call", "create", "AAP-X-2026", "--kind", "aap"], "Usage incorrect : argument obligatoire manquant : --title <title> (voir « aap --help »)"),
        (["case", "list", "--bogus"], "Usage incorrect : option inconnue : --bogus (voir « aap --help »)"),
        (["case", "list", "--stat"], "Usage incorrect : option inconnue : --stat (vouliez-vous dire --state ?) (voir « aap --help »)"),
        (["case", "sbumit"], "Usage incorrect : argument inattendu : sbumit (voir « aap --help »)"),
        (["committee", "set", "AAP-X-2026", "--chair", "c", "--member", "m", "--quorum", "x", "--as", "a"],
         "Usage incorrect : valeur « x » invalide pour --quorum <quorum> (voir « aap --help »)"),
        (["case", "list", "--store"], "Usage incorrect : valeur manquante pour --store <store> (voir « aap --help »)"),
        (["committee", "set", "AAP-X-2026", "--chair", "c", "--as", "a"],
         "Usage incorrect : option --member manquante : au moins un membre est requis (voir « aap --help »)"),
        (["case", "advance", "AAP-X-2026-0001", "score", "--set", "pertinence", "--as", "a"],
         "Usage incorrect : --set attend CLE=VALEUR (reçu « pertinence ») (voir « aap --help »)"),
        (["workflow", "graph", "aap", "--format", "png"], "Usage incorrect : format inconnu « png » : mermaid ou dot (voir « aap --help »)"),
    ])
    func translated(arguments: [String], french: String) throws {
        let error = try #require(throws: (any Error).self) { try Aap.parseAsRoot(arguments) }
        #expect(Aap.exitCode(for: error).rawValue == ExitStatus.usage.rawValue)
        #expect(UsageMessage.line(for: error) == french)
    }

    @Test("a write without --as nor AAP_ACTOR is a usage error raised while parsing")
    func missingActor() throws {
        guard ProcessInfo.processInfo.environment["AAP_ACTOR"] == nil else { return }
        let error = try #require(throws: (any Error).self) { try Aap.parseAsRoot(["case", "advance", "AAP-X-2026-0001", "start-review"]) }
        #expect(UsageMessage.line(for: error) == "Usage incorrect : option --as manquante : indiquez qui agit (--as ACTEUR ou variable AAP_ACTOR) (voir « aap --help »)")
    }

    @Test("quoted texts are read in order")
    func quoted() {
        #expect(UsageMessage.quotedTexts(in: "Unknown option '--stat'. Did you mean '--state'?") == ["--stat", "--state"])
        #expect(UsageMessage.quotedTexts(in: "nothing quoted") == [])
    }
}

/// The demo's made-up identifiers are valid and stable.
@Suite struct DemoDataTests {
    @Test func sampleApplicationsParse() throws {
        let rows = DemoData.applications()
        #expect(rows.count == 44)
        #expect(rows.first?.applicantName == "Association Garrigue Solidaire")
        #expect(rows.first?.amountEuros == 68000)
        #expect(rows.filter { $0.call == "AAP-RELANCE-ASSO-2021" }.count == 7)
        for row in rows {
            let siret = try Siret.parse(row.siret)
            #expect(siret.value == row.siret)
            if let rna = row.rna { #expect(try Rna.parse(rna).hasLetters == false) }
        }
        #expect(DemoData.siret(for: "Association Garrigue Solidaire") == DemoData.siret(for: "Association Garrigue Solidaire"))
    }

    @Test(arguments: [("EPCI", ApplicantKind.epci), ("SIAE (ACI)", .siae), ("syndicat intercommunal", .syndicat),
                      ("conseil départemental", .departement), ("CCAS", .ccas), ("association", .association)])
    func applicantKindsOfTheSampleFile(text: String, kind: ApplicantKind) {
        #expect(DemoData.applicantKind(text) == kind)
    }
}
