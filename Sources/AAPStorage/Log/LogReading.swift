#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    /// What the file system says of each segment (size, times, inode), in order.
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
