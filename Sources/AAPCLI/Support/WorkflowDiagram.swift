import Foundation
import AAPDomain

/// Draws a workflow as a Mermaid state diagram or a Graphviz DOT graph.
enum WorkflowDiagram {
    static func mermaid(_ w: WorkflowDefinition) -> String {
        var lines = ["stateDiagram-v2"]
        for s in w.states { lines.append("    \(mermaidID(s.id)) : \(mermaidText(s.label))") }
        for edge in edges(w) {
            lines.append("    \(edge.from.map(mermaidID) ?? "[*]") --> \(mermaidID(edge.to)) : \(mermaidText(edge.actions.joined(separator: ", ")))")
        }
        for s in w.states where s.terminal { lines.append("    \(mermaidID(s.id)) --> [*]") }
        return lines.joined(separator: "\n")
    }

    static func dot(_ w: WorkflowDefinition) -> String {
        func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = ["digraph \(quote(w.id)) {", "    rankdir=LR;", "    node [shape=box, style=rounded];", "    start [shape=point];"]
        for s in w.states {
            lines.append("    \(quote(s.id)) [label=\(quote(s.label))\(s.terminal ? ", peripheries=2" : "")];")
        }
        for edge in edges(w) {
            lines.append("    \(edge.from.map(quote) ?? "start") -> \(quote(edge.to)) [label=\(quote(edge.actions.joined(separator: ", ")))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// Words Mermaid's state-diagram lexer reads as keywords wherever they stand.
    static let mermaidKeywords: Set<String> = ["default", "state", "note", "class", "classdef", "scale", "direction", "end", "hide"]

    /// A state id as Mermaid reads one (`[^:\\n\\s\\-{]+`, no keyword): workflow ids already are; anything
    /// else is mapped to letters, digits and `_`.
    static func mermaidID(_ id: String) -> String {
        let safe = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        return mermaidKeywords.contains(safe.lowercased()) || safe.isEmpty ? "s_" + safe : safe
    }

    /// A description as Mermaid reads one after `:` (no `:`, `;`, `%%` nor line break).
    static func mermaidText(_ text: String) -> String {
        var out = String(text.map { $0 == ":" || $0 == ";" || $0.isNewline ? " " : $0 })
        while out.contains("%%") { out = out.replacingOccurrences(of: "%%", with: "%") }
        return out
    }

    /// The transitions, one per pair of states (nil `from`: the creation), with every action that takes
    /// it, in the order of the workflow file.
    static func edges(_ w: WorkflowDefinition) -> [(from: String?, to: String, actions: [String])] {
        var edges: [(from: String?, to: String, actions: [String])] = []
        func add(_ from: String?, _ to: String, _ action: String) {
            if let index = edges.firstIndex(where: { $0.from == from && $0.to == to }) {
                edges[index].actions.append(action)
            } else {
                edges.append((from, to, [action]))
            }
        }
        for a in w.actions {
            if a.isCreation {
                if let to = a.to { add(nil, to, a.id) }
                continue
            }
            for from in a.from { add(from, a.target(from: from), a.id) }
        }
        return edges
    }
}
