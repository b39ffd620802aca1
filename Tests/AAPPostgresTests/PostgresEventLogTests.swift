import AAPStorage
import Foundation
import PostgresNIO
import Testing
@testable import AAPPostgres

@Suite(
    "The PostgreSQL log: the same lines as the file log, one writer at a time, all or nothing",
    .enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.skipNote)
)
struct PostgresEventLogTests {
    typealias Records = PostgresTestRecords

    @Test func appendedLinesReadBackInOrderWithTheirHead() throws {
        try PostgresTestDatabase.with { database in
            let log = try database.open()
            #expect(try log.readHead() == .empty)
            #expect(log.anchor() == .absent)
            let first = try log.withWriteTransaction { try $0.append([Records.record(1), Records.record(2)], signer: nil) }
            let second = try log.withWriteLock { writer in
                #expect(writer.head.seq == 2)
                return try writer.append([Records.record(3)], signer: nil)
            }
            #expect(first.map(\.seq) == [1, 2])
            #expect(second.map(\.seq) == [3])
            let read = try Records.read(log)
            #expect(read.problem == nil)
            #expect(read.lines == first + second)
            #expect(try log.readHead() == LogHead(seq: 3, hash: second[0].hash))
            #expect(log.anchor() == .valid(read.head))
            #expect(log.byteCount() == (first + second).reduce(0) { $0 + $1.bytes.count + 1 })
        }
    }

    @Test func theSameRecordsGiveTheSameBytesAndHeadOnEveryEngine() throws {
        let batches = [[1], [2, 3, 4], [5], Array(6...20), [21, 22]].map { $0.map { Records.record($0) } }
        let signer = try Records.signer()
        let memory = InMemoryEventLog()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aap-pg-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try FileEventLog.create(directory: directory, segmentMaxBytes: 2000)
        try PostgresTestDatabase.with { database in
            let postgres = try database.open(pageSize: 4)
            for batch in batches {
                try memory.withWriteLock { _ = try $0.append(batch, signer: signer) }
                try file.withWriteLock { _ = try $0.append(batch, signer: signer) }
                try postgres.withWriteTransaction { _ = try $0.append(batch, signer: signer) }
            }
            let fromPostgres = try Records.read(postgres)
            let fromFile = try Records.read(file)
            #expect(fromPostgres.problem == nil)
            #expect(fromPostgres.lines.map(\.bytes) == memory.lines)
            #expect(fromPostgres.lines == fromFile.lines)
            #expect(fromPostgres.lines.count == 22)
            #expect(try postgres.readHead() == memory.head)
            #expect(try postgres.readHead() == (try file.readHead()))
            #expect(postgres.anchor() == file.anchor())
            #expect(postgres.byteCount() == file.byteCount())
        }
    }

    @Test(arguments: [0, 1, 4, 5, 11, 12])
    func aCursorStartsAfterAKnownLineAcrossPages(seq: Int) throws {
        try PostgresTestDatabase.with { database in
            let log = try database.open(pageSize: 5)
            try log.withWriteTransaction { _ = try $0.append((1...12).map { Records.record($0) }, signer: nil) }
            let all = try Records.read(log).lines
            #expect(all.map(\.seq) == Array(1...12))
            let known = seq == 0 ? LogHead.empty : LogHead(seq: seq, hash: all[seq - 1].hash)
            let read = try Records.read(log, from: LogStart(after: known))
            #expect(read.problem == nil)
            #expect(read.lines == Array(all.dropFirst(seq)))
            #expect(read.head == LogHead(seq: 12, hash: all[11].hash))
        }
    }

