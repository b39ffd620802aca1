import Foundation
import Testing

@Suite("Échanges : diagrammes de workflow, complétion du shell, manuel")
struct ExchangeToolsTests {
    /// Checks a Mermaid state diagram line by line against the tokens of Mermaid's state-diagram grammar
    /// (stateDiagram.jison): ids `[^:\n\s\-{]+` that are not keywords, descriptions after `:` without `:` or `;`.
    static func checkMermaid(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "stateDiagram-v2", sourceLocation: sourceLocation)
        let id = #"(\[\*\]|[A-Za-z0-9_]+)"#
        let description = #"[^:;\n%]+"#
        for line in lines.dropFirst() where !line.isEmpty {
            let ok = ExportText.matches(line, #"    [A-Za-z0-9_]+ : "# + description)
                || ExportText.matches(line, "    \(id) --> \(id)( : \(description))?")
            #expect(ok, "ligne Mermaid hors grammaire : « \(line) »", sourceLocation: sourceLocation)
            for keyword in ["default", "state", "note", "class", "classDef", "scale", "direction"] {
                #expect(!line.hasPrefix("    \(keyword) "), "mot-clé Mermaid pris pour un état : \(line)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("workflow graph : Mermaid conforme à la grammaire des diagrammes d'états, DOT bien formé ; une transition par paire d'états",
          arguments: ["call", "aap", "ami"])
    func diagrams(_ workflow: String) throws {
        let ws = try Workspace()
        try ws.ok(["init", "--admin", Staff.admin])
        let mermaid = try ws.ok(["workflow", "graph", workflow, "--format", "mermaid"])
        Self.checkMermaid(mermaid.out)
        let edges = mermaid.out.split(separator: "\n").filter { $0.contains("-->") }.map { $0.split(separator: ":").first ?? "" }
        #expect(Set(edges).count == edges.count, "une seule flèche par paire d'états")

        let dot = try ws.ok(["workflow", "graph", workflow, "--format", "dot"])
        let lines = dot.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph \"\(workflow)\" {")
        #expect(lines.last == "}")
        for line in lines.dropFirst().dropLast() {
            #expect(line.hasSuffix(";"), "instruction DOT sans « ; » : \(line)")
            #expect(line.filter { $0 == "\"" }.count % 2 == 0 || line.contains("\\\""), "guillemets déséquilibrés : \(line)")
        }
    }

    @Test("README : les trois workflows en Mermaid, identiques à « aap workflow graph »")
    func readmeDiagrams() throws {
        let readme = try String(contentsOf: PackagePaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("## Les workflows"))
        let ws = try Workspace()
        try ws.ok(["init", "--admin", Staff.admin])
        for workflow in ["call", "aap", "ami"] {
            let mermaid = try ws.ok(["workflow", "graph", workflow, "--format", "mermaid"]).out
            #expect(readme.contains("```mermaid\n\(mermaid)\n```"), "le diagramme « \(workflow) » du README n'est plus à jour : scripts/update-readme-workflows")
        }
    }

    @Test("complétion du shell (bash, zsh, fish) et manuel (roff, texte) générés depuis les définitions des commandes",
          arguments: ["bash", "zsh", "fish"])
    func completions(_ shell: String) throws {
        let ws = try Workspace()
        let script = try ws.ok(["--generate-completion-script", shell])
        #expect(script.stdout.contains("aap"))
        for word in ["export", "import", "360giving", "scdl", "manual"] {
            #expect(script.stdout.contains(word), "\(word) absent de la complétion \(shell)")
        }
    }

    @Test("aap manual : page man roff complète, sans date ; --format text")
    func manual() throws {
        let ws = try Workspace()
        let roff = try ws.ok(["manual"])
        #expect(roff.stdout.hasPrefix(".TH AAP 1 "))
        for command in ["aap init", "aap case submit", "aap export scdl", "aap export 360giving", "aap export cases",
                        "aap import applications", "aap report call", "aap manual"] {
            #expect(roff.stdout.contains(".SS \"\(command)\""), "\(command) absent du manuel")
        }
        #expect(!roff.stdout.contains("USAGE:"))
        #expect(roff.stdout.split(separator: "\n").allSatisfy { !$0.hasPrefix("'") })
        #expect(try ws.ok(["manual"]).stdout == roff.stdout, "le manuel ne dépend pas de l'horloge")
        let text = try ws.ok(["manual", "--format", "text"])
        #expect(text.stdout.contains("aap import applications\n======================="))
    }
}
