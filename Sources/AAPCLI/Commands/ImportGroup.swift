import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap {
    /// `aap import`: bulk entry from spreadsheets, in one all-or-nothing write.
    struct ImportGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Imports en une seule écriture : toutes les lignes, ou aucune.",
            subcommands: [Applications.self, DemarchesSimplifiees.self]
        )

        struct Applications: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "applications",
                abstract: "Enregistre les candidatures d'un fichier CSV sur un appel (agent instructeur) ; affiche les identifiants créés.",
                discussion: """
                En-tête obligatoire : applicant_name, applicant_kind, siret ou rna, departement, title, amount_requested, \
                received_on (late_reason facultatif), dans n'importe quel ordre ; séparateur virgule ou point-virgule \
                détecté, champs entre guillemets, BOM et CRLF acceptés. Toutes les lignes passent par les règles de \
                « case submit » en une seule écriture : un refus nomme la ligne du fichier, la colonne et la raison, \
                et rien n'est écrit. --dry-run vérifie chaque ligne, liste tous les problèmes et n'écrit rien.
                """
            )
            @Argument(help: "Fichier CSV des candidatures.") var file: String
            @Option(help: "Identifiant de l'appel.") var call: String
            @Flag(name: .customLong("dry-run"), help: "Vérifie tout le fichier et liste chaque problème, sans rien écrire.") var dryRun = false
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                try global.validateActor()
            }

            func run() throws {
                let session = Session(global: global)
                let actor = try global.requireActor()
                let store = try session.store()
                let loaded: LoadedStore = try store.load()
                let target = try CallView.find(call, in: loaded.state)
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CLIFailure(.io, "Fichier de candidatures illisible « \(file) »")
                }
                let parsed = ApplicationImport.read(data, call: target, in: loaded.state)
                if dryRun {
                    try simulate(parsed, state: loaded.state, actor: actor, session: session)
                    return
                }
                if let first = parsed.problems.first {
                    let more = parsed.problems.count > 1 ? " (et \(parsed.problems.count - 1) autre(s) problème(s) : --dry-run les liste tous)" : ""
                    throw CLIFailure(.data, "Import refusé, rien n'est écrit : \(first.text)\(more)")
                }
                let result: WriteResult
                do {
                    result = try session.execute(parsed.commands.map { ActorCommand($0, by: actor) }, into: store)
                } catch let batch as BatchRefusal {
                    let problem = parsed.problem(refused: batch.refusal, row: batch.index)
                    throw CLIFailure(ExitStatus(batch.refusal), errorCode: batch.refusal.code, "Import refusé, rien n'est écrit : \(problem.text)")
                }
                let ids = result.events.compactMap(\.event.caseID)
                try session.output(
                    json: ImportOutput(ids: ids.map(\.value), events: result.events.count, seq: result.head.seq, head: result.head.hash),
                    human: ids.map(\.value).joined(separator: "\n")
                )
            }

            private func simulate(_ parsed: ApplicationImport, state: StoreState, actor: String, session: Session) throws {
                let clock = try Clock.now()
                let outcome = parsed.simulate(in: state, actor: actor, at: clock.at, today: clock.today)
                try session.output(
                    json: ImportDryRunOutput(ok: outcome.problems.isEmpty, problems: outcome.problems,
                                             ids: outcome.problems.isEmpty ? outcome.ids.map(\.id.value) : []),
                    human: outcome.problems.isEmpty
                        ? (outcome.ids.map { "Ligne \($0.line) : \($0.id)" } + ["Simulation : \(French.plural(outcome.ids.count, "candidature serait enregistrée", "candidatures seraient enregistrées")) ; rien n'a été écrit."]).joined(separator: "\n")
                        : outcome.problems.map(\.text).joined(separator: "\n")
                )
                if !outcome.problems.isEmpty {
                    throw CLIFailure(.data, "Simulation : \(French.plural(outcome.problems.count, "problème", "problèmes")) dans « \(file) » (listés sur la sortie standard) ; rien n'a été écrit")
                }
            }
        }
    }
}
