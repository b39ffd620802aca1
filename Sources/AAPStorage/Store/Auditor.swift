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

    /// ``verify(_:progress:)`` with explicit chunk, thread and batch sizes.
    static func verify(_ log: FileEventLog, tuning: AuditTuning, progress: ((AuditProgress) -> Void)? = nil) throws -> AuditReport {
        guard log.exists else { throw StorageError.storeMissing(path: log.directory) }
        let anchor = HeadFile.load(log.paths)
        var cursor = ChainCursor(anchor: anchor.head)
        var decided = DecidedLines(anchor: anchor.head)
        let pass = AuditPass(signatures: SignatureBatches(workers: tuning.workers, batchSize: tuning.batchSize, backlog: tuning.backlog))
        defer { _ = pass.finish() }
        let scanner = SegmentScanner(paths: log.paths, chunkBytes: tuning.chunkBytes)
        do {
            let segments = try scanner.segments()
            var counter = ProgressCounter(progress, every: tuning.progressEvery, anchor: anchor.head, segments: segments, paths: log.paths)
            try scanner.forEachLine(in: segments) { line in
                let (digest, prefix) = cursor.feed(line)
                if cursor.problem == nil, let prefix {
                    decided.record(prefix, digest: digest)
                    if pass.isDeciding {
                        pass.check(LogReading.logLine(line, prefix, digest: digest), previous: prefix.prev)
                    }
                }
                counter.count(lineOf: line.count)
            } unterminated: { segment in
                cursor.fail("le segment « \(segment) » ne se termine pas par un saut de ligne")
            }
        } catch {
            cursor.fail("\(error)")
        }
        let failure = pass.finish()
        var problem = cursor.finish()
        if problem == nil, case .unreadable(let reason) = anchor {
            problem = ChainProblem(seq: max(cursor.count, 1), reason: reason)
        }
        if let failure, failure.seq < problem?.seq ?? Int.max {
            return AuditReport(ok: false, events: cursor.count, head: failure.head, firstBadSeq: failure.seq, reason: failure.reason)
        }
        if let problem {
            // The last line decided: the one before the problem, or the last one read before the break.
            let lastGood = min(problem.seq - 1, decided.count)
            let head = decided.hash(ofLine: lastGood) ?? digestHex(ofLine: lastGood, log.paths)
            return AuditReport(ok: false, events: cursor.count, head: head, firstBadSeq: problem.seq, reason: problem.reason)
        }
        return AuditReport(ok: true, events: cursor.count, head: cursor.head.hash, firstBadSeq: nil, reason: nil)
    }

    /// The hash of the line at `position` (from 1; 64 zeros for 0), read again from the segments.
    private static func digestHex(ofLine position: Int, _ paths: StorePaths) -> String {
        var seen = 0
        var found = LogHead.empty.hash
        let scanner = SegmentScanner(paths: paths)
        try? scanner.forEachLine(in: try scanner.segments()) { line in
            seen += 1
            if seen == position { found = LineDigest(hashing: line).hex }
        } unterminated: { _ in }
        return found
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

    /// The signature status of every line, by seq (lines that do not decode are left out).
    public static func signatureStatuses(_ lines: [LogLine]) -> [Int: SignatureStatus] {
        var state = StoreState()
        var statuses: [Int: SignatureStatus] = [:]
        let decoder = JSONDecoder()
        for line in lines {
            guard let recorded = try? EventCodec.decode(line, decoder: decoder) else { continue }
            switch signatureCheck(line, recorded, stateBefore: state) {
            case .valid: statuses[line.seq] = .valid
            case .absent: statuses[line.seq] = .absent
            case .noActiveKey, .invalid: statuses[line.seq] = .invalid
            }
            state.apply(recorded)
        }
        return statuses
    }

    /// The state after event `until` (or after the last event recorded on or before `asOf`, a Paris
    /// date), with the events folded. The log is read once, in bounded memory besides the events.
    ///
    /// Throws as a fold of ``FileEventLog/readCheckedLines()`` would: an unreadable anchor, then a
    /// line whose seq and prev cannot be read or a segment before the last without final newline,
    /// then a break of the chain anywhere in the log (even after `until`), then a line up to
    /// `until` that does not decode.
    public static func replay(
        _ log: FileEventLog, until: Int?, asOf: CalendarDate?, progress: ((AuditProgress) -> Void)? = nil
    ) throws -> LoadedStore {
        var events: [RecordedEvent] = []
        let folded = try fold(log, until: until, asOf: asOf, tuning: .standard, progress: progress) { events.append($0) }
        return LoadedStore(state: folded.state, head: folded.head, events: events)
    }

    /// Like ``replay(_:until:asOf:progress:)``, keeping only the state and head (memory does not
    /// grow with the log).
    public static func replayedState(
        _ log: FileEventLog, until: Int?, asOf: CalendarDate?, progress: ((AuditProgress) -> Void)? = nil
    ) throws -> (state: StoreState, head: LogHead) {
        try fold(log, until: until, asOf: asOf, tuning: .standard, progress: progress, each: nil)
    }

    /// Reads the log once: checks the chain of every line, and folds the events up to `until` or
    /// `asOf`, handing each to `each`.
    static func fold(
        _ log: FileEventLog, until: Int?, asOf: CalendarDate?, tuning: AuditTuning,
        progress: ((AuditProgress) -> Void)?, each: ((RecordedEvent) -> Void)?
    ) throws -> (state: StoreState, head: LogHead) {
        let anchor = try log.readHead()
        var cursor = ChainCursor(anchor: anchor)
        var state = StoreState()
        var head = LogHead.empty
        let decoder = JSONDecoder()
        var stopped = false
        var undecodable: ChainProblem?
        // The seq of the last line whose prefix was read, to name the line after it.
        var position: Int?
        let scanner = SegmentScanner(paths: log.paths, chunkBytes: tuning.chunkBytes)
        let segments = try scanner.segments()
        var counter = ProgressCounter(progress, every: tuning.progressEvery, anchor: anchor, segments: segments, paths: log.paths)
        try scanner.forEachLine(in: segments) { line in
            counter.count(lineOf: line.count)
            guard let prefix = LinePrefix.parse(line) else {
                throw StorageError.corrupt(ChainProblem(seq: position.map { $0 + 1 } ?? 1, reason: "ligne mal formée : seq et prev illisibles"))
            }
            position = prefix.seq
            let digest = cursor.feed(line).digest
            guard !stopped, undecodable == nil else { return }
            let logLine = LogReading.logLine(line, prefix, digest: digest)
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
            state.apply(recorded)
            each?(recorded)
            head = LogHead(seq: logLine.seq, hash: logLine.hash)
        } unterminated: { segment in
            throw StorageError.corrupt(ChainProblem(
                seq: position.map { $0 + 1 } ?? 1,
                reason: "le segment « \(segment) » ne se termine pas par un saut de ligne"
            ))
        }
        if let problem = cursor.finish() { throw StorageError.corrupt(problem) }
        if let undecodable { throw StorageError.corrupt(undecodable) }
        return (state, head)
    }
}
