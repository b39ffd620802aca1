import ArgumentParser
import Foundation

/// The root command: `aap`, a workflow engine for calls for projects (AAP) and for expressions of interest (AMI).
public struct Aap: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "aap",
        abstract: "Gestion des appels à projets (AAP) et à manifestation d'intérêt (AMI), sur un journal d'événements vérifiable.",
        discussion: """
        Codes de sortie : 0 fait ; 1 refusé par une règle ou un droit ; 64 usage incorrect ; \
        65 donnée invalide ; 74 erreur d'entrée-sortie. Variables : AAP_STORE, AAP_ACTOR, AAP_NOW, AAP_LOCK_TIMEOUT.
        """,
        subcommands: [
            Init.self, KeyGroup.self, ActorGroup.self, AuthorityGroup.self, WorkflowGroup.self, CallGroup.self, CommitteeGroup.self, CaseGroup.self,
            Batch.self, Due.self, Todo.self, ReportGroup.self, ExportGroup.self, ImportGroup.self, AuditGroup.self, StoreGroup.self, Demo.self, Manual.self,
        ]
    )

    public init() {}
}

/// Runs `aap` with its arguments and returns the exit code; the executable only calls this.
public enum AapMain {
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try Aap.parseAsRoot(globalOptionsAfterSubcommand(arguments))
            try command.run()
            return ExitStatus.success.rawValue
        } catch {
            if let failure = CLIFailure.from(error) {
                // One line on stderr, even when the message quotes a value typed with a line break.
                Console.err(String(failure.message.map { $0.isNewline ? "\u{FFFD}" : $0 }))
                return failure.code
            }
            let code = Aap.exitCode(for: error)
            if code == .success {
                Console.out(Aap.fullMessage(for: error))
                return 0
            }
            Console.err(UsageMessage.line(for: error))
            return ExitStatus.usage.rawValue
        }
    }

    /// Moves global options written before the subcommand (`aap --store DIR audit verify`, as the README
    /// shows) after it, where the subcommand's parser reads them.
    static func globalOptionsAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "--json" || first.hasPrefix("--store=") || first.hasPrefix("--as=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else if first == "--store" || first == "--as", rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else {
                break
            }
        }
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        return Array(rest[..<end]) + leading + Array(rest[end...])
    }
}
