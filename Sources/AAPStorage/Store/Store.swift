import AAPDomain
import Foundation

/// The event store: the file log plus decoding, folding and deciding under the write lock.
///
/// Every write is read–decide–append in one closure under one lock: the commands are decided in
/// order against the state left by the previous ones, and either all their events are appended
/// and synced, or none.
public final class Store {
    public let log: FileEventLog
    /// How many events may pass before a new snapshot of the state is written.
    public let snapshotInterval: Int
    private var cached: (head: LogHead, state: StoreState)?

    public init(directory: String, segmentMaxBytes: Int = 64 * 1024 * 1024, lockTimeoutSeconds: Double = 10, snapshotInterval: Int = 1000) {
        log = FileEventLog(directory: directory, segmentMaxBytes: segmentMaxBytes, lockTimeoutSeconds: lockTimeoutSeconds)
        self.snapshotInterval = snapshotInterval
    }

    private init(log: FileEventLog) {
        self.log = log
        snapshotInterval = 1000
    }

    /// Creates an empty store; refuses if one is already there.
    public static func create(directory: String) throws -> Store {
        Store(log: try FileEventLog.create(directory: directory))
    }

    public var directory: String { log.directory }
    public var exists: Bool { log.exists }

    /// Reads the log without the lock, checks its chain, and folds it.
    public func load() throws -> LoadedStore {
        try Self.fold(try log.readCheckedLines())
    }

    /// The current state, from the snapshot when the log still holds its line, with only the lines
    /// after it read, checked and decoded; otherwise from the whole log (and a new snapshot is written
    /// when the log is long enough). For the event list, use ``load()``.
    public func currentState() throws -> (state: StoreState, head: LogHead) {
        if let snapshot = Snapshot.read(in: directory),
           let folded = try snapshot.fold(try log.readLines(after: snapshot.seq - 1), head: try log.readHead()) {
            return folded
        }
        let loaded = try load()
        if loaded.head.seq >= snapshotInterval {
            Snapshot(seq: loaded.head.seq, hash: loaded.head.hash, state: loaded.state).write(in: directory)
        }
        return (loaded.state, loaded.head)
    }

    /// Decides every command in order under the write lock and appends all their events, or none.
    ///
    /// - Throws: ``BatchRefusal`` when a command is refused (nothing written), ``StorageError`` otherwise.
    @discardableResult
    public func execute(_ commands: [ActorCommand], at: String, today: CalendarDate) throws -> WriteResult {
        try execute(commands, at: at, today: today, keys: nil)
    }

    /// Like ``execute(_:at:today:)``, every line signed with its actor's private key from `keys`
    /// (nil writes unsigned lines, which `audit verify` reports). A command by an actor without an
    /// active public key in the log is refused; a missing private key is an I/O error.
    @discardableResult
    public func execute(_ commands: [ActorCommand], at: String, today: CalendarDate, keys: KeyDirectory?) throws -> WriteResult {
        try log.withWriteLock { session in
            var state: StoreState
            let snapshot = Snapshot.read(in: directory)
            if let cached, cached.head == session.head {
                state = cached.state
            } else if let snapshot, let folded = try snapshot.fold(try session.lines(after: snapshot.seq - 1), head: try log.readHead()) {
                state = folded.state
            } else {
                state = try Self.fold(try session.lines()).state
            }
            var records: [NewRecord] = []
            var decided: [(ActorID, Event)] = []
            var signingKeys: [SigningKey] = []
            for (index, item) in commands.enumerated() {
                do {
                    let event = try Decider.decide(item.command, in: state, context: DecisionContext(actor: item.actor, today: today))
                    guard let actor = try? ActorID.parse(item.actor) else {
                        throw Refusal(.permission, code: "actor.unknown", "Refusé : l'acteur « \(item.actor) » n'est pas enregistré dans ce magasin")
                    }
                    if let keys {
                        signingKeys.append(try Self.signingKey(for: actor, event: event, state: state, keys: keys))
                    }
                    state.apply(RecordedEvent(seq: state.eventCount + 1, at: at, actor: actor, event: event))
                    records.append(try EventCodec.record(event, actor: actor, at: at))
                    decided.append((actor, event))
                } catch let refusal as Refusal {
                    throw BatchRefusal(index: index, refusal: refusal)
                }
            }
            let appended = try session.append(records, signer: keys == nil ? nil : { index, unsigned in
                try signingKeys[index].sign(unsigned)
            })
            let recorded = zip(appended, decided).map { line, item in
                RecordedEvent(seq: line.seq, at: at, actor: item.0, event: item.1)
            }
            let head = appended.last.map { LogHead(seq: $0.seq, hash: $0.hash) } ?? session.head
            cached = (head, state)
            if head.seq - (snapshot?.seq ?? 0) >= snapshotInterval {
                Snapshot(seq: head.seq, hash: head.hash, state: state).write(in: directory)
            }
            return WriteResult(events: recorded, state: state, head: head, quarantined: session.quarantined)
        }
    }

