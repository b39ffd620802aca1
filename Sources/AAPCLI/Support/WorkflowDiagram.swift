import Foundation
import AAPDomain

/// Draws a workflow as a Mermaid state diagram or a Graphviz DOT graph.
enum WorkflowDiagram {
    static func mermaid(_ w: WorkflowDefinition) -> String {
        var lines = ["stateDiagram-v2"]
        for s in w.states { lines.append("    \(s.id) : \(s.label.replacingOccurrences(of: ":", with: " "))") }
        for a in w.actions {
            if a.isCreation, let to = a.to { lines.append("    [*] --> \(to) : \(a.id)"); continue }
            for from in a.from { lines.append("    \(from) --> \(a.target(from: from)) : \(a.id)") }
        }
        for s in w.states where s.terminal { lines.append("    \(s.id) --> [*]") }
        return lines.joined(separator: "\n")
    }

    static func dot(_ w: WorkflowDefinition) -> String {
        func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = ["digraph \(quote(w.id)) {", "    rankdir=LR;", "    node [shape=box, style=rounded];", "    start [shape=point];"]
        for s in w.states {
            lines.append("    \(quote(s.id)) [label=\(quote(s.label))\(s.terminal ? ", peripheries=2" : "")];")
        }
        for a in w.actions {
            if a.isCreation, let to = a.to { lines.append("    start -> \(quote(to)) [label=\(quote(a.id))];"); continue }
            for from in a.from { lines.append("    \(quote(from)) -> \(quote(a.target(from: from))) [label=\(quote(a.id))];") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}
