import AAPDomain
import Foundation

/// Long work a store does inside a command, reported to ``Store/progress``.
public enum StoreActivity: Sendable {
    /// Folding the whole log to rebuild the state files (stale or damaged).
    case rebuildingState
    /// Deciding the commands of a batch.
    case deciding
}

/// The event store: the file log plus decoding, folding and deciding under the write lock.
///
/// Every write is read–decide–append in one closure under one lock: the commands are decided in
/// order against the state left by the previous ones, and either all their events are appended
/// and synced, or none. The state a command decides on comes from the state files (see
/// ``StateFiles``), checked against the log and holding only the calls and cases it reads, so that
/// its cost does not grow with history; the files are rebuilt from the log when stale or damaged.
public final class Store {
    public let log: FileEventLog
    /// The state files as this process last wrote them, holding the state after its last write
    /// (with what it loaded of them): the next write of the same process starts from there when
    /// nobody else wrote in between.
    private var written: StateFiles?
    /// The log's last line and segment stamps after this process's last write, and what changed
    /// since the files were last written (see ``stateFilesInterval``).
    private var memory: (head: LogHead, stamps: [SegmentStamp], unwritten: StateChanges)?
    /// How many events may be appended before the state files are written again. 1 (the default)
    /// writes them with every command, as a process per command needs; a long-lived process may
    /// write them less often (``flushStateFiles()`` writes them now). Files left behind by a crash
    /// are stale, and the next command rebuilds them from the log.
    public var stateFilesInterval = 1
    /// Called now and then during long work (rebuilding the state from the whole log, deciding a
    /// big batch), and once with everything done, for a progress indicator.
    public var progress: ((StoreActivity, AuditProgress) -> Void)?
    /// Private keys read by this process, by key directory and actor: a key file is read once, and
    /// a key is used only while it matches the public key the log expects.
    private var keysRead: [String: SigningKey] = [:]

    public init(directory: String, segmentMaxBytes: Int = 64 * 1024 * 1024, lockTimeoutSeconds: Double = 10) {
        log = FileEventLog(directory: directory, segmentMaxBytes: segmentMaxBytes, lockTimeoutSeconds: lockTimeoutSeconds)
    }

    private init(log: FileEventLog) {
        self.log = log
    }

    /// Creates an empty store; refuses if one is already there.
    public static func create(directory: String) throws -> Store {
        Store(log: try FileEventLog.create(directory: directory))
    }

    public var directory: String { log.directory }
    public var exists: Bool { log.exists }

    /// Reads the log once without the lock, checks its chain, and folds it, keeping every event.
    public func load() throws -> LoadedStore {
        try Auditor.replay(log, until: nil, asOf: nil)
    }

    /// The whole current state, from the state files when they match the log, else rebuilt from
    /// the log (and the files rewritten when the write lock can be taken). For the event list, use
    /// ``load()``.
    public func currentState() throws -> (state: StoreState, head: LogHead) {
        try currentState(reads: nil)
    }

    /// The current state holding at least the calls of `reads` with all their cases (and the
    /// actors and workflows): what a command reading one case or one call needs.
    public func currentState(for reads: StateReads) throws -> (state: StoreState, head: LogHead) {
        try currentState(reads: reads.calls.union(reads.cases.map(\.callID)))
    }

    private func currentState(reads calls: Set<CallID>?) throws -> (state: StoreState, head: LogHead) {
        func fill(_ files: StateFiles) -> Bool {
            guard let calls else { return files.loadEverything() }
            return files.loadAllCases(of: calls)
        }
        if let head = try log.tailHead(), let files = try checkedFiles(head: head), fill(files) {
            return (files.state, head)
        }
        // Stale or damaged: rebuild under the lock (readers do not write otherwise), then read again.
        let rebuilt = try? log.withWriteLock { session -> (state: StoreState, head: LogHead) in
            if let files = try checkedFiles(head: session.head), fill(files) { return (files.state, session.head) }
            let rebuilt = try rebuild(session)
            return (rebuilt.state, rebuilt.head)
        }
        if let rebuilt { return rebuilt }
        return try Auditor.replayedState(log, until: nil, asOf: nil)
    }

    /// The state files when they were built up to `head` and the log has not been written to since; nil otherwise.
    private func checkedFiles(head: LogHead) throws -> StateFiles? {
        guard let files = StateFiles.open(storeDirectory: directory), files.manifest.head == head,
              files.manifest.segments == (try log.segmentStamps()) else { return nil }
        return files
    }

    /// Folds the whole log (chain checked, lines not kept, as the audit's replay does) and rewrites
    /// every state file; returns the files as written (nil when they could not be) with the whole
    /// state. Runs under the write lock.
    @discardableResult
    private func rebuild(_ session: WriteSession) throws -> (state: StoreState, head: LogHead, files: StateFiles?) {
        let report = progress.map { report in { (done: AuditProgress) in report(.rebuildingState, done) } }
        let folded = try Auditor.replayedState(log, until: nil, asOf: nil, progress: report)
        progress?(.rebuildingState, AuditProgress(events: folded.head.seq, expectedEvents: folded.head.seq, bytes: 0, totalBytes: 0))
        let files = StateFiles.write(folded.state, head: folded.head, segments: try log.segmentStamps(), previous: nil,
                                     changes: StateChanges(), storeDirectory: directory)
        return (folded.state, folded.head, files)
    }

