/// One complete line of the event log, as its bytes are on disk.
///
/// `seq` and `prev` are read from the canonical start of the line
/// (`{"seq":N,"prev":"…",`); the rest of the line is never decoded here.
public struct LogLine: Sendable, Equatable {
    /// The position of the line in the log, from 1, without gaps across segments.
    public let seq: Int
    /// The lowercase hex SHA-256 of the previous line's bytes (64 zeros for seq 1).
    public let prev: String
    /// The exact bytes of the line, without its terminating newline.
    public let bytes: [UInt8]
    /// The lowercase hex SHA-256 of `bytes`.
    public let hash: String

    /// Makes a line from values already known to belong together.
    public init(seq: Int, prev: String, bytes: [UInt8], hash: String) {
        self.seq = seq
        self.prev = prev
        self.bytes = bytes
        self.hash = hash
    }
}
