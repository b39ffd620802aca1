#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a writer can do while it holds the store's lock; only valid inside
/// ``FileEventLog/withWriteLock(_:)``.
///
/// Opening the session moves a torn tail aside and reads only the end of the log, so that a
/// command that keeps its own checked snapshot does not pay for the whole history. ``lines()``
/// reads and verifies everything; ``append(_:)`` writes a batch durably.
public final class WriteSession {
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

    /// Every complete line, after checking the whole chain and the anchor.
    ///
    /// Throws ``StorageError/corrupt(_:)`` with the first bad seq: a caller that reads before it
    /// decides never appends to a damaged log.
    public func lines() throws -> [LogLine] {
        try ensureOpen()
        let anchor = HeadFile.load(log.paths)
        var cursor = ChainCursor(anchor: anchor.head)
        var lines: [LogLine] = []
        try LogReading.scan(log.paths, cursor: &cursor) { lines.append($0) }
        if let problem = cursor.finish() {
            throw StorageError.corrupt(problem)
        }
        if case .unreadable(let reason) = anchor {
            throw StorageError.corrupt(ChainProblem(seq: max(cursor.count, 1), reason: reason))
        }
        return lines
    }

    /// The complete lines whose seq is above `seq`, checking the chain from the start of the
    /// segment that holds `seq + 1` to the end, and the anchor.
    ///
    /// Lines in earlier segments are not read: use ``lines()`` or ``FileEventLog/verify()`` for a
    /// check of the whole history.
    public func lines(after seq: Int) throws -> [LogLine] {
        try ensureOpen()
        guard seq > 0 else { return try lines() }
        let scanner = SegmentScanner(paths: log.paths)
        let segments = try scanner.segments()
        let start = try LogReading.firstUsefulSegment(segments, after: seq, scanner)
        let anchor = HeadFile.load(log.paths)
        let firstSeq = try segments.isEmpty ? nil : scanner.firstSeq(of: segments[start])
        var cursor = ChainCursor(firstSeq: firstSeq ?? 1, previous: firstSeq == 1 ? .zero : nil, anchor: anchor.head)
        var lines: [LogLine] = []
        try scanner.forEachLine(in: Array(segments[start...])) { line in
            let (digest, prefix) = cursor.feed(line)
            if cursor.problem == nil, let prefix, prefix.seq > seq {
                lines.append(LogReading.logLine(line, prefix, digest: digest))
            }
        } unterminated: { segment in
            cursor.fail("le segment « \(segment) » ne se termine pas par un saut de ligne")
        }
        if let problem = cursor.finish() {
            throw StorageError.corrupt(problem)
        }
        if case .unreadable(let reason) = anchor {
            throw StorageError.corrupt(ChainProblem(seq: max(cursor.head.seq, 1), reason: reason))
        }
        return lines
    }

    /// Appends `records` as consecutive lines and makes them durable before returning them.
    ///
    /// Assigns seq and prev, encodes every line, writes them all with one `write(2)` into one
    /// segment (a new one when the current segment has reached the size limit), `fdatasync`s the
    /// segment, then rewrites `head.json`. On a failed or short write the segment is cut back to
    /// its previous size and ``StorageError/io(_:)`` is thrown: nothing is half-written. Refuses
    /// to write after a damaged end of log (``StorageError/corrupt(_:)``), and refuses data that is
    /// not one JSON object on one line of UTF-8 (``StorageError/io(_:)``). An empty array does
    /// nothing.
    @discardableResult
    public func append(_ records: [NewRecord]) throws -> [LogLine] {
        try append(records, signer: nil)
    }

    /// Appends records, each line signed by `signer` (given the record's index in `records` and the
    /// line's bytes before the signature, including its `seq` and `prev`): the signature is written
    /// as the line's last member, `"sig":"<base64>"`.
    public func append(_ records: [NewRecord], signer: LineSigner?) throws -> [LogLine] {
        try ensureOpen()
        guard !records.isEmpty else { return [] }
        if let problem { throw StorageError.corrupt(problem) }
        for record in records {
            if let reason = LineEncoder.problem(with: record.data) {
                throw StorageError.io("Enregistrement refusé pour l'événement « \(record.type) » : \(reason)")
            }
        }

        var buffer: [UInt8] = []
        buffer.reserveCapacity(records.reduce(0) { $0 + $1.data.count + 256 })
        var lines: [LogLine] = []
        lines.reserveCapacity(records.count)
        var seq = tail.lastSeq
        var previous = tail.lastDigest
        for (index, record) in records.enumerated() {
            seq += 1
            let start = buffer.count
            LineEncoder.appendLine(seq: seq, prev: previous, record: record, to: &buffer)
            if let signer {
                let signature = try signer(index, Array(buffer[start...]))
                LineSignature.attach(signature, to: &buffer)
            }
            let bytes = Array(buffer[start...])
            let digest = LineDigest(hashing: bytes)
            lines.append(LogLine(seq: seq, prev: previous.hex, bytes: bytes, hash: digest.hex))
            buffer.append(0x0A)
            previous = digest
        }

        let segment = try segmentForAppend()
        let path = log.paths.segment(segment)
        let descriptor = try SystemFiles.openFile(path, O_WRONLY | O_APPEND)
        defer { SystemFiles.closeFile(descriptor) }
        let previousSize = try SystemFiles.fileSize(of: descriptor, path: path)
        try writeOnce(buffer, to: descriptor, path: path, previousSize: previousSize)

        tail.segment = segment
        tail.segmentSize = previousSize + buffer.count
        tail.lastSeq = seq
        tail.lastDigest = previous
        do {
            try HeadFile.write(tail.head, log.paths)
            anchorFailure = nil
        } catch let error as StorageError {
            anchorFailure = error
        } catch {
            anchorFailure = .io("Impossible de réécrire « \(log.paths.head) »")
        }
        return lines
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
