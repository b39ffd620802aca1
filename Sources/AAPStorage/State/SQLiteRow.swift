import CSQLite

/// The current row of a statement being stepped; valid only inside the `query` callback.
struct SQLiteRow {
    let statement: OpaquePointer

    /// Whether column `index` (from 0) is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    /// Column `index` as an integer.
    func integer(_ index: Int32) -> Int { Int(sqlite3_column_int64(statement, index)) }

    /// Column `index` as text, nil when NULL.
    func text(_ index: Int32) -> String? {
        guard let characters = sqlite3_column_text(statement, index) else { return nil }
        return String(cString: characters)
    }

    /// Column `index` as bytes (empty when NULL or zero-length).
    func blob(_ index: Int32) -> [UInt8] {
        guard let base = sqlite3_column_blob(statement, index) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, index))
        return Array(UnsafeRawBufferPointer(start: base, count: count))
    }
}
