import AAPStorage
import Foundation
import PostgresNIO
import Testing
@testable import AAPPostgres

/// A fresh database on the server named by `AAP_TEST_POSTGRES_URL` (see
/// `scripts/postgres-test-cluster`), created for one test and dropped after it, so that tests run
/// in parallel. Without that variable the tests that need it are skipped.
struct PostgresTestDatabase {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["AAP_TEST_POSTGRES_URL"]
    /// Whether a test server is configured.
    static let available = url != nil
    static let skipNote: Comment = "AAP_TEST_POSTGRES_URL absent : lancez scripts/postgres-test-cluster start"

    let address: PostgresAddress
    let password: String?

    /// Runs `body` with a new database, dropped afterwards whatever happens.
    static func with<T>(_ body: (PostgresTestDatabase) throws -> T) throws -> T {
        let admin = try PostgresAddress(url: try #require(url))
        let password = PostgresPassword.find(for: admin, environment: environment)
        let session = try PostgresSession(address: admin, password: password)
        defer { session.close() }
        let name = "aap_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try session.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        defer { _ = try? session.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")) }
        let address = PostgresAddress(user: admin.user, host: admin.host, port: admin.port, database: name, tls: admin.tls)
        return try body(PostgresTestDatabase(address: address, password: password))
    }

    /// A new connection to the database, its schema created.
    func open(pageSize: Int = 10_000) throws -> PostgresEventLog {
        let log = try PostgresEventLog(address: address, password: password, pageSize: pageSize)
        try log.createSchema()
        return log
    }

    /// A new connection to the database as a store engine, the store created.
    func engine() throws -> PostgresStoreEngine {
        try PostgresStoreEngine.create(log: PostgresEventLog(address: address, password: password))
    }

    /// A new connection to the database's store, already created.
    func openEngine() throws -> PostgresStoreEngine {
        PostgresStoreEngine(log: try open())
    }

    /// A bare session on the database, to play the attacker with SQL.
    func session() throws -> PostgresSession {
        try PostgresSession(address: address, password: password)
    }
}
