import AAPDomain
import Foundation

/// Long work a store does inside a command, reported to ``Store/progress``.
public enum StoreActivity: Sendable {
    /// Folding the whole log to rebuild the state rows (damaged, or of another log).
    case rebuildingState
    /// Deciding the commands of a batch.
    case deciding
}

/// The event store: an engine's log and state rows, plus decoding, folding and deciding by its only writer.
///
/// Every write is read–decide–append in one closure as the only writer (``StoreEngine/withWriteSession(_:)``):
/// the commands are decided in order against the state left by the previous ones, and either all
/// their events are appended and made durable, or none. The state a command decides on comes from
/// the engine's state rows (see ``StateCache``), holding the line they reflect and only the calls
/// and cases it reads, so that its cost grows neither with history nor with the size of a call.
/// Rows behind the log catch up from the line they reflect (its hash checked); rows that do not
/// decode, or reflect a line the log no longer has, are rebuilt from the whole log, its chain checked.
public final class Store {
    public let engine: any StoreEngine
    /// The state as this process last read or wrote it, with the line it reflects: the next write
    /// of the same process starts from there when nobody else wrote in between.
    private var cache: StateCache?
    /// What changed in ``cache`` since the rows were last written (see ``stateRowsInterval``).
    private var unwritten = StateChanges()
    /// The seq of the last line the rows reflect, as far as this process knows.
    private var rowsWrittenSeq = 0
    /// How many events may be appended before the state rows are written again, on an engine
    /// whose rows are written after the lines (the file log). 1 (the default) writes them with
    /// every command, as a process per command needs; a long-lived process may write them less
    /// often (``flushStateRows()`` writes them now). Rows left behind by a crash catch up from the
    /// log at the next command.
    public var stateRowsInterval = 1
    /// Called now and then during long work (rebuilding the state from the whole log, deciding a
    /// big batch), and once with everything done, for a progress indicator.
    public var progress: ((StoreActivity, AuditProgress) -> Void)?
    /// Private keys read by this process, by key directory and actor: a key file is read once, and
    /// a key is used only while it matches the public key the log expects.
    private var keysRead: [String: SigningKey] = [:]

    public init(engine: any StoreEngine) {
        self.engine = engine
    }

    /// The embedded store in `directory`.
    public convenience init(directory: String, segmentMaxBytes: Int = 64 * 1024 * 1024, lockTimeoutSeconds: Double = 10) {
        self.init(engine: FileStoreEngine(log: FileEventLog(directory: directory, segmentMaxBytes: segmentMaxBytes, lockTimeoutSeconds: lockTimeoutSeconds)))
    }

    /// Creates an empty embedded store; refuses if one is already there.
    public static func create(directory: String) throws -> Store {
        Store(engine: FileStoreEngine(log: try FileEventLog.create(directory: directory)))
    }

    /// Where the store is: a folder, or a PostgreSQL address without its password.
    public var address: String { engine.address }

    /// Whether the store has been created; throws when that cannot be known (a server down).
    public func exists() throws -> Bool { try engine.exists() }

    /// The lines in seq order, for the audit, replays, exports and proofs.
    public var lines: any LogLineSource { engine.lines }

    /// Reads the log once without the lock, checks its chain, and folds it, keeping every event.
    public func load() throws -> LoadedStore {
        try Auditor.replay(engine.lines, until: nil, asOf: nil)
    }

    /// The whole current state, from the state rows when they reflect the log, else rebuilt from
    /// the log (and the rows rewritten when the engine lets this process write). For the event
    /// list, use ``load()``.
    public func currentState() throws -> (state: StoreState, head: LogHead) {
        try currentState { try $0.loadEverything() }
    }

    /// The current state holding at least the calls and cases of `reads` (and the actors and
    /// workflows), not the other cases of those calls: what a command showing one case needs,
    /// whatever the size of its call.
    public func currentState(for reads: StateReads) throws -> (state: StoreState, head: LogHead) {
        try currentState { try $0.load(reads) }
    }

