import Foundation
import Testing
@testable import AAPDomain

// Shared helpers for the workflow, grid and replay tests: the repository's workflow files, and a
// small world (actors, a call with its committee, cases) built by applying events directly, so
// that the setup never goes through the `decide` under test.

/// The files of the repository's `Workflows/` folder.
enum WorkflowFiles {
    /// The `Workflows/` folder, found by walking up from this file to a directory that holds
    /// `Workflows/aap.json` (works from the real package and from a package that symlinks the tests).
    static func directory(filePath: String = #filePath) throws -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("Workflows")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("aap.json").path) {
                return candidate
            }
            url = url.deletingLastPathComponent()
        }
        throw WorkflowFilesNotFound(start: filePath)
    }

    /// The names (without `.json`) of every file in `Workflows/`, sorted.
    static func names() throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: try directory().path)
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) }.sorted()
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: try directory().appendingPathComponent("\(name).json"))
    }

    /// The validated definition of `Workflows/<name>.json`.
    static func load(_ name: String) throws -> WorkflowDefinition {
        try WorkflowDefinition.load(try data(name))
    }
}

struct WorkflowFilesNotFound: Error, CustomStringConvertible {
    let start: String
    var description: String { "No Workflows/aap.json above \(start)" }
}

/// What `decide` answered, reduced to what a grid cell states: the state reached, or the refusal code.
enum Outcome: Sendable, Equatable, CustomStringConvertible {
    case moves(String)
    case refused(String)

    var description: String {
        switch self {
        case .moves(let state): "moves(\(state))"
        case .refused(let code): "refused(\(code))"
        }
    }
}

/// Parses test literals; a malformed literal in a test is a bug of the test, reported as a thrown error.
func actorID(_ text: String) throws -> ActorID { try ActorID.parse(text) }
func callID(_ text: String) throws -> CallID { try CallID.parse(text) }
func date(_ text: String) throws -> CalendarDate { try CalendarDate.parse(text) }
func euros(_ amount: Int64) -> Money { Money(cents: amount * 100) }

/// A store built event by event: actors, the three workflows, calls, committees and cases.
///
/// Everyone of the cast below is registered; a call `AAP-TEST-2026` (or the id given) is created
/// open, with the grid `pertinence:60, faisabilite:40`, and a committee chaired by `chair` with
/// members `m1`, `m2`, `m3` and quorum 2.
struct World {
    /// The cast: id and roles.
    static let cast: [(String, [Role])] = [
        ("admin", [.admin]),
        ("manager", [.manager]),
        ("instr", [.instructor]),
        ("chair", [.committeeChair]),
        ("m1", [.committeeMember]),
        ("m2", [.committeeMember]),
        ("m3", [.committeeMember]),
        ("m4", [.committeeMember]),
        ("chair2", [.committeeChair]),
        ("dual", [.instructor, .committeeChair]),
        ("fin", [.finance]),
        ("aud", [.auditor]),
    ]

    static let today = "2026-06-01"
    static let criteria = [Criterion(name: "pertinence", weight: 60), Criterion(name: "faisabilite", weight: 40)]

    var state = StoreState()

    init() throws {
        let admin = try actorID("admin")
        for (id, roles) in Self.cast {
            state.apply(.actorRegistered(ActorRegistered(actor: try actorID(id), name: nil, roles: roles)), by: admin)
        }
        for name in ["call", "aap", "ami"] {
            state.apply(.workflowRegistered(WorkflowRegistered(definition: try WorkflowFiles.load(name))), by: admin)
        }
    }

    /// A world with one call of `kind` in `callState`, with its committee.
    init(
        kind: String, call: String = "AAP-TEST-2026", callState: String = "open", envelope: Money = euros(100_000),
        departements: [String] = [], applicantKinds: [ApplicantKind] = [], chair: String = "chair",
        members: [String] = ["m1", "m2", "m3"], quorum: Int = 2
    ) throws {
        try self.init()
        try createCall(
            kind: kind, call: call, callState: callState, envelope: envelope, departements: departements,
            applicantKinds: applicantKinds, chair: chair, members: members, quorum: quorum
        )
    }

