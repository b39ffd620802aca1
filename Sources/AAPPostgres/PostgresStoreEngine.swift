import AAPStorage

/// The PostgreSQL engine of the store, for a team on many desks: the lines in `aap_log`, the state
/// rows in the `aap_state_*` tables, written in the same transaction as the lines they reflect
/// (see ``PostgresSchema``).
///
/// One writer at a time on every machine: ``withWriteSession(_:)`` is
/// ``PostgresEventLog/withWriteTransaction(_:)``, which holds the lock on the head row until it
/// commits, or rolls back, the lines and the rows together. Reads (``lines``, ``tailHead()``,
/// ``readRows()``) see what is committed and never wait for a writer on another connection.
///
/// Like its log, an engine holds one connection; call it from ordinary threads, never from an
/// event loop.
public final class PostgresStoreEngine: StoreEngine, Sendable {
    /// The log, on the engine's connection.
    public let log: PostgresEventLog

    /// The engine over `log` (connected, its tables not touched).
    public init(log: PostgresEventLog) {
        self.log = log
    }

    /// Connects to the store named by a `postgresql://user@host[:port][/database]` URL, the
    /// password taken from `environment` (`PGPASSWORD`, `PGPASSFILE`, `HOME` for `~/.pgpass`).
    /// Throws ``StorageError/io(_:)`` with one French line when the address is wrong or the
    /// server cannot be reached or refuses the login; does not check that the store exists
    /// (``exists()``).
    public convenience init(url: String, environment: [String: String]) throws {
        self.init(log: try PostgresEventLog(url: url, environment: environment))
    }

    /// Creates the store's tables at the URL (what `aap init` does) and returns its engine.
    /// Refuses with ``StorageError/alreadyExists(path:)`` a store that already holds lines;
    /// an empty store is returned as it is, and one of an older schema version gets the new tables.
    public static func create(url: String, environment: [String: String]) throws -> PostgresStoreEngine {
        try create(log: PostgresEventLog(url: url, environment: environment))
    }

    /// ``create(url:environment:)`` on a log already connected.
    public static func create(log: PostgresEventLog) throws -> PostgresStoreEngine {
        let engine = PostgresStoreEngine(log: log)
        if let version = try log.schemaVersion(), version == PostgresSchema.version, try log.readHead().seq > 0 {
            throw StorageError.alreadyExists(path: engine.address)
        }
        try log.createSchema()
        return engine
    }

    /// `user@host:port/database` (an address never holds a password).
    public var address: String { log.address.description }

    /// Whether the store's tables are there; throws when their version is not this program's,
    /// or when the server does not answer. A store of the previous version (2), which lacks only
    /// the state table `aap_state_references`, is brought to this one on the way (the table added,
    /// the state rows then rebuilt from the log): every command opens the store this way.
    public func exists() throws -> Bool {
        if try log.schemaVersion() == PostgresSchema.upgradedInPlace {
            try log.createSchema()
        }
        do {
            try log.checkSchema()
            return true
        } catch StorageError.storeMissing {
            return false
        }
    }

    public var lines: any LogLineSource { log }

    /// The head row: committed, so never in doubt.
    public func tailHead() throws -> LogHead? {
        try log.readHead()
    }

    public func readRows() throws -> (any StateRows)? {
        PostgresStateRows(log: log)
    }

    /// Always: the rows are written in the transaction of the lines.
    public var rowsShareLogTransaction: Bool { true }

    public func withWriteSession<T>(_ body: (any StoreWriteSession) throws -> T) throws -> T {
        try log.withWriteTransaction { try body($0) }
    }

    /// Closes the connection (also done when the engine is released).
    public func close() {
        log.close()
    }
}
