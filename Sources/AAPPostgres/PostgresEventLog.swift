import AAPStorage
import Foundation
import PostgresNIO

/// The event log kept in PostgreSQL: the same line bytes, chain, signatures and head as the file
/// log, one row per line (see ``PostgresSchema``), read by the same ``LogCursor``.
///
/// It reads like any ``LogLineSource`` (rows in seq order, a page at a time, so memory stays
/// bounded however long the log), and writes only in ``withWriteTransaction(_:)``: the head row
/// locked, the caller's decision, the lines inserted and the head moved, then one commit — all or
/// nothing, across processes and machines.
///
/// Each log holds one connection with its own event loop thread and waits for every answer on the
/// calling thread (see ``PostgresSession``): call it from ordinary threads, never from an event loop.
/// Calls from several threads are serialised.
public final class PostgresEventLog: LogLineSource, @unchecked Sendable {
    /// Where the store lives.
    public var address: PostgresAddress { session.address }

    /// Rows fetched per query when reading the log.
    public let pageSize: Int

    private let session: PostgresSession
    /// Held around every use of the session; recursive, so that a transaction's closure can read.
    private let lock = NSRecursiveLock()
    /// The transaction under way on this connection, if any (read and set under ``lock``).
    private var current: PostgresWriteTransaction?

    /// Connects to the store at `address` with `password` (see ``PostgresPassword/find(for:environment:)``),
    /// without touching its tables. Throws ``StorageError/io(_:)`` with one French line when the
    /// server cannot be reached or refuses the login.
    public init(address: PostgresAddress, password: String?, pageSize: Int = 10_000) throws {
        session = try PostgresSession(address: address, password: password)
        self.pageSize = max(pageSize, 1)
    }

    /// Connects to the store named by a `postgresql://` URL, the password taken from
    /// `environment` (`PGPASSWORD`, `PGPASSFILE`, `HOME` for `~/.pgpass`).
    public convenience init(url: String, environment: [String: String], pageSize: Int = 10_000) throws {
        let address = try PostgresAddress(url: url)
        try self.init(address: address, password: PostgresPassword.find(for: address, environment: environment), pageSize: pageSize)
    }

    /// Closes the connection (also done when the log is released).
    public func close() {
        lock.withLock { session.close() }
    }

    /// Creates the store's tables where they are missing (an empty log), or checks the version of
    /// those that exist. Safe to run from several clients at once.
    public func createSchema() throws {
        try lock.withLock { try PostgresSchema.create(on: session) }
    }

    /// Checks that the store's tables exist in a version this program reads
    /// (``StorageError/storeMissing(path:)`` when they do not).
    public func checkSchema() throws {
        try lock.withLock { try PostgresSchema.check(on: session) }
    }

    /// The version of the store's tables, nil when there are none (see ``PostgresSchema``).
    func schemaVersion() throws -> Int? {
        try lock.withLock { try PostgresSchema.foundVersion(on: session) }
    }

