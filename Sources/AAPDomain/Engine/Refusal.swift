/// Why `decide` refused a command: one French line for people, a code for programs.
public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The family of refusal, which the CLI maps to an exit code.
    public enum Kind: Sendable, Equatable {
        /// A workflow rule or a state forbids it (exit 1).
        case rule
        /// The actor may not do it (exit 1).
        case permission
        /// The case moved since the caller looked at it (exit 1).
        case stale
        /// The input is invalid or names something unknown (exit 65).
        case invalid
    }

    public let kind: Kind
    /// A stable, matchable code: `state`, `role`, `rule.within_envelope`, `field.missing`, …
    public let code: String
    public let message: String
    /// The actions the actor may take now (for refusals on a case or call).
    public let allowedActions: [String]

    public init(_ kind: Kind, code: String, _ message: String, allowedActions: [String] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.allowedActions = allowedActions
    }

    public var description: String { message }

    static func invalid(_ code: String, _ message: String) -> Refusal { Refusal(.invalid, code: code, message) }
    static func invalid(_ error: ValueError) -> Refusal { Refusal(.invalid, code: error.code, error.message) }
}
