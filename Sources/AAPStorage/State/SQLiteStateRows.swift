#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AAPDomain
import CSQLite

/// State rows in one SQLite database beside the file log, `D/state/cache.sqlite`: the embedded
/// engine's read cache.
///
/// Tables: `meta` (the format and the line reflected, one row), `global` (one row), `calls` (one
/// row per call, by id), `cases` (one row per case, keyed by call and number, so that the cases
/// of a call are one range of the key) and `refs` (one row per external reference, the id of its
/// case; format 2). A write is one transaction: every row of an update and
/// the head it reflects, or nothing.
///
/// The journal is a write-ahead log: several processes read while one writes, and a reader sees
/// the last committed write. Writes are not synced to the disk one by one (`synchronous=NORMAL`):
/// after a power loss the cache may lack its last writes, but never holds a write in part, and the
/// store finds an older reflected head and catches up from the log. A database of another format
/// is emptied when opened. A file that is not a database, or is malformed, is deleted and
/// recreated empty by ``open(path:)``; damage found later makes the read or write throw, and the
/// file is recreated empty at once, so that the next read finds no reflected head and the store
/// rebuilds the rows (a rebuild, which replaces every row, is retried once on the new file).
public final class SQLiteStateRows: StateRows {
    /// The format of the tables; a database of another format is emptied when opened.
    public static let format = 2
    /// How long a statement waits for another process's write before failing.
    static let busyTimeoutMilliseconds: Int32 = 5_000

    /// The database file.
    public let path: String
    private var database: SQLiteDatabase

    private init(path: String, database: SQLiteDatabase) {
        self.path = path
        self.database = database
    }

    /// `D/state/cache.sqlite` for the store at `storeDirectory`.
    public static func path(ofStore storeDirectory: String) -> String {
        StorePaths(directory: storeDirectory).directory + "/state/cache.sqlite"
    }

    /// Opens the cache of the store at `storeDirectory`, creating `D/state/` and the database
    /// when absent.
    public static func open(storeDirectory: String) throws -> SQLiteStateRows {
        let path = path(ofStore: storeDirectory)
        try SystemFiles.makeDirectories(SystemFiles.parentDirectory(of: path))
        return try open(path: path)
    }

    /// Opens the database at `path` (its folder must exist), creating it and its tables when
    /// absent, emptying one of another format and recreating a damaged one.
    public static func open(path: String) throws -> SQLiteStateRows {
        do {
            return SQLiteStateRows(path: path, database: try connect(path))
        } catch {
            throw storageError(error, path: path, action: "d'ouvrir")
        }
    }

    public func reflectedHead() throws -> LogHead? {
        try reading { () throws(SQLiteFailure) in
            try database.firstRow("SELECT head_seq, head_hash FROM meta") { row -> LogHead? in
                guard !row.isNull(0), let hash = row.text(1) else { return nil }
                return LogHead(seq: row.integer(0), hash: hash)
            } ?? nil
        }
    }

    public func globalRow() throws -> [UInt8]? {
        try reading { () throws(SQLiteFailure) in try database.firstRow("SELECT bytes FROM global") { $0.blob(0) } }
    }

    public func callRow(_ id: CallID) throws -> [UInt8]? {
        try reading { () throws(SQLiteFailure) in try database.firstRow("SELECT bytes FROM calls WHERE id = ?", [.text(id.value)]) { $0.blob(0) } }
    }

    public func caseRow(_ id: CaseID) throws -> [UInt8]? {
        try reading { () throws(SQLiteFailure) in
            try database.firstRow(
                "SELECT bytes FROM cases WHERE call = ? AND number = ?",
                [.text(id.callID.value), .integer(id.number)]
            ) { $0.blob(0) }
        }
    }

    public func caseRows(of call: CallID) throws -> [[UInt8]] {
        try reading { () throws(SQLiteFailure) in
            var rows: [[UInt8]] = []
            try database.query("SELECT bytes FROM cases WHERE call = ? ORDER BY number", [.text(call.value)]) { row in
                rows.append(row.blob(0))
            }
            return rows
        }
    }

    public func caseID(forReference reference: String) throws -> String? {
        try reading { () throws(SQLiteFailure) in
            try database.firstRow("SELECT case_id FROM refs WHERE reference = ?", [.text(reference)]) { $0.text(0) } ?? nil
        }
    }

    public func write(_ update: StateRowUpdate) throws {
        do {
            try store(update)
        } catch where error.isDamage && update.replacesAll {
            try recreate(action: "d'écrire")
            do {
                try store(update)
            } catch {
                throw Self.storageError(error, path: path, action: "d'écrire")
            }
        } catch {
            throw try recreateIfDamaged(after: error, action: "d'écrire")
        }
    }

    // MARK: - Writing

