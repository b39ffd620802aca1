import Foundation
import Testing
@testable import AAPStorage

extension InMemoryEventLog {
    /// A log holding `lines`, anchored at `head` when there is one.
    convenience init(lines: [[UInt8]], head: LogHead?) {
        self.init(lines: lines, anchor: head.map { .valid($0) } ?? .absent)
    }

    /// A log of `count` test records appended one by one, as ``LogTestDirectory/makeLog(count:segmentMaxBytes:)`` does on disk.
    static func made(count: Int) throws -> InMemoryEventLog {
        let log = InMemoryEventLog()
        for index in stride(from: 1, through: count, by: 1) {
            try log.withWriteLock { _ = try $0.append([LogTestDirectory.record(index)], signer: nil) }
        }
        return log
    }

    /// The lines as ``LogLine``s, read by the cursor.
    func checkedLines(from start: LogStart = .beginning) throws -> [LogLine] {
        var cursor = LogCursor(from: start)
        var lines: [LogLine] = []
        try cursor.readChecked(self) { lines.append($0.logLine) }
        return lines
    }
}

@Suite("The in-memory event log and the cursor that reads every engine")
struct InMemoryEventLogTests {
    static let zeros = String(repeating: "0", count: 64)

    @Test func appendsWriteTheSameBytesAsTheFileLog() throws {
        try LogTestDirectory.with { directory in
            let file = try directory.makeLog(count: 7)
            let memory = try InMemoryEventLog.made(count: 7)
            #expect(memory.lines == (try directory.lines(directory.segment(1))))
            #expect(memory.head == (try file.readHead()))
            #expect(memory.anchor() == file.anchor())
            #expect(try memory.checkedLines() == file.readLines())
        }
    }

    @Test func oneAppendHelperServesBothEngines() throws {
        func appendTwo(_ writer: any LogAppender) throws -> [Int] {
            try writer.append([LogTestDirectory.record(writer.head.seq + 1), LogTestDirectory.record(writer.head.seq + 2)], signer: nil).map(\.seq)
        }
        try LogTestDirectory.with { directory in
            let file = try directory.makeLog(count: 1)
            let memory = try InMemoryEventLog.made(count: 1)
            #expect(try file.withWriteLock { try appendTwo($0) } == [2, 3])
            #expect(try memory.withWriteLock { try appendTwo($0) } == [2, 3])
            #expect(memory.lines == (try directory.lines(directory.segment(1))))
        }
    }

    @Test func stringsAreEscapedAsJSON() throws {
        let log = InMemoryEventLog()
        let actor = "agent:\"o'brien\" \\ é\n\t\u{01}\u{1F}"
        let at = "2026-03-02T09:00:00Z\r"
        let type = "case.\"submitted\""
        let record = NewRecord(at: at, actor: actor, type: type, data: Array("{}".utf8))
        let line = try log.withWriteLock { try $0.append([record], signer: nil) }.first
        let text = try #require(line).bytes.utf8Text
        #expect(text == #"{"seq":1,"prev":"\#(Self.zeros)","at":"2026-03-02T09:00:00Z\u000d","actor":"agent:\"o'brien\" \\ é\u000a\u0009\u0001\u001f","type":"case.\"submitted\"","data":{}}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["actor"] as? String == actor)
        #expect(object["at"] as? String == at)
        #expect(object["type"] as? String == type)
        #expect(log.verify().problem == nil)
    }

    @Test func invalidUTF8DataIsRefusedAndNothingIsWritten() throws {
        let log = try InMemoryEventLog.made(count: 2)
        let record = NewRecord(at: "t", actor: "a", type: "x.y", data: [0x7B, 0xC3, 0x28, 0x7D])
        #expect(throws: StorageError.self) { try log.append([LogTestDirectory.record(3), record], signer: nil) }
        #expect(log.lines.count == 2)
        #expect(log.head.seq == 2)
    }

    @Test func anEmptyLogReadsNothingAndVerifies() throws {
        let log = InMemoryEventLog()
        var cursor = LogCursor()
        var handed = 0
        try cursor.read(log) { _ in handed += 1 }
        #expect(handed == 0)
        #expect(cursor.count == 0)
        #expect(cursor.head == .empty)
        #expect(cursor.finish() == nil)
        #expect(log.head == .empty)
    }

    @Test(arguments: [0, 1, 4, 9, 10])
    func aStartAfterAKnownLineHandsOnlyTheLinesAfterIt(seq: Int) throws {
        let log = try InMemoryEventLog.made(count: 10)
        let all = try log.checkedLines()
        let known = seq == 0 ? LogHead.empty : LogHead(seq: seq, hash: all[seq - 1].hash)
        var cursor = LogCursor(from: LogStart(after: known))
        var handed: [LogLine] = []
        try cursor.readChecked(log) { handed.append($0.logLine) }
        #expect(handed == Array(all.dropFirst(seq)))
        #expect(cursor.head == LogHead(seq: 10, hash: all[9].hash))
    }

