/// One complete line handed by a ``LogCursor``, after its shape, seq and `prev` were checked.
///
/// Its bytes are only valid during the call that hands it: copy them (``logLine``) to keep them.
public struct CheckedLine {
    /// The exact bytes of the line, without its newline.
    public let bytes: UnsafeBufferPointer<UInt8>
    let prefix: LinePrefix
    let digest: LineDigest

    /// The position of the line in the log.
    public var seq: Int { prefix.seq }

    /// The lowercase hex SHA-256 of the line.
    public var hash: String { digest.hex }

    /// The digest of the line before it.
    var previous: LineDigest { prefix.prev }

    /// A copy of the line that outlives the call.
    public var logLine: LogLine {
        LogLine(seq: prefix.seq, prev: prefix.prev.hex, bytes: Array(bytes), hash: digest.hex)
    }
}
