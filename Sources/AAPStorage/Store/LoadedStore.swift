import AAPDomain

/// The state folded from the log, with the position it was read at.
public struct LoadedStore: Sendable {
    public let state: StoreState
    public let head: LogHead
    public let events: [RecordedEvent]
}