    mutating func createCall(
        kind: String, call: String, callState: String = "open", envelope: Money = euros(100_000),
        departements: [String] = [], applicantKinds: [ApplicantKind] = [], chair: String = "chair",
        members: [String] = ["m1", "m2", "m3"], quorum: Int = 2
    ) throws {
        let manager = try actorID("manager")
        let id = try callID(call)
        state.apply(.callCreated(CallCreated(
            call: id, kind: kind, callWorkflow: WorkflowRef(id: "call", version: 1), caseWorkflow: WorkflowRef(id: kind, version: 1),
            title: "Appel de test", envelope: envelope, opensOn: try date("2026-03-01"), closesOn: try date("2026-04-30"),
            departements: try departements.map(DepartementCode.parse), applicantKinds: applicantKinds, measures: ["PS-TEST"],
            fundingSource: "BOP 304", criteria: Self.criteria, conventionThreshold: Decider.defaultConventionThreshold
        )), by: manager)
        state.apply(.committeeSet(CommitteeSet(
            call: id, chair: try actorID(chair), members: try members.map(actorID), quorum: quorum
        )), by: manager)
        try moveCall(call, to: callState)
    }

    /// Moves a call along draft → open → closed → decided → archived by applying `call.advanced` events.
    mutating func moveCall(_ call: String, to target: String) throws {
        let path: [(action: String, from: String, to: String)] = [
            ("publish", "draft", "open"), ("close", "open", "closed"),
            ("publish-results", "closed", "decided"), ("archive", "decided", "archived"),
        ]
        let id = try callID(call)
        let manager = try actorID("manager")
        for step in path {
            let current = try #require(state.calls[id]).state
            if current == target { return }
            if current == step.from {
                state.apply(.callAdvanced(CallAdvanced(call: id, action: step.action, from: step.from, to: step.to, reason: nil)), by: manager)
            }
        }
        #expect(state.calls[id]?.state == target, "call \(call) could not be brought to \(target)")
    }

    /// Applies a `case.submitted` event and returns the new case's id.
    @discardableResult
    mutating func submitCase(
        call: String = "AAP-TEST-2026", requested: Money = euros(40_000), departement: String = "31",
        kind: ApplicantKind = .association
    ) throws -> CaseID {
        let callState = try #require(state.calls[try callID(call)])
        let caseID = callState.nextCaseID
        state.apply(.caseSubmitted(CaseSubmitted(
            caseID: caseID, call: callState.id, workflow: callState.caseWorkflow,
            applicant: Applicant(
                name: "Association Les Mobilités", kind: kind, siret: try Siret.parse("35600000000048"), rna: nil,
                departement: try DepartementCode.parse(departement)
            ),
            title: "Transport solidaire", amountRequested: requested, receivedOn: try date("2026-04-12"), lateReason: nil
        )), by: try actorID("instr"))
        return caseID
    }

    /// Applies a `case.advanced` event; `to` is written literally by the caller.
    mutating func advance(
        _ caseID: CaseID, _ action: String, by actor: String, to: String, fields: [String: FieldValue] = [:], reason: String? = nil
    ) throws {
        let from = try #require(state.cases[caseID]).state
        state.apply(.caseAdvanced(CaseAdvanced(
            caseID: caseID, action: action, from: from, to: to, fields: Fields(fields), reason: reason
        )), by: try actorID(actor))
    }

    /// The two committee scores that make the quorum (m1 and m2).
    mutating func scoreByQuorum(_ caseID: CaseID) throws {
        try advance(caseID, "score", by: "m1", to: "proposed", fields: ["pertinence": .integer(4), "faisabilite": .integer(3)])
        try advance(caseID, "score", by: "m2", to: "proposed", fields: ["pertinence": .integer(5), "faisabilite": .integer(2)])
    }

