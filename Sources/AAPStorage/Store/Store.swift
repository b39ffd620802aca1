import AAPDomain
import Foundation

/// The event store: the file log plus decoding, folding and deciding under the write lock.
///
/// Every write is read–decide–append in one closure under one lock: the commands are decided in
/// order against the state left by the previous ones, and either all their events are appended
/// and synced, or none.
public final class Store {
    public let log: FileEventLog
    private var cached: (head: LogHead, state: StoreState, events: [RecordedEvent])?

    public init(directory: String, segmentMaxBytes: Int = 64 * 1024 * 1024, lockTimeoutSeconds: Double = 10) {
        log = FileEventLog(directory: directory, segmentMaxBytes: segmentMaxBytes, lockTimeoutSeconds: lockTimeoutSeconds)
    }

    private init(log: FileEventLog) { self.log = log }

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

    /// Decides every command in order under the write lock and appends all their events, or none.
    ///
    /// - Throws: ``BatchRefusal`` when a command is refused (nothing written), ``StorageError`` otherwise.
    @discardableResult
    public func execute(_ commands: [ActorCommand], at: String, today: CalendarDate) throws -> WriteResult {
        try log.withWriteLock { session in
            let lines = try session.lines()
            var state: StoreState
            var events: [RecordedEvent]
            if let cached, cached.head == session.head {
                state = cached.state
                events = cached.events
            } else {
                let loaded = try Self.fold(lines)
                (state, events) = (loaded.state, loaded.events)
            }
            var records: [NewRecord] = []
            var decided: [(ActorID, Event)] = []
            for (index, item) in commands.enumerated() {
                do {
                    let event = try Decider.decide(item.command, in: state, context: DecisionContext(actor: item.actor, today: today))
                    guard let actor = try? ActorID.parse(item.actor) else {
                        throw Refusal(.permission, code: "actor.unknown", "Refusé : l'acteur « \(item.actor) » n'est pas enregistré dans ce magasin")
                    }
                    state.apply(event, by: actor)
                    records.append(try EventCodec.record(event, actor: actor, at: at))
                    decided.append((actor, event))
                } catch let refusal as Refusal {
                    throw BatchRefusal(index: index, refusal: refusal)
                }
            }
            let appended = try session.append(records)
            let recorded = zip(appended, decided).map { line, item in
                RecordedEvent(seq: line.seq, at: at, actor: item.0, event: item.1)
            }
            events.append(contentsOf: recorded)
            let head = appended.last.map { LogHead(seq: $0.seq, hash: $0.hash) } ?? session.head
            cached = (head, state, events)
            return WriteResult(events: recorded, state: state, head: head, quarantined: session.quarantined)
        }
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
