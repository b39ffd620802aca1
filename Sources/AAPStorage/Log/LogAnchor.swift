/// What an engine keeps beside its lines to name the last one (`head.json` for the file log),
/// checked by ``LogCursor`` after the last line: a removed or altered last line is seen there.
public enum LogAnchor: Sendable, Equatable {
    /// No anchor (a log without events, or one written before its first append).
    case absent
    /// A well-formed anchor.
    case valid(LogHead)
    /// An anchor that cannot be read; the French reason says why.
    case unreadable(String)

    /// The anchor, when there is a valid one.
    public var head: LogHead? {
        if case .valid(let head) = self { return head }
        return nil
    }
}