    /// Brings a case from `submitted` to `target` along the usual path, by applying events:
    ///
    /// - proposed: reviewed, proposed by `instr` at 30 000 € (40 000 € requested), scored by m1 and m2;
    /// - selected: awarded 30 000 € by `chair`; granted: convention signed;
    /// - report_received: 20 000 € spent, nothing paid yet;
    /// - evaluated: an advance of 20 000 € paid in report_received, then evaluated (settled: owed 20 000 €).
    mutating func bring(_ caseID: CaseID, to target: String) throws {
        let workflow = try #require(state.cases[caseID]).workflow.id
        switch target {
        case "submitted":
            break
        case "incomplete":
            try advance(caseID, "request-documents", by: "instr", to: "incomplete",
                        fields: ["missing": .string("Statuts signés"), "due_on": .string("2026-05-15")])
        case "inadmissible":
            try advance(caseID, "declare-inadmissible", by: "instr", to: "inadmissible", reason: "Hors du champ de l'appel")
        case "in_review":
            try advance(caseID, "start-review", by: "instr", to: "in_review")
        case "shortlisted":
            try bring(caseID, to: "in_review")
            try advance(caseID, "shortlist", by: "chair", to: "shortlisted")
        case "not_shortlisted":
            try bring(caseID, to: "in_review")
            try advance(caseID, "decline", by: "chair", to: "not_shortlisted", reason: "Hors priorités")
        case "proposal_received":
            try bring(caseID, to: "shortlisted")
            try advance(caseID, "receive-proposal", by: "instr", to: "proposal_received",
                        fields: ["amount_requested": .money(euros(40_000)), "title": .string("Transport solidaire, projet détaillé")])
        case "proposed":
            try bring(caseID, to: workflow == "ami" ? "proposal_received" : "in_review")
            try advance(caseID, "propose", by: "instr", to: "proposed",
                        fields: ["opinion": .string("favorable"), "proposed_amount": .money(euros(30_000))])
            try scoreByQuorum(caseID)
        case "waitlisted":
            try bring(caseID, to: "proposed")
            try advance(caseID, "waitlist", by: "chair", to: "waitlisted", reason: "Enveloppe insuffisante")
        case "selected":
            try bring(caseID, to: "proposed")
            try advance(caseID, "select", by: "chair", to: "selected", fields: ["awarded_amount": .money(euros(30_000))])
        case "rejected":
            try bring(caseID, to: "proposed")
            try advance(caseID, "reject", by: "chair", to: "rejected", reason: "Projet insuffisamment mûr")
        case "granted":
            try bring(caseID, to: "selected")
            try advance(caseID, "sign-agreement", by: "fin", to: "granted", fields: [
                "instrument": .string("convention"), "reference": .string("CONV-2026-001"), "signed_on": .string("2026-05-20"),
            ])
        case "report_received":
            try bring(caseID, to: "granted")
            try advance(caseID, "receive-report", by: "instr", to: "report_received",
                        fields: ["received_on": .string("2026-05-25"), "spent_amount": .money(euros(20_000))])
        case "evaluated":
            try bring(caseID, to: "report_received")
            try advance(caseID, "pay", by: "fin", to: "report_received", fields: [
                "amount": .money(euros(20_000)), "kind": .string("advance"), "paid_on": .string("2026-05-26"),
            ])
            try advance(caseID, "evaluate", by: "instr", to: "evaluated",
                        fields: ["outcome": .string("achieved"), "note": .string("Objectifs atteints")])
        case "closed":
            try bring(caseID, to: "evaluated")
            try advance(caseID, "close", by: "fin", to: "closed")
        case "withdrawn":
            try advance(caseID, "withdraw", by: "instr", to: "withdrawn", reason: "Le porteur renonce")
        default:
            Issue.record("no path to \(target)")
        }
        #expect(state.cases[caseID]?.state == target, "case \(caseID) could not be brought to \(target)")
    }

    /// Decides a command as `actor` on the world's date.
    func decide(_ command: Command, by actor: String, today: String = World.today) throws -> Event {
        try Decider.decide(command, in: state, context: DecisionContext(actor: actor, today: try date(today)))
    }

    /// Decides and applies a command; returns the event.
    @discardableResult
    mutating func run(_ command: Command, by actor: String, today: String = World.today) throws -> Event {
        let event = try decide(command, by: actor, today: today)
        state.apply(event, by: try actorID(actor))
        return event
    }

    /// The refusal `decide` returns for the command, or nil (with a recorded issue) when it accepts it.
    func refusal(_ command: Command, by actor: String, today: String = World.today, sourceLocation: SourceLocation = #_sourceLocation) -> Refusal? {
        do {
            let event = try decide(command, by: actor, today: today)
            Issue.record("expected a refusal, got \(event)", sourceLocation: sourceLocation)
            return nil
        } catch let refusal as Refusal {
            return refusal
        } catch {
            Issue.record("expected a Refusal, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The outcome of deciding an `advanceCase` or `advanceCall` command.
    func outcome(_ command: Command, by actor: String) -> Outcome {
        do {
            switch try decide(command, by: actor) {
            case .caseAdvanced(let e): return .moves(e.to)
            case .callAdvanced(let e): return .moves(e.to)
            case let other: return .refused("unexpected event \(other.type)")
            }
        } catch let refusal as Refusal {
            return .refused(refusal.code)
        } catch {
            return .refused("unexpected error \(error)")
        }
    }
}