    @Test func aRowAlteredByAnUpdateBreaksTheChainAtItsSeq() throws {
        try PostgresTestDatabase.with { database in
            let log = try database.open(pageSize: 3)
            try log.withWriteTransaction { _ = try $0.append((1...8).map { Records.record($0) }, signer: nil) }
            let attacker = try database.session()
            defer { attacker.close() }
            try attacker.run("UPDATE aap_log SET line = overlay(line PLACING 'q'::bytea FROM position('payload'::bytea IN line)) WHERE seq = 5")
            let read = try Records.read(log)
            #expect(read.lines.map(\.seq) == Array(1...5))
            #expect(read.problem == ChainProblem(seq: 5, reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq 6"))

            // The last line altered: the head row no longer names it, and no write goes on from it.
            try attacker.run("UPDATE aap_log SET line = overlay(line PLACING 'q'::bytea FROM position('payload'::bytea IN line)) WHERE seq = 8")
            #expect(throws: StorageError.corrupt(ChainProblem(seq: 8, reason: "ligne modifiée : son empreinte ne correspond plus à celle de aap_head"))) {
                try log.withWriteTransaction { _ = try $0.append([Records.record(9)], signer: nil) }
            }
            #expect(try log.readHead().seq == 8)
        }
    }

    @Test func aLineInsertedOutsideATransactionIsRefusedBeforeAnyWrite() throws {
        try PostgresTestDatabase.with { database in
            let log = try database.open()
            try log.withWriteTransaction { _ = try $0.append([Records.record(1)], signer: nil) }
            let attacker = try database.session()
            defer { attacker.close() }
            try attacker.run("INSERT INTO aap_log (seq, line) VALUES (2, '\\x7b7d'::bytea)")
            #expect(throws: StorageError.corrupt(ChainProblem(seq: 2, reason: "ligne ajoutée hors transaction : aap_head annonce seq 1, le journal va jusqu'à seq 2"))) {
                try log.withWriteTransaction { _ = try $0.append([Records.record(2)], signer: nil) }
            }
        }
    }

    @Test func twoConcurrentWritersNeverInterleaveNorLoseALine() throws {
        let rounds = 100
        try PostgresTestDatabase.with { database in
            let writers = try [database.open(), database.open()]
            let failures = LockedFailures()
            DispatchQueue.concurrentPerform(iterations: writers.count) { writer in
                for round in 0..<rounds {
                    let size = 1 + (round + writer) % 3
                    let records = (0..<size).map { index in
                        NewRecord(at: "2026-03-02T09:00:00Z", actor: "writer-\(writer)", type: "test.recorded",
                                  data: Array(#"{"w":\#(writer),"r":\#(round),"i":\#(index),"k":\#(size)}"#.utf8))
                    }
                    do {
                        try writers[writer].withWriteTransaction { transaction in
                            let before = transaction.head.seq
                            let lines = try transaction.append(records, signer: nil)
                            if lines.map(\.seq) != Array(before + 1...before + size) { failures.add("seq \(before) → \(lines.map(\.seq))") }
                        }
                    } catch {
                        failures.add("\(error)")
                    }
                }
            }
            #expect(failures.all.isEmpty)
            let read = try Records.read(writers[0])
            #expect(read.problem == nil)
            let expected = (0..<writers.count).reduce(0) { total, writer in total + (0..<rounds).reduce(0) { $0 + 1 + ($1 + writer) % 3 } }
            #expect(read.lines.count == expected)
            #expect(read.lines.map(\.seq) == Array(1...expected))
            // Each batch's lines are consecutive and complete, in their order.
            var position = 0
            while position < read.lines.count {
                let first = try Self.fields(read.lines[position])
                #expect(first.i == 0)
                for offset in 0..<first.k {
                    let line = try Self.fields(read.lines[position + offset])
                    #expect(line.w == first.w && line.r == first.r && line.i == offset && line.k == first.k)
                }
                position += first.k
            }
            #expect(position == expected)
            for writer in writers { writer.close() }
        }
    }

    @Test func aTransactionThatThrowsMidwayLeavesNothing() throws {
        struct Abandon: Error {}
        try PostgresTestDatabase.with { database in
            let log = try database.open()
            try log.withWriteTransaction { _ = try $0.append([Records.record(1), Records.record(2)], signer: nil) }
            let before = try log.readHead()
            #expect(throws: Abandon.self) {
                try log.withWriteTransaction { transaction in
                    try transaction.append([Records.record(3), Records.record(4)], signer: nil)
                    try transaction.append([Records.record(5)], signer: nil)
                    throw Abandon()
                }
            }
            // A record that cannot be encoded refuses the whole batch too.
            let broken = NewRecord(at: "t", actor: "a", type: "x.y", data: [0x7B, 0xC3, 0x28, 0x7D])
            #expect(throws: StorageError.self) {
                try log.withWriteTransaction { try $0.append([Records.record(3), broken], signer: nil) }
            }
            #expect(try log.readHead() == before)
            #expect(try Records.read(log).lines.count == 2)
            let next = try log.withWriteTransaction { try $0.append([Records.record(3)], signer: nil) }
            #expect(next.map(\.seq) == [3])
            #expect(try Records.read(log).problem == nil)
        }
    }

    @Test func aConnectionCutMidBatchLeavesNothingAndTheNextWriterGoesOn() throws {
        try PostgresTestDatabase.with { database in
            let log = try database.open()
            try log.withWriteTransaction { _ = try $0.append([Records.record(1)], signer: nil) }
            let other = try database.session()
            defer { other.close() }
            #expect(throws: StorageError.self) {
                try log.withWriteTransaction { transaction in
                    try transaction.append((2...500).map { Records.record($0) }, signer: nil)
                    let pid = try #require(try transaction.execute("SELECT pg_backend_pid()").first?.decode(Int32.self))
                    // The server ends this client's backend, as when the client dies mid-batch.
                    try other.run("SELECT pg_terminate_backend(\(pid))")
                    try transaction.append([Records.record(501)], signer: nil)
                }
            }
            let reopened = try database.open()
            #expect(try reopened.readHead().seq == 1)
            #expect(try Records.read(reopened).lines.count == 1)
            let next = try reopened.withWriteTransaction { try $0.append([Records.record(2)], signer: nil) }
            #expect(next.map(\.seq) == [2])
        }
    }

    @Test func aNestedTransactionJoinsTheOneUnderWayAndReadsItsLines() throws {
        struct Abandon: Error {}
        try PostgresTestDatabase.with { database in
            let log = try database.open()
            #expect(throws: Abandon.self) {
                try log.withWriteTransaction { outer in
                    try outer.append([Records.record(1)], signer: nil)
                    try log.withWriteTransaction { inner in
                        #expect(inner.head.seq == 1)
                        try inner.append([Records.record(2)], signer: nil)
                    }
                    // The transaction reads its own lines before they are committed.
                    #expect(try Records.read(log).lines.map(\.seq) == [1, 2])
                    throw Abandon()
                }
            }
            #expect(try log.readHead() == .empty)
            #expect(try Records.read(log).lines.isEmpty)
        }
    }

    @Test func aBatchLargerThanOneInsertIsWrittenWholeAndReadBackAcrossPages() throws {
        try PostgresTestDatabase.with { database in
            let log = try database.open()
            let count = PostgresWriteTransaction.rowsPerInsert * 2 + 500
            let written = try log.withWriteTransaction { try $0.append((1...count).map { Records.record($0) }, signer: nil) }
            var seqs: [Int] = []
            var cursor = LogCursor()
            try cursor.read(log) { seqs.append($0.seq) }
            #expect(cursor.finish() == nil)
            #expect(seqs == Array(1...count))
            #expect(cursor.head == LogHead(seq: count, hash: try #require(written.last).hash))
        }
    }

    @Test func theSchemaIsCreatedOnceAndVersioned() throws {
        try PostgresTestDatabase.with { database in
            let bare = try PostgresEventLog(address: database.address, password: database.password)
            #expect(throws: StorageError.storeMissing(path: database.address.description)) { try bare.checkSchema() }
            try bare.createSchema()
            try bare.withWriteTransaction { _ = try $0.append([Records.record(1)], signer: nil) }
            try bare.createSchema()
            try bare.checkSchema()
            #expect(try bare.readHead().seq == 1)
            let admin = try database.session()
            defer { admin.close() }
            try admin.run("UPDATE aap_schema_version SET version = 4")
            #expect(throws: StorageError.io("Le magasin PostgreSQL \(database.address) a un schéma en version 4, plus récente que celle que ce programme connaît (3) : mettez aap à jour")) {
                try bare.checkSchema()
            }
        }
    }

    @Test func aMissingOrWrongPasswordIsOneFrenchLine() throws {
        try PostgresTestDatabase.with { database in
            let address = database.address
            #expect(throws: StorageError.io("Connexion au serveur PostgreSQL \(address) refusée : il demande un mot de passe (PGPASSWORD ou ~/.pgpass)")) {
                try PostgresEventLog(address: address, password: nil)
            }
            #expect(throws: StorageError.io("Connexion au serveur PostgreSQL \(address) refusée : password authentication failed for user \"\(address.user)\" (SQLSTATE 28P01)")) {
                try PostgresEventLog(address: address, password: "not-the-password")
            }
        }
    }

    static func fields(_ line: LogLine) throws -> (w: Int, r: Int, i: Int, k: Int) {
        let object = try JSONSerialization.jsonObject(with: Data(line.bytes)) as? [String: Any]
        let data = try #require(object?["data"] as? [String: Int])
        return (try #require(data["w"]), try #require(data["r"]), try #require(data["i"]), try #require(data["k"]))
    }
}

/// Failures collected from several threads.
final class LockedFailures: @unchecked Sendable {
    private var failures: [String] = []
    private let lock = NSLock()

    func add(_ failure: String) { lock.withLock { failures.append(failure) } }
    var all: [String] { lock.withLock { failures } }
}