    /// Runs one statement on this log's connection: in the transaction under way when called from
    /// inside ``withWriteTransaction(_:)``, on its own otherwise.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try lock.withLock { try session.run(query) }
    }

    /// The head row: the last line's seq and hash (`LogHead.empty` before the first append).
    public func readHead() throws -> LogHead {
        try lock.withLock { try Self.head(on: session).head }
    }

    /// Runs `body` in one transaction that holds the lock on the head row, and commits what it
    /// appended; when `body` or a statement throws, rolls back and rethrows, leaving nothing.
    ///
    /// Before `body` runs, the head row is checked against the last line (a line appended or
    /// altered outside a transaction is refused with ``StorageError/corrupt(_:)``).
    ///
    /// A call made from inside `body` on the same log joins the transaction under way: its lines
    /// are committed, or rolled back, with the others.
    public func withWriteTransaction<T>(_ body: (PostgresWriteTransaction) throws -> T) throws -> T {
        try lock.withLock {
            if let current { return try body(current) }
            try session.run("BEGIN")
            do {
                let (head, bytes) = try Self.head(on: session, forUpdate: true)
                try checkLastLine(against: head)
                let transaction = PostgresWriteTransaction(session: session, head: head, bytes: bytes)
                current = transaction
                defer {
                    current = nil
                    transaction.end()
                }
                let value = try body(transaction)
                try session.commit()
                return value
            } catch {
                _ = try? session.run("ROLLBACK")
                throw error
            }
        }
    }

    /// ``withWriteTransaction(_:)`` for code written against any ``LogAppender``.
    public func withWriteLock<T>(_ body: (any LogAppender) throws -> T) throws -> T {
        try withWriteTransaction { try body($0) }
    }

    public func anchor() -> LogAnchor {
        do {
            let head = try readHead()
            return head.seq == 0 ? .absent : .valid(head)
        } catch {
            return .unreadable(String(describing: error))
        }
    }

    /// The rows from `seq` on, in seq order, ``pageSize`` at a time (see ``LogLineSource``).
    public func forEachLine(
        from seq: Int,
        _ line: (UnsafeBufferPointer<UInt8>) throws -> Void,
        damaged: (String) throws -> Void
    ) throws {
        var next = max(seq, 1)
        while true {
            let rows = try lock.withLock {
                try session.run("SELECT seq, line FROM aap_log WHERE seq >= \(next) ORDER BY seq LIMIT \(pageSize)")
            }
            var count = 0
            for row in rows {
                let (rowSeq, bytes) = try Self.decode(row, as: (Int, ByteBuffer).self, on: session.address)
                try bytes.withUnsafeReadableBytes { raw in
                    try line(raw.withMemoryRebound(to: UInt8.self) { $0 })
                }
                next = rowSeq + 1
                count += 1
            }
            if count < pageSize { return }
        }
    }

    public func byteCount() -> Int {
        (try? lock.withLock { try Self.head(on: session).bytes }) ?? 0
    }

    /// The head row, locked until the transaction ends when `forUpdate`.
    private static func head(on session: PostgresSession, forUpdate: Bool = false) throws -> (head: LogHead, bytes: Int) {
        let query: PostgresQuery = forUpdate
            ? "SELECT seq, hash, bytes FROM aap_head WHERE id = 1 FOR UPDATE"
            : "SELECT seq, hash, bytes FROM aap_head WHERE id = 1"
        guard let row = try session.run(query).first else {
            throw StorageError.storeMissing(path: session.address.description)
        }
        let (seq, hash, bytes) = try decode(row, as: (Int, String, Int).self, on: session.address)
        return (LogHead(seq: seq, hash: hash), bytes)
    }

    /// Refuses to write when the last row is not the line the head names.
    private func checkLastLine(against head: LogHead) throws {
        let row = try session.run("SELECT seq, encode(sha256(line), 'hex') FROM aap_log ORDER BY seq DESC LIMIT 1").first
        guard let row else {
            if head.seq == 0 { return }
            throw StorageError.corrupt(ChainProblem(
                seq: head.seq, reason: "ligne manquante en fin de journal : aap_head annonce seq \(head.seq), le journal est vide"
            ))
        }
        let (seq, hash) = try Self.decode(row, as: (Int, String).self, on: session.address)
        if seq != head.seq {
            let reason = seq > head.seq
                ? "ligne ajoutée hors transaction : aap_head annonce seq \(head.seq), le journal va jusqu'à seq \(seq)"
                : "ligne manquante en fin de journal : aap_head annonce seq \(head.seq), le journal s'arrête à seq \(seq)"
            throw StorageError.corrupt(ChainProblem(seq: min(seq, head.seq) + 1, reason: reason))
        }
        if hash != head.hash {
            throw StorageError.corrupt(ChainProblem(seq: seq, reason: "ligne modifiée : son empreinte ne correspond plus à celle de aap_head"))
        }
    }

    static func decode<each Column: PostgresDecodable>(
        _ row: PostgresRow, as type: (repeat each Column).Type, on address: PostgresAddress
    ) throws -> (repeat each Column) {
        do {
            return try row.decode(type)
        } catch {
            throw StorageError.io("Ligne de la base PostgreSQL \(address) illisible : \(String(describing: error))")
        }
    }
}
