import AAPDomain
import AAPStorage
import ArgumentParser

extension Aap {
    /// `aap key`: a person's own signing key, made and kept on their own desk.
    struct KeyGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Clé de signature personnelle, créée et gardée sur votre poste.",
            subcommands: [New.self, Show.self]
        )

        /// `aap key new ACTOR`: the first step of enrolment on a shared store.
        struct New: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "new",
                abstract: "Crée votre paire de clés (fichier ACTEUR.key, mode 0600, dans votre répertoire de clés) et affiche la clé publique à transmettre à l'administrateur.",
                discussion: "L'administrateur l'enregistre ensuite avec « aap actor add ACTEUR --role … --public-key CLÉ ». La clé privée ne quitte jamais votre poste."
            )
            @Argument(help: "Votre identifiant d'acteur (ex. instr.martin).") var actor: String
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let id = try ActorID.parse(actor).value
                let keys = Session(global: global).keys
                if try keys.key(for: id) != nil {
                    throw CLIFailure(.data, "Une clé privée existe déjà pour « \(id) » dans « \(keys.path) » : elle n'est pas remplacée (aap key show \(id) affiche sa clé publique)")
                }
                let key = SigningKey()
                try keys.store(key, for: id)
                Console.out(key.publicKeyBase64)
            }
        }

        /// `aap key show ACTOR`: the public half of a key already on this desk.
        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Affiche la clé publique d'une clé privée de votre répertoire de clés."
            )
            @Argument(help: "Identifiant d'acteur.") var actor: String
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let id = try ActorID.parse(actor).value
                let keys = Session(global: global).keys
                guard let key = try keys.key(for: id) else {
                    throw CLIFailure(.io, "Aucune clé privée pour « \(id) » dans « \(keys.path) » : créez-la avec « aap key new \(id) »")
                }
                Console.out(key.publicKeyBase64)
            }
        }
    }
}
