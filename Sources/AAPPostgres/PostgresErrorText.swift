import AAPStorage
import PostgresNIO

/// Turns what postgres-nio throws into the French one-line ``StorageError/io(_:)`` a person reads.
///
/// PSQLError's own description hides everything on purpose; the useful parts are the server's
/// message and SQLSTATE, or the network error under a failed connection.
enum PostgresErrorText {
    /// The error of a connection to `address` that could not be made.
    static func connecting(to address: PostgresAddress, _ error: any Error) -> StorageError {
        if let storage = error as? StorageError { return storage }
        if let psql = error as? PSQLError, let server = serverText(psql) {
            return .io("Connexion au serveur PostgreSQL \(address) refusée : \(server)")
        }
        if let psql = error as? PSQLError, psql.code == .authMechanismRequiresPassword {
            return .io("Connexion au serveur PostgreSQL \(address) refusée : il demande un mot de passe (PGPASSWORD ou ~/.pgpass)")
        }
        return .io("Le serveur PostgreSQL \(address.host):\(address.port) est injoignable : \(networkText(error))")
    }

    /// The error of a statement run on the connection to `address`.
    static func running(on address: PostgresAddress, _ error: any Error) -> StorageError {
        if let storage = error as? StorageError { return storage }
        if let psql = error as? PSQLError {
            if let server = serverText(psql) { return .io("Erreur du serveur PostgreSQL \(address) : \(server)") }
            if isConnectionLoss(psql) {
                return .io("La connexion au serveur PostgreSQL \(address) a été perdue : \(networkText(psql))")
            }
            return .io("Erreur PostgreSQL sur \(address) : \(codeText(psql.code))")
        }
        return .io("Erreur PostgreSQL sur \(address) : \(networkText(error))")
    }

    /// Whether `error` says the connection closed under a statement.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        guard let psql = error as? PSQLError, serverText(psql) == nil else { return false }
        switch psql.code {
        case .serverClosedConnection, .uncleanShutdown, .connectionError, .clientClosedConnection: return true
        default: return false
        }
    }

    /// A postgres-nio error code in French words (its own names are identifiers).
    static func codeText(_ code: PSQLError.Code) -> String {
        switch code {
        case .serverClosedConnection: return "le serveur a fermé la connexion"
        case .uncleanShutdown: return "connexion coupée sans fin de session"
        case .clientClosedConnection: return "connexion fermée par ce poste"
        case .connectionError: return "erreur réseau"
        case .queryCancelled: return "requête annulée"
        case .tooManyParameters: return "trop de paramètres dans une requête"
        default: return "erreur du client PostgreSQL (\(code))"
        }
    }

    /// The server's message and SQLSTATE, when the server sent an error.
    static func serverText(_ error: PSQLError) -> String? {
        guard let info = error.serverInfo, let message = info[.message] else { return nil }
        return info[.sqlState].map { "\(message) (SQLSTATE \($0))" } ?? message
    }

    /// The network error under `error`, in a few words.
    static func networkText(_ error: any Error) -> String {
        let underlying = (error as? PSQLError)?.underlying ?? error
        let text = String(describing: underlying)
        // NIO words a refused connection "connection reset (error set): Connection refused (errno: 111)".
        if text.contains("refused") || text.contains("ECONNREFUSED") { return "connexion refusée" }
        if text.contains("connection reset") || text.contains("Connection reset") { return "connexion interrompue" }
        if text.contains("timeout") || text.contains("Timeout") { return "délai de connexion dépassé" }
        if text.contains("resolve") || text.contains("NXDOMAIN") || text.contains("getaddrinfo") { return "nom d'hôte inconnu" }
        if let psql = error as? PSQLError, psql.underlying == nil { return codeText(psql.code) }
        return text
    }
}
