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

/// Argument-parsing errors become one French line.
@Suite struct UsageMessageTests {
    @Test(arguments: [
        ("Error: Missing expected argument '--title <title>'", "Usage incorrect : argument obligatoire manquant : --title <title> (voir « aap --help »)"),
        ("Error: Unknown option '--bogus'", "Usage incorrect : option inconnue : --bogus (voir « aap --help »)"),
        ("Error: Unexpected argument 'sbumit'", "Usage incorrect : argument inattendu : sbumit (voir « aap --help »)"),
        ("Error: The value 'x' is invalid for '--quorum <quorum>'\nHelp: ...", "Usage incorrect : valeur « x » invalide pour --quorum <quorum> (voir « aap --help »)"),
    ])
    func translated(english: String, french: String) {
        #expect(AapMain.usageMessage(english) == french)
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
