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

    @Option(name: .long, help: "Répertoire des clés privées de signature (variable AAP_KEYS ; par défaut ~/.aap/keys).")
    var keys: String?

    public init() {}

    /// The store directory: `--store`, else `AAP_STORE`, else `./Storage`.
    var storePath: String {
        if let store, !store.isEmpty { return store }
        if let env = ProcessInfo.processInfo.environment["AAP_STORE"], !env.isEmpty { return env }
        return "Storage"
    }

    /// The key directory: `--keys`, else `AAP_KEYS`, else `~/.aap/keys`.
    var keysPath: String {
        if let keys, !keys.isEmpty { return keys }
        if let env = ProcessInfo.processInfo.environment["AAP_KEYS"], !env.isEmpty { return env }
        return (Self.homeDirectory as NSString).appendingPathComponent(".aap/keys")
    }

    /// The person's home folder: `HOME`, else the system's idea of it.
    static var homeDirectory: String {
        ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// The acting actor if given by `--as` or `AAP_ACTOR`.
    var actorIfGiven: String? {
        if let actor, !actor.isEmpty { return actor }
        if let env = ProcessInfo.processInfo.environment["AAP_ACTOR"], !env.isEmpty { return env }
        return nil
    }

    /// The acting actor, required for every command that writes (checked first by ``validateActor()``).
    func requireActor() throws -> String {
        guard let actor = actorIfGiven else { throw CLIFailure(.usage, Self.missingActor) }
        return actor
    }

    /// The usage check of a command that acts: `--as` or `AAP_ACTOR` names who acts.
    func validateActor() throws {
        guard actorIfGiven != nil else { throw ValidationError(Self.missingActor) }
    }

    static let missingActor = "option --as manquante : indiquez qui agit (--as ACTEUR ou variable AAP_ACTOR)"

    /// Usage checks every command shares: a pinned clock (`AAP_NOW`) must be readable.
    public func validate() throws {
        do { _ = try Clock.pinned() } catch let failure as CLIFailure where failure.code == ExitStatus.usage.rawValue {
            throw ValidationError(failure.message)
        }
    }
}
