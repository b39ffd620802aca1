import Foundation
import Testing

/// A way to break a valid workflow file, and what the validator must then say.
struct WorkflowBreakage: Sendable, CustomTestStringConvertible {
    let name: String
    let base: String
    /// A fragment the one-line message must contain.
    let expected: String
    let apply: @Sendable (inout [String: Any]) -> Void

    var testDescription: String { name }

    static func actions(_ w: inout [String: Any], _ change: (inout [String: Any]) -> Void, where id: String) {
        var actions = w["actions"] as? [[String: Any]] ?? []
        for index in actions.indices where actions[index]["id"] as? String == id { change(&actions[index]) }
        w["actions"] = actions
    }

    static let all: [WorkflowBreakage] = [
        WorkflowBreakage(name: "format 4 (plus récent)", base: "aap.json", expected: "format") { $0["format"] = 4 },
        WorkflowBreakage(name: "action partant d'un état terminal", base: "aap.json", expected: "rejected") { w in
            actions(&w, { $0["from"] = ["rejected"] }, where: "start-review")
        },
        WorkflowBreakage(name: "rôle inconnu", base: "aap.json", expected: "sorcier") { w in
            actions(&w, { $0["roles"] = ["sorcier"] }, where: "propose")
        },
        WorkflowBreakage(name: "règle inconnue", base: "aap.json", expected: "pleine_lune") { w in
            actions(&w, { $0["rules"] = ["pleine_lune"] }, where: "select")
        },
        WorkflowBreakage(name: "état cible inconnu", base: "ami.json", expected: "nulle_part") { w in
            actions(&w, { $0["to"] = "nulle_part" }, where: "shortlist")
        },
        WorkflowBreakage(name: "identifiant d'état en double", base: "call.json", expected: "open") { w in
            var states = w["states"] as? [[String: Any]] ?? []
            states.append(["id": "open", "label": "Encore ouvert"])
            w["states"] = states
        },
        WorkflowBreakage(name: "état inaccessible", base: "call.json", expected: "oublie") { w in
            var states = w["states"] as? [[String: Any]] ?? []
            states.append(["id": "oublie", "label": "Oublié"])
            w["states"] = states
        },
    ]
}

@Suite("Commandes workflow")
struct WorkflowCommandTests {
    static let files = ["aap.json", "ami.json", "call.json"]

    @Test("workflow validate : chaque fichier de Workflows/ est valide (0), sans magasin", arguments: files)
    func validFile(_ name: String) throws {
        let dir = try #require(PackagePaths.workflowsDirectory, "dossier Workflows/ introuvable")
        let ws = try Workspace()
        let result = try ws.run(["workflow", "validate", dir.appendingPathComponent(name).path])
        #expect(result.code == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        let json = try ws.okJSON(["workflow", "validate", dir.appendingPathComponent(name).path])
        #expect(json["ok"].bool == true)
        #expect(json["id"].string == String(name.dropLast(5)))
    }

    @Test("Workflows/ ne contient que des fichiers valides")
    func everyFileOfTheFolder() throws {
        let dir = try #require(PackagePaths.workflowsDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(Set(names).isSuperset(of: Self.files))
        let ws = try Workspace()
        for name in names {
            let result = try ws.run(["workflow", "validate", dir.appendingPathComponent(name).path])
            #expect(result.code == 0, "\(result)")
        }
    }

    @Test("workflow validate : un fichier cassé donne 65 et une ligne", arguments: WorkflowBreakage.all)
    func brokenFile(_ breakage: WorkflowBreakage) throws {
        let dir = try #require(PackagePaths.workflowsDirectory)
        let ws = try Workspace()
        let data = try Data(contentsOf: dir.appendingPathComponent(breakage.base))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        breakage.apply(&object)
        let broken = ws.path("broken-\(breakage.base)")
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: broken)
        let result = try ws.run(["workflow", "validate", broken.path])
        #expect(result.code == 65, "\(result)")
        #expect(result.stderrIsOneLine, "\(result)")
        #expect(FrenchLine.looksFrench(result.errorLine), "\(result)")
        #expect(result.errorLine.contains(breakage.expected), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test("workflow validate : JSON illisible (65)")
    func unreadableJSON() throws {
        let ws = try Workspace()
        let broken = ws.path("broken.json")
        try Data("{\"format\": 1, \"id\": ".utf8).write(to: broken)
        let result = try ws.run(["workflow", "validate", broken.path])
        #expect(result.code == 65, "\(result)")
        #expect(result.stderrIsOneLine, "\(result)")
    }

    @Test("workflow list, show, graph (dot, mermaid)")
    func listShowGraph() throws {
        let ws = try Workspace()
        try ws.ok(["init", "--admin", Staff.admin])

        let list = try #require(try ws.okJSON(["workflow", "list"]).array)
        #expect(list.map { $0["id"].string ?? "?" } == ["aap", "ami", "call"])
        #expect(list.map { $0["kind"].string ?? "?" } == ["case", "case", "call"])
        #expect(list.allSatisfy { $0["version"].int == 1 })
        #expect(list[0]["states"].int == 13)

        let show = try ws.ok(["workflow", "show", "aap"])
        #expect(show.stdout.hasPrefix("Workflow aap v1"))
        #expect(show.stdout.contains("submitted — Déposé"))
        #expect(show.stdout.contains("select"))
        let showJSON = try ws.okJSON(["workflow", "show", "ami"])
        #expect(showJSON["id"].string == "ami")
        #expect(showJSON["states"].array?.count == 16)

        let dot = try ws.ok(["workflow", "graph", "aap", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph"))
        #expect(dot.stdout.contains("\"submitted\" -> \"in_review\" [label=\"start-review\"]"))
        #expect(dot.out.hasSuffix("}"))
        let mermaid = try ws.ok(["workflow", "graph", "aap", "--format", "mermaid"])
        #expect(mermaid.stdout.hasPrefix("stateDiagram-v2"))
        #expect(mermaid.stdout.contains("submitted --> in_review : start-review"))
        let amiGraph = try ws.ok(["workflow", "graph", "ami", "--format", "mermaid"])
        #expect(amiGraph.stdout.contains("shortlisted --> proposal_received : receive-proposal"))

        let unknown = try ws.refused(["workflow", "show", "licorne"], code: 65)
        #expect(unknown.errorLine.contains("licorne"))
    }
}
