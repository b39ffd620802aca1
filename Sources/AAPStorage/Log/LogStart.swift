/// Where a ``LogCursor`` starts: the beginning of the log, or just after a line already known by
/// its seq and hash (a state cache's last line, a trusted checkpoint).
///
/// A start after line N has the cursor read line N again and check that its hash is still the
/// one known, so that the lines handed after it extend what the caller trusts.
public struct LogStart: Sendable, Equatable {
    /// The last line already known (`LogHead.empty` for the beginning).
    public let known: LogHead

    /// Starts after `known` (the beginning when its seq is 0).
    public init(after known: LogHead) {
        self.known = known
    }

    /// The first line of the log.
    public static let beginning = LogStart(after: .empty)
}
