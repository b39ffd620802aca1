import AAPDomain
import AAPStorage

/// A command that failed: the exit code of CLI.md and one line of French for stderr.
public struct CLIFailure: Error, Sendable, Equatable {
    public let code: Int32
    public let message: String

    public init(_ code: ExitStatus, _ message: String) {
        self.code = code.rawValue
        self.message = message
    }

    public init(code: Int32, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Maps any error a command can meet to its exit code and message.
    public static func from(_ error: any Error) -> CLIFailure? {
        switch error {
        case let failure as CLIFailure:
            return failure
        case let refusal as Refusal:
            return CLIFailure(ExitStatus(refusal), refusal.message)
        case let batch as BatchRefusal:
            return CLIFailure(ExitStatus(batch.refusal), batch.refusal.message)
        case let storage as StorageError:
            switch storage {
            case .storeMissing, .lockTimeout, .io: return CLIFailure(.io, storage.description)
            case .alreadyExists, .corrupt: return CLIFailure(.data, storage.description)
            }
        case let workflow as WorkflowError:
            return CLIFailure(.data, "Workflow invalide : \(workflow.message)")
        case let value as ValueError:
            return CLIFailure(.data, value.message)
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
}
