import AAPStorage
import Foundation

/// Where a PostgreSQL store lives: `postgresql://user@host:port/database`, never with a password
/// (it comes from `PGPASSWORD` or `~/.pgpass`, see ``PostgresPassword``).
///
/// The port defaults to 5432 and the database to the user's name, as with `psql`. One query item
/// is understood, `sslmode` (`disable`, `prefer`, `require`, `verify-full`); without it, TLS is
/// off on a loopback host and preferred elsewhere.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS.
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, its certificate not checked (libpq's `prefer`).
        case prefer
        /// TLS always, its certificate not checked (libpq's `require`).
        case require
        /// TLS always, the certificate checked against the system's authorities and the host name.
        case verifyFull = "verify-full"
    }

    /// The role to log in as.
    public let user: String
    /// The server's host name or address (without brackets for IPv6).
    public let host: String
    /// The server's TCP port.
    public let port: Int
    /// The database that holds the store.
    public let database: String
    /// How the connection uses TLS.
    public let tls: TLSMode

    /// Makes an address from its parts.
    public init(user: String, host: String, port: Int = 5432, database: String, tls: TLSMode = .disable) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// Whether `text` names a PostgreSQL store (`postgresql://` or `postgres://`) rather than a folder.
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a `postgresql://user@host[:port][/database][?sslmode=…]` address. Refuses an address
    /// with a password, or without a user or a host, with a French one-line reason
    /// (``StorageError/io(_:)``).
    public init(url text: String) throws {
        guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw StorageError.io("Adresse PostgreSQL illisible : attendu postgresql://utilisateur@hôte:port/base")
        }
        if components.password != nil {
            throw StorageError.io(
                "L'adresse PostgreSQL ne doit pas contenir de mot de passe : donnez-le par PGPASSWORD ou ~/.pgpass"
            )
        }
        guard let user = components.user, !user.isEmpty else {
            throw StorageError.io("Adresse PostgreSQL sans utilisateur : attendu postgresql://utilisateur@hôte:port/base")
        }
        guard let host = components.host, !host.isEmpty else {
            throw StorageError.io("Adresse PostgreSQL sans hôte : attendu postgresql://utilisateur@hôte:port/base")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let loopback = ["localhost", "127.0.0.1", "::1"].contains(host) || host.hasPrefix("127.")
        var tls: TLSMode = loopback ? .disable : .prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw StorageError.io("Option d'adresse PostgreSQL inconnue : « \(item.name) » (seule sslmode est comprise)")
            }
            guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                throw StorageError.io("sslmode inconnu : « \(item.value ?? "") » (disable, prefer, require ou verify-full)")
            }
            tls = mode
        }
        self.init(
            user: components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user,
            host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host,
            port: components.port ?? 5432,
            database: path.isEmpty ? user : (path.removingPercentEncoding ?? path),
            tls: tls
        )
    }

    /// `user@host:port/database`, for messages (there is never a password to hide).
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(user)@\(shownHost):\(port)/\(database)"
    }
}
