import AAPDomain
import Foundation

/// The folded state read from an engine's ``StateRows``, part by part: the global row when opened,
/// then only the calls and cases a command reads, so that a command's cost grows neither with
/// history nor with the size of a call.
///
/// A cache, never a source of truth: ``Store`` uses it only when the line it reflects is still
/// the log's (or catches up from there), and rebuilds the rows from the whole log, its chain
/// checked, when a row does not decode. `audit verify` never reads it.
final class StateCache {
    let rows: any StateRows
    /// The last line folded into ``state``.
    private(set) var head: LogHead
    /// The state loaded so far: the global part plus the calls and cases asked for (and, after
    /// ``keep(_:head:)``, what later writes changed).
    private(set) var state: StoreState
    /// The calls whose every case is in ``state``.
    private var complete: Set<CallID> = []
    private let decoder = JSONDecoder()

    private init(rows: any StateRows, head: LogHead, state: StoreState) {
        self.rows = rows
        self.head = head
        self.state = state
    }

    /// The rows' global part and the line they reflect; nil when there are no rows or the global
    /// row does not decode (the store then rebuilds). Throws when the rows cannot be read at all.
    static func open(_ rows: any StateRows) throws -> StateCache? {
        guard let head = try rows.reflectedHead(), let bytes = try rows.globalRow(),
              let global = try? JSONDecoder().decode(GlobalState.self, from: Data(bytes)) else { return nil }
        return StateCache(rows: rows, head: head, state: global.state(eventCount: head.seq))
    }

    /// A cache over rows just written for `state` at `head` (the state a write or a rebuild left).
    init(rows: any StateRows, holding state: StoreState, head: LogHead, complete: Set<CallID>) {
        self.rows = rows
        self.head = head
        self.state = state
        self.complete = complete
    }

    /// Adds to `state` the calls `calls`, the cases `cases` and the external references
    /// `references` that it lacks and the rows hold. What `state` already has is kept: in a batch,
    /// what earlier commands changed. False when a row does not decode.
    func load(calls: Set<CallID>, cases: Set<CaseID>, references: Set<String> = [], into state: inout StoreState) throws -> Bool {
        for id in calls.union(cases.map(\.callID)) where state.calls[id] == nil {
            guard let call = try decodedCall(id) else { return false }
            if let call { state.calls[id] = call }
        }
        for id in cases where state.cases[id] == nil {
            guard let found = try decodedCase(id) else { return false }
            if let found { Self.add(found, to: &state) }
        }
        for reference in references.sorted() where state.externalReferences[reference] == nil {
            guard let text = try rows.caseID(forReference: reference) else { continue }
            guard let id = CaseID(canonical: text) else { return false }
            state.externalReferences[reference] = id
        }
        return true
    }

    /// Puts a case read from its row into `state`, with its external reference.
    private static func add(_ c: CaseState, to state: inout StoreState) {
        state.cases[c.id] = c
        if let reference = c.externalReference { state.externalReferences[reference] = c.id }
    }

    /// Adds to `state` every case of `calls` that it lacks. False when a row does not decode.
    func loadAllCases(of calls: Set<CallID>, into state: inout StoreState) throws -> Bool {
        guard try load(calls: calls, cases: [], into: &state) else { return false }
        for id in calls where state.calls[id] != nil {
            for bytes in try rows.caseRows(of: id) {
                guard let c = try? decoder.decode(CaseState.self, from: Data(bytes)), c.call == id else { return false }
                if state.cases[c.id] == nil { Self.add(c, to: &state) }
            }
            guard let call = state.calls[id], call.caseIDs.allSatisfy({ state.cases[$0] != nil }) else { return false }
        }
        return true
    }

    /// Adds to `state` what deciding `command` on it reads and it lacks: the command's call and
    /// case. False when a row does not decode.
    func fill(_ state: inout StoreState, for command: Command) throws -> Bool {
        let reads = StateReads.of(command)
        return try load(calls: reads.calls, cases: reads.cases, references: reads.references, into: &state)
    }

    /// Adds to `state` what folding `event` reads: its call and its case.
    func fill(_ state: inout StoreState, for event: Event) throws -> Bool {
        try load(calls: Set([event.callID].compactMap { $0 }), cases: Set([event.caseID].compactMap { $0 }), into: &state)
    }

    /// Loads into ``state`` the calls and cases `reads` names (not the other cases of those
    /// calls). False when a row does not decode.
    func load(_ reads: StateReads) throws -> Bool {
        try load(calls: reads.calls, cases: reads.cases, references: reads.references, into: &state)
    }

    /// Loads into ``state`` every case of `calls`. False when a row does not decode.
    func loadAllCases(of calls: Set<CallID>) throws -> Bool {
        let missing = calls.subtracting(complete)
        guard !missing.isEmpty else { return true }
        guard try loadAllCases(of: missing, into: &state) else { return false }
        complete.formUnion(missing)
        return true
    }

    /// Loads into ``state`` every call and case. False when a row does not decode.
    func loadEverything() throws -> Bool {
        try loadAllCases(of: Set(state.callOrder))
    }

    /// Holds `state`, the state after `head` (lines written or folded since the rows were read):
    /// the next command of this process decides on it without reading the rows again.
    func keep(_ state: StoreState, head: LogHead) {
        self.state = state
        self.head = head
    }

    // MARK: - Writing

    /// The rows to write for `state` at `head`: those `changes` touched, or every row when
    /// `replacesAll` (a rebuild).
    static func update(for state: StoreState, changes: StateChanges, head: LogHead, replacesAll: Bool) throws -> StateRowUpdate {
        let encoder = JSONEncoder()
        var update = StateRowUpdate(head: head, replacesAll: replacesAll)
        if replacesAll || changes.global {
            update.global = Array(try encoder.encode(GlobalState(state)))
        }
        let calls = replacesAll ? Set(state.callOrder) : changes.calls
        for id in calls.sorted(by: { $0.value < $1.value }) {
            guard let call = state.calls[id] else { continue }
            update.calls.append((id, Array(try encoder.encode(call))))
        }
        let cases = replacesAll ? Array(state.cases.keys) : Array(changes.cases)
        for id in cases.sorted() {
            guard let c = state.cases[id] else { continue }
            update.cases.append((id, Array(try encoder.encode(c))))
            if let reference = c.externalReference { update.references.append((reference, id)) }
        }
        return update
    }

    // MARK: - Decoding rows

    /// The call's row decoded: `.some(nil)` when it has none, nil when it does not decode.
    private func decodedCall(_ id: CallID) throws -> CallState?? {
        guard let bytes = try rows.callRow(id) else { return .some(nil) }
        guard let call = try? decoder.decode(CallState.self, from: Data(bytes)), call.id == id else { return nil }
        return .some(call)
    }

    /// The case's row decoded: `.some(nil)` when it has none, nil when it does not decode.
    private func decodedCase(_ id: CaseID) throws -> CaseState?? {
        guard let bytes = try rows.caseRow(id) else { return .some(nil) }
        guard let c = try? decoder.decode(CaseState.self, from: Data(bytes)), c.id == id else { return nil }
        return .some(c)
    }
}
