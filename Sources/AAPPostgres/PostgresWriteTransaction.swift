import AAPStorage
import PostgresNIO

/// A write transaction on a PostgreSQL store, holding the lock on its head row: what the closure of
/// ``PostgresEventLog/withWriteTransaction(_:)`` gets, and the ``StoreWriteSession`` of
/// ``PostgresStoreEngine``.
///
/// ``head`` is the head read under that lock, so a decision taken on it (and on what the
/// transaction reads) cannot be overtaken by another writer; ``append(_:signer:)`` inserts the
/// lines and moves the head, and ``rows`` writes the state rows, in the same transaction. Once the
/// transaction has ended, it refuses every statement.
public final class PostgresWriteTransaction: StoreWriteSession {
    /// The last line's seq and hash, as this transaction sees it (moved by each append).
    public private(set) var head: LogHead
    private var bytes: Int
    private let session: PostgresSession
    private var ended = false

    /// Lines inserted per statement.
    static let rowsPerInsert = 10_000

    init(session: PostgresSession, head: LogHead, bytes: Int) {
        self.session = session
        self.head = head
        self.bytes = bytes
    }

    /// Never a torn tail: a PostgreSQL transaction leaves nothing half written.
    public var quarantined: QuarantinedTail? { nil }

    /// The state rows, read and written in this transaction: they commit, or roll back, with the lines.
    public var rows: (any StateRows)? { PostgresStateRows(transaction: self, address: session.address) }

    /// Encodes `records` after ``head`` (``EncodedBatch``: the bytes the file log writes), inserts
    /// them and moves the head row; nothing is visible to others before the transaction commits,
    /// and nothing stays if it rolls back.
    @discardableResult
    public func append(_ records: [NewRecord], signer: LineSigner?) throws -> [LogLine] {
        guard !records.isEmpty else { return [] }
        return try insert(try EncodedBatch(records, after: head, signer: signer))
    }

    /// Inserts lines of another log byte for byte after ``head`` (`aap store copy`), in this transaction.
    @discardableResult
    public func appendCopied(_ lines: [LogLine]) throws -> [LogLine] {
        guard !lines.isEmpty else { return [] }
        return try insert(try EncodedBatch(copying: lines, after: head))
    }

    /// Inserts the batch's lines and moves the head row.
    private func insert(_ batch: EncodedBatch) throws -> [LogLine] {
        for chunk in batch.lines.chunks(of: Self.rowsPerInsert) {
            let seqs = chunk.map(\.seq)
            let lines = chunk.map { ByteBuffer(bytes: $0.bytes) }
            try execute("INSERT INTO aap_log (seq, line) SELECT * FROM unnest(\(seqs)::bigint[], \(lines)::bytea[])")
        }
        bytes += batch.bytes.count
        head = batch.head
        try execute("UPDATE aap_head SET seq = \(head.seq), hash = \(head.hash), bytes = \(bytes) WHERE id = 1")
        return batch.lines
    }

    /// Runs one more statement in this transaction (the store's state tables, updated with the
    /// lines they reflect).
    @discardableResult
    public func execute(_ query: PostgresQuery) throws -> PostgresQueryResult {
        guard !ended else {
            throw StorageError.io("Écriture refusée sur \(session.address) : la transaction est terminée")
        }
        return try session.run(query)
    }

    /// Marks the transaction as ended (committed or rolled back).
    func end() {
        ended = true
    }
}
