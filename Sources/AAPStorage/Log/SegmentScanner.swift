#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the segments of a log and walks their complete lines in order.
struct SegmentScanner {
    /// The store being read.
    let paths: StorePaths

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
    /// with the segment's name before going on.
    func forEachLine(
        in segments: [SegmentName],
        line: (UnsafeBufferPointer<UInt8>) throws -> Void,
        unterminated: (String) throws -> Void
    ) throws {
        for (index, segment) in segments.enumerated() {
            let bytes = try SystemFiles.readAll(paths.segment(segment))
            let tail = try bytes.withUnsafeBufferPointer { buffer in
                try SegmentScanner.splitLines(buffer, line)
            }
            if tail > 0, index < segments.count - 1 {
                try unterminated(segment.fileName)
            }
        }
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
