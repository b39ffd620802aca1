import AAPDomain
import AAPStorage
import Foundation
import PostgresNIO
import Testing
@testable import AAPPostgres

@Suite(
    "The PostgreSQL engine: lines and state rows in one transaction, readers never waiting for a writer",
    .enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.skipNote)
)
struct PostgresStoreEngineTests {
    typealias Records = PostgresTestRecords

    static let call = StateRowsConformanceTests.mob
    static func caseID(_ number: Int) -> CaseID { CaseID(call: call, number: number) }
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Appends one line and writes its rows in `session`: one case row, the call row, the head.
    @discardableResult
    static func appendWithRows(_ session: any StoreWriteSession, number: Int, text: String) throws -> [LogLine] {
        let lines = try session.append([Records.record(number)], signer: nil)
        let rows = try #require(session.rows)
        try rows.write(StateRowUpdate(
            head: session.head, calls: [(call, bytes("call-\(text)"))], cases: [(caseID(number), bytes("case-\(text)"))]
        ))
        return lines
    }

    @Test func theStoreIsCreatedOnceAndNamedWithoutItsPassword() throws {
        try PostgresTestDatabase.with { database in
            let bare = PostgresStoreEngine(log: try PostgresEventLog(address: database.address, password: database.password))
            defer { bare.close() }
            #expect(bare.address == "\(database.address.user)@\(database.address.host):\(database.address.port)/\(database.address.database)")
            #expect(try bare.exists() == false)
            #expect(throws: StorageError.self) { try bare.tailHead() }
            let engine = try database.engine()
            defer { engine.close() }
            #expect(try bare.exists())
            #expect(engine.rowsShareLogTransaction)
            #expect(try engine.tailHead() == .empty)
            // An empty store may be created again; one that holds lines is refused.
            _ = try PostgresStoreEngine.create(log: bare.log)
            _ = try engine.withWriteSession { try Self.appendWithRows($0, number: 1, text: "a") }
            #expect(throws: StorageError.alreadyExists(path: bare.address)) { try PostgresStoreEngine.create(log: bare.log) }
            #expect(try engine.tailHead()?.seq == 1)
        }
    }

