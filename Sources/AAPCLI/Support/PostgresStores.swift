import AAPStorage
import Foundation

/// Opens PostgreSQL stores for the command line (the password from `PGPASSWORD` or `~/.pgpass`).
enum PostgresStores {
    static func engine(url: String) throws -> any StoreEngine {
        throw CLIFailure(.io, "Magasin PostgreSQL « \(url) » : moteur pas encore branché dans cette version")
    }

    static func create(url: String) throws -> any StoreEngine {
        throw CLIFailure(.io, "Magasin PostgreSQL « \(url) » : moteur pas encore branché dans cette version")
    }
}