    @Test func aStartWhoseLineChangedIsRefusedAtItsSeq() throws {
        let log = try InMemoryEventLog.made(count: 10)
        let stale = LogHead(seq: 4, hash: String(repeating: "a", count: 64))
        var cursor = LogCursor(from: LogStart(after: stale))
        var handed = 0
        try cursor.read(log) { _ in handed += 1 }
        #expect(handed == 0)
        #expect(cursor.finish() == ChainProblem(seq: 4, reason: "ligne modifiée : son empreinte ne correspond plus à celle du point de départ"))
    }

    @Test func aStartBeyondTheEndOfTheLogIsRefused() throws {
        let log = try InMemoryEventLog.made(count: 3)
        var cursor = LogCursor(from: LogStart(after: LogHead(seq: 5, hash: String(repeating: "b", count: 64))))
        try cursor.read(log) { _ in }
        #expect(cursor.finish() == ChainProblem(seq: 5, reason: "ligne manquante : le point de départ seq 5 n'est pas dans le journal"))
    }

    @Test(arguments: [2, 5, 9])
    func aBrokenChainStopsTheLinesHandedAtTheRightSeq(seq: Int) throws {
        let log = try InMemoryEventLog.made(count: 10)
        var lines = log.lines
        let offset = try #require(lines[seq - 1].utf8Text.range(of: "payload-")).lowerBound.utf16Offset(in: lines[seq - 1].utf8Text)
        lines[seq - 1][offset] = UInt8(ascii: "q")
        log.lines = lines
        var cursor = LogCursor()
        var handed: [Int] = []
        try cursor.read(log) { handed.append($0.seq) }
        // An altered line shows only through the next line's prev: it is handed on, then nothing after
        // it, and the break is reported at its seq when the reading ends.
        #expect(handed == Array(1...seq))
        #expect(cursor.count == 10)
        #expect(cursor.finish() == ChainProblem(seq: seq, reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq \(seq + 1)"))
        #expect(throws: StorageError.corrupt(ChainProblem(seq: seq, reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq \(seq + 1)"))) {
            try log.append([LogTestDirectory.record(11)], signer: nil)
        }
    }

    @Test func aStartAfterTheBreakReadsOnFromThere() throws {
        // Line 3 altered: a reader that starts after line 5 (trusted) does not see it, one from the beginning does.
        let log = try InMemoryEventLog.made(count: 8)
        let all = try log.checkedLines()
        var lines = log.lines
        lines[2][lines[2].count - 3] = UInt8(ascii: "z")
        log.lines = lines
        #expect(log.verify().problem?.seq == 3)
        #expect(try log.checkedLines(from: LogStart(after: LogHead(seq: 5, hash: all[4].hash))) == Array(all.dropFirst(5)))
    }

    @Test func theAuditReadsTheInMemoryLogAsItReadsFiles() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            let memory = InMemoryEventLog(lines: try fixture.log.readLines().map(\.bytes), head: try fixture.log.readHead())
            #expect(Auditor.verify(memory) == (try Auditor.verify(fixture.log)))
            #expect(Auditor.verify(memory).ok)
            let fromMemory = try Auditor.replay(memory, until: 20, asOf: nil)
            let fromFiles = try Auditor.replay(fixture.log, until: 20, asOf: nil)
            #expect(fromMemory.head == fromFiles.head)
            #expect(fromMemory.events == fromFiles.events)

            var lines = memory.lines
            lines.remove(at: 11)
            memory.lines = lines
            let report = Auditor.verify(memory)
            #expect(report.firstBadSeq == 12)
            #expect(report.reason == "ligne manquante : seq 12 attendu, 13 trouvé")
        }
    }

    @Test func domainEventsWrittenInMemoryReplayToTheSameState() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            let fromFiles = try Auditor.replay(fixture.log, until: nil, asOf: nil)
            // The same events, encoded as a command would, appended to a log with no disk.
            let memory = InMemoryEventLog()
            try memory.withWriteLock { writer in
                _ = try writer.append(fromFiles.events.map { try EventCodec.record($0.event, actor: $0.actor, at: $0.at) }, signer: nil)
            }
            let fromMemory = try Auditor.replay(memory, until: nil, asOf: nil)
            #expect(fromMemory.events == fromFiles.events)
            #expect(fromMemory.state == fromFiles.state)
            #expect(fromMemory.head.seq == fromFiles.head.seq)
            // Unsigned, so the audit refuses it at its first line, as it would on disk.
            let report = Auditor.verify(memory)
            #expect(report.firstBadSeq == 1)
            #expect(report.reason == "ligne 1 : signature absente")
        }
    }
}
