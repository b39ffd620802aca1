import CSQLite

/// An SQLite call that failed: its result code and SQLite's own (English) message.
struct SQLiteFailure: Error {
    /// The extended result code.
    let code: Int32
    /// SQLite's message.
    let message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The failure `code` of a call on `connection`, with the connection's last message.
    init(code: Int32, connection: OpaquePointer) {
        self.init(code: code, message: Self.message(of: connection))
    }

    /// Whether the file is not a database or is malformed: nothing in it can be trusted.
    var isDamage: Bool { primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB }

    /// The primary result code (`SQLITE_ERROR` for a missing table or column).
    var primaryCode: Int32 { code & 0xFF }

    /// The last error message of a connection.
    static func message(of connection: OpaquePointer) -> String { String(cString: sqlite3_errmsg(connection)) }

    /// The generic text of a result code.
    static func text(of code: Int32) -> String { String(cString: sqlite3_errstr(code)) }
}
