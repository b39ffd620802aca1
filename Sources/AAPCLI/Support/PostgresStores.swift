import AAPPostgres
import AAPStorage
import Foundation

/// Opens PostgreSQL stores for the command line: the password comes from `PGPASSWORD`,
/// `PGPASSFILE` or `~/.pgpass`, never from the command line.
enum PostgresStores {
    static func engine(url: String) throws -> any StoreEngine {
        try refusePassword(in: url)
        return try PostgresStoreEngine(url: url, environment: ProcessInfo.processInfo.environment)
    }

    static func create(url: String) throws -> any StoreEngine {
        try refusePassword(in: url)
        return try PostgresStoreEngine.create(url: url, environment: ProcessInfo.processInfo.environment)
    }

    /// A password written in the address would show in the shell history and in `ps`.
    private static func refusePassword(in url: String) throws {
        let authority = url.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" })
        guard let at = authority.lastIndex(of: "@"), authority[authority.startIndex..<at].contains(":") else { return }
        throw CLIFailure(.usage, "Mot de passe refusé dans l'adresse du magasin : donnez-le par PGPASSWORD ou ~/.pgpass, jamais sur la ligne de commande")
    }
}
