import Foundation
import PostgresNIO

/// The one statement a ``PostgresSession`` waits for, failed when the connection closes.
///
/// postgres-nio 1.33 writes a query on a channel the server has already closed (a backend
/// terminated, a server stopped between two statements) without ever failing it, so a wait on its
/// answer alone would never end. One slot, set for each statement and cleared after it, keeps no
/// answer alive once it has been read (a page of the log can be large).
final class PostgresInFlightQuery: @unchecked Sendable {
    /// The connection closed before the answer came.
    struct ConnectionLost: Error {}

    private let lock = NSLock()
    private var waiting: EventLoopPromise<PostgresQueryResult>?
    private var closed = false

    /// Takes `promise` as the answer awaited; false when the connection is already closed.
    func start(_ promise: EventLoopPromise<PostgresQueryResult>) -> Bool {
        lock.withLock {
            if closed { return false }
            waiting = promise
            return true
        }
    }

    /// Forgets the answer once it has been read.
    func finish() {
        lock.withLock { waiting = nil }
    }

    /// Fails the answer awaited, if any, and every later one.
    func connectionClosed() {
        let promise = lock.withLock {
            closed = true
            defer { waiting = nil }
            return waiting
        }
        promise?.fail(ConnectionLost())
    }
}
