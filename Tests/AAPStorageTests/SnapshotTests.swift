import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// Snapshots spare commands the replay of all history, and are never trusted blindly: one whose
/// line is no longer in the log, or that does not decode, is ignored and rebuilt.
@Suite("Snapshots of the state")
struct SnapshotTests {
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
            ActorCommand(.createCall(CreateCall(call: "AAP-SNAP-2026", kind: "aap", title: "Appel", envelope: "100000", opensOn: "2026-01-01", closesOn: "2026-12-31")), by: "manager"),
            ActorCommand(.advanceCall(AdvanceCall(call: "AAP-SNAP-2026", action: "publish")), by: "manager"),
        ]
        guard let today = today as CalendarDate? else { return }
        try store.execute(setup, at: "2026-05-02T08:00:00Z", today: today)
        for n in 1...cases {
            try store.execute([ActorCommand(.submitCase(SubmitCase(call: "AAP-SNAP-2026", fields: [
                "applicant_name": "Association \(n)", "applicant_kind": "association", "siret": "73282932000074",
                "departement": "31", "title": "Projet \(n)", "amount_requested": "\(1000 + n)", "received_on": "2026-04-01",
            ])), by: "instr")], at: "2026-05-02T08:00:\(String(format: "%02d", n % 60))Z", today: today)
        }
    }

    @Test func aSnapshotIsWrittenAndGivesTheSameStateAsAFullReplay() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let store = Store(directory: dir.store, snapshotInterval: 5)
            try Self.populate(store, cases: 12)
            let snapshotPath = dir.store + "/snapshot.json"
            #expect(FileManager.default.fileExists(atPath: snapshotPath))
            let full = try store.load()
            #expect(full.head.seq == 20)
            // A fresh Store (a new process) reads the snapshot and only the lines after it.
            let fresh = Store(directory: dir.store, snapshotInterval: 5)
            let current = try fresh.currentState()
            #expect(current.state == full.state)
            #expect(current.head == full.head)
            // The snapshot round-trips the whole state exactly.
            let data = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))
            let decoded = try JSONDecoder().decode(Snapshot.self, from: data)
            #expect(decoded.seq >= 5)
            let replayedUpToSnapshot = try Store.fold(Array(try fresh.log.readLines().prefix(decoded.seq))).state
            #expect(decoded.state == replayedUpToSnapshot)
        }
    }

    @Test func aDamagedOrStaleSnapshotIsIgnoredAndRebuilt() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let store = Store(directory: dir.store, snapshotInterval: 5)
            try Self.populate(store, cases: 12)
            let snapshotPath = dir.store + "/snapshot.json"
            let full = try store.load()

            // Garbage: ignored, the state comes from the whole log, and a good snapshot is written again.
            try Data("{pas un instantané".utf8).write(to: URL(fileURLWithPath: snapshotPath))
            #expect(try Store(directory: dir.store, snapshotInterval: 5).currentState().state == full.state)
            #expect(Snapshot.read(in: dir.store)?.seq == full.head.seq)

            // A snapshot that claims a line the log does not hold (wrong hash): ignored.
            let good = try #require(Snapshot.read(in: dir.store))
            var lying = good.state
            lying.eventCount = 999
            Snapshot(seq: good.seq, hash: String(repeating: "0", count: 64), state: lying).write(in: dir.store)
            #expect(try Store(directory: dir.store, snapshotInterval: 5).currentState().state == full.state)

            // A stale snapshot (older seq): the lines after it are folded on top.
            let older = try Store.fold(Array(try store.log.readLines().prefix(8)))
            Snapshot(seq: older.head.seq, hash: older.head.hash, state: older.state).write(in: dir.store)
            #expect(try Store(directory: dir.store, snapshotInterval: 50).currentState().state == full.state)
        }
    }

    @Test func aBrokenChainAfterTheSnapshotIsReportedAtItsSeq() throws {
        try LogTestDirectory.with { dir in
            _ = try FileEventLog.create(directory: dir.store)
            let store = Store(directory: dir.store, snapshotInterval: 5)
            try Self.populate(store, cases: 12)
            let older = try Store.fold(Array(try store.log.readLines().prefix(8)))
            Snapshot(seq: older.head.seq, hash: older.head.hash, state: older.state).write(in: dir.store)
            // Alter line 12 (after the snapshot) in place.
            var bytes = try dir.bytes(dir.segment(1))
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            // Slices keep the indices of `bytes`: the range found is already an offset in the file.
            let target = try #require(lines[11].firstRange(of: Array("Projet".utf8)))
            bytes[target.lowerBound] = UInt8(ascii: "p")
            try dir.write(bytes, to: dir.segment(1))
            #expect(throws: StorageError.corrupt(ChainProblem(seq: 12, reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq 13"))) {
                try Store(directory: dir.store, snapshotInterval: 50).currentState()
            }
        }
    }
}
