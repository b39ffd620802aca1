#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The end of the log as a writer needs it: the segment appends go to and the last line.
///
/// Read from the end of the segments only, so that opening a write session costs the same on a
/// log of ten lines or of ten million.
struct LogTail: Sendable, Equatable {
    /// The last segment, where appends go while it is below the size limit.
    var segment: SegmentName?
    /// The size of that segment in bytes.
    var segmentSize: Int
    /// The seq of the last complete line, 0 for an empty log.
    var lastSeq: Int
    /// The digest of the last complete line, zero for an empty log.
    var lastDigest: LineDigest
    /// Why the end of the log cannot be trusted, if it cannot: a full verification then finds
    /// the exact seq.
    var doubt: String?

    /// The head computed from the last line.
    var head: LogHead {
        lastSeq == 0 ? .empty : LogHead(seq: lastSeq, hash: lastDigest.hex)
    }

    /// Reads the end of `segments` (after any torn tail was moved aside) and checks it against
    /// the anchor.
    static func read(_ paths: StorePaths, segments: [SegmentName], anchor: LogAnchor) throws -> LogTail {
        var tail = LogTail(segment: segments.last, segmentSize: 0, lastSeq: 0, lastDigest: .zero, doubt: nil)
        if let last = segments.last {
            tail.segmentSize = try SystemFiles.fileSize(atPath: paths.segment(last))
        }
        for segment in segments.reversed() {
            let path = paths.segment(segment)
            let descriptor = try SystemFiles.openFile(path, O_RDONLY)
            defer { SystemFiles.closeFile(descriptor) }
            let size = try SystemFiles.fileSize(of: descriptor, path: path)
            if size == 0 { continue }
            let lastByte = try SystemFiles.readBytes(descriptor, path: path, offset: size - 1, count: 1)
            guard lastByte == [0x0A] else {
                tail.doubt = SegmentSource.unterminated(segment.fileName)
                return tail
            }
            let start = try NewlineSearch.lastNewline(in: descriptor, path: path, before: size - 1).map { $0 + 1 } ?? 0
            let line = try SystemFiles.readBytes(descriptor, path: path, offset: start, count: size - 1 - start)
            let shape = line.withUnsafeBufferPointer { LineShape.check($0) }
            switch shape {
            case .failure(let reason):
                tail.doubt = reason.text
            case .success(let prefix):
                tail.lastSeq = prefix.seq
                tail.lastDigest = LineDigest(hashing: line)
            }
            break
        }
        if tail.doubt == nil {
            tail.doubt = tail.disagreement(with: anchor)
        }
        return tail
    }

    /// Why the anchor contradicts this tail, or `nil`. An anchor behind the tail is fine.
    private func disagreement(with anchor: LogAnchor) -> String? {
        switch anchor {
        case .absent:
            return nil
        case .unreadable(let reason):
            return reason
        case .valid(let head):
            if head.seq > lastSeq {
                return "head.json annonce seq \(head.seq), le journal s'arrête à seq \(lastSeq)"
            }
            if head.seq == lastSeq, head.seq > 0, LineDigest(hex: head.hash) != lastDigest {
                return "la dernière ligne ne correspond plus à head.json"
            }
            return nil
        }
    }
}
