import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The state rows spare commands the replay of all history, and are never trusted blindly: rows
/// whose line is no longer in the log, or that do not decode, are rebuilt from the whole log; rows
/// behind the log catch up with the lines after theirs, the hash of their line checked first.
@Suite("State rows")
struct StateRowsStoreTests {
    static var workflows: [WorkflowDefinition] {
        get throws {
            var url = URL(fileURLWithPath: #filePath)
            while url.path != "/" {
                url.deleteLastPathComponent()
                let folder = url.appendingPathComponent("Workflows")
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("aap.json").path) {
                    return try ["call", "aap", "ami"].map { try WorkflowDefinition.load(Data(contentsOf: folder.appendingPathComponent("\($0).json"))) }
                }
            }
            throw StorageError.io("Workflows/ introuvable")
        }
    }

    static let today = CalendarDate(year: 2026, month: 5, day: 2) ?? CalendarDate(year: 2026, month: 1, day: 1)

    /// A store with an admin, a manager, an instructor, the workflows, a call and `cases` submissions (one command each).
    static func populate(_ store: Store, cases: Int) throws {
        var setup = [ActorCommand(.registerActor(RegisterActor(actor: "admin", roles: ["admin"])), by: "admin")]
        setup += try workflows.map { ActorCommand(.registerWorkflow($0), by: "admin") }
        setup += [
            ActorCommand(.registerActor(RegisterActor(actor: "manager", roles: ["manager"])), by: "admin"),
            ActorCommand(.registerActor(RegisterActor(actor: "instr", roles: ["instructor"])), by: "admin"),
            ActorCommand(.createCall(CreateCall(call: "AAP-STATE-2026", kind: "aap", title: "Appel", envelope: "100000", opensOn: "2026-01-01", closesOn: "2026-12-31")), by: "manager"),
            ActorCommand(.advanceCall(AdvanceCall(call: "AAP-STATE-2026", action: "publish")), by: "manager"),
        ]
        guard let today = today as CalendarDate? else { return }
        try store.execute(setup, at: "2026-05-02T08:00:00Z", today: today, keys: nil)
        for n in 1...cases {
            try store.execute([ActorCommand(.submitCase(SubmitCase(call: "AAP-STATE-2026", fields: [
                "applicant_name": "Association \(n)", "applicant_kind": "association", "siret": "73282932000074",
                "departement": "31", "title": "Projet \(n)", "amount_requested": "\(1000 + n)", "received_on": "2026-04-01",
            ])), by: "instr")], at: "2026-05-02T08:00:\(String(format: "%02d", n % 60))Z", today: today, keys: nil)
        }
    }

    /// The state folded from every line of the log, the reference.
    static func replayed(_ dir: LogTestDirectory) throws -> LoadedStore {
        try Auditor.replay(FileEventLog(directory: dir.store), until: nil, asOf: nil)
    }

    /// A store in `dir` whose state rows are `rows`.
    static func store(_ dir: LogTestDirectory, rows: any StateRows) -> Store {
        Store(engine: FileStoreEngine(log: FileEventLog(directory: dir.store), rows: { _ in rows }))
    }

    /// Every case, call and the global part as the rows hold them.
    static func rowsState(_ rows: any StateRows) throws -> StoreState? {
        let cache = try #require(try StateCache.open(rows))
        guard try cache.loadEverything() else { return nil }
        return cache.state
    }

