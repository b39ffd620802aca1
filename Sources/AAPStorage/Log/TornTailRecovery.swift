#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moves a torn last line (a crash in the middle of a write) into `D/quarantine/`.
enum TornTailRecovery {
    /// If `segment` does not end with a newline, copies the bytes after its last newline to
    /// `D/quarantine/<segment>-<offset>.torn` (synced), then truncates the segment just after
    /// that newline (synced). The bytes are never deleted. Must run under the write lock.
    static func recover(_ segment: SegmentName, _ paths: StorePaths) throws -> QuarantinedTail? {
        let path = paths.segment(segment)
        let descriptor = try SystemFiles.openFile(path, O_RDWR)
        defer { SystemFiles.closeFile(descriptor) }
        let size = try SystemFiles.fileSize(of: descriptor, path: path)
        guard size > 0 else { return nil }
        let lastByte = try SystemFiles.readBytes(descriptor, path: path, offset: size - 1, count: 1)
        guard lastByte != [0x0A] else { return nil }

        let offset = try NewlineSearch.lastNewline(in: descriptor, path: path, before: size).map { $0 + 1 } ?? 0
        let torn = try SystemFiles.readBytes(descriptor, path: path, offset: offset, count: size - offset)
        guard torn.count == size - offset else {
            throw SystemFiles.ioError("de lire", path, code: EIO)
        }
        let quarantinePath = try keep(torn, name: "\(segment.fileName)-\(offset)", paths)
        try SystemFiles.truncate(descriptor, to: offset, path: path)
        try SystemFiles.sync(descriptor, path: path)
        return QuarantinedTail(segment: segment.fileName, offset: offset, byteCount: torn.count, path: quarantinePath)
    }

    /// Writes `bytes` to a new quarantine file (never overwriting one) and syncs it.
    private static func keep(_ bytes: [UInt8], name: String, _ paths: StorePaths) throws -> String {
        if try SystemFiles.makeDirectory(paths.quarantine) {
            try SystemFiles.syncDirectory(paths.directory)
        }
        var attempt = 1
        while true {
            let fileName = attempt == 1 ? "\(name).torn" : "\(name)-\(attempt).torn"
            let path = paths.quarantined(fileName)
            guard let descriptor = try SystemFiles.createFile(path) else {
                attempt += 1
                continue
            }
            do {
                try SystemFiles.writeAll(descriptor, bytes, path: path)
                try SystemFiles.sync(descriptor, path: path)
            } catch {
                SystemFiles.closeFile(descriptor)
                throw error
            }
            SystemFiles.closeFile(descriptor)
            try SystemFiles.syncDirectory(paths.quarantine)
            return path
        }
    }
}
