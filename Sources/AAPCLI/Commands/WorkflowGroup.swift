import AAPDomain
import ArgumentParser
import Foundation

extension Aap {
    /// `aap workflow`: the workflow definitions registered in the log, and checking new files.
    struct WorkflowGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "workflow",
            abstract: "Workflows (appel, dossier AAP, dossier AMI) : liste, détail, schéma, validation, enregistrement.",
            subcommands: [List.self, Show.self, Graph.self, Validate.self, Register.self]
        )

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les workflows enregistrés et leurs versions.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let state = try session.state()
                let ids = state.workflows.keys.sorted()
                let rows: [(WorkflowDefinition, [Int])] = ids.compactMap { id in
                    guard let latest = state.latestWorkflow(id) else { return nil }
                    return (latest, (state.workflows[id] ?? [:]).keys.sorted())
                }
                try session.output(
                    json: rows.map { w, versions in
                        WorkflowSummaryOutput(id: w.id, kind: w.kind.rawValue, label: w.label, version: w.version, versions: versions,
                                              states: w.states.count, actions: w.actions.count)
                    },
                    human: French.table(["Workflow", "Genre", "Version", "États", "Actions", "Libellé"], rows.map { w, versions in
                        [w.id, w.kind.rawValue, versions.map(String.init).joined(separator: ", "), String(w.states.count), String(w.actions.count), w.label]
                    })
                )
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Affiche les états et actions d'un workflow.")
            @Argument(help: "Identifiant du workflow (call, aap, ami).") var id: String
            @Option(help: "Version (par défaut la plus récente).") var version: Int?
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let w = try WorkflowGroup.find(id, version: version, in: session.state())
                if global.json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    Console.out(String(decoding: try encoder.encode(w), as: UTF8.self))
                    return
                }
                var lines = ["Workflow \(w.id) v\(w.version) (\(w.kind.rawValue)) — \(w.label)", "", "États :"]
                for s in w.states {
                    var flags: [String] = []
                    if s.terminal { flags.append("terminal") }
                    if s.holdsAward { flags.append("compte dans l'enveloppe") }
                    if let phase = s.phase { flags.insert("phase \(phase)", at: 0) }
                    lines.append("  \(s.id) — \(s.label)" + (flags.isEmpty ? "" : " (\(flags.joined(separator: ", ")))"))
                }
                lines += ["", "Actions :"]
                for a in w.actions {
                    let from = a.isCreation ? "∅" : a.from.joined(separator: ", ")
                    let to = a.to ?? "(même état)"
                    var roles = a.roles.joined(separator: ", ")
                    for (state, special) in a.rolesFrom.sorted(by: { $0.key < $1.key }) {
                        roles += " ; depuis \(state) : \(special.joined(separator: ", "))"
                    }
                    lines.append("  \(a.id) — \(a.label) : \(from) → \(to) [\(roles)]")
                    if !a.fields.isEmpty {
                        let fields = a.fields.map { "\($0.id) (\($0.type.rawValue)\($0.optional ? ", facultatif" : ""))" }
                        lines.append("      champs : \(fields.joined(separator: ", "))")
                        for field in a.fields where field.type == .enum && a.isCreation == false {
                            lines.append("      valeurs de \(field.id) : \(field.describedValues)")
                        }
                    }
                    if a.effect == .score { lines.append("      champs : une note de 0 à 5 par critère de la grille de l'appel") }
                    if a.reason == .required { lines.append("      motif obligatoire (--reason)") }
                    if !a.rules.isEmpty { lines.append("      règles : \(a.rules.joined(separator: ", "))") }
                }
                Console.out(lines.joined(separator: "\n"))
            }
        }

        struct Graph: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "graph", abstract: "Schéma d'un workflow (Mermaid ou Graphviz DOT).")
            @Argument(help: "Identifiant du workflow.") var id: String
            @Option(help: "Format : mermaid ou dot.") var format: String = "mermaid"
            @Option(help: "Version (par défaut la plus récente).") var version: Int?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                guard ["mermaid", "dot"].contains(format) else { throw ValidationError("format inconnu « \(format) » : mermaid ou dot") }
            }

            func run() throws {
                let session = Session(global: global)
                let w = try WorkflowGroup.find(id, version: version, in: session.state())
                Console.out(format == "dot" ? WorkflowDiagram.dot(w) : WorkflowDiagram.mermaid(w))
            }
        }

        struct Validate: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "validate", abstract: "Vérifie un fichier de workflow (0 s'il est valide, 65 avec le premier problème sinon).")
            @Argument(help: "Fichier JSON du workflow.") var file: String
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let w = try WorkflowFiles.load(path: file)
                try Session(global: global).output(
                    json: WorkflowValidOutput(id: w.id, version: w.version, states: w.states.count, actions: w.actions.count),
                    human: "Workflow « \(w.id) » v\(w.version) valide : \(w.states.count) états, \(w.actions.count) actions."
                )
            }
        }

        struct Register: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "register", abstract: "Enregistre une nouvelle version de workflow (administrateur) ; les dossiers en cours gardent la leur.")
            @Argument(help: "Fichier JSON du workflow.") var file: String
            @OptionGroup var global: GlobalOptions

            func domainCommands() throws -> [Command] { [.registerWorkflow(try WorkflowFiles.load(path: file))] }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                guard case .workflowRegistered(let registered)? = result.events.first?.event else { return }
                let w = registered.definition
                try session.output(
                    json: WorkflowRegisteredOutput(id: w.id, version: w.version, seq: result.head.seq),
                    human: "Workflow « \(w.id) » v\(w.version) enregistré ; les nouveaux appels l'utiliseront."
                )
            }
        }

        static func find(_ id: String, version: Int?, in state: StoreState) throws -> WorkflowDefinition {
            let found = version.map { state.workflow(WorkflowRef(id: id, version: $0)) } ?? state.latestWorkflow(id)
            guard let w = found else {
                let known = state.workflows.keys.sorted().joined(separator: ", ")
                throw CLIFailure(.data, "Workflow inconnu « \(id) »\(version.map { " v\($0)" } ?? "") (workflows enregistrés : \(known))")
            }
            return w
        }
    }
}
