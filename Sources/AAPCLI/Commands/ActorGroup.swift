import AAPDomain
import ArgumentParser

extension Aap {
    /// `aap actor`: people and their roles, recorded as events.
    struct ActorGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actor",
            abstract: "Acteurs et rôles (enregistrés dans le journal).",
            subcommands: [Add.self, List.self]
        )

        struct Add: WriteCommand {
            static let configuration = CommandConfiguration(abstract: "Enregistre un acteur avec ses rôles (administrateur).")

            @Argument(help: "Identifiant de l'acteur (ex. chair.durand).") var actor: String
            @Option(name: .customLong("role"), help: "Rôle : admin, manager, instructor, committee_member, committee_chair, finance, auditor (répétable).")
            var roles: [String] = []
            @Option(help: "Nom complet.") var name: String?
            @OptionGroup var global: GlobalOptions

            func domainCommands() throws -> [Command] {
                guard !roles.isEmpty else { throw CLIFailure(.usage, "Option --role manquante : au moins un rôle est requis") }
                return [.registerActor(RegisterActor(actor: actor, name: name, roles: roles))]
            }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                let record = result.state.actors.values.first { $0.id.value == actor.lowercased() || $0.id.value == actor }
                let roleList = (record?.roles.sorted() ?? []).map(\.rawValue)
                session.output(
                    json: .object([("actor", .string(actor)), ("roles", .array(roleList.map { .string($0) })), ("seq", .int(result.head.seq))]),
                    human: "Acteur « \(actor) » enregistré : \(roleList.joined(separator: ", "))."
                )
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Liste les acteurs et leurs rôles.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let state = try session.load().state
                let actors = state.actors.values.sorted { $0.id < $1.id }
                session.output(
                    json: .array(actors.map { a in
                        .object([
                            ("id", .string(a.id.value)), ("name", a.name.map { .string($0) } ?? .null),
                            ("roles", .array(a.roles.sorted().map { .string($0.rawValue) })),
                        ])
                    }),
                    human: French.table(["Acteur", "Nom", "Rôles"], actors.map { a in
                        [a.id.value, a.name ?? "—", a.roles.sorted().map(\.rawValue).joined(separator: ", ")]
                    })
                )
            }
        }
    }
}
