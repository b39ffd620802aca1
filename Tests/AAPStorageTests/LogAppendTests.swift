import Foundation
import Testing
@testable import AAPStorage

@Suite("Appending to the file event log")
struct LogAppendTests {
    static let zeros = String(repeating: "0", count: 64)

    @Test func firstLineHasTheExactGoldenBytesAndHash() throws {
        try LogTestDirectory.with { directory in
            let log = try FileEventLog.create(directory: directory.store)
            let record = NewRecord(
                at: "2026-03-02T09:15:00Z",
                actor: "agent:ana",
                type: "case.submitted",
                data: Array(#"{"case":"AAP-MOB-2026-0001","amount":120000}"#.utf8)
            )
            let written = try log.withWriteLock { try $0.append([record], signer: nil) }

            let golden = #"{"seq":1,"prev":"0000000000000000000000000000000000000000000000000000000000000000","at":"2026-03-02T09:15:00Z","actor":"agent:ana","type":"case.submitted","data":{"case":"AAP-MOB-2026-0001","amount":120000}}"#
            // sha256 of the golden line, computed with coreutils sha256sum.
            let goldenHash = "136ab2753b7dfc048c66a94df981d53c440890fed1885569a6fc27d4513a333b"
            #expect(try directory.bytes(directory.segment(1)).utf8Text == golden + "\n")
            #expect(written == [LogLine(seq: 1, prev: Self.zeros, bytes: Array(golden.utf8), hash: goldenHash)])
            #expect(try log.readLines() == written)
            #expect(try directory.bytes(directory.store + "/head.json").utf8Text == #"{"seq":1,"hash":"\#(goldenHash)"}"#)
            #expect(try log.readHead() == LogHead(seq: 1, hash: goldenHash))
            #expect(try directory.segmentNames() == ["000001.jsonl"])
        }
    }

    @Test func severalAppendsChainGaplessLinesThatReadBackIdentically() throws {
        try LogTestDirectory.with { directory in
            let log = try FileEventLog.create(directory: directory.store)
            var written: [LogLine] = []
            for batch in [[1], [2, 3, 4, 5], [6, 7]] {
                let lines = try log.withWriteLock { session in
                    try session.append(batch.map { LogTestDirectory.record($0) }, signer: nil)
                }
                written += lines
            }
            let read = try log.readLines()
            #expect(read == written)
            #expect(read.map(\.seq) == Array(1...7))
            #expect(read.first?.prev == Self.zeros)
            for index in 1..<read.count {
                #expect(read[index].prev == read[index - 1].hash)
            }
            for line in read {
                #expect(line.hash == LineDigest(hashing: line.bytes).hex)
                #expect(line.hash.count == 64)
                #expect(line.hash.allSatisfy { "0123456789abcdef".contains($0) })
            }
            let report = log.verify()
            #expect(report.problem == nil)
            #expect(report.lineCount == 7)
            #expect(report.head == LogHead(seq: 7, hash: read[6].hash))
            #expect(try log.readHead() == report.head)
            #expect(try log.withWriteLock { $0.head } == report.head)
            var cursor = LogCursor()
            var checked: [LogLine] = []
            try cursor.readChecked(log) { checked.append($0.logLine) }
            #expect(checked == read)
        }
    }

    @Test func smallSegmentsAreNumberedInOrderAndChainedAcrossBoundaries() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 12, segmentMaxBytes: 300)
            let names = try directory.segmentNames()
            #expect(names.count >= 4)
            #expect(names == (1...names.count).map { String(format: "%06d.jsonl", $0) })
            // Every segment but the last reached the limit; the first line of each segment
            // continues the seq of the previous one.
            var expectedSeq = 1
            for number in 1...names.count {
                let lines = try directory.lines(directory.segment(number))
                #expect(!lines.isEmpty)
                #expect(lines.first.map { $0.utf8Text.hasPrefix(#"{"seq":\#(expectedSeq),"#) } == true)
                expectedSeq += lines.count
                if number < names.count {
                    #expect(try directory.bytes(directory.segment(number)).count >= 300)
                }
            }
            let read = try log.readLines()
            #expect(read.map(\.seq) == Array(1...12))
            for index in 1..<read.count {
                #expect(read[index].prev == read[index - 1].hash)
            }
            #expect(log.verify().problem == nil)
            #expect(log.verify().lineCount == 12)
        }
    }

    @Test func oneAppendGoesToOneSegmentWhateverItsSize() throws {
        try LogTestDirectory.with { directory in
            let log = try FileEventLog.create(directory: directory.store, segmentMaxBytes: 100)
            try log.withWriteLock { _ = try $0.append((1...5).map { LogTestDirectory.record($0) }, signer: nil) }
            #expect(try directory.segmentNames() == ["000001.jsonl"])
            #expect(try directory.lines(directory.segment(1)).count == 5)
            try log.withWriteLock { _ = try $0.append((6...8).map { LogTestDirectory.record($0) }, signer: nil) }
            #expect(try directory.segmentNames() == ["000001.jsonl", "000002.jsonl"])
            #expect(try directory.lines(directory.segment(2)).count == 3)
            #expect(log.verify().problem == nil)
        }
    }

    @Test func anEmptyAppendWritesNothing() throws {
        try LogTestDirectory.with { directory in
            let log = try FileEventLog.create(directory: directory.store)
            let lines = try log.withWriteLock { try $0.append([], signer: nil) }
            #expect(lines.isEmpty)
            #expect(try directory.segmentNames().isEmpty)
            #expect(try log.readHead() == nil)
            #expect(log.verify().head == .empty)
            #expect(log.verify().lineCount == 0)
            #expect(log.verify().problem == nil)
        }
    }

    @Test(arguments: [
        "", "[1]", "{\"a\":1}\n", "{\"a\":\n1}", "{\"a\":\r1}", "{\"a\":1} ",
    ])
    func dataThatIsNotOneJSONObjectOnOneLineIsRefused(data: String) throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 2)
            let before = try directory.bytes(directory.segment(1))
            let record = NewRecord(at: "t", actor: "a", type: "x.y", data: Array(data.utf8))
            #expect(throws: StorageError.self) {
                try log.withWriteLock { try $0.append([LogTestDirectory.record(3), record], signer: nil) }
            }
            #expect(try directory.bytes(directory.segment(1)) == before)
        }
    }

    @Test func aShortWriteIsCutBackAndNothingIsRecorded() throws {
        try LogTestDirectory.with { directory in
            try directory.makeLog(count: 3)
            let before = try directory.bytes(directory.segment(1))
            let headBefore = try directory.bytes(directory.store + "/head.json")
            let faulty = FileEventLog(
                directory: directory.store,
                segmentMaxBytes: 64 * 1024 * 1024,
                lockTimeoutSeconds: 10,
                writeSegment: { descriptor, bytes, count in write(descriptor, bytes, count / 2) }
            )
            #expect {
                try faulty.withWriteLock { try $0.append([LogTestDirectory.record(4), LogTestDirectory.record(5)], signer: nil) }
            } throws: { error in
                guard case StorageError.io(let message) = error else { return false }
                return message.hasPrefix("Écriture incomplète")
            }
            #expect(try directory.bytes(directory.segment(1)) == before)
            #expect(try directory.bytes(directory.store + "/head.json") == headBefore)

            let failing = FileEventLog(
                directory: directory.store,
                segmentMaxBytes: 64 * 1024 * 1024,
                lockTimeoutSeconds: 10,
                writeSegment: { _, _, _ in
                    errno = ENOSPC
                    return -1
                }
            )
            #expect(throws: StorageError.io("Impossible d'écrire « \(directory.segment(1)) » : plus d'espace sur le disque")) {
                try failing.withWriteLock { try $0.append([LogTestDirectory.record(4)], signer: nil) }
            }
            #expect(try directory.bytes(directory.segment(1)) == before)

            let log = FileEventLog(directory: directory.store)
            let lines = try log.withWriteLock { try $0.append([LogTestDirectory.record(4)], signer: nil) }
            #expect(lines.map(\.seq) == [4])
            #expect(log.verify().problem == nil)
            #expect(log.verify().lineCount == 4)
        }
    }

    @Test func aLaggingHeadAnchorIsAccepted() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 10)
            let lines = try log.readLines()
            // A crash between syncing the log and rewriting head.json leaves an older anchor.
            try directory.write(Array(#"{"seq":7,"hash":"\#(lines[6].hash)"}"#.utf8), to: directory.store + "/head.json")
            #expect(log.verify().problem == nil)
            let appended = try log.withWriteLock { try $0.append([LogTestDirectory.record(11)], signer: nil) }
            #expect(appended.map(\.seq) == [11])
            #expect(try log.readHead() == LogHead(seq: 11, hash: appended[0].hash))
            #expect(log.verify().problem == nil)
        }
    }

    @Test func readingAfterAKnownLineSkipsEarlierSegments() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 12, segmentMaxBytes: 300)
            let all = try log.readLines()
            for seq in [0, 1, 4, 7, 11, 12] {
                let known = seq == 0 ? LogHead.empty : LogHead(seq: seq, hash: all[seq - 1].hash)
                var cursor = LogCursor(from: LogStart(after: known))
                var read: [LogLine] = []
                try cursor.readChecked(log) { read.append($0.logLine) }
                #expect(read == all.filter { $0.seq > seq })
                #expect(cursor.head == LogHead(seq: 12, hash: all[11].hash))
            }
        }
    }

    @Test func readingAfterASeqStillChecksTheLinesItReads() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 12, segmentMaxBytes: 300)
            let last = try directory.segmentNames().count
            var lines = try directory.lines(directory.segment(last))
            #expect(lines.count >= 2)
            let flipped = try #require(lines[0].firstIndex(of: UInt8(ascii: "y")))
            lines[0][flipped] = UInt8(ascii: "Y")
            try directory.writeLines(lines, to: directory.segment(last))
            let alteredSeq = try #require(try log.readLines().first { $0.bytes == lines[0] }).seq
            // Started just before the altered line, known by its true hash: the next line's prev betrays it.
            let all = try log.readLines()
            #expect(alteredSeq >= 2)
            var cursor = LogCursor(from: LogStart(after: LogHead(seq: alteredSeq - 1, hash: all[alteredSeq - 2].hash)))
            #expect(throws: StorageError.corrupt(ChainProblem(
                seq: alteredSeq,
                reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq \(alteredSeq + 1)"
            ))) {
                try cursor.readChecked(log) { _ in }
            }
        }
    }

    @Test func aSessionCannotBeUsedAfterTheLockIsReleased() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 1)
            var escaped: WriteSession?
            try log.withWriteLock { escaped = $0 }
            let session = try #require(escaped)
            #expect(throws: StorageError.self) { try session.append([LogTestDirectory.record(2)], signer: nil) }
            #expect(try log.readLines().count == 1)
        }
    }
}
