import Foundation
import Testing
@testable import AAPStorage

/// One byte changed, one line removed or moved: verification names the first bad seq.
@Suite("Detecting tampering in the file event log")
struct LogTamperTests {
    /// Builds a ten-line log in one segment, lets `tamper` edit its lines, and returns what the
    /// file check and the pure check over the same bytes report.
    private func tampered(
        headAnchor: Bool = true,
        _ tamper: (inout [[UInt8]]) throws -> Void
    ) throws -> (file: ChainProblem?, pure: ChainProblem?) {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 10)
            #expect(log.verify().problem == nil)
            var lines = try directory.lines(directory.segment(1))
            #expect(lines.count == 10)
            try tamper(&lines)
            try directory.writeLines(lines, to: directory.segment(1))
            let head = try log.readHead()
            if !headAnchor {
                try FileManager.default.removeItem(atPath: directory.store + "/head.json")
            }
            let file = log.verify().problem
            let pure = InMemoryEventLog(lines: lines, head: headAnchor ? head : nil).verify().problem
            return (file, pure)
        }
    }

    /// Replaces the byte at `index` with `byte`, checking it really changes.
    private static func set(_ line: inout [UInt8], at index: Int, to byte: UInt8) {
        #expect(line[index] != byte)
        line[index] = byte
    }

    @Test func anIntactLogVerifies() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 10)
            let report = log.verify()
            let lines = try log.readLines()
            #expect(report.problem == nil)
            #expect(report.lineCount == 10)
            #expect(report.head == LogHead(seq: 10, hash: lines[9].hash))
            let pure = InMemoryEventLog(lines: lines.map(\.bytes), head: try log.readHead()).verify()
            #expect(pure.problem == nil)
            #expect(pure.lineCount == 10)
            #expect(pure.head == report.head)
        }
    }

    @Test(arguments: [1, 5, 10])
    func aChangedDataByteIsReportedAtItsLine(seq: Int) throws {
        let result = try tampered { lines in
            let line = lines[seq - 1]
            let data = try #require(line.utf8Text.range(of: "payload-"))
            let index = line.utf8Text.utf8.distance(from: line.utf8Text.startIndex, to: data.lowerBound)
            Self.set(&lines[seq - 1], at: index, to: UInt8(ascii: "q"))
        }
        #expect(result.file?.seq == seq)
        #expect(result.pure?.seq == seq)
    }

    @Test(arguments: [1, 5, 10])
    func aChangedSeqDigitIsReportedAtItsLine(seq: Int) throws {
        let result = try tampered { lines in
            let index = #"{"seq":"#.utf8.count
            let digit = lines[seq - 1][index]
            Self.set(&lines[seq - 1], at: index, to: digit == UInt8(ascii: "9") ? UInt8(ascii: "8") : digit + 1)
        }
        #expect(result.file?.seq == seq)
        #expect(result.pure?.seq == seq)
    }

    @Test(arguments: [1, 5, 10])
    func aDeletedLineIsReportedAtItsSeq(seq: Int) throws {
        let result = try tampered { lines in lines.remove(at: seq - 1) }
        #expect(result.file?.seq == seq)
        #expect(result.pure?.seq == seq)
        if seq < 10 {
            #expect(result.file?.reason == "ligne manquante : seq \(seq) attendu, \(seq + 1) trouvé")
        }
    }

    @Test(arguments: [1, 5, 9])
    func swappedLinesAreReportedAtTheFirstOfThem(seq: Int) throws {
        let result = try tampered { lines in lines.swapAt(seq - 1, seq) }
        #expect(result.file?.seq == seq)
        #expect(result.pure?.seq == seq)
    }

    @Test func aDuplicatedLineIsReported() throws {
        let result = try tampered { lines in lines.insert(lines[3], at: 4) }
        #expect(result.file == ChainProblem(seq: 5, reason: "ligne dupliquée ou déplacée : seq 5 attendu, 4 trouvé"))
        #expect(result.pure == result.file)
    }

    @Test func aLastLineCutAwayIsReportedThroughTheAnchor() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 10)
            let lines = try directory.lines(directory.segment(1))
            let keep = lines.prefix(9).reduce(0) { $0 + $1.count + 1 }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.segment(1)))
            try handle.truncate(atOffset: UInt64(keep))
            try handle.close()
            #expect(try log.readHead()?.seq == 10)
            let report = log.verify()
            #expect(report.lineCount == 9)
            #expect(report.problem == ChainProblem(
                seq: 10,
                reason: "ligne manquante en fin de journal : head.json annonce seq 10, le journal s'arrête à seq 9"
            ))
        }
    }

    @Test func anAlteredLastLineIsReportedThroughTheAnchor() throws {
        let result = try tampered { lines in
            let index = try #require(lines[9].utf8Text.range(of: "payload-"))
            let offset = lines[9].utf8Text.utf8.distance(from: lines[9].utf8Text.startIndex, to: index.lowerBound)
            Self.set(&lines[9], at: offset, to: UInt8(ascii: "P"))
        }
        #expect(result.file == ChainProblem(seq: 10, reason: "ligne modifiée : son empreinte ne correspond plus à celle de head.json"))
        #expect(result.pure == result.file)
    }

    @Test func withoutAnAnchorAnAlteredLastLineGoesUnseen() throws {
        // The reason head.json exists: nothing after the last line carries its hash.
        let result = try tampered(headAnchor: false) { lines in
            let index = try #require(lines[9].utf8Text.range(of: "payload-"))
            let offset = lines[9].utf8Text.utf8.distance(from: lines[9].utf8Text.startIndex, to: index.lowerBound)
            Self.set(&lines[9], at: offset, to: UInt8(ascii: "q"))
        }
        #expect(result.file == nil)
        #expect(result.pure == nil)
    }

    @Test(arguments: [1, 4, 10])
    func aByteThatIsNotUTF8IsReportedAtItsLine(seq: Int) throws {
        let result = try tampered { lines in
            let index = try #require(lines[seq - 1].utf8Text.range(of: "payload-"))
            let offset = lines[seq - 1].utf8Text.utf8.distance(from: lines[seq - 1].utf8Text.startIndex, to: index.lowerBound)
            Self.set(&lines[seq - 1], at: offset, to: 0xFF)
        }
        #expect(result.file?.seq == seq)
        #expect(result.file?.reason.hasPrefix("ligne illisible : octet UTF-8 invalide") == true)
        #expect(result.pure == result.file)
    }

    @Test func aLineThatIsNotAnObjectIsReportedAtItsLine() throws {
        let result = try tampered { lines in lines[5].removeLast(2) }
        #expect(result.file == ChainProblem(seq: 6, reason: "ligne mal formée : elle ne se termine pas par « } »"))
        #expect(result.pure == result.file)
    }

    @Test func aLineWithoutTheCanonicalPrefixIsReportedAtItsLine() throws {
        let result = try tampered { lines in lines[2] = Array(#"{"prev":"x","seq":3}"#.utf8) }
        #expect(result.file?.seq == 3)
        #expect(result.file?.reason.hasPrefix("ligne mal formée") == true)
        #expect(result.pure == result.file)
    }

    @Test func anUppercaseHexPrevIsMalformed() throws {
        let result = try tampered { lines in
            let prev = 17..<81
            #expect(lines[6][prev].contains { $0 >= UInt8(ascii: "a") })
            for index in prev where lines[6][index] >= UInt8(ascii: "a") {
                lines[6][index] -= 0x20
            }
        }
        #expect(result.file?.seq == 7)
        #expect(result.file?.reason.hasPrefix("ligne mal formée") == true)
        #expect(result.pure == result.file)
    }

    @Test func aFirstLineThatDoesNotStartTheChainIsReported() throws {
        let lines = [Array(#"{"seq":1,"prev":"\#(String(repeating: "1", count: 64))","data":{}}"#.utf8)]
        let report = InMemoryEventLog(lines: lines).verify()
        #expect(report.problem == ChainProblem(seq: 1, reason: "première ligne : « prev » doit valoir 64 zéros"))
        #expect(report.lineCount == 1)
    }

    @Test func anEmptyLogWithAnAnchorHasLostItsLines() {
        let report = InMemoryEventLog(lines: [], head: LogHead(seq: 2, hash: String(repeating: "a", count: 64))).verify()
        #expect(report.problem?.seq == 1)
        #expect(report.lineCount == 0)
        #expect(report.head == .empty)
        #expect(InMemoryEventLog(lines: [], head: nil).verify().problem == nil)
        #expect(InMemoryEventLog(lines: [], head: .empty).verify().problem == nil)
    }

    @Test func aRemovedSegmentIsReported() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 12, segmentMaxBytes: 300)
            let firstOfThird = try #require(try directory.lines(directory.segment(3)).first)
            let seq = try #require(LinePrefixProbe.seq(of: firstOfThird))
            try FileManager.default.removeItem(atPath: directory.segment(3))
            #expect(log.verify().problem?.seq == seq)

            // With the last segment gone as well, the first problem is still the earlier one.
            let last = try directory.segmentNames().count + 1
            try FileManager.default.removeItem(atPath: directory.segment(last))
            #expect(log.verify().problem?.seq == seq)
        }
    }

    @Test func aRemovedLastSegmentIsReportedThroughTheAnchor() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 12, segmentMaxBytes: 300)
            let names = try directory.segmentNames()
            let removed = try directory.lines(directory.segment(names.count))
            let firstRemoved = try #require(removed.first.flatMap(LinePrefixProbe.seq(of:)))
            try FileManager.default.removeItem(atPath: directory.segment(names.count))
            #expect(log.verify().problem?.seq == firstRemoved)
            #expect(log.verify().lineCount == firstRemoved - 1)
        }
    }

    @Test func anUnterminatedSegmentBeforeTheLastIsReported() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 12, segmentMaxBytes: 300)
            var bytes = try directory.bytes(directory.segment(2))
            let lines = try directory.lines(directory.segment(2))
            let lastSeq = try #require(lines.last.flatMap(LinePrefixProbe.seq(of:)))
            bytes.removeLast()
            try directory.write(bytes, to: directory.segment(2))
            #expect(log.verify().problem == ChainProblem(
                seq: lastSeq,
                reason: "le segment « 000002.jsonl » ne se termine pas par un saut de ligne"
            ))
            #expect(throws: StorageError.self) { try log.readLines() }
        }
    }

    @Test func namesThatAreNotSegmentsAreIgnored() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 3)
            for name in ["notes.txt", "000002.json", "2.jsonl", "0000002.jsonl", "000000.jsonl", ".000002.jsonl"] {
                try directory.write(Array("garbage".utf8), to: directory.store + "/log/" + name)
            }
            #expect(log.verify().problem == nil)
            #expect(try log.readLines().count == 3)
            let appended = try log.withWriteLock { try $0.append([LogTestDirectory.record(4)], signer: nil) }
            #expect(appended.map(\.seq) == [4])
            #expect(log.verify().problem == nil)
        }
    }

    @Test func aGarbledAnchorIsReported() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 3)
            try directory.write(Array("not json".utf8), to: directory.store + "/head.json")
            #expect(log.verify().problem?.seq == 3)
            #expect(throws: StorageError.self) { try log.readHead() }
            #expect(throws: StorageError.self) { try log.withWriteLock { try $0.append([LogTestDirectory.record(4)], signer: nil) } }
        }
    }

    @Test func aCorruptMiddleLineStopsReadsUnderTheLockAndSoWrites() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 10)
            var lines = try directory.lines(directory.segment(1))
            let index = try #require(lines[4].utf8Text.range(of: "payload-"))
            let offset = lines[4].utf8Text.utf8.distance(from: lines[4].utf8Text.startIndex, to: index.lowerBound)
            lines[4][offset] = UInt8(ascii: "q")
            try directory.writeLines(lines, to: directory.segment(1))
            let before = try directory.bytes(directory.segment(1))

            var reachedAppend = false
            #expect(throws: StorageError.corrupt(ChainProblem(
                seq: 5,
                reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq 6"
            ))) {
                try log.withWriteLock { session in
                    var cursor = LogCursor()
                    try cursor.readChecked(log) { _ in }
                    reachedAppend = true
                    return try session.append([LogTestDirectory.record(11)], signer: nil)
                }
            }
            #expect(reachedAppend == false)
            #expect(try directory.bytes(directory.segment(1)) == before)
        }
    }

    @Test func aDamagedEndOfLogRefusesAppends() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 10)
            var lines = try directory.lines(directory.segment(1))
            lines.removeLast()
            try directory.writeLines(lines, to: directory.segment(1))
            #expect(throws: StorageError.corrupt(ChainProblem(
                seq: 10,
                reason: "ligne manquante en fin de journal : head.json annonce seq 10, le journal s'arrête à seq 9"
            ))) {
                try log.withWriteLock { try $0.append([LogTestDirectory.record(10)], signer: nil) }
            }
            #expect(try directory.lines(directory.segment(1)) == lines)

            lines.append(Array(#"{"seq":10,"prev":"0000"}"#.utf8))
            try directory.writeLines(lines, to: directory.segment(1))
            #expect(throws: StorageError.self) {
                try log.withWriteLock { try $0.append([LogTestDirectory.record(11)], signer: nil) }
            }
            #expect(log.verify().problem?.seq == 10)
        }
    }
}
