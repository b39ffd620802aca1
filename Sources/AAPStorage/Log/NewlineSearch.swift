#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds newlines near the end of a segment without reading the whole file.
enum NewlineSearch {
    /// The offset of the last `\n` in the first `end` bytes of the file, or `nil` if there is none.
    ///
    /// Reads backwards in chunks that double in size, so a long last line costs no more than
    /// reading it twice.
    static func lastNewline(in descriptor: Int32, path: String, before end: Int) throws -> Int? {
        var chunk = 4096
        var upper = end
        while upper > 0 {
            let lower = max(0, upper - chunk)
            let bytes = try SystemFiles.readBytes(descriptor, path: path, offset: lower, count: upper - lower)
            guard bytes.count == upper - lower else {
                throw SystemFiles.ioError("de lire", path, code: EIO)
            }
            if let index = bytes.lastIndex(of: 0x0A) {
                return lower + index
            }
            upper = lower
            chunk = min(chunk * 2, 64 * 1024 * 1024)
        }
        return nil
    }
}
