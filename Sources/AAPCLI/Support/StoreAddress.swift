import AAPStorage
import Foundation

/// Where a store is, as `--store` or `AAP_STORE` give it: a folder on this desk (the embedded
/// engine), or a PostgreSQL address `postgresql://user@host:port/database` shared by a team.
enum StoreAddress: Equatable {
    case folder(String)
    case postgres(String)

    init(_ text: String) {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            self = .postgres(text)
        } else {
            self = .folder(text)
        }
    }

    /// Whether several people share the store from their own desks: each then holds only their
    /// own private key (see `aap key new`).
    var isShared: Bool {
        switch self {
        case .folder: false
        case .postgres: true
        }
    }

    /// How the store is named in messages (a PostgreSQL address never carries a password).
    var text: String {
        switch self {
        case .folder(let path): path
        case .postgres(let url): url
        }
    }

    /// The store at this address (nothing is read or created yet).
    func open(lockTimeout: Double) throws -> Store {
        switch self {
        case .folder(let path):
            return Store(directory: path, lockTimeoutSeconds: lockTimeout)
        case .postgres(let url):
            return Store(engine: try PostgresStores.engine(url: url))
        }
    }

    /// Creates an empty store at this address; refuses when one is there.
    func create() throws -> Store {
        switch self {
        case .folder(let path):
            return try Store.create(directory: path)
        case .postgres(let url):
            return Store(engine: try PostgresStores.create(url: url))
        }
    }

    /// Where signed checkpoints of this store are written: the store's `checkpoints/` folder, or
    /// for a shared store, `~/.aap/checkpoints/<user>_<host>_<port>_<db>/` on this desk (the address
    /// after `postgresql://`, every character but letters, digits, `.`, `-` and `_` made `_`).
    var checkpointFolder: String {
        switch self {
        case .folder(let path):
            return (path as NSString).appendingPathComponent("checkpoints")
        case .postgres(let url):
            let name = url.drop(while: { $0 != "/" }).drop(while: { $0 == "/" })
            let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
            return (GlobalOptions.homeDirectory as NSString).appendingPathComponent(".aap/checkpoints/" + safe)
        }
    }
}
