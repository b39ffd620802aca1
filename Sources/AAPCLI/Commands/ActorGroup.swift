import AAPDomain
import AAPStorage
import ArgumentParser

extension Aap {
    /// `aap actor`: people and their roles, recorded as events.
    struct ActorGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actor",
            abstract: "Acteurs et rôles (enregistrés dans le journal).",
            subcommands: [Add.self, List.self, RotateKey.self, RevokeKey.self]
        )

        struct Add: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Enregistre un acteur avec ses rôles (administrateur).")

            @Argument(help: "Identifiant de l'acteur (ex. chair.durand).") var actor: String
            @Option(name: .customLong("role"), help: "Rôle : admin, manager, instructor, committee_member, committee_chair, finance, auditor (répétable).")
            var roles: [String] = []
            @Option(help: "Nom complet.") var name: String?
            @Option(name: .customLong("public-key"), help: "Clé publique Ed25519 (base64) de l'acteur, créée sur son poste par « aap key new » (obligatoire sur un magasin partagé) ; sinon une paire est créée dans votre répertoire de clés.") var publicKey: String?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                try global.validateActor()
                guard !roles.isEmpty else { throw ValidationError("option --role manquante : au moins un rôle est requis") }
            }

            /// The registration, with the public key given, or the key of the key directory, created
            /// there first when it has none. The key is made before the decision, not kept pending
            /// like a rotation's: two stores registering the same actor from one key directory at once
            /// must agree on one key (the first creator wins), so a refused registration may leave
            /// its key file behind.
            func domainCommands() throws -> [Command] {
                _ = try ActorID.parse(actor)
                let key = try Session(global: global).publicKey(for: actor, given: publicKey)
                return [.registerActor(RegisterActor(actor: actor, name: name, roles: roles, publicKey: key))]
            }

            func run() throws {
                let session = Session(global: global)
                let madeHere = try publicKey == nil && session.keys.key(for: actor) == nil
                let result = try session.write(try domainCommands())
                if madeHere { session.warnKeyMadeHere(for: actor, own: actor == global.actorIfGiven) }
                let record = result.state.actors.values.first { $0.id.value == actor.lowercased() || $0.id.value == actor }
                let roleList = (record?.roles.sorted() ?? []).map(\.rawValue)
                try session.output(
                    json: ActorAddedOutput(actor: actor, roles: roleList, seq: result.head.seq),
                    human: "Acteur « \(actor) » enregistré : \(roleList.joined(separator: ", "))."
                )
            }
        }

        struct RotateKey: WriteCommand {
            static let configuration = CommandConfiguration(
                commandName: "rotate-key",
                abstract: "Remplace la clé de signature d'un acteur (administrateur) ; les lignes passées gardent l'ancienne."
            )
            @Argument(help: "Identifiant de l'acteur.") var actor: String
            @Option(name: .customLong("public-key"), help: "Nouvelle clé publique (base64) ; sinon une nouvelle paire est créée dans le répertoire de clés, l'ancienne mise de côté.") var publicKey: String?
            @OptionGroup var global: GlobalOptions

            /// Only the commands: the caller must save ``plannedWrite()``'s keys, so use that.
            func domainCommands() throws -> [Command] { try plannedWrite().commands }

            /// The rotation, with the public key given, or a new pair made in memory: it goes into the
            /// key directory (the current key moved aside) only once its event is written, alone or in
            /// a batch, so a refused rotation leaves the current key in place, and an admin rotating
            /// their own key signs the event with the key the log still knows.
            func plannedWrite() throws -> PlannedWrite {
                if let publicKey {
                    return PlannedWrite(commands: [.rotateKey(AAPDomain.RotateKey(actor: actor, publicKey: publicKey))])
                }
                let own = actor == global.actorIfGiven
                try Session(global: global).checkKeyMadeHere(for: actor, own: own)
                let key = SigningKey()
                return PlannedWrite(
                    commands: [.rotateKey(AAPDomain.RotateKey(actor: actor, publicKey: key.publicKeyBase64))],
                    keys: [MadeKey(actor: actor, key: key, retiresCurrent: true, own: own)]
                )
            }

            func run() throws {
                let session = Session(global: global)
                let planned = try plannedWrite()
                let result = try session.execute(planned.commands.map { ActorCommand($0, by: try global.requireActor()) },
                                                 into: try session.store(), making: planned.keys)
                try session.output(json: ActorKeyOutput(actor: actor, seq: result.head.seq),
                                   human: "Nouvelle clé de signature enregistrée pour « \(actor) ».")
            }
        }

        struct RevokeKey: WriteCommand {
            static let configuration = CommandConfiguration(
                commandName: "revoke-key",
                abstract: "Révoque la clé de signature d'un acteur (administrateur) : il ne peut plus écrire jusqu'à une nouvelle clé."
            )
            @Argument(help: "Identifiant de l'acteur.") var actor: String
            @Option(help: "Motif de la révocation.") var reason: String
            @OptionGroup var global: GlobalOptions

            func domainCommands() throws -> [Command] { [.revokeKey(AAPDomain.RevokeKey(actor: actor, reason: reason))] }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                try session.output(json: ActorKeyOutput(actor: actor, seq: result.head.seq),
                                   human: "Clé de « \(actor) » révoquée.")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les acteurs et leurs rôles.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let state = try session.state()
                let actors = state.actors.values.sorted { $0.id < $1.id }
                try session.output(
                    json: actors.map(ActorOutput.init),
                    human: French.table(["Acteur", "Nom", "Rôles"], actors.map { a in
                        [a.id.value, a.name ?? "—", a.roles.sorted().map(\.rawValue).joined(separator: ", ")]
                    })
                )
            }
        }
    }
}
