#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only event log of a store directory, in JSON Lines segments chained by SHA-256.
///
/// Layout of the store directory `D`: `log/000001.jsonl, 000002.jsonl …` (one event per line),
/// `head.json` (the seq and hash of the last line), `lock` (the writers' advisory lock) and
/// `quarantine/` (torn tails moved aside). Readers need no lock; writers go through
/// ``withWriteLock(_:)``. The caller chooses the directory and every timestamp: this type
/// never picks a location nor reads the clock.
public final class FileEventLog: Sendable {
    /// The store directory, as given.
    public let directory: String
    /// A new segment is started when the current one has reached this size before an append.
    public let segmentMaxBytes: Int
    /// How long ``withWriteLock(_:)`` waits for another writer before giving up.
    public let lockTimeoutSeconds: Double

    let paths: StorePaths
    /// The `write(2)` used for segment appends; replaced only by tests to simulate a short write.
    let writeSegment: @Sendable (Int32, UnsafeRawPointer, Int) -> Int

    /// Opens the log of the store at `directory` (nothing is read or created until used).
    public convenience init(directory: String, segmentMaxBytes: Int = 64 * 1024 * 1024, lockTimeoutSeconds: Double = 10) {
        self.init(
            directory: directory,
            segmentMaxBytes: segmentMaxBytes,
            lockTimeoutSeconds: lockTimeoutSeconds,
            writeSegment: { descriptor, bytes, count in write(descriptor, bytes, count) }
        )
    }

    /// Opens the log with a replacement for the segment `write(2)` (tests only).
    init(
        directory: String,
        segmentMaxBytes: Int,
        lockTimeoutSeconds: Double,
        writeSegment: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int
    ) {
        self.directory = directory
        self.segmentMaxBytes = max(1, segmentMaxBytes)
        self.lockTimeoutSeconds = lockTimeoutSeconds
        self.paths = StorePaths(directory: directory)
        self.writeSegment = writeSegment
    }

    /// Creates the store directory (and its parents) and its `log/` folder.
    ///
    /// Throws ``StorageError/alreadyExists(path:)`` when `log/` already holds a segment; an
    /// existing but empty store is reused.
    public static func create(
        directory: String,
        segmentMaxBytes: Int = 64 * 1024 * 1024,
        lockTimeoutSeconds: Double = 10
    ) throws -> FileEventLog {
        let log = FileEventLog(directory: directory, segmentMaxBytes: segmentMaxBytes, lockTimeoutSeconds: lockTimeoutSeconds)
        if log.exists {
            if try !SegmentScanner(paths: log.paths).segments().isEmpty {
                throw StorageError.alreadyExists(path: directory)
            }
            return log
        }
        try SystemFiles.makeDirectories(log.paths.directory)
        if try SystemFiles.makeDirectory(log.paths.log) {
            try SystemFiles.syncDirectory(log.paths.directory)
        }
        return log
    }

    /// Whether the store's `log/` folder exists.
    public var exists: Bool {
        SystemFiles.isDirectory(paths.log)
    }

    /// Every complete line, in order, without the lock and without checking the chain: for tests
    /// that look at a damaged log. Readers use ``LogCursor``.
    ///
    /// Throws ``StorageError/corrupt(_:)`` for a line whose seq and prev cannot be read, or a
    /// segment before the last without final newline.
    func readLines() throws -> [LogLine] {
        var lines: [LogLine] = []
        try forEachLine(from: 1) { bytes in
            guard let prefix = LinePrefix.parse(bytes) else {
                throw StorageError.corrupt(ChainProblem(seq: lines.count + 1, reason: LineShape.unreadablePrefix))
            }
            lines.append(CheckedLine(bytes: bytes, prefix: prefix, digest: LineDigest(hashing: bytes)).logLine)
        } damaged: { reason in
            throw StorageError.corrupt(ChainProblem(seq: lines.count + 1, reason: reason))
        }
        return lines
    }

    /// The anchor in `head.json`, or `nil` when there is none yet.
    ///
    /// Throws ``StorageError/storeMissing(path:)`` for a missing store, and
    /// ``StorageError/corrupt(_:)`` (seq 0: the anchor itself) for a file that is not an anchor.
    public func readHead() throws -> LogHead? {
        guard exists else { throw StorageError.storeMissing(path: directory) }
        switch anchor() {
        case .absent:
            return nil
        case .valid(let head):
            return head
        case .unreadable(let reason):
            throw StorageError.corrupt(ChainProblem(seq: 0, reason: reason))
        }
    }

    /// Checks every byte of the log against the chain and the anchor, without the lock.
    ///
    /// Returns the number of complete lines, the head they compute, and the first bad seq if
    /// any (see ``LogCursor``). A segment before the last one that does not end with a newline,
    /// an unreadable segment or an unreadable `head.json` are problems too. A missing store is
    /// reported as a problem at seq 0.
    public func verify() -> (lineCount: Int, head: LogHead, problem: ChainProblem?) {
        guard exists else {
            return (0, .empty, ChainProblem(seq: 0, reason: StorageError.storeMissing(path: directory).description))
        }
        var cursor = LogCursor()
        do {
            try cursor.read(self) { _ in }
        } catch {
            cursor.fail("\(error)")
        }
        return (cursor.count, cursor.head, cursor.finish())
    }

    /// Runs `body` while holding the store's write lock: read, decide and append in one place.
    ///
    /// Waits up to `lockTimeoutSeconds` for another writer (``StorageError/lockTimeout(path:)``),
    /// moves a torn last line into `quarantine/` (see ``WriteSession/quarantined``), then calls
    /// `body`. The lock is released when `body` returns or throws; the session must not be used
    /// after that. A missing store throws ``StorageError/storeMissing(path:)`` and is not created.
    public func withWriteLock<T>(_ body: (WriteSession) throws -> T) throws -> T {
        guard exists else { throw StorageError.storeMissing(path: directory) }
        let lock = try WriteLock.acquire(paths, timeoutSeconds: lockTimeoutSeconds)
        defer { WriteLock.release(lock) }
        let session = try WriteSession(log: self)
        defer { session.close() }
        return try body(session)
    }
}

extension FileEventLog: LogLineSource {
    /// What `head.json` holds.
    public func anchor() -> LogAnchor {
        SegmentSource(paths: paths).anchor()
    }

    /// The lines of the segments, read 1 MiB at a time (see ``LogLineSource``).
    public func forEachLine(
        from seq: Int,
        _ line: (UnsafeBufferPointer<UInt8>) throws -> Void,
        damaged: (String) throws -> Void
    ) throws {
        try SegmentSource(paths: paths).forEachLine(from: seq, line, damaged: damaged)
    }

    /// The size of the segments.
    public func byteCount() -> Int {
        SegmentSource(paths: paths).byteCount()
    }
}
