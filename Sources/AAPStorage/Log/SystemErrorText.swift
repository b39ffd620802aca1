#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// French wording for the `errno` values a person may meet when the store is on a bad disk.
enum SystemErrorText {
    /// A short French phrase for `code`.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "plus d'espace sur le disque"
        case EDQUOT: "quota de disque dépassé"
        case EACCES, EPERM: "permission refusée"
        case EROFS: "système de fichiers en lecture seule"
        case ENOENT: "fichier ou dossier introuvable"
        case ENOTDIR: "un élément du chemin n'est pas un dossier"
        case EISDIR: "c'est un dossier"
        case EEXIST: "le fichier existe déjà"
        case EIO: "erreur d'entrée-sortie du disque"
        case EMFILE, ENFILE: "trop de fichiers ouverts"
        case EFBIG: "fichier trop grand"
        case ENAMETOOLONG: "chemin trop long"
        case ELOOP: "trop de liens symboliques"
        case ENOLCK: "verrouillage non pris en charge par ce système de fichiers"
        default: "erreur système \(code)"
        }
    }
}
