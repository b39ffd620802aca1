import AAPDomain
import Foundation

/// What `aap audit verify` found.
public struct AuditReport: Sendable, Equatable {
    public let ok: Bool
    /// The number of complete lines in the log.
    public let events: Int
    /// Hex SHA-256 of the last line (of the last good line when not ok).
    public let head: String
    public let firstBadSeq: Int?
    public let reason: String?
}

/// Checks a log without trusting anything but its bytes and the rules: chain, sequence, decoding,
/// and every event decided again against the state before it.
public enum Auditor {
    /// Reads the log once, segment by segment in bounded memory: checks the chain, decodes each
    /// line, checks its signature (on other threads) and decides its event again.
    ///
    /// The lines after the first break of the chain are not decided: a line further on that claims
    /// a lower seq (a duplicate, a forged prefix) is never decided as if it were that seq, and a
    /// malformed line further on does not keep the lines before it from being decided. The first
    /// bad line in log order is reported, whichever thread found it. `progress` is called on the
    /// caller's thread every so many lines.
    public static func verify(_ log: FileEventLog, progress: ((AuditProgress) -> Void)? = nil) throws -> AuditReport {
        try verify(log, tuning: .standard, progress: progress)
    }

    /// Audits the lines of any engine, as ``verify(_:progress:)`` does for the file log.
    public static func verify(_ source: some LogLineSource, progress: ((AuditProgress) -> Void)? = nil) -> AuditReport {
        verify(source, tuning: .standard, progress: progress)
    }

    /// ``verify(_:progress:)`` with explicit chunk, thread and batch sizes.
    static func verify(_ log: FileEventLog, tuning: AuditTuning, progress: ((AuditProgress) -> Void)? = nil) throws -> AuditReport {
        guard log.exists else { throw StorageError.storeMissing(path: log.directory) }
        return verify(SegmentSource(paths: log.paths, chunkBytes: tuning.chunkBytes), tuning: tuning, progress: progress)
    }

    /// Reads `source` once with a ``LogCursor`` and decides every line that holds.
    static func verify(_ source: some LogLineSource, tuning: AuditTuning, progress: ((AuditProgress) -> Void)?) -> AuditReport {
        let anchor = source.anchor()
        var cursor = LogCursor()
        var decided = DecidedLines(anchor: anchor.head)
        let pass = AuditPass(signatures: SignatureBatches(workers: tuning.workers, batchSize: tuning.batchSize, backlog: tuning.backlog))
        defer { _ = pass.finish() }
        var counter = ProgressCounter(progress, every: tuning.progressEvery, anchor: anchor.head, source: source)
        do {
            try cursor.read(source, counting: { counter.count(lineOf: $0) }) { line in
                decided.record(line.prefix, digest: line.digest)
                if pass.isDeciding {
                    pass.check(line.logLine, previous: line.previous)
                }
            }
        } catch {
            cursor.fail("\(error)")
        }
        let failure = pass.finish()
        let problem = cursor.finish()
        if let failure, failure.seq < problem?.seq ?? Int.max {
            return AuditReport(ok: false, events: cursor.count, head: failure.head, firstBadSeq: failure.seq, reason: failure.reason)
        }
        if let problem {
            // The last line decided: the one before the problem, or the last one read before the break.
            let lastGood = min(problem.seq - 1, decided.count)
            let head = decided.hash(ofLine: lastGood) ?? digestHex(ofLine: lastGood, source)
            return AuditReport(ok: false, events: cursor.count, head: head, firstBadSeq: problem.seq, reason: problem.reason)
        }
        return AuditReport(ok: true, events: cursor.count, head: cursor.head.hash, firstBadSeq: nil, reason: nil)
    }

    /// The hash of the line at `position` (from 1; 64 zeros for 0), read again from the source.
    private static func digestHex(ofLine position: Int, _ source: some LogLineSource) -> String {
        guard position > 0 else { return LogHead.empty.hash }
        do {
            try source.forEachLine(from: position) { throw FoundDigest(hex: LineDigest(hashing: $0).hex) } damaged: { _ in }
        } catch let found as FoundDigest {
            return found.hex
        } catch {}
        return LogHead.empty.hash
    }

    /// What checking one line's signature found.
    enum SignatureCheck { case valid, absent, noActiveKey, invalid }

    /// What a line's signature is checked with, or why it cannot be valid.
    enum SignatureParts {
        /// The line has no signature member.
        case absent
        /// The actor had no active key before this line.
        case noActiveKey
        /// The signed bytes, the signature and the base64 key it must verify under.
        case present(signed: [UInt8], signature: [UInt8], publicKey: String)
    }

