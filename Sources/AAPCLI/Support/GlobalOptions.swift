import ArgumentParser
import Foundation

/// The options every subcommand takes: where the store is, who acts, and the output format.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Répertoire de données (variable AAP_STORE ; par défaut ./Storage).")
    var store: String?

    @Option(name: .customLong("as"), help: "Qui agit (variable AAP_ACTOR) ; obligatoire pour écrire.")
    var actor: String?

    @Flag(name: .long, help: "Sortie JSON lisible par une machine, sur la sortie standard.")
    var json = false

    public init() {}

    /// The store directory: `--store`, else `AAP_STORE`, else `./Storage`.
    var storePath: String {
        if let store, !store.isEmpty { return store }
        if let env = ProcessInfo.processInfo.environment["AAP_STORE"], !env.isEmpty { return env }
        return "Storage"
    }

    /// The acting actor if given by `--as` or `AAP_ACTOR`.
    var actorIfGiven: String? {
        if let actor, !actor.isEmpty { return actor }
        if let env = ProcessInfo.processInfo.environment["AAP_ACTOR"], !env.isEmpty { return env }
        return nil
    }

    /// The acting actor, required for every command that writes.
    func requireActor() throws -> String {
        guard let actor = actorIfGiven else {
            throw CLIFailure(.usage, "Option --as manquante : indiquez qui agit (--as ACTEUR ou variable AAP_ACTOR)")
        }
        return actor
    }
}
