/// Where the lines of a log come from, in seq order: the segments of the file log
/// (``FileEventLog``), an array (``InMemoryEventLog``), or rows of a database read by seq.
///
/// A source only hands bytes over; ``LogCursor`` checks them. That is the whole contract an
/// engine fulfils for the audit, the exports, replay and every command to read it.
public protocol LogLineSource {
    /// The anchor kept beside the lines, checked after the last one.
    func anchor() -> LogAnchor

    /// Hands `line` every complete line (its bytes, without newline) whose position in the log is
    /// `seq` or more, in order, the first one handed at position `seq` (the whole log when `seq`
    /// is 1 or less). Damage between lines that is not a line of its own (a file segment that does
    /// not end with a newline) goes to `damaged` with its French reason, and reading goes on.
    /// Throws when the lines cannot be read at all (a missing store, an I/O error).
    func forEachLine(
        from seq: Int,
        _ line: (UnsafeBufferPointer<UInt8>) throws -> Void,
        damaged: (String) throws -> Void
    ) throws

    /// How many bytes the lines take, for a progress indicator (0 when unknown).
    func byteCount() -> Int
}
