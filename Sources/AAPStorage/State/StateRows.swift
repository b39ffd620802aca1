import AAPDomain

/// Where an engine keeps the folded state that commands read: one row for the global part
/// (actors, workflows, authority, the calls' order), one per call, one per case, each the JSON
/// bytes of its value, one per external reference (`DS-123456` → the id of its case), and the
/// line of the log they reflect.
///
/// A cache, never a source of truth: the store checks the line it reflects against the log,
/// catches up from the log or rebuilds the rows, and the audit never reads them. The file engine
/// keeps them in an SQLite database beside the log, written after each append; PostgreSQL keeps
/// them in tables written in the same transaction as the lines.
///
/// Reads throw ``StorageError`` when the rows cannot be read at all (a server gone); a row that
/// does not decode is the store's business (it rebuilds).
public protocol StateRows: AnyObject {
    /// The last line folded into the rows, nil when there are none (never built, or cleared).
    func reflectedHead() throws -> LogHead?

    /// The global row.
    func globalRow() throws -> [UInt8]?

    /// A call's row, nil when the call has none.
    func callRow(_ id: CallID) throws -> [UInt8]?

    /// A case's row, nil when the case has none.
    func caseRow(_ id: CaseID) throws -> [UInt8]?

    /// Every case row of a call, in any order.
    func caseRows(of call: CallID) throws -> [[UInt8]]

    /// The id (as written) of the case holding an external reference, nil when no case holds it.
    func caseID(forReference reference: String) throws -> String?

    /// Writes the rows of `update` and moves the reflected head to its head, all or nothing (a
    /// row not named is left as it is, unless the update replaces everything).
    func write(_ update: StateRowUpdate) throws
}

/// Rows to write into ``StateRows``, and the line they then reflect.
public struct StateRowUpdate: Sendable {
    /// The last line folded into the rows once written.
    public var head: LogHead
    /// Whether every row is deleted first (a rebuild from the whole log).
    public var replacesAll: Bool
    /// The new global row, nil to keep it.
    public var global: [UInt8]?
    /// New call rows.
    public var calls: [(id: CallID, bytes: [UInt8])]
    /// New case rows.
    public var cases: [(id: CaseID, bytes: [UInt8])]
    /// External references and the case holding each (a reference never changes case).
    public var references: [(reference: String, caseID: CaseID)]

    public init(head: LogHead, replacesAll: Bool = false, global: [UInt8]? = nil,
                calls: [(id: CallID, bytes: [UInt8])] = [], cases: [(id: CaseID, bytes: [UInt8])] = [],
                references: [(reference: String, caseID: CaseID)] = []) {
        self.head = head
        self.replacesAll = replacesAll
        self.global = global
        self.calls = calls
        self.cases = cases
        self.references = references
    }
}