    /// Splits a line's signature off and finds the key its actor had in the state before it.
    static func signatureParts(_ line: LogLine, _ recorded: RecordedEvent, stateBefore state: StoreState) -> SignatureParts {
        guard let (signed, signature) = LineSignature.split(line.bytes) else { return .absent }
        guard let key = Store.expectedPublicKey(for: recorded.actor, event: recorded.event, stateBefore: state) else { return .noActiveKey }
        return .present(signed: signed, signature: signature, publicKey: key)
    }

    /// Checks a line's signature against the key its actor had in the state before it.
    static func signatureCheck(_ line: LogLine, _ recorded: RecordedEvent, stateBefore state: StoreState) -> SignatureCheck {
        switch signatureParts(line, recorded, stateBefore: state) {
        case .absent: return .absent
        case .noActiveKey: return .noActiveKey
        case .present(let signed, let signature, let key):
            return SigningKey.verify(signature, of: signed, publicKeyBase64: key) ? .valid : .invalid
        }
    }

    /// Whether each line's signature verifies against the key its actor had at that point.
    public enum SignatureStatus: String, Sendable {
        case valid, invalid, absent
    }

    /// The status of a line's signature, against the key its actor had in the state before it.
    public static func signatureStatus(of line: LogLine, _ recorded: RecordedEvent, stateBefore state: StoreState) -> SignatureStatus {
        switch signatureCheck(line, recorded, stateBefore: state) {
        case .valid: .valid
        case .absent: .absent
        case .noActiveKey, .invalid: .invalid
        }
    }

    /// The state after event `until` (or after the last event recorded on or before `asOf`, a Paris
    /// date), with the events folded. The log is read once by a ``LogCursor``, in bounded memory
    /// besides the events; `each` is handed every line folded, its event and the state before it.
    ///
    /// Throws what the source throws (a missing store), then a break of the chain or of the anchor
    /// anywhere in the log (even after `until`), then a line up to `until` that does not decode.
    public static func replay(
        _ source: some LogLineSource, until: Int?, asOf: CalendarDate?, progress: ((AuditProgress) -> Void)? = nil,
        each: ((LogLine, RecordedEvent, _ stateBefore: StoreState) -> Void)? = nil
    ) throws -> LoadedStore {
        var events: [RecordedEvent] = []
        let folded = try fold(source, until: until, asOf: asOf, tuning: .standard, progress: progress) { line, recorded, state in
            each?(line, recorded, state)
            events.append(recorded)
        }
        return LoadedStore(state: folded.state, head: folded.head, events: events)
    }

    /// Like ``replay(_:until:asOf:progress:each:)``, keeping only the state and head (memory does
    /// not grow with the log).
    public static func replayedState(
        _ source: some LogLineSource, until: Int?, asOf: CalendarDate?, progress: ((AuditProgress) -> Void)? = nil
    ) throws -> (state: StoreState, head: LogHead) {
        try fold(source, until: until, asOf: asOf, tuning: .standard, progress: progress, each: nil)
    }

    /// Reads the log once: checks the chain of every line, and folds the events up to `until` or
    /// `asOf`, handing each to `each` with the state before it.
    static func fold(
        _ source: some LogLineSource, until: Int?, asOf: CalendarDate?, tuning: AuditTuning,
        progress: ((AuditProgress) -> Void)?, each: ((LogLine, RecordedEvent, StoreState) -> Void)?
    ) throws -> (state: StoreState, head: LogHead) {
        var cursor = LogCursor()
        var state = StoreState()
        var head = LogHead.empty
        let decoder = JSONDecoder()
        var stopped = false
        var undecodable: ChainProblem?
        var counter = ProgressCounter(progress, every: tuning.progressEvery, anchor: source.anchor().head, source: source)
        try cursor.read(source, counting: { counter.count(lineOf: $0) }) { line in
            guard !stopped, undecodable == nil else { return }
            let logLine = line.logLine
            let recorded: RecordedEvent
            do {
                recorded = try EventCodec.decode(logLine, decoder: decoder)
            } catch let problem as ChainProblem {
                undecodable = problem
                return
            }
            if let until, recorded.seq > until {
                stopped = true
            } else if let asOf {
                // A timestamp that does not parse stops the replay: nothing after it is trusted.
                let day = ParisCalendar.calendarDate(ofTimestamp: recorded.at)
                stopped = day.map { $0 > asOf } ?? true
            }
            guard !stopped else { return }
            each?(logLine, recorded, state)
            state.apply(recorded)
            head = LogHead(seq: logLine.seq, hash: logLine.hash)
        }
        if let problem = cursor.finish() { throw StorageError.corrupt(problem) }
        if let undecodable { throw StorageError.corrupt(undecodable) }
        return (state, head)
    }
}

/// Stops a read at the line whose digest was wanted.
private struct FoundDigest: Error {
    let hex: String
}
