import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The audit reads the log once, in chunks, and checks signatures on other threads: whatever the
/// chunk size, the number of threads or the size of the batches, its report is the one of the
/// sequential reference (``ReferenceAudit``), on a signed log of many small segments tampered with
/// at the first line, at segment boundaries, at the last line, deep in the log, or with a revoked key.
@Suite("Streaming audit: one pass, two threads, the same reports")
struct AuditStreamTests {
    /// Chunk sizes down to a few bytes (lines straddle chunks), no worker to three, batches of one
    /// line to the standard size, the caller taking work back at once or never.
    static let tunings: [AuditTuning] = [
        .standard,
        AuditTuning(chunkBytes: 7, workers: 1, batchSize: 1, backlog: 0, progressEvery: 1),
        AuditTuning(chunkBytes: 100, workers: 3, batchSize: 3, backlog: 1, progressEvery: 5),
        AuditTuning(chunkBytes: 4096, workers: 0, batchSize: 4, backlog: 2, progressEvery: 1000),
        AuditTuning(chunkBytes: 333, workers: 2, batchSize: 2, backlog: 100, progressEvery: 7),
    ]

    /// Checks that every tuning gives the reference's report, and returns that report.
    @discardableResult
    static func expectSameAsReference(_ fixture: SignedLogFixture, sourceLocation: SourceLocation = #_sourceLocation) throws -> AuditReport {
        let reference = try ReferenceAudit.verify(fixture.directory.store)
        for tuning in tunings {
            let report = try Auditor.verify(fixture.log, tuning: tuning)
            #expect(report == reference, "\(tuning)", sourceLocation: sourceLocation)
        }
        #expect(try Auditor.verify(fixture.log) == reference, sourceLocation: sourceLocation)
        return reference
    }

    /// Checks the report against the reference and against the expected seq and reason.
    static func expectFailure(
        _ fixture: SignedLogFixture, at seq: Int, events: Int? = nil, reasonContains fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let report = try expectSameAsReference(fixture, sourceLocation: sourceLocation)
        #expect(report.ok == false, sourceLocation: sourceLocation)
        #expect(report.firstBadSeq == seq, "\(report)", sourceLocation: sourceLocation)
        #expect(report.reason?.contains(fragment) == true, "\(report)", sourceLocation: sourceLocation)
        #expect(report.events == events ?? fixture.count, "\(report)", sourceLocation: sourceLocation)
    }

    /// The hash of the line at `seq` of the log as it is now (64 zeros for 0).
    static func hash(_ fixture: SignedLogFixture, line seq: Int) throws -> String {
        seq == 0 ? LogHead.empty.hash : LineDigest(hashing: try fixture.segments()[seq]).hex
    }

    // MARK: - Intact

