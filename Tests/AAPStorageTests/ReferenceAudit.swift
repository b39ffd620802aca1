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
        var chain = ChainCursor(anchor: anchor.head)
        var collector = ChainCursor(anchor: nil)
        var lines: [LogLine] = []
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
            for line in segmentLines {
                line.withUnsafeBufferPointer { buffer in
                    chain.feed(buffer)
                    let (digest, prefix) = collector.feed(buffer)
                    if collector.problem == nil, let prefix {
                        lines.append(LogLine(seq: prefix.seq, prev: prefix.prev.hex, bytes: line, hash: digest.hex))
                    }
                }
            }
            if !tail.isEmpty, index < names.count - 1 {
                chain.fail("le segment « \(name.fileName) » ne se termine pas par un saut de ligne")
                collector.fail("le segment « \(name.fileName) » ne se termine pas par un saut de ligne")
            }
        }
        var problem = chain.finish()
        if problem == nil, case .unreadable(let reason) = anchor {
            problem = ChainProblem(seq: max(chain.count, 1), reason: reason)
        }
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
        try Store.fold(try log.readCheckedLines()) { recorded in
            if let until, recorded.seq > until { return true }
            if let asOf {
                guard let day = ParisCalendar.calendarDate(ofTimestamp: recorded.at) else { return true }
                return day > asOf
            }
            return false
        }
    }
}
