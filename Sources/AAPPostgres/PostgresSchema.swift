import AAPStorage
import PostgresNIO

/// The tables of a PostgreSQL store and their version.
///
/// - `aap_schema_version(id, version)`: one row, the version of these tables.
/// - `aap_log(seq, line)`: one row per log line, `line` its exact bytes (without newline), so that
///   the file log and PostgreSQL hold the same bytes and the same head hash.
/// - `aap_head(id, seq, hash, bytes)`: one row, the last line's seq and hash (the anchor, as
///   `head.json` is for files) and the size of the lines; writers lock it to append.
/// - The state rows (``PostgresStateRows``), written in the same transaction as the lines they
///   reflect: `aap_state_head(id, seq, hash)` (the line they reflect, absent before the first
///   write), `aap_state_global(id, bytes)`, `aap_state_calls(id, bytes)`,
///   `aap_state_cases(call, number, bytes)` and `aap_state_references(reference, case_id)` (the
///   case holding each external reference, `DS-123456`).
///
/// Version 1 had only the log, version 2 no `aap_state_references`; ``create(on:)`` adds the
/// missing tables, empties the state head of an older store (its rows are then rebuilt from the
/// log at the next command, references included) and moves it to version 3, and ``check(on:)``
/// refuses an older store with a message that says so. A store of version 2 is upgraded by the
/// first command that opens it (``PostgresStoreEngine/exists()``): only a cache table is added.
enum PostgresSchema {
    /// The version these tables have; a store with a newer one is refused.
    static let version = 3
    /// The older version that opening a store upgrades without `aap init`.
    static let upgradedInPlace = 2

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
        "CREATE TABLE IF NOT EXISTS aap_state_head (id smallint PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL)",
        "CREATE TABLE IF NOT EXISTS aap_state_global (id smallint PRIMARY KEY CHECK (id = 1), bytes bytea NOT NULL)",
        "CREATE TABLE IF NOT EXISTS aap_state_calls (id text PRIMARY KEY, bytes bytea NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS aap_state_cases (call text NOT NULL, number integer NOT NULL, bytes bytea NOT NULL, \
        PRIMARY KEY (call, number))
        """,
        "CREATE TABLE IF NOT EXISTS aap_state_references (reference text PRIMARY KEY, case_id text NOT NULL)",
        // The rows of an older store lack the references: they are rebuilt from the log.
        "DELETE FROM aap_state_head WHERE EXISTS (SELECT 1 FROM aap_schema_version WHERE id = 1 AND version < 3)",
        "INSERT INTO aap_schema_version (id, version) VALUES (1, \(version)) ON CONFLICT (id) DO NOTHING",
        // An older store gets the tables above and this version.
        "UPDATE aap_schema_version SET version = \(version) WHERE id = 1 AND version < \(version)",
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

    /// The version of the tables, nil when there are none.
    static func foundVersion(on session: PostgresSession) throws -> Int? {
        let exists = try session.run("SELECT to_regclass('aap_schema_version') IS NOT NULL").first?.decode(Bool.self)
        guard exists == true else { return nil }
        return try session.run("SELECT version FROM aap_schema_version WHERE id = 1").first?.decode(Int.self)
    }

    /// Checks that the tables exist in the version this program reads. Throws
    /// ``StorageError/storeMissing(path:)`` when they do not exist, ``StorageError/io(_:)`` when
    /// their version is another one.
    static func check(on session: PostgresSession) throws {
        guard let found = try foundVersion(on: session) else {
            throw StorageError.storeMissing(path: session.address.description)
        }
        if found > version {
            throw StorageError.io(
                "Le magasin PostgreSQL \(session.address) a un schéma en version \(found), plus récente que celle que ce programme connaît (\(version)) : mettez aap à jour"
            )
        }
        if found < version {
            throw StorageError.io(
                "Le magasin PostgreSQL \(session.address) a un schéma en version \(found), plus ancienne que celle de ce programme (\(version)) : lancez « aap init » pour le mettre à jour"
            )
        }
    }
}
