#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory lock on `D/lock` that lets one writer at a time into the store, across processes.
enum WriteLock {
    /// How long to wait between two attempts, in microseconds.
    private static let retryMicroseconds: UInt32 = 5_000

    /// Takes `flock(LOCK_EX)` on `D/lock`, retrying every 5 ms until `timeoutSeconds` have passed
    /// (measured on the monotonic clock); returns the descriptor that holds the lock.
    static func acquire(_ paths: StorePaths, timeoutSeconds: Double) throws -> Int32 {
        let descriptor = try SystemFiles.openFile(paths.lock, O_RDWR | O_CREAT)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(max(0, timeoutSeconds))
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                return descriptor
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK || code == EAGAIN else {
                SystemFiles.closeFile(descriptor)
                throw SystemFiles.ioError("de verrouiller", paths.lock, code: code)
            }
            if clock.now >= deadline {
                SystemFiles.closeFile(descriptor)
                throw StorageError.lockTimeout(path: paths.directory)
            }
            usleep(retryMicroseconds)
        }
    }

    /// Releases the lock and closes its descriptor.
    static func release(_ descriptor: Int32) {
        _ = flock(descriptor, LOCK_UN)
        SystemFiles.closeFile(descriptor)
    }
}
