import AAPDomain
import AAPStorage
import PostgresNIO

/// The state rows of a PostgreSQL store, in the tables `aap_state_head`, `aap_state_global`,
/// `aap_state_calls`, `aap_state_cases` and `aap_state_references` (see ``PostgresSchema``).
///
/// Got two ways: from a ``PostgresWriteTransaction`` (``PostgresWriteTransaction/rows``), whose
/// reads see what the transaction wrote and whose writes commit, or roll back, with its lines; or
/// from ``PostgresStoreEngine/readRows()``, to read what is committed without waiting for a writer
/// (a write from there runs in a transaction of its own that holds the head row, as an append does).
///
/// Each read is one statement, so two reads outside a transaction may see two commits apart: the
/// store checks ``reflectedHead()`` against the log. Bulk writes go in chunks of
/// ``rowsPerStatement`` rows, as `unnest` arrays; a row written twice in one update keeps its last bytes.
public final class PostgresStateRows: StateRows {
    private enum Place {
        /// Outside any transaction of this connection (or joining the one under way).
        case log(PostgresEventLog)
        /// Inside a write transaction.
        case transaction(PostgresWriteTransaction)
    }

    /// Rows written per statement.
    static let rowsPerStatement = 10_000

    private let place: Place
    private let address: PostgresAddress

    /// The rows of `log`, read on its connection.
    init(log: PostgresEventLog) {
        place = .log(log)
        address = log.address
    }

    /// The rows of `transaction`, read and written in it.
    init(transaction: PostgresWriteTransaction, address: PostgresAddress) {
        place = .transaction(transaction)
        self.address = address
    }

    public func reflectedHead() throws -> LogHead? {
        guard let row = try run("SELECT seq, hash FROM aap_state_head WHERE id = 1").first else { return nil }
        let (seq, hash) = try PostgresEventLog.decode(row, as: (Int, String).self, on: address)
        return LogHead(seq: seq, hash: hash)
    }

    public func globalRow() throws -> [UInt8]? {
        try bytes(of: run("SELECT bytes FROM aap_state_global WHERE id = 1")).first
    }

    public func callRow(_ id: CallID) throws -> [UInt8]? {
        try bytes(of: run("SELECT bytes FROM aap_state_calls WHERE id = \(id.value)")).first
    }

    public func caseRow(_ id: CaseID) throws -> [UInt8]? {
        try bytes(of: run("SELECT bytes FROM aap_state_cases WHERE call = \(id.callID.value) AND number = \(id.number)")).first
    }

    public func caseRows(of call: CallID) throws -> [[UInt8]] {
        try bytes(of: run("SELECT bytes FROM aap_state_cases WHERE call = \(call.value) ORDER BY number"))
    }

    public func caseID(forReference reference: String) throws -> String? {
        guard let row = try run("SELECT case_id FROM aap_state_references WHERE reference = \(reference)").first else { return nil }
        return try PostgresEventLog.decode(row, as: String.self, on: address)
    }

    public func write(_ update: StateRowUpdate) throws {
        switch place {
        case .log(let log):
            try log.withWriteTransaction { try Self.write(update, with: $0.execute) }
        case .transaction(let transaction):
            try Self.write(update, with: transaction.execute)
        }
    }

    /// Runs the statements of `update` with `execute`, in the transaction it runs in.
    private static func write(_ update: StateRowUpdate, with execute: (PostgresQuery) throws -> PostgresQueryResult) throws {
        if update.replacesAll {
            // DELETE, not TRUNCATE: readers keep reading the rows committed before.
            _ = try execute("DELETE FROM aap_state_references")
            _ = try execute("DELETE FROM aap_state_cases")
            _ = try execute("DELETE FROM aap_state_calls")
            _ = try execute("DELETE FROM aap_state_global")
        }
        if let global = update.global {
            _ = try execute("""
                INSERT INTO aap_state_global (id, bytes) VALUES (1, \(ByteBuffer(bytes: global))) \
                ON CONFLICT (id) DO UPDATE SET bytes = EXCLUDED.bytes
                """)
        }
        for chunk in lastOfEach(update.calls, key: \.id).chunks(of: rowsPerStatement) {
            let ids = chunk.map(\.id.value)
            let rows = chunk.map { ByteBuffer(bytes: $0.bytes) }
            _ = try execute("""
                INSERT INTO aap_state_calls (id, bytes) SELECT * FROM unnest(\(ids)::text[], \(rows)::bytea[]) \
                ON CONFLICT (id) DO UPDATE SET bytes = EXCLUDED.bytes
                """)
        }
        for chunk in lastOfEach(update.cases, key: \.id).chunks(of: rowsPerStatement) {
            let calls = chunk.map(\.id.callID.value)
            let numbers = chunk.map(\.id.number)
            let rows = chunk.map { ByteBuffer(bytes: $0.bytes) }
            _ = try execute("""
                INSERT INTO aap_state_cases (call, number, bytes) \
                SELECT * FROM unnest(\(calls)::text[], \(numbers)::integer[], \(rows)::bytea[]) \
                ON CONFLICT (call, number) DO UPDATE SET bytes = EXCLUDED.bytes
                """)
        }
        for chunk in lastOfEach(update.references, key: \.reference).chunks(of: rowsPerStatement) {
            let references = chunk.map(\.reference)
            let ids = chunk.map(\.caseID.value)
            _ = try execute("""
                INSERT INTO aap_state_references (reference, case_id) \
                SELECT * FROM unnest(\(references)::text[], \(ids)::text[]) \
                ON CONFLICT (reference) DO UPDATE SET case_id = EXCLUDED.case_id
                """)
        }
        _ = try execute("""
            INSERT INTO aap_state_head (id, seq, hash) VALUES (1, \(update.head.seq), \(update.head.hash)) \
            ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash
            """)
    }

    /// The rows of `rows` whose key appears once, each with the bytes of its last occurrence (one
    /// `INSERT … ON CONFLICT DO UPDATE` cannot touch a row twice).
    private static func lastOfEach<Row, Key: Hashable>(_ rows: [Row], key: KeyPath<Row, Key>) -> [Row] {
        var last: [Key: Int] = [:]
        for (index, row) in rows.enumerated() { last[row[keyPath: key]] = index }
        if last.count == rows.count { return rows }
        return rows.indices.filter { last[rows[$0][keyPath: key]] == $0 }.map { rows[$0] }
    }

    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        switch place {
        case .log(let log): try log.run(query)
        case .transaction(let transaction): try transaction.execute(query)
        }
    }

    /// The `bytes` column of every row of `result`.
    private func bytes(of result: PostgresQueryResult) throws -> [[UInt8]] {
        try result.map { row in
            let buffer = try PostgresEventLog.decode(row, as: ByteBuffer.self, on: address)
            return Array(buffer.readableBytesView)
        }
    }
}
