/// What deciding a list of commands gave: the accepted commands and the refused ones, in order.
public struct Decisions: Sendable, Equatable {
    public var accepted: [Decision] = []
    public var refusals: [BatchRefusal] = []
    public init() {}

    /// What to do with the commands after a refused one.
    public enum AfterRefusal: Sendable, Equatable {
        /// Decide none of them (an all-or-nothing write).
        case stop
        /// Decide them on the state without the refused one (a dry run listing every problem).
        case skip
    }
}
