import AAPDomain
import AAPStorage
import ArgumentParser

/// A command that writes: it turns its arguments into domain commands, which `decide` checks when
/// they are written, alone (`run`) or with others in one all-or-nothing batch (`aap batch`).
protocol WriteCommand: ParsableCommand {
    var global: GlobalOptions { get }
    /// The domain commands this invocation asks for.
    func domainCommands() throws -> [Command]
    /// The domain commands, with the key pairs they register that were made for them: those keys
    /// go into the key directory only once the write succeeded (``Session/execute(_:into:making:)``).
    func plannedWrite() throws -> PlannedWrite
}

/// What a write command asks for: its domain commands, and the keys made for them.
struct PlannedWrite {
    var commands: [Command]
    var keys: [MadeKey] = []
}

/// A key pair made in memory for a registration or a rotation: saved as the actor's key only when
/// the event that registers its public half is written; a refused write leaves the directory as it was.
struct MadeKey {
    let actor: String
    let key: SigningKey
    /// A rotation: the actor's current key file is moved aside (`.old`), never deleted.
    let retiresCurrent: Bool
    /// The acting person's own key (no warning about handing it over).
    let own: Bool
}

extension WriteCommand {
    func plannedWrite() throws -> PlannedWrite {
        PlannedWrite(commands: try domainCommands())
    }

    /// A command that writes needs to know who acts; a command with checks of its own calls
    /// ``GlobalOptions/validateActor()`` in its `validate()`.
    func validate() throws {
        try global.validateActor()
    }
}

/// One French line saying what an event recorded (the result lines of `aap batch`).
enum EventSummary {
    static func line(_ event: Event, in state: StoreState) -> String {
        switch event {
        case .actorRegistered(let e): return "Acteur « \(e.actor) » enregistré"
        case .workflowRegistered(let e): return "Workflow « \(e.definition.id) » v\(e.definition.version) enregistré"
        case .callCreated(let e): return "Appel \(e.call) créé"
        case .callAdvanced(let e):
            let w = state.calls[e.call].flatMap { state.workflow($0.callWorkflow) }
            return "Appel \(e.call) : « \(w?.label(ofState: e.from) ?? e.from) » → « \(w?.label(ofState: e.to) ?? e.to) » (\(e.action))"
        case .committeeSet(let e): return "Comité de \(e.call) désigné"
        case .actorKeyRotated(let e): return "Nouvelle clé enregistrée pour « \(e.actor) »"
        case .actorKeyRevoked(let e): return "Clé de « \(e.actor) » révoquée"
        case .authoritySet(let e): return "Autorité attributaire : \(e.name) (SIRET \(e.siret.value))"
        case .caseSubmitted(let e): return e.caseID.value
        case .caseAdvanced(let e):
            let w = state.cases[e.caseID].flatMap { state.workflow($0.workflow) }
            if e.from == e.to { return "Dossier \(e.caseID) : \(e.action), reste « \(w?.label(ofState: e.to) ?? e.to) »" }
            return "Dossier \(e.caseID) : « \(w?.label(ofState: e.from) ?? e.from) » → « \(w?.label(ofState: e.to) ?? e.to) » (\(e.action))"
        }
    }
}
