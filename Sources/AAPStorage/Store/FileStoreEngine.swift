/// The embedded engine: the file log in a folder on one desk, and its state rows beside it.
///
/// The lines are the segments of ``FileEventLog`` (chain, fsync, torn-tail quarantine). The
/// state rows are written after each append, once the lines are durable; a crash in between
/// leaves them behind the log, and the next command catches up from the line they reflect.
public final class FileStoreEngine: StoreEngine {
    public let log: FileEventLog
    /// Opens the state rows of the store folder (nil: the engine keeps none, and every command
    /// folds the whole log).
    private let openRows: (String) throws -> (any StateRows)?
    private var opened: (any StateRows)?

    public init(log: FileEventLog, rows: @escaping (String) throws -> (any StateRows)? = FileStoreEngine.defaultRows) {
        self.log = log
        self.openRows = rows
    }

    /// The state rows a store folder keeps by default: `state/cache.sqlite` (``SQLiteStateRows``).
    public static func defaultRows(_ directory: String) throws -> (any StateRows)? {
        try SQLiteStateRows.open(storeDirectory: directory)
    }

    public var address: String { log.directory }

    public func exists() throws -> Bool { log.exists }

    public var lines: any LogLineSource { log }

    public func tailHead() throws -> LogHead? { try log.tailHead() }

    public func readRows() throws -> (any StateRows)? {
        if let opened { return opened }
        guard log.exists else { return nil }
        opened = try openRows(log.directory).map { StampedStateRows(rows: $0, log: log) }
        return opened
    }

    public var rowsShareLogTransaction: Bool { false }

    public func withWriteSession<T>(_ body: (any StoreWriteSession) throws -> T) throws -> T {
        try log.withWriteLock { session in
            try body(FileWriteSession(session: session, rows: try? readRows()))
        }
    }
}

/// A write session of the file engine: the log's session and the rows beside it.
final class FileWriteSession: StoreWriteSession {
    let session: WriteSession
    let rows: (any StateRows)?

    init(session: WriteSession, rows: (any StateRows)?) {
        self.session = session
        self.rows = rows
    }

    var head: LogHead { session.head }
    var quarantined: QuarantinedTail? { session.quarantined }

    func append(_ records: [NewRecord], signer: LineSigner?) throws -> [LogLine] {
        try session.append(records, signer: signer)
    }

    func appendCopied(_ lines: [LogLine]) throws -> [LogLine] {
        try session.appendCopied(lines)
    }
}
