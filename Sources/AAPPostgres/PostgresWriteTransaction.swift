import AAPStorage
import PostgresNIO

/// A write transaction on a PostgreSQL store, holding the lock on its head row: what the closure of
/// ``PostgresEventLog/withWriteTransaction(_:)`` gets.
///
/// ``head`` is the head read under that lock, so a decision taken on it (and on what the
/// transaction reads) cannot be overtaken by another writer; ``append(_:signer:)`` inserts the
/// lines and moves the head in the same transaction.
public final class PostgresWriteTransaction: LogAppender {
    /// The last line's seq and hash, as this transaction sees it (moved by each append).
    public private(set) var head: LogHead
    private var bytes: Int
    private let session: PostgresSession

    /// Lines inserted per statement.
    static let rowsPerInsert = 10_000

    init(session: PostgresSession, head: LogHead, bytes: Int) {
        self.session = session
        self.head = head
        self.bytes = bytes
    }

    /// Encodes `records` after ``head`` (``EncodedBatch``: the bytes the file log writes), inserts
    /// them and moves the head row; nothing is visible to others before the transaction commits,
    /// and nothing stays if it rolls back.
    @discardableResult
    public func append(_ records: [NewRecord], signer: LineSigner?) throws -> [LogLine] {
        guard !records.isEmpty else { return [] }
        let batch = try EncodedBatch(records, after: head, signer: signer)
        var start = 0
        while start < batch.lines.count {
            let chunk = batch.lines[start..<min(start + Self.rowsPerInsert, batch.lines.count)]
            let seqs = chunk.map(\.seq)
            let lines = chunk.map { ByteBuffer(bytes: $0.bytes) }
            try session.run("INSERT INTO aap_log (seq, line) SELECT * FROM unnest(\(seqs)::bigint[], \(lines)::bytea[])")
            start += chunk.count
        }
        bytes += batch.bytes.count
        head = batch.head
        try session.run("UPDATE aap_head SET seq = \(head.seq), hash = \(head.hash), bytes = \(bytes) WHERE id = 1")
        return batch.lines
    }

    /// Runs one more statement in this transaction (the store's state tables, updated with the
    /// lines they reflect).
    @discardableResult
    public func execute(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try session.run(query)
    }
}
