import AAPDomain
import AAPStorage

/// A command that failed: the exit code of CLI.md, a matchable code and one line of French for stderr.
///
/// Commands throw whatever their layer throws (``Refusal``, ``ValueError``, ``StorageError``,
/// ``WorkflowError``…); ``from(_:)`` maps them once, at the root (``AapMain/run(_:)``).
public struct CLIFailure: Error, Sendable, Equatable {
    /// The process exit code.
    public let code: Int32
    /// A stable code for programs: the refusal's or the value's code (`rule.within_envelope`,
    /// `value.siret`), `usage`, `storage.missing`, `log.corrupt`…
    public let errorCode: String
    public let message: String

    public init(_ code: ExitStatus, errorCode: String? = nil, _ message: String) {
        self.code = code.rawValue
        self.errorCode = errorCode ?? code.defaultErrorCode
        self.message = message
    }

    public init(code: Int32, errorCode: String, _ message: String) {
        self.code = code
        self.errorCode = errorCode
        self.message = message
    }

    /// The same failure with its message prefixed (`Ligne 3 : …`).
    func prefixed(_ prefix: String) -> CLIFailure {
        CLIFailure(code: code, errorCode: errorCode, prefix + message)
    }

    /// Maps any error a command can meet to its exit code, code and message; nil for the
    /// argument parser's own errors (usage, help), which ``AapMain`` renders.
    public static func from(_ error: any Error) -> CLIFailure? {
        switch error {
        case let failure as CLIFailure:
            return failure
        case let refusal as Refusal:
            return CLIFailure(ExitStatus(refusal), errorCode: refusal.code, refusal.message)
        case let batch as BatchRefusal:
            return CLIFailure(ExitStatus(batch.refusal), errorCode: batch.refusal.code, batch.refusal.message)
        case let storage as StorageError:
            switch storage {
            case .storeMissing: return CLIFailure(.io, errorCode: "storage.missing", storage.description)
            case .lockTimeout: return CLIFailure(.io, errorCode: "storage.locked", storage.description)
            case .io: return CLIFailure(.io, errorCode: "storage.io", storage.description)
            case .alreadyExists: return CLIFailure(.data, errorCode: "storage.exists", storage.description)
            case .corrupt: return CLIFailure(.data, errorCode: "log.corrupt", storage.description)
            }
        case let workflow as WorkflowError:
            return CLIFailure(.data, errorCode: "workflow.invalid", "Workflow invalide : \(workflow.message)")
        case let value as ValueError:
            return CLIFailure(.data, errorCode: value.code, value.message)
        default:
            return nil
        }
    }
}

/// The exit codes of the command-line contract.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// Refused by a workflow rule or a permission.
    case refused = 1
    /// Bad usage (unknown command, missing option).
    case usage = 64
    /// Bad data (invalid value, unknown case, invalid workflow file, corrupt log).
    case data = 65
    /// I/O (store missing or unwritable, lock not obtained in time, disk full).
    case io = 74

    init(_ refusal: Refusal) {
        switch refusal.kind {
        case .rule, .permission, .stale: self = .refused
        case .invalid: self = .data
        }
    }

    /// The code of a failure that names none of its own.
    var defaultErrorCode: String {
        switch self {
        case .success: "ok"
        case .refused: "refused"
        case .usage: "usage"
        case .data: "data"
        case .io: "io"
        }
    }
}
