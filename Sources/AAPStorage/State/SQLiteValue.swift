import CSQLite

/// A value bound to a statement's parameter.
enum SQLiteValue {
    case integer(Int)
    case text(String)
    case blob([UInt8])
    case null

    /// Binds the value to parameter `index` (from 1); SQLite copies the bytes.
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch self {
        case .integer(let value):
            return sqlite3_bind_int64(statement, index, sqlite3_int64(value))
        case .text(let value):
            return sqlite3_bind_text(statement, index, value, -1, aap_sqlite_transient())
        case .blob(let bytes):
            // A zero-length blob has no base address: bound as an empty blob, not as NULL.
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(statement, index, 0) }
            return bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), aap_sqlite_transient())
            }
        case .null:
            return sqlite3_bind_null(statement, index)
        }
    }
}