    /// The current state holding every case of `calls` (and the actors and workflows): what a
    /// command showing a call's money, case by case, needs.
    public func currentState(allCasesOf calls: Set<CallID>) throws -> (state: StoreState, head: LogHead) {
        try currentState { try $0.loadAllCases(of: calls) }
    }

    /// The current state, with `fill` adding to the cache what the caller reads (false when a row does not decode).
    private func currentState(filling fill: (StateCache) throws -> Bool) throws -> (state: StoreState, head: LogHead) {
        // The rows must not have moved past `tail` while they were read (another writer committing).
        if let tail = try engine.tailHead(), let cache = try readableCache(at: tail), try fill(cache),
           try cache.rows.reflectedHead().map({ $0.seq <= tail.seq }) ?? true {
            return (cache.state, tail)
        }
        // Behind, damaged or changed while read: catch up or rebuild as the only writer, then read again.
        let rebuilt = try? engine.withWriteSession { session -> (state: StoreState, head: LogHead) in
            let cache = try cacheForWriting(session)
            if try fill(cache) { return (cache.state, session.head) }
            let rebuilt = try rebuild(session)
            return (rebuilt.state, session.head)
        }
        if let rebuilt { return rebuilt }
        return try Auditor.replayedState(engine.lines, until: nil, asOf: nil)
    }

    /// The state to read at `tail` without writing: this process's own when it is at `tail`, else
    /// the engine's rows when they reflect `tail` or catch up to it; nil otherwise.
    private func readableCache(at tail: LogHead) throws -> StateCache? {
        if let cache, cache.head == tail { return cache }
        guard let rows = try engine.readRows(), let opened = try StateCache.open(rows) else { return nil }
        if opened.head != tail {
            guard opened.head.seq < tail.seq, try catchUp(opened) != nil, opened.head == tail else { return nil }
        }
        return opened
    }

    /// The state to decide on as the only writer, at the session's head: this process's own when
    /// nobody wrote since, else the rows (caught up from the log and written back when behind),
    /// else rebuilt from the whole log.
    private func cacheForWriting(_ session: any StoreWriteSession) throws -> StateCache {
        if let cache, cache.head == session.head { return cache }
        cache = nil
        unwritten = StateChanges()
        if let rows = session.rows, let opened = try StateCache.open(rows) {
            rowsWrittenSeq = opened.head.seq
            if opened.head == session.head {
                cache = opened
                return opened
            }
            if opened.head.seq < session.head.seq, let changes = try catchUp(opened), opened.head == session.head {
                try writeRows(opened.state, changes: changes, head: opened.head, session: session, replacesAll: false)
                cache = opened
                return opened
            }
        }
        return try rebuild(session)
    }

    /// Folds into `cache` the lines after the one it reflects (checking that this line is still
    /// the log's, by its hash) up to the end of the log; returns what they changed, or nil when
    /// the log no longer holds that line, a line after it breaks the chain or does not decode, or
    /// a row does not decode (the caller then rebuilds).
    private func catchUp(_ cache: StateCache) throws -> StateChanges? {
        var cursor = LogCursor(from: LogStart(after: cache.head))
        var state = cache.state
        var changes = StateChanges()
        var damaged = false
        let decoder = JSONDecoder()
        do {
            try cursor.read(engine.lines) { line in
                guard !damaged else { return }
                let recorded = try EventCodec.decode(line.logLine, decoder: decoder)
                guard try cache.fill(&state, for: recorded.event) else {
                    damaged = true
                    return
                }
                state.apply(recorded)
                changes.record(recorded.event)
            }
        } catch is ChainProblem {
            return nil
        }
        guard !damaged, cursor.finish() == nil else { return nil }
        cache.keep(state, head: cursor.head)
        return changes
    }

