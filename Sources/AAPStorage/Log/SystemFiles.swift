#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, throwing wrappers over the POSIX calls the log needs.
enum SystemFiles {
    /// Whether `path` names an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Opens `path`, retrying on `EINTR`.
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws -> Int32 {
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, mode)
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            throw SystemFiles.ioError("d'ouvrir", path)
        }
    }

    /// Creates a new file for writing; `nil` if one already exists at `path`.
    static func createFile(_ path: String, mode: mode_t = 0o644) throws -> Int32? {
        while true {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            if errno == EEXIST { return nil }
            throw SystemFiles.ioError("de créer", path)
        }
    }

    /// Closes a descriptor, ignoring errors (the data that matters was synced before).
    static func closeFile(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// The size of an open file.
    static func fileSize(of descriptor: Int32, path: String) throws -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SystemFiles.ioError("de lire la taille de", path) }
        return Int(info.st_size)
    }

    /// The size of the file at `path`.
    static func fileSize(atPath path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SystemFiles.ioError("de lire la taille de", path) }
        return Int(info.st_size)
    }

    /// Reads a whole file.
    static func readAll(_ path: String) throws -> [UInt8] {
        let descriptor = try openFile(path, O_RDONLY)
        defer { closeFile(descriptor) }
        let size = try fileSize(of: descriptor, path: path)
        return try readBytes(descriptor, path: path, offset: 0, count: size)
    }

    /// Reads up to `count` bytes at `offset` (fewer if the file is shorter).
    static func readBytes(_ descriptor: Int32, path: String, offset: Int, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var failure: StorageError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                guard let base = buffer.baseAddress else { break }
                let result = pread(descriptor, base + done, count - done, off_t(offset + done))
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = SystemFiles.ioError("de lire", path)
                    break
                }
                if result == 0 { break }
                done += result
            }
            initialized = done
        }
        if let failure { throw failure }
        return bytes
    }

    /// Reads up to `buffer.count` bytes at `offset` into `buffer`; returns how many were read
    /// (fewer only at the end of the file).
    static func read(_ descriptor: Int32, path: String, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let result = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemFiles.ioError("de lire", path)
            }
            if result == 0 { break }
            done += result
        }
        return done
    }

    /// Writes all of `bytes` at the end of the file, looping over short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let result = write(descriptor, base + done, raw.count - done)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw SystemFiles.ioError("d'écrire", path)
                }
                if result == 0 {
                    throw SystemFiles.ioError("d'écrire", path, code: EIO)
                }
                done += result
            }
        }
    }

    /// Flushes a file's data and metadata to the disk.
    static func sync(_ descriptor: Int32, path: String) throws {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw SystemFiles.ioError("de synchroniser", path)
        }
    }

    /// Flushes a file's data (and the size needed to read it back) to the disk.
    static func syncData(_ descriptor: Int32, path: String) throws {
        while fdatasync(descriptor) != 0 {
            if errno == EINTR { continue }
            throw SystemFiles.ioError("de synchroniser", path)
        }
    }

    /// Flushes a directory's entries, so that a created or renamed file survives a crash.
    static func syncDirectory(_ path: String) throws {
        let descriptor = try openFile(path, O_RDONLY | O_DIRECTORY)
        defer { closeFile(descriptor) }
        try sync(descriptor, path: path)
    }

    /// Cuts an open file back to `size` bytes.
    static func truncate(_ descriptor: Int32, to size: Int, path: String) throws {
        while ftruncate(descriptor, off_t(size)) != 0 {
            if errno == EINTR { continue }
            throw SystemFiles.ioError("de tronquer", path)
        }
    }

    /// Creates one directory; `false` if it already existed.
    @discardableResult
    static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        if errno == EEXIST, isDirectory(path) { return false }
        throw SystemFiles.ioError("de créer le dossier", path)
    }

    /// Creates a directory and its missing parents, syncing each parent that gained an entry.
    static func makeDirectories(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = parentDirectory(of: path)
        if parent != path, !isDirectory(parent) {
            try makeDirectories(parent)
        }
        if try makeDirectory(path) {
            try syncDirectory(parent)
        }
    }

    /// The directory that contains `path` (`.` for a bare name).
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") {
            trimmed = trimmed.dropLast()
        }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[trimmed.startIndex..<slash])
    }

    /// The names in a directory, without `.` and `..`.
    static func fileNames(in path: String) throws -> [String] {
        guard let stream = opendir(path) else { throw SystemFiles.ioError("de lire le dossier", path) }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SystemFiles.ioError("de lire le dossier", path) }
                break
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// `StorageError.io` for a failed action on `path`, from the current `errno` unless given.
    static func ioError(_ action: String, _ path: String, code: Int32? = nil) -> StorageError {
        let value = code ?? errno
        return .io("Impossible \(action) « \(path) » : \(SystemErrorText.describe(value))")
    }
}
