/// What a workflow moves: a call for projects, or the cases submitted to one.
public enum WorkflowKind: String, Sendable, Codable, CaseIterable {
    case call
    case `case`
}

/// A workflow pinned at one version, as calls and cases record it.
public struct WorkflowRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public let id: String
    public let version: Int
    public init(id: String, version: Int) { self.id = id; self.version = version }
    public var description: String { "\(id) v\(version)" }
}