    /// Folds the whole log (chain checked, lines not kept, as the audit's replay does) and rewrites
    /// every state row; returns the cache holding the whole state. As the only writer.
    @discardableResult
    private func rebuild(_ session: any StoreWriteSession) throws -> StateCache {
        let report = progress.map { report in { (done: AuditProgress) in report(.rebuildingState, done) } }
        let folded = try Auditor.replayedState(engine.lines, until: nil, asOf: nil, progress: report)
        progress?(.rebuildingState, AuditProgress(events: folded.head.seq, expectedEvents: folded.head.seq, bytes: 0, totalBytes: 0))
        try writeRows(folded.state, changes: StateChanges(), head: folded.head, session: session, replacesAll: true)
        let rebuilt = StateCache(rows: session.rows ?? InMemoryStateRows(), holding: folded.state, head: folded.head,
                                 complete: Set(folded.state.callOrder))
        cache = rebuilt
        unwritten = StateChanges()
        return rebuilt
    }

    /// Writes the rows `changes` touched (every row when `replacesAll`) for `state` at `head`.
    /// On an engine whose rows share the log's transaction, a failure throws (and the lines roll
    /// back with them); otherwise the rows only lag behind, and the next command catches up.
    private func writeRows(_ state: StoreState, changes: StateChanges, head: LogHead, session: any StoreWriteSession,
                           replacesAll: Bool) throws {
        guard let rows = session.rows else { return }
        do {
            try rows.write(StateCache.update(for: state, changes: changes, head: head, replacesAll: replacesAll))
            rowsWrittenSeq = head.seq
        } catch where !engine.rowsShareLogTransaction {
            // The rows lag behind the log; the next command catches up.
        }
    }

    /// Decides every command in order under the write lock and appends all their events, or none,
    /// every line signed with its actor's private key from `keys` (nil writes unsigned lines, which
    /// `audit verify` reports). A command by an actor without an active public key in the log is
    /// refused; a missing private key is an I/O error.
    ///
    /// - Throws: ``BatchRefusal`` when a command is refused (nothing written), ``StorageError`` otherwise.
    ///
    /// The result's state holds the actors, the workflows and the calls and cases the commands read
    /// (not every call of the store: use ``currentState()`` for that).
    @discardableResult
    public func execute(_ commands: [ActorCommand], at: String, today: CalendarDate, keys: KeyDirectory?) throws -> WriteResult {
        try engine.withWriteSession { session in
            var cache = try cacheForWriting(session)
            var decided: Decided
            if let attempt = try decide(commands, cache: cache, at: at, today: today, keys: keys) {
                decided = attempt
            } else {
                // A state row turned out damaged while reading it: decide again on the state rebuilt from the log.
                cache = try rebuild(session)
                guard let attempt = try decide(commands, cache: cache, at: at, today: today, keys: keys) else {
                    throw StorageError.io("État impossible à reconstruire pour « \(engine.address) »")
                }
                decided = attempt
            }
            let signingKeys = decided.keys
            let appended = try session.append(decided.records, signer: keys == nil ? nil : { index, unsigned in
                try signingKeys[index].sign(unsigned)
            })
            let recorded = zip(appended, decided.events).map { line, item in
                RecordedEvent(seq: line.seq, at: at, actor: item.0, event: item.1)
            }
            let head = appended.last.map { LogHead(seq: $0.seq, hash: $0.hash) } ?? session.head
            if !appended.isEmpty {
                if engine.rowsShareLogTransaction {
                    // The rows commit with the lines, or neither does.
                    try writeRows(decided.state, changes: decided.changes, head: head, session: session, replacesAll: false)
                    unwritten = StateChanges()
                } else {
                    // The events are durable: from here on nothing may throw. Rows not written catch up at the next command.
                    unwritten = unwritten.merging(decided.changes)
                    if head.seq - rowsWrittenSeq >= stateRowsInterval {
                        try writeRows(decided.state, changes: unwritten, head: head, session: session, replacesAll: false)
                        unwritten = StateChanges()
                    }
                }
                cache.keep(decided.state, head: head)
                self.cache = cache
            }
            return WriteResult(events: recorded, state: decided.state, head: head, quarantined: session.quarantined)
        }
    }

