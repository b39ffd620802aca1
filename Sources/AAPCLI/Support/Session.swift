import AAPDomain
import AAPStorage
import Foundation

/// One command's access to the store: opening, reading, and writing with the CLI's clock.
struct Session {
    let global: GlobalOptions

    var storePath: String { global.storePath }

    /// Where the store is: a folder, or a PostgreSQL address.
    var address: StoreAddress { StoreAddress(global.storePath) }

    /// The acting person's key directory.
    var keys: KeyDirectory { KeyDirectory(path: global.keysPath) }

    /// The public key to register for an actor: the one given, else the key already in the key
    /// directory, else a new key pair whose private half is written there (and only there).
    /// `own` says the key is the acting person's own (`aap init` registering its admin).
    func publicKey(for actor: String, given: String?, own: Bool = false) throws -> String {
        if let given { return given }
        let own = own || actor == global.actorIfGiven
        try checkKeyMadeHere(for: actor, own: own)
        return try keys.keyCreatingIfNeeded(for: actor).publicKeyBase64
    }

    /// On a shared store each person holds only their own private key: making one here for
    /// someone else is refused, with how to enrol instead.
    func checkKeyMadeHere(for actor: String, own: Bool) throws {
        guard address.isShared, !own else { return }
        throw CLIFailure(.refused, "Refusé : sur un magasin partagé, chacun crée sa clé sur son propre poste : « \(actor) » lance « aap key new \(actor) » et vous transmet la clé publique affichée, à enregistrer avec --public-key")
    }

    /// On a store on one desk, a key made for someone else lands in the acting person's key
    /// directory: say so, and that it must be handed over.
    func warnKeyMadeHere(for actor: String, own: Bool) {
        guard !own else { return }
        Console.err("Avertissement : la clé privée de « \(actor) » a été écrite dans votre répertoire de clés (« \(keys.file(for: actor)) ») : remettez-la à cette personne puis effacez-la ici, ou enregistrez plutôt sa propre clé (aap key new sur son poste, puis --public-key)")
    }

    /// The store, which must exist.
    func store() throws -> Store {
        let store = try address.open(lockTimeout: Self.lockTimeout)
        store.progress = ProgressLine.forStore()
        guard try store.exists() else {
            throw CLIFailure(.io, "Magasin introuvable « \(storePath) » : créez-le avec « aap init --admin ACTEUR » ou indiquez --store")
        }
        return store
    }

    /// Seconds to wait for the write lock (`AAP_LOCK_TIMEOUT`, default 10).
    static var lockTimeout: Double {
        ProcessInfo.processInfo.environment["AAP_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
    }

    /// The current state (from a snapshot checked against the log when there is one); for the
    /// event list use ``load()``.
    func state() throws -> StoreState {
        return try store().currentState().state
    }

    /// The current state holding at least the calls and cases of `reads`, not the other cases of
    /// those calls (for a command that shows one case, whatever the size of the store and of its call).
    func state(for reads: StateReads) throws -> StoreState {
        return try store().currentState(for: reads).state
    }

    /// The current state holding every case of `calls` (for a command that shows a call's money case by case).
    func state(allCasesOf calls: Set<CallID>) throws -> StoreState {
        return try store().currentState(allCasesOf: calls).state
    }

    /// The state folded from the log.
    func load() throws -> LoadedStore {
        return try store().load()
    }

    /// Decides and appends the commands of the acting actor, all or nothing.
    @discardableResult
    func write(_ commands: [Command]) throws -> WriteResult {
        let actor = try global.requireActor()
        return try write(commands.map { ActorCommand($0, by: actor) }, into: store())
    }

    /// Decides and appends commands (possibly of several actors) into a store, all or nothing.
    @discardableResult
    func write(_ commands: [ActorCommand], into store: Store) throws -> WriteResult {
        return try execute(commands, into: store)
    }

    /// Like ``write(_:into:)`` but lets a ``BatchRefusal`` through, for callers that name the refused command.
    ///
    /// `making`: the key pairs made for these commands. Each is saved under a pending name before
    /// the write (so a private key whose public half reaches the log is always on disk), used to
    /// sign the later commands that the log then expects it for, made the actor's key when the
    /// write succeeds (a rotated key moved aside first) and removed when it is refused.
    func execute(_ commands: [ActorCommand], into store: Store, making made: [MadeKey] = []) throws -> WriteResult {
        let clock = try Clock.now()
        var keys = self.keys
        var pendingFiles: [(MadeKey, String)] = []
        do {
            for item in made {
                pendingFiles.append((item, try keys.storePending(item.key, for: item.actor)))
                keys.pending[item.actor, default: []].append(item.key)
            }
        } catch {
            for (_, file) in pendingFiles { keys.discard(file) }
            throw error
        }
        let result: WriteResult
        do {
            result = try store.execute(commands, at: clock.at, today: clock.today, keys: keys)
        } catch let refusal as BatchRefusal {
            // Decided and refused: nothing was written, so no log knows these keys.
            for (_, file) in pendingFiles { keys.discard(file) }
            throw refusal
        } catch let refusal as Refusal {
            for (_, file) in pendingFiles { keys.discard(file) }
            throw refusal
        }
        // Any other failure leaves the pending files: whether the write reached the disk is not
        // known here, and a private key is never thrown away while its public half may be in the log.
        for (item, file) in pendingFiles {
            try keys.promote(file, for: item.actor, retiringCurrent: item.retiresCurrent)
            warnKeyMadeHere(for: item.actor, own: item.own)
        }
        if let torn = result.quarantined {
            Console.err("Avertissement : une ligne incomplète (\(torn.byteCount) octets) laissée par un arrêt brutal a été mise de côté dans \(torn.path) ; le journal reste intact.")
        }
        return result
    }

    /// Prints the JSON document of an output value, or the human text, depending on `--json`.
    func output<Output: Encodable>(json: @autoclosure () -> Output, human: @autoclosure () -> String) throws {
        if global.json {
            Console.out(try JSONValueEncoder().text(of: json()))
        } else {
            Console.out(human())
        }
    }
}
