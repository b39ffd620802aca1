import Foundation
import Testing
@testable import AAPStorage

/// A crash in the middle of a write leaves a torn last line: it is moved aside, never dropped.
@Suite("Recovering a torn tail")
struct LogTornTailTests {
    @Test func aTornTailIsQuarantinedWithItsExactBytesAndTheLogGoesOn() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 3)
            let intact = try directory.bytes(directory.segment(1))
            let garbage = Array(#"{"seq":4,"prev":"3f2a"#.utf8) + [0xE2, 0x82]
            try directory.write(intact + garbage, to: directory.segment(1))

            // Readers without the lock ignore the incomplete line.
            #expect(try log.readLines().map(\.seq) == [1, 2, 3])
            #expect(log.verify().problem == nil)
            #expect(log.verify().lineCount == 3)

            let quarantined = try log.withWriteLock { session -> QuarantinedTail? in
                #expect(session.head.seq == 3)
                return session.quarantined
            }
            let expectedPath = directory.store + "/quarantine/000001.jsonl-\(intact.count).torn"
            #expect(quarantined == QuarantinedTail(
                segment: "000001.jsonl",
                offset: intact.count,
                byteCount: garbage.count,
                path: expectedPath
            ))
            #expect(try directory.bytes(expectedPath) == garbage)
            #expect(try directory.bytes(directory.segment(1)) == intact)

            let appended = try log.withWriteLock { session in
                #expect(session.quarantined == nil)
                return try session.append([LogTestDirectory.record(4)], signer: nil)
            }
            #expect(appended.map(\.seq) == [4])
            #expect(log.verify().problem == nil)
            #expect(log.verify().lineCount == 4)
            #expect(try directory.bytes(expectedPath) == garbage)
        }
    }

    @Test func aSegmentThatHoldsOnlyATornLineIsCutToNothing() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 4, segmentMaxBytes: 300)
            let count = try directory.segmentNames().count
            let garbage = Array(#"{"seq":5,"pr"#.utf8)
            try directory.write(garbage, to: directory.segment(count + 1))
            let quarantined = try log.withWriteLock { session -> QuarantinedTail? in
                #expect(session.head.seq == 4)
                _ = try session.append([LogTestDirectory.record(5)], signer: nil)
                return session.quarantined
            }
            let name = String(format: "%06d.jsonl", count + 1)
            #expect(quarantined == QuarantinedTail(
                segment: name,
                offset: 0,
                byteCount: garbage.count,
                path: directory.store + "/quarantine/\(name)-0.torn"
            ))
            #expect(try directory.bytes(directory.store + "/quarantine/\(name)-0.torn") == garbage)
            // The emptied segment is the current one, below the limit: the append went there.
            #expect(try directory.lines(directory.segment(count + 1)).count == 1)
            #expect(try log.readLines().map(\.seq) == [1, 2, 3, 4, 5])
            #expect(log.verify().problem == nil)
        }
    }

    @Test func aSecondTornTailAtTheSameOffsetDoesNotOverwriteTheFirst() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 2)
            let intact = try directory.bytes(directory.segment(1))
            try directory.write(intact + Array("first torn".utf8), to: directory.segment(1))
            let first = try log.withWriteLock { $0.quarantined }
            try directory.write(intact + Array("second torn".utf8), to: directory.segment(1))
            let second = try log.withWriteLock { $0.quarantined }
            let base = directory.store + "/quarantine/000001.jsonl-\(intact.count)"
            #expect(first?.path == base + ".torn")
            #expect(second?.path == base + "-2.torn")
            #expect(try directory.bytes(base + ".torn").utf8Text == "first torn")
            #expect(try directory.bytes(base + "-2.torn").utf8Text == "second torn")
            #expect(try directory.bytes(directory.segment(1)) == intact)
        }
    }

    @Test func aCompleteLogNeedsNoRecovery() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 2)
            #expect(try log.withWriteLock { $0.quarantined } == nil)
            #expect(!FileManager.default.fileExists(atPath: directory.store + "/quarantine"))
        }
    }
}
