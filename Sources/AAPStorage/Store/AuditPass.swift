import AAPDomain
import Foundation

/// The first line an audit found illegal or badly signed.
struct AuditFailure: Sendable, Equatable {
    /// The line's seq.
    let seq: Int
    /// Why, in one line of French.
    let reason: String
    /// The hash of the line before it (64 zeros for the first line): the last good head.
    let head: String
}

/// Decides the lines of a log again, one after the other, while their signatures are checked on
/// other threads.
///
/// Each line is decoded, its signature handed to ``SignatureBatches`` with the key its actor had
/// in the state before it, then its event is decided again and applied, as if the signature were
/// valid. ``finish()`` then gives the first bad line in log order: a bad signature wins over
/// anything found on a later line, and over the timestamp or the decision of its own line, as in
/// a check of one line after the other.
final class AuditPass {
    private var state = StoreState()
    private let decoder = JSONDecoder()
    private let signatures: SignatureBatches
    /// The first line found bad by decoding or deciding (signatures still being checked aside).
    private var failure: AuditFailure?

    /// A pass over an empty state whose signatures go to `signatures`.
    init(signatures: SignatureBatches) {
        self.signatures = signatures
    }

    /// Whether the next line can still change the result: no line before it was found bad.
    var isDeciding: Bool {
        failure == nil && signatures.invalidSeq == nil
    }

    /// Checks the next line in log order; `previous` is the digest of the line before it.
    func check(_ line: LogLine, previous: LineDigest) {
        guard failure == nil else { return }
        if let reason = recheck(line, previous: previous) {
            failure = AuditFailure(seq: line.seq, reason: reason, head: previous.hex)
        }
    }

    /// Waits for every signature and returns the first bad line, if any.
    func finish() -> AuditFailure? {
        guard let bad = signatures.finish(), failure.map({ bad.seq <= $0.seq }) ?? true else { return failure }
        return AuditFailure(
            seq: bad.seq,
            reason: "ligne \(bad.seq) : signature invalide pour la clé de « \(bad.actor) »",
            head: bad.previous.hex
        )
    }

    /// Decodes a line and decides its event again; returns why it is not legal, or nil.
    private func recheck(_ line: LogLine, previous: LineDigest) -> String? {
        let recorded: RecordedEvent
        do {
            recorded = try EventCodec.decode(line, decoder: decoder)
        } catch let problem as ChainProblem {
            return problem.reason
        } catch {
            return "ligne \(line.seq) : événement illisible"
        }
        switch Auditor.signatureParts(line, recorded, stateBefore: state) {
        case .absent: return "ligne \(line.seq) : signature absente"
        case .noActiveKey: return "ligne \(line.seq) : « \(recorded.actor) » n'avait pas de clé de signature active"
        case .present(let signed, let signature, let key):
            signatures.add(PendingSignature(
                seq: line.seq, actor: "\(recorded.actor)", previous: previous,
                signed: signed, signature: signature, publicKey: key
            ))
        }
        if let reason = Self.redecide(recorded, seq: line.seq, on: &state) { return reason }
        // Finished cases are kept without their history: the audit's memory follows the open cases.
        if let id = recorded.event.caseID { state.retireIfFinished(id) }
        return nil
    }

    /// Decides a recorded event again on the state before it, from the command it records (the
    /// decide loop with that one command), and applies it; returns why it is not legal, or nil.
    static func redecide(_ recorded: RecordedEvent, seq: Int, on state: inout StoreState) -> String? {
        guard let today = ParisCalendar.calendarDate(ofTimestamp: recorded.at) else {
            return "ligne \(seq) : horodatage « at » invalide"
        }
        let command = ActorCommand(Command(recording: recorded.event), by: recorded.actor.value)
        let decisions = Decider.decide([command], on: &state, at: recorded.at, today: today, siretRule: .recorded)
        if let refused = decisions.refusals.first {
            return "ligne \(seq) : action illégale (\(recorded.event.type)) — \(refused.refusal.message)"
        }
        guard decisions.accepted.first?.event == recorded.event else {
            return "ligne \(seq) : l'événement enregistré ne correspond pas à la décision rejouée (\(recorded.event.type))"
        }
        return nil
    }
}
