#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading steps shared by ``FileEventLog`` and ``WriteSession``.
enum LogReading {
    /// A ``LogLine`` for a complete line whose prefix was parsed.
    static func logLine(_ line: UnsafeBufferPointer<UInt8>, _ prefix: LinePrefix, digest: LineDigest? = nil) -> LogLine {
        LogLine(
            seq: prefix.seq,
            prev: prefix.prev.hex,
            bytes: Array(line),
            hash: (digest ?? LineDigest(hashing: line)).hex
        )
    }

    /// The index of the last segment whose first line has a seq of at most `seq + 1`: the
    /// segments before it hold only lines at or below `seq`.
    static func firstUsefulSegment(_ segments: [SegmentName], after seq: Int, _ scanner: SegmentScanner) throws -> Int {
        guard seq > 0 else { return 0 }
        var start = 0
        for (index, segment) in segments.enumerated() {
            guard let first = try scanner.firstSeq(of: segment), first <= seq + 1 else { break }
            start = index
        }
        return start
    }

    /// Feeds every complete line of the store to `cursor`, handing the lines to `collect` while
    /// no problem has been found. A segment before the last that does not end with a newline is
    /// recorded as a problem; read errors are thrown.
    static func scan(_ paths: StorePaths, cursor: inout ChainCursor, collect: ((LogLine) -> Void)?) throws {
        let scanner = SegmentScanner(paths: paths)
        let segments = try scanner.segments()
        try scanner.forEachLine(in: segments) { line in
            let (digest, prefix) = cursor.feed(line)
            if let collect, cursor.problem == nil, let prefix {
                collect(logLine(line, prefix, digest: digest))
            }
        } unterminated: { segment in
            cursor.fail("le segment « \(segment) » ne se termine pas par un saut de ligne")
        }
    }
}

extension FileEventLog {
    /// What the file system says of each segment (size, times, inode): a log whose stamps have
    /// not changed since they were taken was not written to in between.
    func segmentStamps() throws -> [SegmentStamp] {
        try SegmentScanner(paths: paths).segments().map { segment in
            let path = paths.segment(segment)
            var info = stat()
            guard stat(path, &info) == 0 else { throw SystemFiles.ioError("de lire", path) }
            return SegmentStamp(
                segment: segment.number, size: Int(info.st_size), inode: UInt64(info.st_ino),
                modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
            )
        }
    }

    /// The last complete line's seq and hash, read from the end of the log without the lock; nil
    /// when the end of the log is in doubt (a write in progress, damage).
    func tailHead() throws -> LogHead? {
        let segments = try SegmentScanner(paths: paths).segments()
        let tail = try LogTail.read(paths, segments: segments, anchor: HeadFile.load(paths))
        return tail.doubt == nil ? tail.head : nil
    }
}
