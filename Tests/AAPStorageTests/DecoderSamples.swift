import AAPDomain
import Foundation
@testable import AAPStorage

/// Log lines written by the real encoder (`EventCodec.record` + `LineEncoder`) for the decoder
/// tests: every event type, every kind of field value, optional members present and absent,
/// unicode and escapes, extreme amounts and numbers.
enum DecoderSamples {
    /// What decoding a line gave: the event, or the French reason it was refused.
    enum Decoded: Equatable, CustomStringConvertible {
        case accepted(RecordedEvent)
        case refused(String)

        var isAccepted: Bool { if case .accepted = self { true } else { false } }

        var description: String {
            switch self {
            case .accepted(let recorded): "accepted(\(recorded))"
            case .refused(let reason): "refused(\(reason))"
            }
        }
    }

    /// The line decoded by `EventCodec.decode`, the fast path every caller gets.
    static func fast(_ line: LogLine) -> Decoded {
        do {
            return .accepted(try EventCodec.decode(line))
        } catch let problem as ChainProblem {
            return .refused(problem.reason)
        } catch {
            return .refused("erreur inattendue \(error)")
        }
    }

    /// The line decoded by the reference, `JSONDecoder`.
    static func reference(_ line: LogLine) -> Decoded {
        do {
            return .accepted(try EventCodec.decodeWithJSONDecoder(line))
        } catch let problem as ChainProblem {
            return .refused(problem.reason)
        } catch {
            return .refused("erreur inattendue \(error)")
        }
    }

    /// Whether the fast decoder itself read the line (rather than handing it to `JSONDecoder`).
    static func isReadWithoutJSONDecoder(_ bytes: [UInt8]) -> Bool {
        // `try?` flattens: nil for a refused line and for one left to JSONDecoder alike.
        let decoded = try? bytes.withUnsafeBufferPointer { try LineDecoder.decode($0) }
        return decoded != nil
    }

    /// A line holding `bytes` at `seq`, as the log reader makes it (chain fields unused by decoding).
    static func logLine(_ bytes: [UInt8], seq: Int) -> LogLine {
        LogLine(seq: seq, prev: String(repeating: "0", count: 64), bytes: bytes, hash: "")
    }

