/// The anchor of the log: the `seq` and hash of its last line, as kept in `head.json`.
///
/// `head.json` is rewritten after every durable append, so that removing or altering the last
/// line is detected. It may lag behind the log after a crash, never run ahead of it.
public struct LogHead: Sendable, Equatable, Codable {
    /// The seq of the last line (0 for an empty log).
    public let seq: Int
    /// The lowercase hex SHA-256 of the last line (64 zeros for an empty log).
    public let hash: String

    /// The head of a log that has no line yet.
    public static let empty = LogHead(seq: 0, hash: LineDigest.zero.hex)

    /// Makes a head from a seq and a lowercase hex hash.
    public init(seq: Int, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}
