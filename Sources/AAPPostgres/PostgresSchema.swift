import AAPStorage
import PostgresNIO

/// The tables of a PostgreSQL store and their version.
///
/// - `aap_schema_version(id, version)`: one row, the version of these tables.
/// - `aap_log(seq, line)`: one row per log line, `line` its exact bytes (without newline), so that
///   the file log and PostgreSQL hold the same bytes and the same head hash.
/// - `aap_head(id, seq, hash, bytes)`: one row, the last line's seq and hash (the anchor, as
///   `head.json` is for files) and the size of the lines; writers lock it to append.
enum PostgresSchema {
    /// The version these tables have; a store with a newer one is refused.
    static let version = 1

    /// The advisory lock key that serialises schema creation (`CREATE TABLE IF NOT EXISTS` run by
    /// two sessions at once can fail).
    static let creationLock = 0x6161_705F_7363_6831

    static let statements: [PostgresQuery] = [
        "CREATE TABLE IF NOT EXISTS aap_schema_version (id smallint PRIMARY KEY CHECK (id = 1), version integer NOT NULL)",
        "CREATE TABLE IF NOT EXISTS aap_log (seq bigint PRIMARY KEY, line bytea NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS aap_head (id smallint PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, \
        hash text NOT NULL, bytes bigint NOT NULL)
        """,
        "INSERT INTO aap_head (id, seq, hash, bytes) VALUES (1, 0, \(LogHead.empty.hash), 0) ON CONFLICT (id) DO NOTHING",
        "INSERT INTO aap_schema_version (id, version) VALUES (1, \(version)) ON CONFLICT (id) DO NOTHING",
    ]

    /// Creates the tables that are missing, in one transaction, and checks the version.
    static func create(on session: PostgresSession) throws {
        try session.run("BEGIN")
        do {
            try session.run("SELECT pg_advisory_xact_lock(\(creationLock))")
            for statement in statements { try session.run(statement) }
            try check(on: session)
            try session.run("COMMIT")
        } catch {
            _ = try? session.run("ROLLBACK")
            throw error
        }
    }

    /// Checks that the tables exist with a version this program knows. Throws
    /// ``StorageError/storeMissing(path:)`` when they do not exist.
    static func check(on session: PostgresSession) throws {
        let exists = try session.run("SELECT to_regclass('aap_schema_version') IS NOT NULL").first?.decode(Bool.self)
        guard exists == true else { throw StorageError.storeMissing(path: session.address.description) }
        let found = try session.run("SELECT version FROM aap_schema_version WHERE id = 1").first?.decode(Int.self)
        guard let found else { throw StorageError.storeMissing(path: session.address.description) }
        if found > version {
            throw StorageError.io(
                "Le magasin PostgreSQL \(session.address) a un schéma en version \(found), plus récente que celle que ce programme connaît (\(version)) : mettez aap à jour"
            )
        }
    }
}
