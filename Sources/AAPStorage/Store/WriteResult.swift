import AAPDomain

/// What a successful write recorded, and the state after it.
public struct WriteResult: Sendable {
    public let events: [RecordedEvent]
    public let state: StoreState
    public let head: LogHead
    /// A torn line left by an earlier crash and moved aside before writing.
    public let quarantined: QuarantinedTail?
}