    /// Writes the state rows now if this process holds changes not written yet (see
    /// ``stateRowsInterval``) and nobody wrote to the log since.
    public func flushStateRows() {
        guard let cache, !unwritten.isEmpty else { return }
        _ = try? engine.withWriteSession { session in
            guard session.head == cache.head else { return }
            try writeRows(cache.state, changes: unwritten, head: cache.head, session: session, replacesAll: false)
            unwritten = StateChanges()
        }
    }

    deinit {
        flushStateRows()
    }

    /// What deciding a batch gave: the state after it, the records to append, their signing keys.
    private struct Decided {
        var state: StoreState
        var records: [NewRecord] = []
        var events: [(ActorID, Event)] = []
        var keys: [SigningKey] = []
        var changes = StateChanges()
    }

    /// A state row found damaged while reading it for a decision.
    private struct DamagedStateRow: Error {}

    /// Decides the commands in order from the cache's state (``Decider/decide(_:on:at:today:afterRefusal:siretRule:prepare:accept:)``),
    /// each after adding from its rows what it reads; nil when a state row turns out damaged.
    private func decide(_ commands: [ActorCommand], cache: StateCache, at: String, today: CalendarDate,
                        keys: KeyDirectory?) throws -> Decided? {
        defer { if commands.count >= 1024 { progress?(.deciding, AuditProgress(events: commands.count, expectedEvents: commands.count, bytes: 0, totalBytes: 0)) } }
        var state = cache.state
        var signingKeys: [SigningKey] = []
        let decisions: Decisions
        do {
            decisions = try Decider.decide(commands, on: &state, at: at, today: today, prepare: { index, item, state in
                if index % 1024 == 1023 { progress?(.deciding, AuditProgress(events: index, expectedEvents: commands.count, bytes: 0, totalBytes: 0)) }
                if try !cache.fill(&state, for: item.command) { throw DamagedStateRow() }
            }, accept: { decision, stateBefore in
                guard let keys else { return }
                signingKeys.append(try signingKey(for: decision, stateBefore: stateBefore, keys: keys))
            })
        } catch is DamagedStateRow {
            return nil
        }
        if let refused = decisions.refusals.first { throw refused }
        var result = Decided(state: state, keys: signingKeys)
        for decision in decisions.accepted {
            result.records.append(try EventCodec.record(decision.event, actor: decision.actor, at: at))
            result.events.append((decision.actor, decision.event))
            result.changes.record(decision.event)
        }
        return result
    }

    /// The key that signs a decision: one read of each actor's key file per process, checked
    /// against the key the log expects for every event.
    private func signingKey(for decision: Decision, stateBefore state: StoreState, keys: KeyDirectory) throws -> SigningKey {
        let slot = keys.path + "\u{0}" + decision.actor.value
        if let known = keysRead[slot], Self.expectedPublicKey(for: decision.actor, event: decision.event, stateBefore: state) == known.publicKeyBase64 {
            return known
        }
        let key = try Self.signingKey(for: decision.actor, event: decision.event, state: state, keys: keys)
        keysRead[slot] = key
        return key
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
        guard let key = try keys.key(for: actor.value, matching: expected) else {
            throw StorageError.io("Clé privée de « \(actor) » introuvable dans « \(keys.path) » : indiquez son répertoire de clés (--keys ou AAP_KEYS)")
        }
        guard key.publicKeyBase64 == expected else {
            throw Refusal(.permission, code: "key.mismatch", "Refusé : la clé privée de « \(actor) » dans « \(keys.path) » ne correspond pas à sa clé publique enregistrée")
        }
        return key
    }
}
