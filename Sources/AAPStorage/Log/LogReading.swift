#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    /// The last complete line's seq and hash, read from the end of the log without the lock; nil
    /// when the end of the log is in doubt (a write in progress, damage).
    func tailHead() throws -> LogHead? {
        let segments = try SegmentScanner(paths: paths).segments()
        let tail = try LogTail.read(paths, segments: segments, anchor: HeadFile.load(paths))
        return tail.doubt == nil ? tail.head : nil
    }
}
