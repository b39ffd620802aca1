import AAPDomain
import Foundation
@testable import AAPStorage

/// The audit as it was before it streamed, kept as the reference the streaming, two-thread audit
/// must agree with: whole segments read with Foundation, a full chain pass, every line before the
/// first break collected in memory, then each line decoded, its signature checked, its event decided
/// again and applied, one after the other.
enum ReferenceAudit {
    static func verify(_ directory: String) throws -> AuditReport {
        let paths = StorePaths(directory: directory)
        let anchor = HeadFile.load(paths)
        let names = try FileManager.default.contentsOfDirectory(atPath: paths.log)
            .compactMap { SegmentName(fileName: $0) }.sorted()
        var segments: [ReferenceSegments.Segment] = []
        for (index, name) in names.enumerated() {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: paths.segment(name))))
            var tail: [UInt8] = []
            if let lastNewline = bytes.lastIndex(of: 0x0A) {
                tail = Array(bytes[(lastNewline + 1)...])
                bytes.removeSubrange((lastNewline + 1)...)
            } else {
                tail = bytes
                bytes = []
            }
            var segmentLines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            if segmentLines.last == [] { segmentLines.removeLast() }
            let damage = !tail.isEmpty && index < names.count - 1
                ? "le segment « \(name.fileName) » ne se termine pas par un saut de ligne" : nil
            segments.append(ReferenceSegments.Segment(lines: segmentLines, damage: damage))
        }
        // Every line before the first break collected in memory, then decided one after the other.
        var chain = LogCursor()
        var lines: [LogLine] = []
        try chain.read(ReferenceSegments(anchorState: anchor, segments: segments)) { lines.append($0.logLine) }
        let problem = chain.finish()
        let limit = problem?.seq ?? Int.max
        var state = StoreState()
        var lastGood = LogHead.empty
        for line in lines where line.seq < limit {
            if let reason = recheck(line, state: &state) {
                return AuditReport(ok: false, events: chain.count, head: lastGood.hash, firstBadSeq: line.seq, reason: reason)
            }
            lastGood = LogHead(seq: line.seq, hash: line.hash)
        }
        if let problem {
            return AuditReport(ok: false, events: chain.count, head: lastGood.hash, firstBadSeq: problem.seq, reason: problem.reason)
        }
        return AuditReport(ok: true, events: chain.count, head: chain.head.hash, firstBadSeq: nil, reason: nil)
    }

    private static func recheck(_ line: LogLine, state: inout StoreState) -> String? {
        let recorded: RecordedEvent
        do {
            recorded = try EventCodec.decode(line)
        } catch let problem as ChainProblem {
            return problem.reason
        } catch {
            return "ligne \(line.seq) : événement illisible"
        }
        guard let (signed, signature) = LineSignature.split(line.bytes) else { return "ligne \(line.seq) : signature absente" }
        guard let key = Store.expectedPublicKey(for: recorded.actor, event: recorded.event, stateBefore: state) else {
            return "ligne \(line.seq) : « \(recorded.actor) » n'avait pas de clé de signature active"
        }
        guard SigningKey.verify(signature, of: signed, publicKeyBase64: key) else {
            return "ligne \(line.seq) : signature invalide pour la clé de « \(recorded.actor) »"
        }
        return AuditPass.redecide(recorded, seq: line.seq, on: &state)
    }

    /// The replay as it was: every line read and checked in memory, then folded.
    static func replay(_ log: FileEventLog, until: Int?, asOf: CalendarDate?) throws -> LoadedStore {
        var lines: [LogLine] = []
        var cursor = LogCursor()
        try cursor.readChecked(log) { lines.append($0.logLine) }
        var state = StoreState()
        var events: [RecordedEvent] = []
        var head = LogHead.empty
        for line in lines {
            let recorded: RecordedEvent
            do {
                recorded = try EventCodec.decode(line)
            } catch let problem as ChainProblem {
                throw StorageError.corrupt(problem)
            }
            if let until, recorded.seq > until { break }
            if let asOf {
                guard let day = ParisCalendar.calendarDate(ofTimestamp: recorded.at), day <= asOf else { break }
            }
            state.apply(recorded)
            events.append(recorded)
            head = LogHead(seq: line.seq, hash: line.hash)
        }
        return LoadedStore(state: state, head: head, events: events)
    }
}

/// Segments already split into lines, handed to the cursor as a third kind of source.
struct ReferenceSegments: LogLineSource {
    struct Segment {
        let lines: [[UInt8]]
        /// Why the segment cannot be trusted (no final newline), reported after its lines.
        let damage: String?
    }

    let anchorState: LogAnchor
    let segments: [Segment]

    func anchor() -> LogAnchor { anchorState }

    func forEachLine(from seq: Int, _ line: (UnsafeBufferPointer<UInt8>) throws -> Void, damaged: (String) throws -> Void) throws {
        for segment in segments {
            for bytes in segment.lines {
                try bytes.withUnsafeBufferPointer { try line($0) }
            }
            if let damage = segment.damage { try damaged(damage) }
        }
    }

    func byteCount() -> Int { 0 }
}
