/// One engine of the store: where its lines and its state rows live, and how one writer at a time
/// appends to them. The file log on one desk (``FileStoreEngine``) and PostgreSQL for a team
/// (`PostgresStoreEngine`, in AAPPostgres) hold the same line bytes: the same seq, prev,
/// signature and head hash, so the audit, checkpoints and proofs read either the same way.
///
/// ``Store`` decides on top of an engine and never asks which one it is.
public protocol StoreEngine: AnyObject {
    /// Where the store is, for messages: a folder, or a PostgreSQL address without its password.
    var address: String { get }

    /// Whether the store has been created (`aap init`). Throws when that cannot be known (a
    /// server that does not answer).
    func exists() throws -> Bool

    /// The lines in seq order, for the audit, replays, exports and proofs.
    var lines: any LogLineSource { get }

    /// The last line, read without the write lock; nil when the end of the log is in doubt (the
    /// caller then takes the lock, which checks it).
    func tailHead() throws -> LogHead?

    /// The state rows, for reading without the write lock (nil when the engine keeps none).
    func readRows() throws -> (any StateRows)?

    /// Whether the rows of a write session are written in the same transaction as its lines, so
    /// that they can never lag behind the log (PostgreSQL). When false (the file log), they are
    /// written after the lines are durable; if that fails, they lag, and the next command catches
    /// up from the log.
    var rowsShareLogTransaction: Bool { get }

    /// Runs `body` as the only writer of the store, on every machine that shares it. What `body`
    /// appends is durable when this returns, all of it or none (when `body` throws, nothing it
    /// appended stays).
    func withWriteSession<T>(_ body: (any StoreWriteSession) throws -> T) throws -> T
}

/// What the only writer of a store can do: know the last line, append lines, write state rows.
public protocol StoreWriteSession: LogAppender {
    /// The torn tail set aside when the session opened (the file log after a crash), if any.
    var quarantined: QuarantinedTail? { get }

    /// The state rows, written with this session (nil when the engine keeps none).
    var rows: (any StateRows)? { get }

    /// Appends lines of another log byte for byte after ``head`` (`aap store copy`): the same seq,
    /// prev, signature and hash, checked to follow the head (``EncodedBatch/init(copying:after:)``).
    @discardableResult
    func appendCopied(_ lines: [LogLine]) throws -> [LogLine]
}
