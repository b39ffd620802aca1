/// A workflow file that cannot be used, with the first problem found, in French.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
