/// What a writer holding a log's lock can do: know the last line, and append lines durably.
///
/// ``WriteSession`` (the file log) and ``InMemoryEventLog`` both give it, so code that appends
/// can be written once for any engine.
public protocol LogAppender: AnyObject {
    /// The last line's seq and hash (`LogHead.empty` for a log without lines).
    var head: LogHead { get }

    /// Appends `records` as consecutive lines after ``head``, each signed by `signer` when there is
    /// one, and returns them; all of them or none.
    @discardableResult
    func append(_ records: [NewRecord], signer: LineSigner?) throws -> [LogLine]
}
