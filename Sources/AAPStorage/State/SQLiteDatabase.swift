import CSQLite

/// One connection to an SQLite database file: statements prepared once and reused, writes in
/// transactions, every failure a ``SQLiteFailure``.
///
/// Used by one thread at a time (the connection is opened without SQLite's own mutex).
final class SQLiteDatabase {
    /// The database file.
    let path: String
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    /// Opens `path`, creating an empty database when absent. A file that is not a database is
    /// only noticed by the first statement that reads it (``SQLiteFailure/isDamage``).
    init(path: String, busyTimeoutMilliseconds: Int32) throws(SQLiteFailure) {
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let failure = SQLiteFailure(code: code, message: opened.map(SQLiteFailure.message) ?? SQLiteFailure.text(of: code))
            sqlite3_close_v2(opened)
            throw failure
        }
        self.path = path
        self.handle = opened
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
    }

    deinit {
        close()
    }

    /// Finalizes the statements and closes the connection; later calls fail with `SQLITE_MISUSE`.
    func close() {
        for statement in statements.values {
            sqlite3_finalize(statement)
        }
        statements = [:]
        sqlite3_close_v2(handle)
        handle = nil
    }

    /// Runs `sql` (one statement) with `arguments`, calling `row` for each row it returns.
    func query(_ sql: String, _ arguments: [SQLiteValue] = [],
               row: (SQLiteRow) throws(SQLiteFailure) -> Void) throws(SQLiteFailure) {
        let (connection, statement) = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, argument) in arguments.enumerated() {
            let code = argument.bind(to: statement, at: Int32(index + 1))
            guard code == SQLITE_OK else { throw SQLiteFailure(code: code, connection: connection) }
        }
        while true {
            let code = sqlite3_step(statement)
            switch code {
            case SQLITE_ROW:
                try row(SQLiteRow(statement: statement))
            case SQLITE_DONE:
                return
            default:
                throw SQLiteFailure(code: code, connection: connection)
            }
        }
    }

    /// Runs `sql` (one statement) with `arguments`, ignoring any row it returns.
    func execute(_ sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteFailure) {
        try query(sql, arguments) { _ in }
    }

    /// What `read` makes of the first row `sql` returns, nil when it returns none.
    func firstRow<T>(_ sql: String, _ arguments: [SQLiteValue] = [],
                     _ read: (SQLiteRow) -> T) throws(SQLiteFailure) -> T? {
        var found: T?
        try query(sql, arguments) { row in
            if found == nil { found = read(row) }
        }
        return found
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`, so that it waits for another
    /// writer up to the busy timeout rather than failing half-way), committed when `body` returns
    /// and rolled back when it throws or the commit fails.
    func writeTransaction<T>(_ body: () throws(SQLiteFailure) -> T) throws(SQLiteFailure) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if let handle, sqlite3_get_autocommit(handle) == 0 {
                _ = try? execute("ROLLBACK")
            }
            throw error
        }
    }

    private func prepared(_ sql: String) throws(SQLiteFailure) -> (connection: OpaquePointer, statement: OpaquePointer) {
        guard let handle else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "connexion fermée") }
        if let statement = statements[sql] { return (handle, statement) }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteFailure(code: code, connection: handle)
        }
        statements[sql] = statement
        return (handle, statement)
    }
}
