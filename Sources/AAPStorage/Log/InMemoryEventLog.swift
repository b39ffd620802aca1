import Foundation

/// An event log held in memory, beside the file log as swift-log ships an in-memory handler:
/// the same line bytes, chain, signatures and anchor, read by the same ``LogCursor``, without a
/// disk. For tests of the domain, the store's readers and the audit.
///
/// Its lines and anchor can be edited freely (``lines``, ``anchorState``), so that a test can
/// tamper with a log as an attacker would with files.
public final class InMemoryEventLog: LogLineSource, LogAppender, @unchecked Sendable {
    /// The bytes of every line, without newlines, in log order.
    public var lines: [[UInt8]] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue; edited = true } }
    }
    /// The anchor kept beside the lines; every append moves it to the last line.
    public var anchorState: LogAnchor {
        get { lock.withLock { storedAnchor } }
        set { lock.withLock { storedAnchor = newValue; edited = true } }
    }

    private var stored: [[UInt8]]
    private var storedAnchor: LogAnchor
    /// Whether the lines or the anchor were edited from outside since the last check: appends
    /// then check the whole chain first, as the file log does when its end is in doubt.
    private var edited: Bool
    private let lock = NSLock()

    /// A log holding `lines` (none by default), anchored at `anchor` (none by default).
    public init(lines: [[UInt8]] = [], anchor: LogAnchor = .absent) {
        stored = lines
        storedAnchor = anchor
        edited = !lines.isEmpty || anchor != .absent
    }

    /// Runs `body` as the only writer, as ``FileEventLog/withWriteLock(_:)`` does.
    public func withWriteLock<T>(_ body: (any LogAppender) throws -> T) rethrows -> T {
        try body(self)
    }

    /// The last line's seq and hash, read from the lines themselves.
    public var head: LogHead {
        lock.withLock {
            guard let last = stored.last, let prefix = last.withUnsafeBufferPointer({ LinePrefix.parse($0) }) else {
                return .empty
            }
            return LogHead(seq: prefix.seq, hash: LineDigest(hashing: last).hex)
        }
    }

    /// Appends `records` after the last line, with the same bytes the file log would write, and
    /// moves the anchor to the new last line. Refuses to write after a broken chain or anchor
    /// (``StorageError/corrupt(_:)``), as the file log does.
    @discardableResult
    public func append(_ records: [NewRecord], signer: LineSigner?) throws -> [LogLine] {
        guard !records.isEmpty else { return [] }
        if lock.withLock({ edited }) {
            if let problem = verify().problem { throw StorageError.corrupt(problem) }
            lock.withLock { edited = false }
        }
        let last = head
        let batch = try EncodedBatch(records, after: last, signer: signer)
        lock.withLock {
            stored.append(contentsOf: batch.lines.map(\.bytes))
            storedAnchor = .valid(batch.head)
        }
        return batch.lines
    }

    /// Checks every line and the anchor (see ``LogCursor``): the count, the head and the first
    /// problem, as ``FileEventLog/verify()`` reports them.
    public func verify() -> (lineCount: Int, head: LogHead, problem: ChainProblem?) {
        var cursor = LogCursor()
        try? cursor.read(self) { _ in }
        return (cursor.count, cursor.head, cursor.finish())
    }

    public func anchor() -> LogAnchor {
        anchorState
    }

    public func forEachLine(
        from seq: Int,
        _ line: (UnsafeBufferPointer<UInt8>) throws -> Void,
        damaged: (String) throws -> Void
    ) throws {
        let all = lines
        for bytes in all.dropFirst(max(seq - 1, 0)) {
            try bytes.withUnsafeBufferPointer { try line($0) }
        }
    }

    public func byteCount() -> Int {
        lines.reduce(0) { $0 + $1.count + 1 }
    }
}
