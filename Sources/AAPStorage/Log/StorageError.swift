/// Why the event log could not be opened, read or written.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store directory, or its `log/` folder, does not exist.
    case storeMissing(path: String)
    /// `create` found a store that already holds segments.
    case alreadyExists(path: String)
    /// Another writer kept the lock for longer than the timeout.
    case lockTimeout(path: String)
    /// The bytes of the log break the chain or the line format.
    case corrupt(ChainProblem)
    /// A system call failed, or a record could not be written; the text is French, one line.
    case io(String)

    /// A one-line French message for a person.
    public var description: String {
        switch self {
        case .storeMissing(let path):
            "Le magasin « \(path) » n'existe pas : lancez d'abord « aap init »"
        case .alreadyExists(let path):
            "Le magasin « \(path) » existe déjà et contient des événements : rien n'a été modifié"
        case .lockTimeout(let path):
            "Le magasin « \(path) » est verrouillé par une autre commande en cours : réessayez dans un instant"
        case .corrupt(let problem):
            problem.description
        case .io(let message):
            message
        }
    }
}
