import Foundation
import Testing

@Suite("Démonstration et aide")
struct DemoAndHelpTests {
    @Test("aap demo --store DIR : 0 et « journal intègre » ; une seconde fois 65 sauf --force")
    func demo() throws {
        let ws = try Workspace()
        let dir = ws.path("demo")
        let first = try ws.run(["demo", "--store", dir.path], setStore: false)
        #expect(first.code == 0, "\(first)")
        #expect(first.stdout.contains("journal intègre"), "\(first)")
        #expect(first.stderr.isEmpty, "\(first)")

        // The demo store is an ordinary store: it verifies, and its calls are there.
        let verify = try ws.run(["audit", "verify", "--json"], store: dir)
        #expect(verify.code == 0, "\(verify)")
        let report = try verify.json
        #expect(report["ok"].bool == true)
        let events = try #require(report["events"].int)
        #expect(events > 50)
        try LogCheck.chain(try ws.logLines(in: dir))
        let calls = try #require(try JSONDoc(parsing: try ws.run(["call", "list", "--json"], store: dir).stdout).array)
        #expect(calls.compactMap { $0["id"].string } == ["AAP-RELANCE-ASSO-2021", "AAP-1000J-2021", "AMI-ACCUEIL-POUR-TOUS-2021", "AMI-PCB-2021", "AAP-GT-ACTEURS-2021"])

        let before = ws.snapshot(of: dir)
        let again = try ws.run(["demo", "--store", dir.path], setStore: false)
        #expect(again.code == 65, "\(again)")
        #expect(again.stderrIsOneLine, "\(again)")
        #expect(FrenchLine.looksFrench(again.errorLine), "\(again)")
        #expect(again.errorLine.contains("--force"), "\(again)")
        #expect(ws.snapshot(of: dir) == before)

        let forced = try ws.run(["demo", "--store", dir.path, "--force"], setStore: false)
        #expect(forced.code == 0, "\(forced)")
        #expect(forced.stdout.contains("journal intègre"), "\(forced)")
        let reverified = try ws.run(["audit", "verify", "--json"], store: dir)
        #expect(try reverified.json["events"].int == events)
    }

    @Test("aap demo --force n'efface pas un répertoire qui n'est pas un magasin")
    func demoForceKeepsForeignDirectory() throws {
        let ws = try Workspace()
        let dir = ws.path("mes-documents")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("précieux".utf8).write(to: dir.appendingPathComponent("note.txt"))
        let result = try ws.run(["demo", "--store", dir.path, "--force"], setStore: false)
        #expect(result.code == 65, "\(result)")
        #expect(result.stderrIsOneLine, "\(result)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("note.txt")) == Data("précieux".utf8))
    }

    @Test("aap --help : 0, en français", arguments: [["--help"], ["case", "--help"], ["help", "case", "submit"]])
    func help(_ arguments: [String]) throws {
        let ws = try Workspace()
        let result = try ws.run(arguments)
        #expect(result.code == 0, "\(result)")
        #expect(result.stdout.contains("aap"), "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test("aap --help présente les commandes du contrat")
    func rootHelpListsCommands() throws {
        let ws = try Workspace()
        let result = try ws.run(["--help"])
        for command in ["init", "actor", "workflow", "call", "committee", "case", "report", "audit", "demo"] {
            #expect(result.stdout.contains(command), "\(command) absent de l'aide")
        }
        #expect(result.stdout.contains("appels à projets"))
    }
}