    /// The line the log writes for `event`, signed with a dummy signature when `signed`.
    static func line(_ event: Event, seq: Int, actor: ActorID, at: String, signed: Bool) throws -> LogLine {
        let record = try EventCodec.record(event, actor: actor, at: at)
        var bytes: [UInt8] = []
        LineEncoder.appendLine(seq: seq, prev: .zero, record: record, to: &bytes)
        if signed {
            LineSignature.attach((0 ..< 64).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ seq) }, to: &bytes)
        }
        return logLine(bytes, seq: seq)
    }

    /// Every sample line, seq 1, 2, … in order.
    static func lines() throws -> [LogLine] {
        let actors = try [
            ActorID.parse("admin.dreets"), ActorID.parse("a"), ActorID.parse("instr-01_x.y"),
            ActorID.parse(String(repeating: "z", count: 64)),
        ]
        var result: [LogLine] = []
        for (index, event) in try events().enumerated() {
            let seq = index == 0 ? 1 : index * 997 + 1
            result.append(try line(
                event, seq: seq, actor: actors[index % actors.count],
                at: index % 5 == 4 ? "heure « libre » \u{1}\"\\" : "2028-01-01T00:0\(index % 10):00Z",
                signed: index % 3 != 2
            ))
        }
        return result
    }

    /// Text with everything a string may hold: quotes, backslashes, control characters (those with
    /// a short escape too), DEL,
    /// accents (composed and decomposed), an emoji outside the BMP, line separators.
    static let awkwardText = "Zoë \"Ñúñez\" \\ back/slash\ttab\nline\r\u{1}\u{8}\u{C}\u{1F}\u{7F} e\u{301} 😀 \u{2028} €"

    static func events() throws -> [Event] {
        let call = try CallID.parse("AMI-BENCH-2024")
        let otherCall = try CallID.parse("AAP-MOB-2026")
        let pubKey = "NtliCVrhjrz+mA+UlNLgGy+s/0r1b9yQeBvwZPwSMkM="
        let siret = try Siret.parse(luhnSiret("7328293200007"))
        let laPoste = try Siret.parse(luhnSiret("3560000000004"))
        let date = try unwrapped(CalendarDate(year: 2024, month: 2, day: 29))
        let lastDate = try unwrapped(CalendarDate(year: 2199, month: 12, day: 31))
        let firstDate = try unwrapped(CalendarDate(year: 1900, month: 1, day: 1))
        let definition = try WorkflowDefinition.load(workflowFile("call"))
        let caseDefinition = try WorkflowDefinition.load(workflowFile("aap"))

        return [
            .actorRegistered(ActorRegistered(actor: try ActorID.parse("admin.dreets"), name: "Camille Martin", roles: [.admin], publicKey: pubKey)),
            .actorRegistered(ActorRegistered(actor: try ActorID.parse("b"), name: nil, roles: [], publicKey: nil)),
            .actorRegistered(ActorRegistered(actor: try ActorID.parse("c.d"), name: awkwardText, roles: Role.allCases, publicKey: nil)),
            .workflowRegistered(WorkflowRegistered(definition: definition)),
            .workflowRegistered(WorkflowRegistered(definition: caseDefinition)),
            .authoritySet(AuthoritySet(name: "DREETS Occitanie — Pôle 3E", siret: siret)),
            .authoritySet(AuthoritySet(name: awkwardText, siret: laPoste)),
            .callCreated(CallCreated(
                call: call, kind: "ami", callWorkflow: WorkflowRef(id: "call", version: 1),
                caseWorkflow: WorkflowRef(id: "ami", version: 3), title: "Appel à manifestation d'intérêt « mobilité » 2024",
                envelope: Money(cents: 12_345_678_901), opensOn: date, closesOn: lastDate,
                departements: try ["09", "2A", "2B", "31", "971", "976", "REG"].map(DepartementCode.parse),
                applicantKinds: ApplicantKind.allCases, measures: ["M1", awkwardText, ""], fundingSource: "BOP 102",
                criteria: [Criterion(name: "pertinence", weight: 60), Criterion(name: "faisabilité", weight: 40)],
                conventionThreshold: Money(cents: 2_300_000)
            )),
            .callCreated(CallCreated(
                call: otherCall, kind: "aap", callWorkflow: WorkflowRef(id: awkwardText, version: Int.max),
                caseWorkflow: WorkflowRef(id: "aap", version: Int.min), title: awkwardText,
                envelope: Money(cents: Int64.max), opensOn: firstDate, closesOn: firstDate,
                departements: [], applicantKinds: [], measures: [], fundingSource: nil,
                criteria: [], conventionThreshold: Money(cents: Int64.min)
            )),
            .callAdvanced(CallAdvanced(call: call, action: "publish", from: "draft", to: "open", reason: nil)),
            .callAdvanced(CallAdvanced(call: otherCall, action: "close", from: "open", to: "closed", reason: awkwardText)),
            .committeeSet(CommitteeSet(
                call: call, chair: try ActorID.parse("chair.durand"),
                members: try ["chair.durand", "m1", "m-2", "m_3"].map(ActorID.parse), quorum: 3
            )),
            .committeeSet(CommitteeSet(call: otherCall, chair: try ActorID.parse("x"), members: [], quorum: -1)),
            .caseSubmitted(CaseSubmitted(
                caseID: CaseID(call: call, number: 123), call: call, workflow: WorkflowRef(id: "ami", version: 1),
                applicant: Applicant(name: "Association « Les Amis » d'Ariège", kind: .association, siret: siret, rna: try Rna.parse("W313012345"), departement: try DepartementCode.parse("09")),
                title: "Projet n°1", amountRequested: Money(cents: 1_300_000), receivedOn: date, lateReason: nil
            )),
            .caseSubmitted(CaseSubmitted(
                caseID: CaseID(call: otherCall, number: 999_999_999), call: otherCall, workflow: WorkflowRef(id: "aap", version: 2),
                applicant: Applicant(name: awkwardText, kind: .missionLocale, siret: nil, rna: try Rna.parse("W31301234A"), departement: .regionWide),
                title: awkwardText, amountRequested: Money(cents: Int64.max), receivedOn: lastDate, lateReason: awkwardText
            )),
            .caseSubmitted(CaseSubmitted(
                caseID: CaseID(call: call, number: 0), call: call, workflow: WorkflowRef(id: "ami", version: 1),
                applicant: Applicant(name: "Commune", kind: .commune, siret: laPoste, rna: nil, departement: try DepartementCode.parse("2A")),
                title: "t", amountRequested: Money(cents: 0), receivedOn: firstDate, lateReason: "retard"
            )),
            .caseAdvanced(CaseAdvanced(
                caseID: CaseID(call: call, number: 123), action: "pay", from: "evaluated", to: "evaluated",
                fields: Fields(["amount": .money(Money(cents: 1_300_000)), "kind": .string("balance"), "paid_on": .string("2024-07-09")]),
                reason: nil
            )),
            .caseAdvanced(CaseAdvanced(
                caseID: CaseID(call: otherCall, number: 10_000), action: "score", from: "proposed", to: "proposed",
                fields: Fields([
                    "pertinence": .integer(5), "zero": .integer(0), "negative": .integer(-42),
                    "largest": .integer(Int64.max), "smallest": .integer(Int64.min),
                    "huge": .money(Money(cents: Int64.max)), "tiny": .money(Money(cents: Int64.min)),
                    "nothing": .money(.zero), "text": .string(awkwardText), "empty": .string(""),
                    "digits": .string("123"), "clé_é": .string("valeur"), "emoji😀": .integer(1),
                    "_cents_not_money": .string("x"),
                ]),
                reason: awkwardText
            )),
            .caseAdvanced(CaseAdvanced(
                caseID: CaseID(call: call, number: 4), action: "start-review", from: "submitted", to: "in_review",
                fields: Fields(), reason: "ok"
            )),
            .actorKeyRotated(ActorKeyRotated(actor: try ActorID.parse("admin.dreets"), publicKey: pubKey)),
            .actorKeyRotated(ActorKeyRotated(actor: try ActorID.parse("q"), publicKey: "")),
            .actorKeyRevoked(ActorKeyRevoked(actor: try ActorID.parse("admin.dreets"), reason: "clé perdue")),
            .actorKeyRevoked(ActorKeyRevoked(actor: try ActorID.parse("r"), reason: awkwardText)),
            // Last, so that the frozen digests of the samples before it keep their places.
            .caseSubmitted(CaseSubmitted(
                caseID: CaseID(call: call, number: 124), call: call, workflow: WorkflowRef(id: "aap", version: 1),
                applicant: Applicant(name: "CCAS de Tarbes", kind: .ccas, siret: nil, rna: nil, departement: try DepartementCode.parse("65")),
                title: "Domiciliation", amountRequested: Money(cents: 900_000), receivedOn: try CalendarDate.parse("2026-05-31"),
                lateReason: nil, externalReference: "DS-12458703"
            )),
        ]
    }

    static func unwrapped<Value>(_ value: Value?) throws -> Value {
        guard let value else { throw DecoderSampleError(message: "valeur d'exemple invalide") }
        return value
    }

    /// A valid SIRET: `prefix` (13 digits) and the Luhn check digit.
    static func luhnSiret(_ prefix: String) -> String {
        for check in 0 ... 9 where Siret.isLuhnValid(prefix + String(check)) {
            return prefix + String(check)
        }
        return prefix + "0"
    }

    /// The bytes of `Workflows/<name>.json`, found by walking up from this file.
    static func workflowFile(_ name: String, filePath: String = #filePath) throws -> Data {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("Workflows/\(name).json")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return try Data(contentsOf: candidate)
            }
            url = url.deletingLastPathComponent()
        }
        throw DecoderSampleError(message: "Workflows/\(name).json introuvable au-dessus de \(filePath)")
    }
}

struct DecoderSampleError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
