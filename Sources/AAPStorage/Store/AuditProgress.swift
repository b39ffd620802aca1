/// How far an audit has read the log, for a progress indicator.
public struct AuditProgress: Sendable, Equatable {
    /// The complete lines read so far.
    public let events: Int
    /// The seq `head.json` names: how many lines the log should hold (0 when it names none).
    public let expectedEvents: Int
    /// The bytes read so far.
    public let bytes: Int
    /// The size of every segment when the audit started.
    public let totalBytes: Int

    /// Makes a progress report.
    public init(events: Int, expectedEvents: Int, bytes: Int, totalBytes: Int) {
        self.events = events
        self.expectedEvents = expectedEvents
        self.bytes = bytes
        self.totalBytes = totalBytes
    }
}
