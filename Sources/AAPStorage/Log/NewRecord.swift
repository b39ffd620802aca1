/// An event to append, before the log gives it a `seq` and a `prev`.
///
/// The storage layer never interprets these values: `at`, `actor` and `type` are written as
/// JSON strings, and `data` (the bytes of one JSON object on one line) is inserted verbatim.
public struct NewRecord: Sendable, Equatable {
    /// The timestamp chosen by the caller (the library never reads the clock).
    public let at: String
    /// Who recorded the event.
    public let actor: String
    /// The frozen, dotted event type, such as `case.submitted`.
    public let type: String
    /// The UTF-8 bytes of a JSON object, without any newline, written as they are.
    public let data: [UInt8]

    /// Makes a record from its four fields.
    public init(at: String, actor: String, type: String, data: [UInt8]) {
        self.at = at
        self.actor = actor
        self.type = type
        self.data = data
    }
}
