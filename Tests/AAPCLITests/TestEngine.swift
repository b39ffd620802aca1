import AAPStorage
import Foundation
import PostgresNIO
import Testing
@testable import AAPPostgres

/// The engine a workspace's store runs on: the same end-to-end tests run against a folder and,
/// when `AAP_TEST_POSTGRES_URL` names a server (see `scripts/postgres-test-cluster`), against a
/// fresh PostgreSQL database.
enum TestEngine: String, Sendable, CustomTestStringConvertible {
    case files
    case postgres

    var testDescription: String { rawValue }

    static let serverURL = ProcessInfo.processInfo.environment["AAP_TEST_POSTGRES_URL"]

    /// Every engine this run can test.
    static var all: [TestEngine] { serverURL == nil ? [.files] : [.files, .postgres] }

    /// A new empty database on the test server; returns its URL and a closure that drops it.
    static func freshDatabase() throws -> (url: String, drop: @Sendable () -> Void) {
        let admin = try PostgresAddress(url: try #require(serverURL))
        let password = PostgresPassword.find(for: admin, environment: ProcessInfo.processInfo.environment)
        let name = "aap_e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let session = try PostgresSession(address: admin, password: password)
        defer { session.close() }
        try session.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        let address = PostgresAddress(user: admin.user, host: admin.host, port: admin.port, database: name, tls: admin.tls)
        return ("postgresql://\(address)", {
            guard let session = try? PostgresSession(address: admin, password: password) else { return }
            _ = try? session.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            session.close()
        })
    }
}
