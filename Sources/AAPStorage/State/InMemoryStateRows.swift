import AAPDomain

/// State rows held in memory: the rows of ``InMemoryEventLog`` and of tests.
public final class InMemoryStateRows: StateRows {
    private var head: LogHead?
    private var global: [UInt8]?
    private var calls: [CallID: [UInt8]] = [:]
    private var cases: [CaseID: [UInt8]] = [:]
    private var references: [String: String] = [:]

    public init() {}

    public func reflectedHead() throws -> LogHead? { head }
    public func globalRow() throws -> [UInt8]? { global }
    public func callRow(_ id: CallID) throws -> [UInt8]? { calls[id] }
    public func caseRow(_ id: CaseID) throws -> [UInt8]? { cases[id] }

    public func caseRows(of call: CallID) throws -> [[UInt8]] {
        cases.filter { $0.key.callID == call }.sorted { $0.key.number < $1.key.number }.map(\.value)
    }

    public func caseID(forReference reference: String) throws -> String? { references[reference] }

    public func write(_ update: StateRowUpdate) throws {
        if update.replacesAll {
            global = nil
            calls = [:]
            cases = [:]
            references = [:]
        }
        if let bytes = update.global { global = bytes }
        for row in update.calls { calls[row.id] = row.bytes }
        for row in update.cases { cases[row.id] = row.bytes }
        for row in update.references { references[row.reference] = row.caseID.value }
        head = update.head
    }

    /// Replaces a row's bytes as an attacker or a damaged disk would (for tests).
    public func overwriteCaseRow(_ id: CaseID, with bytes: [UInt8]) {
        cases[id] = bytes
    }
}
