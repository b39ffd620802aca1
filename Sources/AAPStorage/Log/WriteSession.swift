#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a writer can do while it holds the store's lock; only valid inside
/// ``FileEventLog/withWriteLock(_:)``.
///
/// Opening the session moves a torn tail aside and reads only the end of the log, so that a
/// command that keeps its own checked snapshot does not pay for the whole history;
/// ``append(_:signer:)`` writes a batch durably. Reading goes through ``LogCursor``.
public final class WriteSession: LogAppender {
    /// The torn tail found and moved into `quarantine/` when the session opened, if any.
    public let quarantined: QuarantinedTail?

    private let log: FileEventLog
    private var tail: LogTail
    private var problem: ChainProblem?
    private var isOpen = true
    /// Why `head.json` could not be rewritten after the last append, if it could not.
    ///
    /// The appended lines are durable all the same; `head.json` only lags behind, which
    /// verification allows, and the next successful append rewrites it.
    public private(set) var anchorFailure: StorageError?

    /// Opens a session; the caller holds the lock.
    init(log: FileEventLog) throws {
        self.log = log
        let paths = log.paths
        let segments = try SegmentScanner(paths: paths).segments()
        if let last = segments.last {
            quarantined = try TornTailRecovery.recover(last, paths)
        } else {
            quarantined = nil
        }
        let anchor = HeadFile.load(paths)
        tail = try LogTail.read(paths, segments: segments, anchor: anchor)
        if let doubt = tail.doubt {
            // The end of the log is not trustworthy: find the exact first bad seq once.
            let report = log.verify()
            problem = report.problem ?? ChainProblem(seq: max(tail.lastSeq, 1), reason: doubt)
        }
    }

    /// The last line's seq and hash, read when the session opened and moved on by each append
    /// (`LogHead.empty` for a log without lines).
    public var head: LogHead {
        tail.head
    }

    /// Appends `records` as consecutive lines, each signed by `signer` (given the record's index in
    /// `records` and the line's bytes before the signature, including its `seq` and `prev`: the
    /// signature is written as the line's last member, `"sig":"<base64>"`; nil writes unsigned
    /// lines), and makes them durable before returning them.
    ///
    /// Assigns seq and prev, encodes every line, writes them all with one `write(2)` into one
    /// segment (a new one when the current segment has reached the size limit), `fdatasync`s the
    /// segment, then rewrites `head.json`. On a failed or short write the segment is cut back to
    /// its previous size and ``StorageError/io(_:)`` is thrown: nothing is half-written. Refuses
    /// to write after a damaged end of log (``StorageError/corrupt(_:)``), and refuses data that is
    /// not one JSON object on one line of UTF-8 (``StorageError/io(_:)``). An empty array does
    /// nothing.
    @discardableResult
    public func append(_ records: [NewRecord], signer: LineSigner?) throws -> [LogLine] {
        try ensureOpen()
        guard !records.isEmpty else { return [] }
        if let problem { throw StorageError.corrupt(problem) }
        let batch = try EncodedBatch(records, after: tail.lastSeq, lastDigest: tail.lastDigest, signer: signer)
        return try write(batch)
    }

    /// Appends lines of another log byte for byte after ``head`` (``EncodedBatch/init(copying:after:)``),
    /// durably, as ``append(_:signer:)`` does.
    @discardableResult
    public func appendCopied(_ lines: [LogLine]) throws -> [LogLine] {
        try ensureOpen()
        guard !lines.isEmpty else { return [] }
        if let problem { throw StorageError.corrupt(problem) }
        return try write(EncodedBatch(copying: lines, after: tail.head))
    }

    /// Writes a batch after the tail in one `write(2)`, syncs it and rewrites `head.json`.
    private func write(_ batch: EncodedBatch) throws -> [LogLine] {
        let buffer = batch.bytes

        let segment = try segmentForAppend()
        let path = log.paths.segment(segment)
        let descriptor = try SystemFiles.openFile(path, O_WRONLY | O_APPEND)
        defer { SystemFiles.closeFile(descriptor) }
        let previousSize = try SystemFiles.fileSize(of: descriptor, path: path)
        try writeOnce(buffer, to: descriptor, path: path, previousSize: previousSize)

        tail.segment = segment
        tail.segmentSize = previousSize + buffer.count
        tail.lastSeq = batch.lastSeq
        tail.lastDigest = batch.lastDigest
        do {
            try HeadFile.write(tail.head, log.paths)
            anchorFailure = nil
        } catch let error as StorageError {
            anchorFailure = error
        } catch {
            anchorFailure = .io("Impossible de réécrire « \(log.paths.head) »")
        }
        return batch.lines
    }

    /// Ends the session when the lock is released.
    func close() {
        isOpen = false
    }

    /// The segment the next append goes to, created (and the log folder synced) when needed.
    private func segmentForAppend() throws -> SegmentName {
        if let current = tail.segment, tail.segmentSize < log.segmentMaxBytes {
            return current
        }
        let next = tail.segment?.next ?? SegmentName(number: 1)
        let path = log.paths.segment(next)
        guard let descriptor = try SystemFiles.createFile(path) else {
            throw SystemFiles.ioError("de créer", path, code: EEXIST)
        }
        SystemFiles.closeFile(descriptor)
        try SystemFiles.syncDirectory(log.paths.log)
        tail.segment = next
        tail.segmentSize = 0
        return next
    }

    /// One `write(2)` of the whole batch, then `fdatasync`; on any failure the segment is cut
    /// back to `previousSize` and the error thrown.
    private func writeOnce(_ buffer: [UInt8], to descriptor: Int32, path: String, previousSize: Int) throws {
        var written = -1
        var code: Int32 = 0
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            repeat {
                written = log.writeSegment(descriptor, base, raw.count)
                code = written < 0 ? errno : 0
            } while written < 0 && code == EINTR
        }
        var failure: StorageError?
        if written < 0 {
            failure = SystemFiles.ioError("d'écrire", path, code: code)
        } else if written != buffer.count {
            failure = .io("Écriture incomplète dans « \(path) » (\(written) octets sur \(buffer.count)) : rien n'a été enregistré")
        } else {
            do {
                try SystemFiles.syncData(descriptor, path: path)
            } catch let error as StorageError {
                failure = error
            }
        }
        guard let failure else { return }
        try? SystemFiles.truncate(descriptor, to: previousSize, path: path)
        try? SystemFiles.syncData(descriptor, path: path)
        throw failure
    }

    private func ensureOpen() throws {
        guard isOpen else {
            throw StorageError.io("Session d'écriture fermée : elle n'est valable qu'à l'intérieur de withWriteLock")
        }
    }
}

/// A session is tied to the lock held by one thread; it must not cross to another.
@available(*, unavailable)
extension WriteSession: Sendable {}