    /// The state files to decide on, checked against the log: the ones this process wrote last when
    /// nobody wrote since, else those on disk, else rebuilt from the log (then holding the whole state).
    private func filesForWriting(_ session: WriteSession) throws -> (state: StoreState, files: StateFiles?) {
        let stamps = try log.segmentStamps()
        if let written, let memory, memory.head == session.head, memory.stamps == stamps {
            return (written.state, written)
        }
        written = nil
        memory = nil
        if let files = try checkedFiles(head: session.head) {
            return (files.state, files)
        }
        let rebuilt = try rebuild(session)
        return (rebuilt.state, rebuilt.files)
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
        try log.withWriteLock { session in
            let start = try filesForWriting(session)
            var files = start.files
            var decided: Decided
            if let attempt = try decide(commands, from: start.state, files: files, at: at, today: today, keys: keys) {
                decided = attempt
            } else {
                // A state file turned out damaged while reading it: decide again on the state rebuilt from the log.
                let rebuilt = try rebuild(session)
                files = rebuilt.files
                guard let attempt = try decide(commands, from: rebuilt.state, files: nil, at: at, today: today, keys: keys) else {
                    throw StorageError.io("État impossible à reconstruire dans « \(directory) »")
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
            // The events are durable: from here on nothing may throw. Files not written are rebuilt by the next command.
            if !appended.isEmpty, let stamps = try? log.segmentStamps() {
                let unwritten = (memory?.unwritten ?? StateChanges()).merging(decided.changes)
                if let files, files.manifest.head.seq + stateFilesInterval > head.seq {
                    files.keep(decided.state)
                    written = files
                    memory = (head, stamps, unwritten)
                } else {
                    written = StateFiles.write(decided.state, head: head, segments: stamps, previous: files, changes: unwritten, storeDirectory: directory)
                    memory = written.map { _ in (head, stamps, StateChanges()) }
                }
            }
            return WriteResult(events: recorded, state: decided.state, head: head, quarantined: session.quarantined)
        }
    }

    /// Writes the state files now if this process holds changes not written yet (see
    /// ``stateFilesInterval``) and nobody wrote to the log since.
    public func flushStateFiles() {
        guard let written, let memory, !memory.unwritten.isEmpty else { return }
        _ = try? log.withWriteLock { session in
            guard session.head == memory.head, try log.segmentStamps() == memory.stamps else { return }
            self.written = StateFiles.write(written.state, head: memory.head, segments: memory.stamps, previous: written,
                                            changes: memory.unwritten, storeDirectory: directory)
            self.memory = self.written.map { _ in (memory.head, memory.stamps, StateChanges()) }
        }
    }

    deinit {
        flushStateFiles()
    }

    /// What deciding a batch gave: the state after it, the records to append, their signing keys.
    private struct Decided {
        var state: StoreState
        var records: [NewRecord] = []
        var events: [(ActorID, Event)] = []
        var keys: [SigningKey] = []
        var changes = StateChanges()
    }

    /// A state file found damaged while reading it for a decision.
    private struct DamagedStateFile: Error {}

    /// Decides the commands in order from `state` (``Decider/decide(_:on:at:today:afterRefusal:prepare:accept:)``),
    /// each after adding from `files` what it reads; nil when a state file turns out damaged.
    private func decide(_ commands: [ActorCommand], from state: StoreState, files: StateFiles?, at: String, today: CalendarDate,
                        keys: KeyDirectory?) throws -> Decided? {
        defer { if commands.count >= 1024 { progress?(.deciding, AuditProgress(events: commands.count, expectedEvents: commands.count, bytes: 0, totalBytes: 0)) } }
        var state = state
        var signingKeys: [SigningKey] = []
        let decisions: Decisions
        do {
            decisions = try Decider.decide(commands, on: &state, at: at, today: today, prepare: { index, item, state in
                if index % 1024 == 1023 { progress?(.deciding, AuditProgress(events: index, expectedEvents: commands.count, bytes: 0, totalBytes: 0)) }
                if let files, !files.fill(&state, for: item.command) { throw DamagedStateFile() }
            }, accept: { decision, stateBefore in
                guard let keys else { return }
                signingKeys.append(try signingKey(for: decision, stateBefore: stateBefore, keys: keys))
            })
        } catch is DamagedStateFile {
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
        guard let key = try keys.key(for: actor.value) else {
            throw StorageError.io("Clé privée de « \(actor) » introuvable dans « \(keys.path) » : indiquez son répertoire de clés (--keys ou AAP_KEYS)")
        }
        guard key.publicKeyBase64 == expected else {
            throw Refusal(.permission, code: "key.mismatch", "Refusé : la clé privée de « \(actor) » dans « \(keys.path) » ne correspond pas à sa clé publique enregistrée")
        }
        return key
    }
}