    static func submit(_ store: Store, _ title: String, at: String) throws {
        try store.execute([ActorCommand(.submitCase(SubmitCase(call: "AAP-STATE-2026", fields: [
            "applicant_name": "Association \(title)", "applicant_kind": "association", "siret": "73282932000074",
            "departement": "31", "title": title, "amount_requested": "900", "received_on": "2026-04-01",
        ])), by: "instr")], at: at, today: try #require(Self.today), keys: nil)
    }

    @Test func everyWriteLeavesRowsThatGiveTheSameStateAsAFullReplay() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let rows = InMemoryStateRows()
            try Self.populate(Self.store(dir, rows: rows), cases: 12)
            let full = try Self.replayed(dir)
            #expect(try rows.reflectedHead() == full.head)
            #expect(try Self.rowsState(rows) == full.state)
            let current = try Self.store(dir, rows: rows).currentState()
            #expect(current.state == full.state)
            #expect(current.head == full.head)
            // A command reads only its call and its case, not the other cases.
            let cache = try #require(try StateCache.open(rows))
            let caseID = try CaseID.parse("AAP-STATE-2026-0003")
            var state = cache.state
            #expect(try cache.fill(&state, for: .advanceCase(AdvanceCase(caseID: caseID.value, action: "start-review", fields: [:]))))
            #expect(state.cases.keys.sorted() == [caseID])
            #expect(state.cases[caseID] == full.state.cases[caseID])
            #expect(state.calls[caseID.callID] == full.state.calls[caseID.callID])
            #expect(state.actors == full.state.actors)
            #expect(state.workflows == full.state.workflows)
        }
    }

    @Test func aRowThatDoesNotDecodeIsRebuiltBeforeTheNextDecision() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let rows = InMemoryStateRows()
            try Self.populate(Self.store(dir, rows: rows), cases: 6)
            rows.overwriteCaseRow(try CaseID.parse("AAP-STATE-2026-0002"), with: Array("{\"not\":\"a case\"}".utf8))
            let result = try Self.store(dir, rows: rows).execute(
                [ActorCommand(.advanceCase(AdvanceCase(caseID: "AAP-STATE-2026-0002", action: "start-review", fields: [:])), by: "instr")],
                at: "2026-05-02T09:02:00Z", today: try #require(Self.today), keys: nil)
            #expect(result.state.cases[try CaseID.parse("AAP-STATE-2026-0002")]?.state == "in_review")
            let full = try Self.replayed(dir)
            #expect(try Self.rowsState(rows) == full.state)
            #expect(try rows.reflectedHead() == full.head)
        }
    }

    @Test func rowsThatNameALineTheLogDoesNotHoldAreRebuilt() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let rows = InMemoryStateRows()
            try Self.populate(Self.store(dir, rows: rows), cases: 6)
            let full = try Self.replayed(dir)
            // Rows that claim the head with another hash (rows of some other log), then rows ahead of the log.
            for lie in [LogHead(seq: full.head.seq, hash: String(repeating: "0", count: 64)), LogHead(seq: full.head.seq + 5, hash: full.head.hash),
                        LogHead(seq: 3, hash: String(repeating: "0", count: 64))] {
                try rows.write(StateRowUpdate(head: lie))
                #expect(try Self.store(dir, rows: rows).currentState().state == full.state)
                #expect(try rows.reflectedHead() == full.head)
                #expect(try Self.rowsState(rows) == full.state)
            }
        }
    }

    @Test func rowsBehindTheLogCatchUpFromTheirLine() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let rows = InMemoryStateRows()
            try Self.populate(Self.store(dir, rows: rows), cases: 4)
            let older = try #require(try rows.reflectedHead())
            // Two writes whose rows were never written: as after a crash between the append and the rows.
            let blind = Self.store(dir, rows: InMemoryStateRows())
            try Self.submit(blind, "Projet tardif", at: "2026-05-02T09:00:00Z")
            try blind.execute([ActorCommand(.advanceCase(AdvanceCase(caseID: "AAP-STATE-2026-0002", action: "start-review", fields: [:])), by: "instr")],
                              at: "2026-05-02T09:01:00Z", today: try #require(Self.today), keys: nil)
            #expect(try rows.reflectedHead() == older)
            let full = try Self.replayed(dir)
            #expect(try Self.store(dir, rows: rows).currentState().state == full.state)
            // A write decides on the caught-up state: case 5 exists, case 2 is in review; the rows are written.
            let store = Self.store(dir, rows: rows)
            let result = try store.execute([ActorCommand(.advanceCase(AdvanceCase(caseID: "AAP-STATE-2026-0005", action: "start-review", fields: [:])), by: "instr")],
                                           at: "2026-05-02T09:02:00Z", today: try #require(Self.today), keys: nil)
            #expect(result.state.cases[try CaseID.parse("AAP-STATE-2026-0005")]?.state == "in_review")
            #expect(result.state.cases[try CaseID.parse("AAP-STATE-2026-0002")]?.state == "in_review")
            let after = try Self.replayed(dir)
            #expect(try rows.reflectedHead() == after.head)
            #expect(try Self.rowsState(rows) == after.state)
        }
    }

    @Test func aBrokenChainAfterTheRowsLineIsReportedAtItsSeq() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            try Self.populate(Self.store(dir, rows: InMemoryStateRows()), cases: 12)
            // Rows as they were at seq 8, then line 12 altered in place.
            let older = try Auditor.replay(FileEventLog(directory: dir.store), until: 8, asOf: nil)
            let rows = InMemoryStateRows()
            try rows.write(StateCache.update(for: older.state, changes: StateChanges(), head: older.head, replacesAll: true))
            var bytes = try dir.bytes(dir.segment(1))
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            // Slices keep the indices of `bytes`: the range found is already an offset in the file.
            let target = try #require(lines[11].firstRange(of: Array("Projet".utf8)))
            bytes[target.lowerBound] = UInt8(ascii: "p")
            try dir.write(bytes, to: dir.segment(1))
            #expect(throws: StorageError.corrupt(ChainProblem(seq: 12, reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq 13"))) {
                try Self.store(dir, rows: rows).currentState()
            }
        }
    }

    @Test func aLongLivedProcessWritesTheRowsEveryFewEventsAndFlushesTheRest() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let rows = InMemoryStateRows()
            try Self.populate(Self.store(dir, rows: rows), cases: 2)
            let store = Self.store(dir, rows: rows)
            store.stateRowsInterval = 4
            let start = try #require(try rows.reflectedHead())
            for n in 1...6 { try Self.submit(store, "Lot \(n)", at: "2026-05-02T10:00:0\(n)Z") }
            // Written once after four events, not after the last two.
            #expect(try rows.reflectedHead()?.seq == start.seq + 4)
            store.flushStateRows()
            let full = try Self.replayed(dir)
            #expect(try rows.reflectedHead() == full.head)
            #expect(try Self.rowsState(rows) == full.state)
        }
    }

    @Test func showingOneCaseReadsItsCaseAndCallNotTheOtherCasesOfTheCall() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let rows = InMemoryStateRows()
            try Self.populate(Self.store(dir, rows: rows), cases: 12)
            let full = try Self.replayed(dir)
            let caseID = try CaseID.parse("AAP-STATE-2026-0007")
            // A new process (a fresh Store) showing one case of a call of 12.
            let one = try Self.store(dir, rows: rows).currentState(for: StateReads(cases: [caseID]))
            #expect(one.head == full.head)
            #expect(one.state.cases.keys.sorted() == [caseID])
            #expect(one.state.cases[caseID] == full.state.cases[caseID])
            #expect(one.state.calls[caseID.callID] == full.state.calls[caseID.callID])
            // Showing the call's money case by case reads all of them.
            let call = try Self.store(dir, rows: rows).currentState(allCasesOf: [caseID.callID])
            #expect(call.state.cases.count == 12)
            #expect(call.state.cases == full.state.cases)
        }
    }
}