    /// The public key that must sign an event: the one being registered when the first admin
    /// registers themself, else the actor's active key.
    public static func expectedPublicKey(for actor: ActorID, event: Event, stateBefore state: StoreState) -> String? {
        if case .actorRegistered(let e) = event, state.actors.isEmpty, e.actor == actor { return e.publicKey }
        return state.actors[actor]?.publicKey
    }

    /// The actor's private key from `keys`, which must match the public key the log expects now
    /// (for `event`, when it is the first admin registering themself). A missing key is an I/O
    /// error; no active key, or a key that does not match, is a refusal.
    public static func signingKey(for actor: ActorID, event: Event?, state: StoreState, keys: KeyDirectory) throws -> SigningKey {
        let expected = event.map { expectedPublicKey(for: actor, event: $0, stateBefore: state) } ?? state.actors[actor]?.publicKey
        guard let expected else {
            let why = state.actors[actor]?.revocation.map { " (clé révoquée : \($0))" } ?? ""
            throw Refusal(.permission, code: "key.none", "Refusé : « \(actor) » n'a pas de clé de signature active dans ce magasin\(why) ; un administrateur peut en enregistrer une (aap actor rotate-key)")
        }
        guard let key = try keys.key(for: actor.value) else {
            throw StorageError.io("Clé privée de « \(actor) » introuvable dans « \(keys.path) » : indiquez son répertoire de clés (--keys ou AAP_KEYS)")
        }
        guard key.publicKeyBase64 == expected else {
            throw Refusal(.permission, code: "key.mismatch", "Refusé : la clé privée de « \(actor) » dans « \(keys.path) » ne correspond pas à sa clé publique enregistrée")
        }
        return key
    }

    /// Decodes and folds lines into the state, stopping before the first event `stop` accepts;
    /// a line that does not decode is reported with its seq.
    public static func fold(_ lines: [LogLine], stop: (RecordedEvent) -> Bool = { _ in false }) throws -> LoadedStore {
        var state = StoreState()
        var events: [RecordedEvent] = []
        var head = LogHead.empty
        events.reserveCapacity(lines.count)
        let decoder = JSONDecoder()
        for line in lines {
            let recorded: RecordedEvent
            do {
                recorded = try EventCodec.decode(line, decoder: decoder)
            } catch let problem as ChainProblem {
                throw StorageError.corrupt(problem)
            }
            if stop(recorded) { break }
            state.apply(recorded)
            events.append(recorded)
            head = LogHead(seq: line.seq, hash: line.hash)
        }
        return LoadedStore(state: state, head: head, events: events)
    }
}

extension FileEventLog {
    /// The complete lines, after checking the chain and the head anchor; throws `corrupt` at the first bad seq.
    public func readCheckedLines() throws -> [LogLine] {
        let head = try readHead()
        let lines = try readLines()
        if let problem = ChainVerifier.verify(lines: lines.map(\.bytes), head: head).problem {
            throw StorageError.corrupt(problem)
        }
        return lines
    }
}
