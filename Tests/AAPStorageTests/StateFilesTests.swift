import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The state files spare commands the replay of all history, and are never trusted blindly: files
/// whose line is no longer in the log, or that do not match their SHA-256, are ignored and rebuilt;
/// files behind the log catch up with the lines after theirs.
@Suite("State files")
struct StateFilesTests {
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

    static func stateDirectory(_ dir: LogTestDirectory) -> String { dir.store + "/state" }

    static func manifest(_ dir: LogTestDirectory) throws -> StateManifest {
        try #require(StateManifest.parse(try dir.bytes(stateDirectory(dir) + "/manifest")))
    }

    /// The state folded from every line of the log, the reference.
    static func replayed(_ dir: LogTestDirectory) throws -> LoadedStore {
        try Auditor.replay(FileEventLog(directory: dir.store), until: nil, asOf: nil)
    }

    @Test func everyWriteLeavesFilesThatGiveTheSameStateAsAFullReplay() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let store = Store(directory: dir.store)
            try Self.populate(store, cases: 12)
            let full = try Self.replayed(dir)
            // The files as the writes left them (no reader has rebuilt anything yet) are whole and right.
            let written = try #require(StateFiles.open(storeDirectory: dir.store))
            #expect(written.loadEverything())
            #expect(written.state == full.state)
            let manifest = try Self.manifest(dir)
            #expect(manifest.head == full.head)
            #expect(manifest.eventCount == full.head.seq)
            #expect(Set(manifest.calls.keys) == ["AAP-STATE-2026"])
            let current = try Store(directory: dir.store).currentState()
            #expect(current.state == full.state)
            #expect(current.head == full.head)
            // A command reads only its call: the state it gets has that call and its case, not more.
            let files = try #require(StateFiles.open(storeDirectory: dir.store))
            let caseID = try CaseID.parse("AAP-STATE-2026-0003")
            #expect(files.loadForDeciding([.advanceCase(AdvanceCase(caseID: caseID.value, action: "start-review", fields: [:]))]))
            #expect(files.state.cases.keys.sorted() == [caseID])
            #expect(files.state.cases[caseID] == full.state.cases[caseID])
            #expect(files.state.calls[caseID.callID] == full.state.calls[caseID.callID])
            #expect(files.state.actors == full.state.actors)
            #expect(files.state.workflows == full.state.workflows)
        }
    }

    @Test(arguments: ["manifest", "global.json", "calls/AAP-STATE-2026.state"])
    func aDamagedFileIsDetectedAndRebuilt(file: String) throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            try Self.populate(Store(directory: dir.store), cases: 6)
            let full = try Self.replayed(dir)
            let path = Self.stateDirectory(dir) + "/" + file
            var bytes = try dir.bytes(path)
            // Change one byte inside a case's or the header's JSON: still readable, but not what was written.
            let index = bytes.count / 2
            bytes[index] = bytes[index] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            try dir.write(bytes, to: path)
            #expect(StateFiles.open(storeDirectory: dir.store).map { $0.loadEverything() } != true)
            #expect(try Store(directory: dir.store).currentState().state == full.state)
            // Rebuilt: the files are sound again and match the log.
            let files = try #require(StateFiles.open(storeDirectory: dir.store))
            #expect(files.loadEverything())
            #expect(files.state == full.state)
            #expect(files.manifest.head == full.head)
        }
    }

    @Test func filesOfTheFormerFormatAreRefusedAndRebuilt() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            try Self.populate(Store(directory: dir.store), cases: 6)
            let full = try Self.replayed(dir)
            let path = Self.stateDirectory(dir) + "/manifest"
            // Format 2 kept each call's case ids, not its running totals: its files are not read.
            let text = String(decoding: try dir.bytes(path), as: UTF8.self)
            try dir.write(Array(text.replacingOccurrences(of: StateManifest.formatLine + "\n", with: "aap-state 2\n").utf8), to: path)
            #expect(StateFiles.open(storeDirectory: dir.store) == nil)
            #expect(try Store(directory: dir.store).currentState().state == full.state)
            let files = try #require(StateFiles.open(storeDirectory: dir.store))
            #expect(files.loadEverything())
            #expect(files.state == full.state)
            // A call record of format 2 (case ids, no totals) does not decode as a call of format 3.
            var call = try JSONSerialization.jsonObject(with: JSONEncoder().encode(try #require(full.state.calls.values.first))) as? [String: Any] ?? [:]
            call["totals"] = nil
            call["caseIDs"] = ["AAP-STATE-2026-0001"]
            #expect((try? JSONDecoder().decode(CallState.self, from: JSONSerialization.data(withJSONObject: call))) == nil)
        }
    }

    @Test func filesThatNameALineTheLogDoesNotHoldAreRebuilt() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            try Self.populate(Store(directory: dir.store), cases: 6)
            let full = try Self.replayed(dir)
            // A manifest that claims the head but with another hash: files of some other log.
            var lying = try Self.manifest(dir)
            lying.head = LogHead(seq: full.head.seq, hash: String(repeating: "0", count: 64))
            try dir.write(lying.encoded(), to: Self.stateDirectory(dir) + "/manifest")
            #expect(try Store(directory: dir.store).currentState().state == full.state)
            #expect(try Self.manifest(dir).head == full.head)
            // Files ahead of the log (a log restored from an older copy) are rebuilt too.
            lying.head = LogHead(seq: full.head.seq + 5, hash: full.head.hash)
            try dir.write(lying.encoded(), to: Self.stateDirectory(dir) + "/manifest")
            #expect(try Store(directory: dir.store).currentState().state == full.state)
            #expect(try Self.manifest(dir).head == full.head)
        }
    }

    @Test func filesOlderThanTheLogAreRebuiltBeforeTheNextDecision() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let store = Store(directory: dir.store)
            try Self.populate(store, cases: 4)
            let stateDir = Self.stateDirectory(dir)
            let names = ["manifest", "global.json"] + (try FileManager.default.contentsOfDirectory(atPath: stateDir + "/calls")).map { "calls/" + $0 }
            let olderFiles = try names.map { ($0, try dir.bytes(stateDir + "/" + $0)) }
            let older = try Self.manifest(dir)
            try store.execute([ActorCommand(.submitCase(SubmitCase(call: "AAP-STATE-2026", fields: [
                "applicant_name": "Association tardive", "applicant_kind": "association", "siret": "73282932000074",
                "departement": "31", "title": "Projet tardif", "amount_requested": "900", "received_on": "2026-04-01",
            ])), by: "instr")], at: "2026-05-02T09:00:00Z", today: try #require(Self.today), keys: nil)
            try store.execute([ActorCommand(.advanceCase(AdvanceCase(caseID: "AAP-STATE-2026-0002", action: "start-review", fields: [:])), by: "instr")],
                              at: "2026-05-02T09:01:00Z", today: try #require(Self.today), keys: nil)
            // Put the files back as they were two events ago: as after a crash between the append and the files.
            for (name, bytes) in olderFiles { try dir.write(bytes, to: stateDir + "/" + name) }
            #expect(try Self.manifest(dir) == older)
            let full = try Self.replayed(dir)
            #expect(try Store(directory: dir.store).currentState().state == full.state)
            #expect(try Self.manifest(dir).head == full.head)
            // A write on stale files decides on the rebuilt state: case 5 exists, case 2 is in review.
            for (name, bytes) in olderFiles { try dir.write(bytes, to: stateDir + "/" + name) }
            let result = try store.execute([ActorCommand(.advanceCase(AdvanceCase(caseID: "AAP-STATE-2026-0005", action: "start-review", fields: [:])), by: "instr")],
                                           at: "2026-05-02T09:02:00Z", today: try #require(Self.today), keys: nil)
            #expect(result.state.cases[try CaseID.parse("AAP-STATE-2026-0005")]?.state == "in_review")
            let after = try Self.replayed(dir)
            #expect(try Self.manifest(dir).head == after.head)
            #expect(try Store(directory: dir.store).currentState().state == after.state)
        }
    }

    @Test func aLogWrittenToBehindTheFilesBackIsCheckedWholeBeforeAnyWrite() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            try Self.populate(Store(directory: dir.store), cases: 6)
            let before = try Self.manifest(dir)
            // Rewrite the log with the same bytes: nothing changed but the file system says it was written.
            try dir.write(try dir.bytes(dir.segment(1)), to: dir.segment(1))
            #expect(StateFiles.open(storeDirectory: dir.store)?.manifest.segments != (try FileEventLog(directory: dir.store).segmentStamps()))
            let full = try Self.replayed(dir)
            #expect(try Store(directory: dir.store).currentState().state == full.state)
            let after = try Self.manifest(dir)
            #expect(after.head == before.head)
            #expect(after.segments == (try FileEventLog(directory: dir.store).segmentStamps()))
        }
    }

    @Test func aBrokenChainAfterTheFilesLineIsReportedAtItsSeq() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            try Self.populate(Store(directory: dir.store), cases: 12)
            // Files as they were at seq 8, then line 12 altered in place.
            let older = try Auditor.replay(FileEventLog(directory: dir.store), until: 8, asOf: nil)
            let segment = try dir.bytes(dir.segment(1))
            let offset = segment.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(8).reduce(0) { $0 + $1.count + 1 }
            _ = offset
            StateFiles.write(older.state, head: older.head, segments: try FileEventLog(directory: dir.store).segmentStamps(), previous: nil,
                             changes: StateChanges(), storeDirectory: dir.store)
            #expect(try Self.manifest(dir).head == older.head)
            var bytes = segment
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            // Slices keep the indices of `bytes`: the range found is already an offset in the file.
            let target = try #require(lines[11].firstRange(of: Array("Projet".utf8)))
            bytes[target.lowerBound] = UInt8(ascii: "p")
            try dir.write(bytes, to: dir.segment(1))
            #expect(throws: StorageError.corrupt(ChainProblem(seq: 12, reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq 13"))) {
                try Store(directory: dir.store).currentState()
            }
        }
    }

    @Test func aLongLivedProcessWritesTheFilesEveryFewEventsAndTheyStayRight() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let store = Store(directory: dir.store)
            store.stateFilesInterval = 5
            try Self.populate(store, cases: 12)
            let full = try Self.replayed(dir)
            // 13 writes: the files lag behind the log by less than 5 events, then are written at once.
            let lagging = try Self.manifest(dir)
            #expect(lagging.head.seq < full.head.seq)
            #expect(full.head.seq - lagging.head.seq < 5)
            store.flushStateFiles()
            #expect(try Self.manifest(dir).head == full.head)
            #expect(try Store(directory: dir.store).currentState().state == full.state)
            // Left behind without a flush (a crash): the next process finds them stale and rebuilds.
            for n in 1...3 {
                try store.execute([ActorCommand(.advanceCase(AdvanceCase(caseID: "AAP-STATE-2026-000\(n)", action: "start-review", fields: [:])), by: "instr")],
                                  at: "2026-05-02T10:00:0\(n)Z", today: try #require(Self.today), keys: nil)
            }
            #expect(try Self.manifest(dir).head.seq < full.head.seq + 3)
            let after = try Self.replayed(dir)
            #expect(try Store(directory: dir.store).currentState().state == after.state)
            #expect(try Self.manifest(dir).head == after.head)
        }
    }
}