    @Test func aStoreOfTheFirstVersionIsRefusedUntilInitGivesItTheStateTables() throws {
        try PostgresTestDatabase.with { database in
            let engine = try database.engine()
            defer { engine.close() }
            try engine.withWriteSession { _ = try $0.append([Records.record(1)], signer: nil) }
            let admin = try database.session()
            defer { admin.close() }
            for table in ["aap_state_head", "aap_state_global", "aap_state_calls", "aap_state_cases"] {
                try admin.run(PostgresQuery(unsafeSQL: "DROP TABLE \(table)"))
            }
            try admin.run("UPDATE aap_schema_version SET version = 1")
            #expect(throws: StorageError.io("Le magasin PostgreSQL \(database.address) a un schéma en version 1, plus ancienne que celle de ce programme (3) : lancez « aap init » pour le mettre à jour")) {
                try engine.exists()
            }
            let upgraded = try PostgresStoreEngine.create(log: engine.log)
            #expect(try upgraded.exists())
            #expect(try upgraded.tailHead()?.seq == 1)
            #expect(try upgraded.readRows()?.reflectedHead() == nil)
        }
    }

    @Test func aStoreOfTheSecondVersionGetsTheReferencesTableWhenOpenedAndRebuildsItsRows() throws {
        try PostgresTestDatabase.with { database in
            let engine = try database.engine()
            defer { engine.close() }
            _ = try engine.withWriteSession { try Self.appendWithRows($0, number: 1, text: "a") }
            #expect(try engine.readRows()?.reflectedHead() != nil)
            let admin = try database.session()
            defer { admin.close() }
            try admin.run("DROP TABLE aap_state_references")
            try admin.run("UPDATE aap_schema_version SET version = 2")
            // Opening it (every command does) adds the table and moves it to version 3.
            let upgraded = try database.openEngine()
            defer { upgraded.close() }
            #expect(try upgraded.exists())
            #expect(try upgraded.log.schemaVersion() == 3)
            #expect(try upgraded.tailHead()?.seq == 1)
            // Rows without references are not trusted: the next command rebuilds them from the log.
            #expect(try upgraded.readRows()?.reflectedHead() == nil)
            #expect(try upgraded.readRows()?.caseID(forReference: "DS-1") == nil)
        }
    }

    @Test func rowsWrittenInASessionCommitWithItsLines() throws {
        try PostgresTestDatabase.with { database in
            let engine = try database.engine()
            defer { engine.close() }
            let lines = try engine.withWriteSession { session in
                #expect(session.quarantined == nil)
                return try Self.appendWithRows(session, number: 1, text: "a")
            }
            let other = try database.openEngine()
            defer { other.close() }
            let rows = try #require(try other.readRows())
            #expect(try rows.reflectedHead() == LogHead(seq: 1, hash: try #require(lines.first).hash))
            #expect(try rows.reflectedHead() == (try other.tailHead()))
            #expect(try rows.caseRow(Self.caseID(1)) == Self.bytes("case-a"))
            #expect(try rows.callRow(Self.call) == Self.bytes("call-a"))
            #expect(try Records.read(other.lines).lines == lines)
        }
    }

    @Test func aSessionThatThrowsLeavesNeitherItsLinesNorItsRows() throws {
        struct Abandon: Error {}
        try PostgresTestDatabase.with { database in
            let engine = try database.engine()
            defer { engine.close() }
            _ = try engine.withWriteSession { try Self.appendWithRows($0, number: 1, text: "a") }
            let before = try engine.tailHead()
            #expect(throws: Abandon.self) {
                try engine.withWriteSession { session in
                    try Self.appendWithRows(session, number: 2, text: "b")
                    try session.rows?.write(StateRowUpdate(head: session.head, replacesAll: true, global: Self.bytes("g")))
                    // The session reads what it wrote.
                    #expect(try session.rows?.globalRow() == Self.bytes("g"))
                    #expect(try session.rows?.caseRow(Self.caseID(1)) == nil)
                    throw Abandon()
                }
            }
            #expect(try engine.tailHead() == before)
            #expect(try Records.read(engine.lines).lines.count == 1)
            let rows = try #require(try engine.readRows())
            #expect(try rows.reflectedHead() == before)
            #expect(try rows.globalRow() == nil)
            #expect(try rows.caseRow(Self.caseID(1)) == Self.bytes("case-a"))
            #expect(try rows.caseRow(Self.caseID(2)) == nil)
            #expect(try rows.callRow(Self.call) == Self.bytes("call-a"))
        }
    }

    @Test func aSessionKeptAfterItEndedRefusesToWrite() throws {
        try PostgresTestDatabase.with { database in
            let engine = try database.engine()
            defer { engine.close() }
            let kept = try engine.withWriteSession { $0 }
            #expect(throws: StorageError.io("Écriture refusée sur \(database.address) : la transaction est terminée")) {
                try kept.append([Records.record(1)], signer: nil)
            }
            #expect(throws: StorageError.self) { try kept.rows?.write(StateRowUpdate(head: .empty)) }
            #expect(try engine.tailHead() == .empty)
        }
    }

    @Test func rowsWrittenOutsideASessionTakeTheHeadLockAndCommitAtOnce() throws {
        try PostgresTestDatabase.with { database in
            let engine = try database.engine()
            defer { engine.close() }
            try engine.withWriteSession { _ = try $0.append([Records.record(1)], signer: nil) }
            let head = try #require(try engine.tailHead())
            try #require(try engine.readRows()).write(StateRowUpdate(head: head, cases: [(Self.caseID(1), Self.bytes("rebuilt"))]))
            let other = try database.openEngine()
            defer { other.close() }
            #expect(try other.readRows()?.reflectedHead() == head)
            #expect(try other.readRows()?.caseRow(Self.caseID(1)) == Self.bytes("rebuilt"))
        }
    }

    @Test func twoEnginesAppendingAtOnceNeverInterleaveAndTheirRowsFollowTheHead() throws {
        let rounds = 60
        try PostgresTestDatabase.with { database in
            let engines = try [database.engine(), database.engine()]
            defer { engines.forEach { $0.close() } }
            try engines[0].withWriteSession { session in
                try session.rows?.write(StateRowUpdate(head: session.head, calls: [(Self.call, Self.bytes("0"))]))
            }
            let failures = LockedFailures()
            DispatchQueue.concurrentPerform(iterations: engines.count) { writer in
                for round in 0..<rounds {
                    do {
                        try engines[writer].withWriteSession { session in
                            let rows = try #require(session.rows)
                            // The rows read in the session reflect the head it holds.
                            if try rows.reflectedHead() != session.head { failures.add("rows behind the head at seq \(session.head.seq)") }
                            let count = Int(String(decoding: try #require(try rows.callRow(Self.call)), as: UTF8.self)) ?? -1
                            let before = session.head.seq
                            let lines = try session.append([Records.record(round, actor: "writer-\(writer)")], signer: nil)
                            if lines.map(\.seq) != [before + 1] { failures.add("seq \(before) → \(lines.map(\.seq))") }
                            try rows.write(StateRowUpdate(
                                head: session.head, calls: [(Self.call, Self.bytes("\(count + 1)"))],
                                cases: [(CaseID(call: Self.call, number: session.head.seq), Self.bytes("w\(writer)"))]
                            ))
                        }
                        // Between sessions, what the other engine reads is always a committed whole.
                        let reader = engines[1 - writer]
                        let head = try reader.tailHead()
                        let reflected = try reader.readRows()?.reflectedHead()
                        if let head, let reflected, reflected.seq < head.seq { failures.add("rows \(reflected.seq) behind head \(head.seq)") }
                    } catch {
                        failures.add("\(error)")
                    }
                }
            }
            #expect(failures.all.isEmpty)
            let total = engines.count * rounds
            let read = try Records.read(engines[0].lines)
            #expect(read.problem == nil)
            #expect(read.lines.map(\.seq) == Array(1...total))
            let rows = try #require(try engines[1].readRows())
            #expect(try rows.reflectedHead() == read.head)
            #expect(try engines[1].tailHead() == read.head)
            // No lost update: each session counted once.
            #expect(try rows.callRow(Self.call) == Self.bytes("\(total)"))
            #expect(try rows.caseRows(of: Self.call).count == total)
        }
    }

    @Test func readingWhileAnotherConnectionWritesDoesNotWaitAndSeesOnlyWhatIsCommitted() throws {
        try PostgresTestDatabase.with { database in
            let writer = try database.engine()
            let reader = try database.engine()
            defer { writer.close(); reader.close() }
            let first = try writer.withWriteSession { try Self.appendWithRows($0, number: 1, text: "a") }
            let committed = LogHead(seq: 1, hash: try #require(first.first).hash)
            let written = DispatchSemaphore(value: 0)
            let checked = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            let outcome = LockedFailures()
            DispatchQueue.global().async {
                do {
                    try writer.withWriteSession { session in
                        try Self.appendWithRows(session, number: 2, text: "b")
                        written.signal()
                        if checked.wait(timeout: .now() + 20) == .timedOut { outcome.add("the reader never came back") }
                    }
                } catch {
                    outcome.add("\(error)")
                }
                done.signal()
            }
            #expect(written.wait(timeout: .now() + 20) == .success)
            let start = Date()
            let rows = try #require(try reader.readRows())
            #expect(try reader.tailHead() == committed)
            #expect(try rows.reflectedHead() == committed)
            #expect(try rows.callRow(Self.call) == Self.bytes("call-a"))
            #expect(try rows.caseRow(Self.caseID(2)) == nil)
            #expect(try rows.caseRows(of: Self.call).count == 1)
            #expect(try Records.read(reader.lines).lines.count == 1)
            #expect(Date().timeIntervalSince(start) < 5)
            checked.signal()
            #expect(done.wait(timeout: .now() + 20) == .success)
            #expect(outcome.all.isEmpty)
            #expect(try reader.tailHead()?.seq == 2)
            #expect(try rows.reflectedHead()?.seq == 2)
            #expect(try rows.caseRow(Self.caseID(2)) == Self.bytes("case-b"))
            #expect(try rows.callRow(Self.call) == Self.bytes("call-b"))
        }
    }

    @Test func aRebuildOfTwentyThousandCaseRowsInOneWriteReadsBackWhole() throws {
        let count = 20_000
        try PostgresTestDatabase.with { database in
            let engine = try database.engine()
            defer { engine.close() }
            let other = StateRowsConformanceTests.mobLong
            let payload = { (number: Int) in Self.bytes(#"{"case":\#(number),"state":"submitted","note":"\#(String(repeating: "x", count: number % 50))"}"#) }
            try engine.withWriteSession { session in
                try session.append([Records.record(1)], signer: nil)
                try session.rows?.write(StateRowUpdate(
                    head: session.head, replacesAll: true, global: Self.bytes("g"),
                    calls: [(Self.call, Self.bytes("mob")), (other, Self.bytes("other"))],
                    cases: (1...count).map { (CaseID(call: Self.call, number: $0), payload($0)) } + [(CaseID(call: other, number: 1), Self.bytes("o"))]
                ))
            }
            let rows = try #require(try engine.readRows())
            let read = try rows.caseRows(of: Self.call)
            #expect(read.count == count)
            #expect(Set(read) == Set((1...count).map(payload)))
            #expect(try rows.caseRow(Self.caseID(count)) == payload(count))
            #expect(try rows.caseRows(of: other) == [Self.bytes("o")])
            #expect(try rows.reflectedHead() == (try engine.tailHead()))
        }
    }
}
