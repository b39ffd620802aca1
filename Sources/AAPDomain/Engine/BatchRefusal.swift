/// A refusal inside a list of commands: which one (0-based) and why.
public struct BatchRefusal: Error, Sendable, Equatable {
    public let index: Int
    public let refusal: Refusal
    public init(index: Int, refusal: Refusal) { self.index = index; self.refusal = refusal }
}
