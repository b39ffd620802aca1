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
    public static func verify(_ log: FileEventLog) throws -> AuditReport {
        guard log.exists else { throw StorageError.storeMissing(path: log.directory) }
        let chain = log.verify()
        // The lines before the first break of the chain, in position order: a line further on that
        // claims a lower seq (a duplicate, a forged prefix) is never decided as if it were that seq,
        // and a malformed line further on does not keep the lines before it from being decided.
        var cursor = ChainCursor(anchor: nil)
        var lines: [LogLine] = []
        try? LogReading.scan(log.paths, cursor: &cursor) { lines.append($0) }
        let limit = chain.problem?.seq ?? Int.max
        var state = StoreState()
        let decoder = JSONDecoder()
        var lastGood = LogHead.empty
        for line in lines where line.seq < limit {
            if let reason = recheck(line, state: &state, decoder: decoder) {
                return AuditReport(ok: false, events: chain.lineCount, head: lastGood.hash, firstBadSeq: line.seq, reason: reason)
            }
            lastGood = LogHead(seq: line.seq, hash: line.hash)
        }
        if let problem = chain.problem {
            return AuditReport(ok: false, events: chain.lineCount, head: lastGood.hash, firstBadSeq: problem.seq, reason: problem.reason)
        }
        return AuditReport(ok: true, events: chain.lineCount, head: chain.head.hash, firstBadSeq: nil, reason: nil)
    }

    /// Decodes a line and decides its event again; returns why it is not legal, or nil.
    static func recheck(_ line: LogLine, state: inout StoreState, decoder: JSONDecoder) -> String? {
        let recorded: RecordedEvent
        do {
            recorded = try EventCodec.decode(line, decoder: decoder)
        } catch let problem as ChainProblem {
            return problem.reason
        } catch {
            return "ligne \(line.seq) : événement illisible"
        }
        switch signatureCheck(line, recorded, stateBefore: state) {
        case .absent: return "ligne \(line.seq) : signature absente"
        case .noActiveKey: return "ligne \(line.seq) : « \(recorded.actor) » n'avait pas de clé de signature active"
        case .invalid: return "ligne \(line.seq) : signature invalide pour la clé de « \(recorded.actor) »"
        case .valid: break
        }
        guard let today = ParisCalendar.calendarDate(ofTimestamp: recorded.at) else {
            return "ligne \(line.seq) : horodatage « at » invalide"
        }
        do {
            let decided = try Decider.decide(
                Command(recording: recorded.event), in: state,
                context: DecisionContext(actor: recorded.actor.value, today: today)
            )
            guard decided == recorded.event else {
                return "ligne \(line.seq) : l'événement enregistré ne correspond pas à la décision rejouée (\(recorded.event.type))"
            }
        } catch let refusal as Refusal {
            return "ligne \(line.seq) : action illégale (\(recorded.event.type)) — \(refusal.message)"
        } catch {
            return "ligne \(line.seq) : décision impossible à rejouer"
        }
        state.apply(recorded)
        return nil
    }

    /// What checking one line's signature found.
    enum SignatureCheck { case valid, absent, noActiveKey, invalid }

    /// Checks a line's signature against the key its actor had in the state before it.
    static func signatureCheck(_ line: LogLine, _ recorded: RecordedEvent, stateBefore state: StoreState) -> SignatureCheck {
        guard let (signed, signature) = LineSignature.split(line.bytes) else { return .absent }
        guard let key = Store.expectedPublicKey(for: recorded.actor, event: recorded.event, stateBefore: state) else { return .noActiveKey }
        return SigningKey.verify(signature, of: signed, publicKeyBase64: key) ? .valid : .invalid
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

    /// The state after event `until` (or after the last event recorded on or before `asOf`, a Paris date).
    public static func replay(_ log: FileEventLog, until: Int?, asOf: CalendarDate?) throws -> LoadedStore {
        try Store.fold(try log.readCheckedLines()) { recorded in
            if let until, recorded.seq > until { return true }
            if let asOf {
                // A timestamp that does not parse stops the replay: nothing after it is trusted.
                guard let day = ParisCalendar.calendarDate(ofTimestamp: recorded.at) else { return true }
                return day > asOf
            }
            return false
        }
    }
}
