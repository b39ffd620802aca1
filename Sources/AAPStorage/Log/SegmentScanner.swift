#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the segments of a log and walks their complete lines in order.
///
/// Segments are read in chunks of `chunkBytes` (a chunk grows only to hold a longer line), so
/// walking a log takes memory for one chunk, whatever the size of its segments.
struct SegmentScanner {
    /// The store being read.
    let paths: StorePaths
    /// How many bytes are read at a time.
    var chunkBytes = 1 << 20

    /// The segments in `D/log`, in numeric order; other names are ignored.
    func segments() throws -> [SegmentName] {
        guard SystemFiles.isDirectory(paths.log) else {
            throw StorageError.storeMissing(path: paths.directory)
        }
        return try SystemFiles.fileNames(in: paths.log).compactMap { SegmentName(fileName: $0) }.sorted()
    }

    /// Calls `line` for every complete line of `segments` (without its newline).
    ///
    /// Bytes after the last newline of the final segment are a torn or in-progress write and are
    /// skipped. The same in an earlier segment cannot come from a crash: `unterminated` is called
    /// with the segment's name before going on. Each segment is read up to the size it had when
    /// it was opened.
    func forEachLine(
        in segments: [SegmentName],
        line: (UnsafeBufferPointer<UInt8>) throws -> Void,
        unterminated: (String) throws -> Void
    ) throws {
        for (index, segment) in segments.enumerated() {
            let tail = try forEachLine(inFileAt: paths.segment(segment), line)
            if tail > 0, index < segments.count - 1 {
                try unterminated(segment.fileName)
            }
        }
    }

    /// Calls `line` for each newline-terminated line of one file, reading it chunk by chunk;
    /// returns how many bytes follow the last newline.
    func forEachLine(inFileAt path: String, _ line: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
        let descriptor = try SystemFiles.openFile(path, O_RDONLY)
        defer { SystemFiles.closeFile(descriptor) }
        let size = try SystemFiles.fileSize(of: descriptor, path: path)
        guard size > 0 else { return 0 }
        var buffer = [UInt8](repeating: 0, count: min(size, max(1, chunkBytes)))
        // `buffer[0..<kept]` holds the start of a line whose newline is not read yet.
        var kept = 0
        var offset = 0
        while offset < size {
            if kept == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, size - offset)))
            }
            let read = try buffer.withUnsafeMutableBytes { raw in
                let free = UnsafeMutableRawBufferPointer(rebasing: raw[kept..<min(raw.count, kept + size - offset)])
                return try SystemFiles.read(descriptor, path: path, offset: offset, into: free)
            }
            if read == 0 { break }
            offset += read
            let filled = kept + read
            kept = try buffer.withUnsafeMutableBufferPointer { whole in
                let rest = try SegmentScanner.splitLines(UnsafeBufferPointer(rebasing: whole[0..<filled]), line)
                if rest > 0, rest < filled, let base = whole.baseAddress {
                    memmove(base, base + (filled - rest), rest)
                }
                return rest
            }
        }
        return kept
    }

    /// The seq of the first line of `segment`, read from its first bytes; `nil` when the segment
    /// is empty or does not start with a canonical prefix.
    func firstSeq(of segment: SegmentName) throws -> Int? {
        let path = paths.segment(segment)
        let descriptor = try SystemFiles.openFile(path, O_RDONLY)
        defer { SystemFiles.closeFile(descriptor) }
        let start = try SystemFiles.readBytes(descriptor, path: path, offset: 0, count: 128)
        return start.withUnsafeBufferPointer { LinePrefix.parse($0)?.seq }
    }

    /// Calls `line` for each newline-terminated line; returns how many bytes follow the last newline.
    static func splitLines(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ line: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var start = 0
        while start < buffer.count {
            guard let found = memchr(base + start, 0x0A, buffer.count - start) else { break }
            let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            try line(UnsafeBufferPointer(start: base + start, count: end - start))
            start = end + 1
        }
        return buffer.count - start
    }
}
