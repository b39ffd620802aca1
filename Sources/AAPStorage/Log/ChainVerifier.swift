/// Verifies the hash chain of log lines held in memory (auditors copy `log/` anywhere).
public enum ChainVerifier {
    /// Checks complete lines (without newline, in order) and an optional `head.json` anchor.
    ///
    /// Returns how many lines were given, the head they compute (last seq and hash, or
    /// `LogHead.empty`), and the first bad seq if any: a line unreadable, missing, duplicated,
    /// moved or altered (an altered line is seen through the next line's `prev`, or through the
    /// anchor for the last line). An anchor behind the log is fine (head.json may lag after a
    /// crash); one ahead of it means lines were removed at the end.
    public static func verify(lines: [[UInt8]], head: LogHead?) -> (count: Int, head: LogHead, problem: ChainProblem?) {
        var cursor = ChainCursor(anchor: head)
        for line in lines {
            line.withUnsafeBufferPointer { _ = cursor.feed($0) }
        }
        return (cursor.count, cursor.head, cursor.finish())
    }
}
