/// Counts the lines and bytes a pass over the log has read, and reports them every so many lines.
struct ProgressCounter {
    private let report: ((AuditProgress) -> Void)?
    private let every: Int
    private let expectedEvents: Int
    private let totalBytes: Int
    private var events = 0
    private var bytes = 0

    /// A counter for a pass over `source`, expecting the seq named by `anchor`.
    init(_ report: ((AuditProgress) -> Void)?, every: Int, anchor: LogHead?, source: some LogLineSource) {
        self.report = report
        self.every = max(1, every)
        expectedEvents = anchor?.seq ?? 0
        totalBytes = report == nil ? 0 : source.byteCount()
    }

    /// Counts one complete line of `length` bytes (without its newline).
    mutating func count(lineOf length: Int) {
        events += 1
        bytes += length + 1
        if let report, events % every == 0 {
            report(AuditProgress(events: events, expectedEvents: expectedEvents, bytes: bytes, totalBytes: totalBytes))
        }
    }
}
