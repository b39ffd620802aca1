/// The lines of the file log's segments, as a ``LogLineSource`` with `head.json` as its anchor.
///
/// Segments are read in chunks of `chunkBytes` (see ``SegmentScanner``); a read from seq N skips
/// the segments that end before N by reading only their first line.
struct SegmentSource: LogLineSource {
    /// The store being read.
    let paths: StorePaths
    /// How many bytes are read at a time.
    var chunkBytes = 1 << 20

    func anchor() -> LogAnchor {
        HeadFile.load(paths)
    }

    func forEachLine(
        from seq: Int,
        _ line: (UnsafeBufferPointer<UInt8>) throws -> Void,
        damaged: (String) throws -> Void
    ) throws {
        let scanner = SegmentScanner(paths: paths, chunkBytes: chunkBytes)
        let segments = try scanner.segments()
        let start = try Self.firstUsefulSegment(segments, holding: seq, scanner)
        // The lines of that segment before `seq`, counted from its first line's seq.
        var skip = seq - 1
        if start > 0 { skip = try scanner.firstSeq(of: segments[start]).map { seq - $0 } ?? 0 }
        try scanner.forEachLine(in: Array(segments[start...])) { bytes in
            guard skip <= 0 else {
                skip -= 1
                return
            }
            try line(bytes)
        } unterminated: { segment in
            try damaged(Self.unterminated(segment))
        }
    }

    func byteCount() -> Int {
        guard let segments = try? SegmentScanner(paths: paths).segments() else { return 0 }
        return segments.reduce(0) { total, segment in
            total + ((try? SystemFiles.fileSize(atPath: paths.segment(segment))) ?? 0)
        }
    }

    /// Why a segment that does not end with a newline cannot be trusted (a crash leaves that only in
    /// the last segment, where the next writer moves it aside).
    static func unterminated(_ segmentFileName: String) -> String {
        "le segment « \(segmentFileName) » ne se termine pas par un saut de ligne"
    }

    /// The index of the last segment whose first line has a seq of at most `seq`: the segments
    /// before it hold only lines before `seq`.
    static func firstUsefulSegment(_ segments: [SegmentName], holding seq: Int, _ scanner: SegmentScanner) throws -> Int {
        guard seq > 1 else { return 0 }
        var start = 0
        for (index, segment) in segments.enumerated() {
            guard let first = try scanner.firstSeq(of: segment), first <= seq else { break }
            start = index
        }
        return start
    }
}
