import AAPStorage
import Foundation
import Testing
@testable import AAPPostgres

@Suite("PostgreSQL addresses, passwords and an unreachable server (no server needed)")
struct PostgresAddressTests {
    @Test func anAddressIsReadWithItsDefaults() throws {
        #expect(try PostgresAddress(url: "postgresql://clerk@db.example.fr:6543/aap_occitanie")
            == PostgresAddress(user: "clerk", host: "db.example.fr", port: 6543, database: "aap_occitanie", tls: .prefer))
        #expect(try PostgresAddress(url: "postgres://clerk@127.0.0.1")
            == PostgresAddress(user: "clerk", host: "127.0.0.1", port: 5432, database: "clerk", tls: .disable))
        #expect(try PostgresAddress(url: "postgresql://clerk@[::1]:5433/aap?sslmode=require")
            == PostgresAddress(user: "clerk", host: "::1", port: 5433, database: "aap", tls: .require))
        #expect(try PostgresAddress(url: "postgresql://clerk@[::1]:5433/aap").description == "clerk@[::1]:5433/aap")
        #expect(PostgresAddress.isPostgresURL("postgresql://a@b"))
        #expect(!PostgresAddress.isPostgresURL("./Storage"))
    }

    @Test func aPasswordInTheAddressIsRefused() {
        #expect(throws: StorageError.io("L'adresse PostgreSQL ne doit pas contenir de mot de passe : donnez-le par PGPASSWORD ou ~/.pgpass")) {
            try PostgresAddress(url: "postgresql://clerk:secret@127.0.0.1/aap")
        }
        #expect(throws: StorageError.self) { try PostgresAddress(url: "postgresql://127.0.0.1/aap") }
        #expect(throws: StorageError.self) { try PostgresAddress(url: "postgresql://clerk@127.0.0.1/aap?sslmode=maybe") }
    }

    @Test func thePasswordFileIsMatchedAsLibpqDoes() throws {
        let address = PostgresAddress(user: "clerk", host: "127.0.0.1", port: 54329, database: "aap")
        let text = """
        # comment
        127.0.0.1:5432:*:clerk:wrong-port
        127.0.0.1:54329:other:clerk:wrong-database
        127.0.0.1:*:aap:clerk:se\\:cr\\\\et:with-colon
        *:*:*:*:fallback
        """
        #expect(PostgresPassword.match(address, in: text) == "se:cr\\et:with-colon")
        #expect(PostgresPassword.match(PostgresAddress(user: "other", host: "h", database: "d"), in: text) == "fallback")
        #expect(PostgresPassword.match(address, in: "127.0.0.1:5432:*:clerk:x") == nil)
    }

    @Test func thePasswordComesFromTheEnvironmentThenTheFile() throws {
        let address = PostgresAddress(user: "clerk", host: "127.0.0.1", port: 54329, database: "aap")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "127.0.0.1:54329:aap:clerk:from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(PostgresPassword.find(for: address, environment: ["PGPASSWORD": "from-env", "PGPASSFILE": path]) == "from-env")
        #expect(PostgresPassword.find(for: address, environment: ["PGPASSFILE": path]) == "from-file")
        // A file that others may read is ignored, as libpq does.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(PostgresPassword.find(for: address, environment: ["PGPASSFILE": path]) == nil)
        #expect(PostgresPassword.find(for: address, environment: ["HOME": "/nonexistent"]) == nil)
    }

    @Test func anUnreachableServerGivesOneFrenchLine() {
        let address = PostgresAddress(user: "clerk", host: "127.0.0.1", port: 1, database: "aap")
        #expect(throws: StorageError.io("Le serveur PostgreSQL 127.0.0.1:1 est injoignable : connexion refusée")) {
            try PostgresEventLog(address: address, password: nil)
        }
    }
}