    @Test func theFixtureSpansManySegmentsAndVerifies() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            let segments = try fixture.segments()
            #expect(segments.names.count >= 8)
            #expect(segments.all.count == fixture.count)
            let report = try Self.expectSameAsReference(fixture)
            #expect(report == AuditReport(ok: true, events: fixture.count, head: try Self.hash(fixture, line: fixture.count),
                                          firstBadSeq: nil, reason: nil))
        }
    }

    // MARK: - The chain

    @Test func aFlippedByteInTheFirstLine() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            segments[1] = try Forger.changingTimestamp(segments[1])
            try segments.write(head: false)
            try Self.expectFailure(fixture, at: 1, reasonContains: "ligne modifiée")
            #expect(try Auditor.verify(fixture.log).head == LogHead.empty.hash)
        }
    }

    @Test(arguments: [0, 1])
    func aFlippedByteAtASegmentBoundary(_ side: Int) throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            let boundary = segments.boundaries[segments.boundaries.count / 2]
            // The last line of a segment, or the first line of the next one.
            let seq = boundary - 1 + side
            segments[seq] = try Forger.changingTimestamp(segments[seq])
            try segments.write(head: false)
            try Self.expectFailure(fixture, at: seq, reasonContains: "ligne modifiée")
            #expect(try Auditor.verify(fixture.log).head == Self.hash(fixture, line: seq - 1))
        }
    }

    @Test func theFirstLineOfASegmentRemoved() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            let boundary = segments.boundaries[1]
            segments.remove(boundary)
            try segments.write(head: false)
            try Self.expectFailure(fixture, at: boundary, events: fixture.count - 1, reasonContains: "ligne manquante")
        }
    }

    @Test func aLineCopiedRightAfterItself() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            segments.insert(segments[30], at: 31)
            try segments.write(head: false)
            try Self.expectFailure(fixture, at: 31, events: fixture.count + 1, reasonContains: "ligne dupliquée ou déplacée")
            #expect(try Auditor.verify(fixture.log).head == Self.hash(fixture, line: 30))
        }
    }

    @Test func theLastLineAlteredIsCaughtByTheAnchor() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            segments[fixture.count] = try Forger.changingTimestamp(segments[fixture.count])
            try segments.write(head: false)
            try Self.expectFailure(fixture, at: fixture.count, reasonContains: "head.json")
            #expect(try Auditor.verify(fixture.log).head == Self.hash(fixture, line: fixture.count - 1))
        }
    }

    @Test func anAnchorBehindTheLogWithAnotherHash() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            let seq = fixture.count - 5
            try dir.write(HeadFile.encode(LogHead(seq: seq, hash: try Self.hash(fixture, line: seq + 1))), to: dir.store + "/head.json")
            try Self.expectFailure(fixture, at: seq, reasonContains: "head.json")
            #expect(try Auditor.verify(fixture.log).head == Self.hash(fixture, line: seq - 1))
        }
    }

    @Test func anAnchorBehindTheLogWithItsHashIsFine() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            let seq = fixture.count - 5
            try dir.write(HeadFile.encode(LogHead(seq: seq, hash: try Self.hash(fixture, line: seq))), to: dir.store + "/head.json")
            #expect(try Self.expectSameAsReference(fixture).ok)
        }
    }

    @Test func anAnchorAheadOfTheLog() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            try dir.write(HeadFile.encode(LogHead(seq: fixture.count + 2, hash: LogHead.empty.hash)), to: dir.store + "/head.json")
            try Self.expectFailure(fixture, at: fixture.count + 1, reasonContains: "ligne manquante en fin de journal")
            #expect(try Auditor.verify(fixture.log).head == Self.hash(fixture, line: fixture.count))
        }
    }

    @Test func anUnreadableAnchor() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            try dir.write(Array("{pas une ancre".utf8), to: dir.store + "/head.json")
            try Self.expectFailure(fixture, at: fixture.count, reasonContains: "head.json")
            #expect(try Auditor.verify(fixture.log).head == Self.hash(fixture, line: fixture.count - 1))
        }
    }

    @Test func aSegmentBeforeTheLastWithoutItsFinalNewline() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            let segments = try fixture.segments()
            let path = dir.store + "/log/" + segments.names[2]
            try dir.write(Array(try dir.bytes(path).dropLast()), to: path)
            let report = try Self.expectSameAsReference(fixture)
            #expect(report.firstBadSeq == segments.boundaries[1] + segments.lines[2].count - 1, "\(report)")
        }
    }

    // MARK: - Signatures, with the chain recomputed

    @Test(arguments: [1, 9, 33, 51])
    func anAmountChangedAndTheChainRecomputed(_ seq: Int) throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            segments[seq] = try Forger.changingTimestamp(segments[seq])
            try segments.rechain()
            try segments.write()
            #expect(InMemoryEventLog(lines: segments.all, head: try fixture.log.readHead()).verify().problem == nil)
            try Self.expectFailure(fixture, at: seq, reasonContains: "ligne \(seq) : signature invalide pour la clé de")
            #expect(try Auditor.verify(fixture.log).head == Self.hash(fixture, line: seq - 1))
        }
    }

    @Test func theLastLineResignedWithAnUnknownKey() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            segments[fixture.count] = try Forger.sign(try Forger.unsigned(segments[fixture.count]), with: SigningKey())
            try segments.write()
            try Self.expectFailure(fixture, at: fixture.count, reasonContains: "ligne \(fixture.count) : signature invalide pour la clé de « instr »")
        }
    }

    @Test func aLineSignedWithARevokedKey() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            // A submission by `instr2`, whose key was revoked, signed with that key, after the revocation.
            let bySecondInstructor = try #require((1...fixture.revokedAt).last { seq in
                String(decoding: segments[seq], as: UTF8.self).contains(#""actor":"instr2","type":"case.submitted""#)
            })
            let seq = fixture.revokedAt + 4
            segments.insert(try Forger.sign(try Forger.unsigned(segments[bySecondInstructor]), with: fixture.revokedKey), at: seq)
            try segments.rechain()
            try segments.write()
            try Self.expectFailure(fixture, at: seq, events: fixture.count + 1,
                                   reasonContains: "ligne \(seq) : « instr2 » n'avait pas de clé de signature active")
        }
    }

    @Test func aLineSignedWithTheKeyThatWasRotatedAway() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            let seq = fixture.count
            #expect(String(decoding: segments[seq], as: UTF8.self).contains(#""actor":"instr""#))
            segments[seq] = try Forger.sign(try Forger.unsigned(segments[seq]), with: fixture.rotatedKey)
            try segments.write()
            try Self.expectFailure(fixture, at: seq, reasonContains: "ligne \(seq) : signature invalide pour la clé de « instr »")
        }
    }

    @Test func theSignatureOfALineWinsOverItsIllegalAction() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            // The call published again (illegal: it is open) by its manager, but signed with another key.
            let publish = try Forger.unsigned(segments[9])
            #expect(String(decoding: publish, as: UTF8.self).contains(#""action":"publish""#))
            segments.insert(publish, at: fixture.count + 1)
            try segments.rechain()
            segments[fixture.count + 1] = try Forger.sign(segments[fixture.count + 1], with: SigningKey())
            try segments.write()
            try Self.expectFailure(fixture, at: fixture.count + 1, events: fixture.count + 1,
                                   reasonContains: "ligne \(fixture.count + 1) : signature invalide pour la clé de « manager »")
        }
    }

    @Test func aWellSignedIllegalActionIsDecidedAgain() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            segments.insert(try Forger.unsigned(segments[9]), at: fixture.count + 1)
            try segments.rechain()
            segments[fixture.count + 1] = try Forger.sign(segments[fixture.count + 1], with: try #require(try fixture.keys.key(for: "manager")))
            try segments.write()
            try Self.expectFailure(fixture, at: fixture.count + 1, events: fixture.count + 1,
                                   reasonContains: "ligne \(fixture.count + 1) : action illégale (call.advanced)")
        }
    }

    // MARK: - Determinism: the first bad line in log order wins

    @Test(arguments: [(3, 50), (20, 21), (44, 45), (12, 51)])
    func twoForgedSignaturesTheFirstWins(_ first: Int, _ second: Int) throws {
        /// A log where only the lines `bad` have an invalid signature (the chain recomputed and every
        /// other line signed again by its actor with the key it had then).
        func check(bad: [Int]) throws {
            try LogTestDirectory.with { dir in
                let fixture = try SignedLogFixture.make(in: dir)
                var segments = try fixture.segments()
                for seq in bad {
                    segments[seq] = try Forger.sign(try Forger.changingTimestamp(try Forger.unsigned(segments[seq])), with: SigningKey())
                }
                try segments.rechainResigning(fixture, except: Set(bad))
                try segments.write()
                let lowest = try #require(bad.min())
                try Self.expectFailure(fixture, at: lowest, reasonContains: "ligne \(lowest) : signature invalide")
            }
        }
        try check(bad: [first, second])
        // The later one alone is found too: the earlier one really hides it.
        try check(bad: [second])
    }

    @Test func aBadSignatureBeforeAnIllegalActionWins() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            let bad = 15
            segments[bad] = try Forger.sign(try Forger.unsigned(segments[bad]), with: SigningKey())
            // A well-signed illegal line at the end: the main thread meets it long after handing line 15 over.
            segments.insert(try Forger.unsigned(segments[9]), at: fixture.count + 1)
            try segments.rechainResigning(fixture, except: [bad])
            try segments.write()
            try Self.expectFailure(fixture, at: bad, events: fixture.count + 1, reasonContains: "ligne \(bad) : signature invalide")
        }
    }

    /// The batch holding the first bad line is kept waiting until a later batch, also bad, has been
    /// checked by the other thread: the result is still the first bad line.
    @Test func aLaterBatchCheckedFirstDoesNotWin() throws {
        let gate = Gate()
        let batches = SignatureBatches(workers: 1, batchSize: 10, backlog: 1) { pending in
            if pending.seq <= 10 { gate.waitOpen() }
            if pending.seq == 15 { gate.open() }
            return pending.seq != 5 && pending.seq != 15
        }
        for seq in 1...20 {
            batches.add(PendingSignature(seq: seq, actor: "a", previous: .zero, signed: [], signature: [], publicKey: ""))
        }
        #expect(batches.finish()?.seq == 5)
        #expect(gate.wasOpened)
    }

    /// The first bad line is recorded while a later batch, started before, is still being checked
    /// and then finds its own bad line: the first one is kept.
    @Test func aLaterBatchFinishingLastDoesNotWin() throws {
        let laterStarted = Gate()
        let box = BatchesBox()
        let batches = SignatureBatches(workers: 1, batchSize: 10, backlog: 1) { pending in
            if pending.seq == 5 { laterStarted.waitOpen() }
            if pending.seq == 11 {
                laterStarted.open()
                while box.batches?.invalidSeq == nil { Thread.sleep(forTimeInterval: 0.001) }
            }
            return pending.seq != 5 && pending.seq != 15
        }
        box.batches = batches
        for seq in 1...20 {
            batches.add(PendingSignature(seq: seq, actor: "a", previous: .zero, signed: [], signature: [], publicKey: ""))
        }
        #expect(batches.finish()?.seq == 5)
    }

    @Test(arguments: [0, 1, 3])
    func signatureBatchesFindTheLowestBadSeq(_ workers: Int) throws {
        let bad: Set<Int> = [37, 38, 200, 901]
        for batchSize in [1, 2, 7, 256] {
            let batches = SignatureBatches(workers: workers, batchSize: batchSize, backlog: 1) { !bad.contains($0.seq) }
            for seq in 1...1000 {
                batches.add(PendingSignature(seq: seq, actor: "a", previous: .zero, signed: [], signature: [], publicKey: ""))
            }
            #expect(batches.finish()?.seq == 37, "\(workers) \(batchSize)")
            #expect(batches.finish()?.seq == 37)
        }
    }

    // MARK: - Progress

    @Test func progressCountsEveryLineAndByte() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var reports: [AuditProgress] = []
            let tuning = AuditTuning(chunkBytes: 50, workers: 1, batchSize: 2, backlog: 1, progressEvery: 1)
            _ = try Auditor.verify(fixture.log, tuning: tuning) { reports.append($0) }
            let sizes = try fixture.segments().all.map { $0.count + 1 }
            let total = sizes.reduce(0, +)
            #expect(reports.count == fixture.count)
            #expect(reports.last == AuditProgress(events: fixture.count, expectedEvents: fixture.count, bytes: total, totalBytes: total))
            #expect(reports.map(\.events) == Array(1...fixture.count))
        }
    }

    // MARK: - Replay

    @Test func theStreamingReplayGivesTheReferenceStateEverywhere() throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            let log = fixture.log
            let dates = [nil, CalendarDate(year: 2026, month: 5, day: 1), CalendarDate(year: 2026, month: 5, day: 2)]
            for until in [nil, 0, 1, 9, 30, fixture.count, fixture.count + 3] as [Int?] {
                let reference = try ReferenceAudit.replay(log, until: until, asOf: nil)
                let loaded = try Auditor.replay(log, until: until, asOf: nil)
                #expect(loaded.state == reference.state)
                #expect(loaded.head == reference.head)
                #expect(loaded.events == reference.events)
                let state = try Auditor.replayedState(log, until: until, asOf: nil)
                #expect(state.state == reference.state && state.head == reference.head)
            }
            for date in dates.dropFirst() {
                let reference = try ReferenceAudit.replay(log, until: nil, asOf: date)
                let state = try Auditor.replayedState(log, until: nil, asOf: date)
                #expect(state.state == reference.state && state.head == reference.head)
            }
        }
    }

    /// Damage that makes the replay throw: the same error as the reference, for a replay up to the
    /// end or up to a seq before the damage.
    @Test(arguments: ["flip", "garbage", "seq 0", "unterminated", "anchor", "anchor ahead", "undecodable"])
    func theStreamingReplayRefusesWhatTheReferenceRefuses(_ damage: String) throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir)
            var segments = try fixture.segments()
            switch damage {
            case "flip":
                segments[20] = try Forger.changingTimestamp(segments[20])
                try segments.write(head: false)
            case "garbage":
                segments.insert(Array("ceci n'est pas une ligne".utf8), at: 25)
                try segments.write(head: false)
            case "seq 0":
                segments.insert(try Forger.settingPrefix(segments[25], seq: 0, prev: .zero), at: 25)
                try segments.write(head: false)
            case "unterminated":
                let path = dir.store + "/log/" + segments.names[3]
                try dir.write(Array(try dir.bytes(path).dropLast()), to: path)
            case "anchor":
                try dir.write(Array("{pas une ancre".utf8), to: dir.store + "/head.json")
            case "anchor ahead":
                try dir.write(HeadFile.encode(LogHead(seq: fixture.count + 2, hash: LogHead.empty.hash)), to: dir.store + "/head.json")
            default:
                segments[24] = try Forger.replacing(#""type":"case.submitted""#, with: #""type":"case.inconnu""#, in: segments[24])
                try segments.rechain()
                try segments.write()
            }
            for until in [nil, 10, 30] as [Int?] {
                let expected = ReplayOutcome { try ReferenceAudit.replay(fixture.log, until: until, asOf: nil).head }
                let streamed = ReplayOutcome { try Auditor.replay(fixture.log, until: until, asOf: nil).head }
                let stateOnly = ReplayOutcome { try Auditor.replayedState(fixture.log, until: until, asOf: nil).head }
                #expect(streamed == expected, "\(damage) \(String(describing: until))")
                #expect(stateOnly == expected, "\(damage) \(String(describing: until))")
                // A line claiming seq 0 breaks the chain like any line out of place; a line that does
                // not decode after `until` does not stop the replay.
                if damage != "undecodable" || until != 10 {
                    #expect(expected.isFailure, "\(damage) \(String(describing: until))")
                }
            }
        }
    }

    // MARK: - Chunked reading

    @Test(arguments: [1, 2, 7, 64, 1 << 20])
    func chunkedSegmentsGiveTheSameLines(_ chunkBytes: Int) throws {
        try LogTestDirectory.with { dir in
            let fixture = try SignedLogFixture.make(in: dir, submissions: 10)
            let segments = try fixture.segments()
            // A torn tail in the last segment is skipped; one in an earlier segment is reported.
            let last = dir.store + "/log/" + segments.names[segments.names.count - 1]
            try dir.write(try dir.bytes(last) + Array(#"{"seq":99"#.utf8), to: last)
            let middle = dir.store + "/log/" + segments.names[1]
            try dir.write(Array(try dir.bytes(middle).dropLast()), to: middle)
            var read: [[UInt8]] = []
            var unterminated: [String] = []
            let scanner = SegmentScanner(paths: StorePaths(directory: dir.store), chunkBytes: chunkBytes)
            try scanner.forEachLine(in: try scanner.segments()) { read.append(Array($0)) } unterminated: { unterminated.append($0) }
            var expected = segments.all
            // The last line of the middle segment, now without its newline, is not a complete line.
            expected.remove(at: segments.lines[0].count + segments.lines[1].count - 1)
            #expect(read == expected)
            #expect(unterminated == [segments.names[1]])
        }
    }
}

/// The batches under test, for a check closure created before them.
final class BatchesBox: @unchecked Sendable {
    var batches: SignatureBatches?
}

/// A one-shot gate between two threads, for the test that forces a later batch to finish first.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    /// Opens the gate and wakes the waiters.
    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the gate is open.
    func waitOpen() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    /// Whether the gate was opened.
    var wasOpened: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isOpen
    }
}

/// How a replay ended: the head it reached, or the error it threw, as text.
enum ReplayOutcome: Equatable {
    case head(LogHead)
    case failure(String)

    init(_ body: () throws -> LogHead) {
        do { self = .head(try body()) } catch { self = .failure("\(error)") }
    }

    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
