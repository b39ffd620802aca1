/// A torn last line, left by a crash in the middle of a write, that was moved aside.
public struct QuarantinedTail: Sendable, Equatable {
    /// The name of the segment the bytes were cut from, such as `000003.jsonl`.
    public let segment: String
    /// The offset in that segment where the torn bytes started (the segment's new size).
    public let offset: Int
    /// How many bytes were moved aside.
    public let byteCount: Int
    /// The path of the quarantine file that holds them.
    public let path: String

    /// Makes the record of a quarantined tail.
    public init(segment: String, offset: Int, byteCount: Int, path: String) {
        self.segment = segment
        self.offset = offset
        self.byteCount = byteCount
        self.path = path
    }
}