    private func store(_ update: StateRowUpdate) throws(SQLiteFailure) {
        try database.writeTransaction { () throws(SQLiteFailure) in
            if update.replacesAll {
                try database.execute("DELETE FROM global")
                try database.execute("DELETE FROM calls")
                try database.execute("DELETE FROM cases")
                try database.execute("DELETE FROM refs")
            }
            if let bytes = update.global {
                try database.execute(
                    "INSERT INTO global(singleton, bytes) VALUES (1, ?) ON CONFLICT(singleton) DO UPDATE SET bytes = excluded.bytes",
                    [.blob(bytes)]
                )
            }
            for row in update.calls {
                try database.execute(
                    "INSERT INTO calls(id, bytes) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET bytes = excluded.bytes",
                    [.text(row.id.value), .blob(row.bytes)]
                )
            }
            for row in update.cases {
                try database.execute(
                    "INSERT INTO cases(call, number, bytes) VALUES (?, ?, ?) ON CONFLICT(call, number) DO UPDATE SET bytes = excluded.bytes",
                    [.text(row.id.callID.value), .integer(row.id.number), .blob(row.bytes)]
                )
            }
            for row in update.references {
                try database.execute(
                    "INSERT INTO refs(reference, case_id) VALUES (?, ?) ON CONFLICT(reference) DO UPDATE SET case_id = excluded.case_id",
                    [.text(row.reference), .text(row.caseID.value)]
                )
            }
            try database.execute(
                "UPDATE meta SET head_seq = ?, head_hash = ?",
                [.integer(update.head.seq), .text(update.head.hash)]
            )
        }
    }

    // MARK: - Opening, format and damage

    /// Opens a connection with the cache's settings and the tables of this format, deleting and
    /// recreating the file once if it is damaged.
    private static func connect(_ path: String) throws(SQLiteFailure) -> SQLiteDatabase {
        do {
            return try prepareConnection(path)
        } catch let failure where failure.isDamage {
            removeFiles(path)
            return try prepareConnection(path)
        }
    }

    private static func prepareConnection(_ path: String) throws(SQLiteFailure) -> SQLiteDatabase {
        let database = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        try database.execute("PRAGMA journal_mode = WAL")
        try database.execute("PRAGMA synchronous = NORMAL")
        try makeTables(database)
        return database
    }

    /// Creates the tables when the database has no `meta` of this format, dropping whatever
    /// else it holds.
    private static func makeTables(_ database: SQLiteDatabase) throws(SQLiteFailure) {
        if try storedFormat(database) == format { return }
        try database.writeTransaction { () throws(SQLiteFailure) in
            // Another process may have made them while this one waited for the lock.
            if try storedFormat(database) == format { return }
            var objects: [(type: String, name: String)] = []
            try database.query("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'") { row in
                objects.append((row.text(0) ?? "", row.text(1) ?? ""))
            }
            for object in objects {
                let quoted = "\"" + object.name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                try database.execute("DROP \(object.type == "view" ? "VIEW" : "TABLE") IF EXISTS \(quoted)")
            }
            try database.execute("CREATE TABLE meta(singleton INTEGER PRIMARY KEY CHECK (singleton = 1), format INTEGER NOT NULL, head_seq INTEGER, head_hash TEXT)")
            try database.execute("CREATE TABLE global(singleton INTEGER PRIMARY KEY CHECK (singleton = 1), bytes BLOB NOT NULL)")
            try database.execute("CREATE TABLE calls(id TEXT PRIMARY KEY, bytes BLOB NOT NULL)")
            try database.execute("CREATE TABLE cases(call TEXT NOT NULL, number INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (call, number))")
            try database.execute("CREATE TABLE refs(reference TEXT PRIMARY KEY, case_id TEXT NOT NULL)")
            try database.execute("INSERT INTO meta(singleton, format) VALUES (1, ?)", [.integer(format)])
        }
    }

    /// The format in `meta`, nil when there is no such table or column (an empty database, or
    /// one of an unknown layout).
    private static func storedFormat(_ database: SQLiteDatabase) throws(SQLiteFailure) -> Int? {
        let hasMeta = try database.firstRow("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'") { _ in true } ?? false
        guard hasMeta else { return nil }
        do {
            return try database.firstRow("SELECT format FROM meta") { $0.isNull(0) ? nil : $0.integer(0) } ?? nil
        } catch where error.primaryCode == SQLITE_ERROR {
            return nil
        }
    }

    /// Deletes the database and its write-ahead log and shared-memory files.
    private static func removeFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] {
            unlink(path + suffix)
        }
    }

    /// Runs a read, turning a failure into ``StorageError/io(_:)``; on damage the file is
    /// recreated empty first.
    private func reading<T>(_ body: () throws(SQLiteFailure) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw try recreateIfDamaged(after: error, action: "de lire")
        }
    }

    /// The error to throw for `failure`, after recreating the database empty when it is damaged.
    private func recreateIfDamaged(after failure: SQLiteFailure, action: String) throws -> StorageError {
        guard failure.isDamage else { return Self.storageError(failure, path: path, action: action) }
        try recreate(action: action)
        return .io("Le cache d'état « \(path) » était endommagé (\(failure.message)) : il a été recréé vide et sera reconstruit depuis le journal ; relancez la commande")
    }

    /// Closes and deletes the damaged database and opens a new, empty one in its place.
    private func recreate(action: String) throws {
        database.close()
        Self.removeFiles(path)
        do {
            database = try Self.prepareConnection(path)
        } catch {
            throw Self.storageError(error, path: path, action: action)
        }
    }

    private static func storageError(_ failure: SQLiteFailure, path: String, action: String) -> StorageError {
        .io("Impossible \(action) le cache d'état « \(path) » : \(failure.message) (SQLite \(failure.code))")
    }
}
