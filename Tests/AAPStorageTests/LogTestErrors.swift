import Foundation

/// Collects errors thrown on other threads.
final class LogTestErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [any Error] = []

    /// Records one error.
    func add(_ error: any Error) {
        lock.lock()
        stored.append(error)
        lock.unlock()
    }

    /// The errors recorded so far.
    var all: [any Error] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
