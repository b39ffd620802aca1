import Foundation
import Testing
@testable import AAPDomain

/// `retract-decision` (CRPA L242-1): the committee chair takes a selection or a waitlisting back to
/// `proposed`, with a reason, at most four months after the decision (the select's `decided_on`,
/// else the UTC date the decision was recorded).
@Suite("Retrait d'une décision (retract-decision)")
struct RetractionTests {
    static let call = "AAP-TEST-2026"

    static func advance(_ caseID: CaseID, _ action: String, _ fields: [String: String] = [:], reason: String? = nil) -> Command {
        .advanceCase(AdvanceCase(caseID: caseID.value, action: action, fields: fields, reason: reason))
    }

    static func retract(_ caseID: CaseID, reason: String? = "Erreur matérielle sur le montant") -> Command {
        advance(caseID, "retract-decision", reason: reason)
    }

    /// A world (envelope 100 000 €) with a case proposed and scored by the quorum, then the chair's
    /// decision recorded at `at` (a timestamp, as the log has it) with the given fields.
    static func world(decision: String = "select", at: String, fields: [String: FieldValue] = ["awarded_amount": .money(euros(30_000))],
                      reason: String? = nil) throws -> (World, CaseID) {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: "proposed")
        let to = decision == "select" ? "selected" : "waitlisted"
        world.state.apply(RecordedEvent(
            seq: world.state.eventCount + 1, at: at, actor: try actorID("chair"),
            event: .caseAdvanced(CaseAdvanced(caseID: caseID, action: decision, from: "proposed", to: to, fields: Fields(fields), reason: reason))
        ))
        #expect(world.state.cases[caseID]?.state == to)
        return (world, caseID)
    }

    /// Decides a command as the chair on the day of `at` and folds it as the log would record it.
    @discardableResult
    static func record(_ world: inout World, _ command: Command, at: String) throws -> Event {
        let event = try world.decide(command, by: "chair", today: String(at.prefix(10)))
        world.state.apply(RecordedEvent(seq: world.state.eventCount + 1, at: at, actor: try actorID("chair"), event: event))
        return event
    }

    /// What `decide` answers for the chair on `day`.
    static func outcome(_ world: World, _ command: Command, on day: String) -> Outcome {
        do {
            guard case .caseAdvanced(let e) = try world.decide(command, by: "chair", today: day) else { return .refused("unexpected event") }
            return .moves(e.to)
        } catch let refusal as Refusal {
            return .refused(refusal.code)
        } catch {
            return .refused("\(error)")
        }
    }

    func envelope(_ world: World) throws -> (awarded: Money, remaining: Money) {
        let call = try #require(world.state.calls[try callID(Self.call)])
        return (world.state.awarded(in: call), world.state.remaining(in: call))
    }

    @Test("les actions possibles jugent le délai de retrait au jour donné")
    func nextActionsJudgeTheWindowOnTheDay() throws {
        let (world, caseID) = try Self.world(at: "2026-02-10T09:30:00Z")
        let c = try #require(world.state.cases[caseID])
        let chair = try actorID("chair")
        #expect(world.state.allowedActions(for: c, actor: chair, today: try date("2026-06-10")) == ["retract-decision"])
        #expect(world.state.allowedActions(for: c, actor: chair, today: try date("2026-06-11")) == [])
    }

    @Test("dans les quatre mois : retenu → proposé, le motif est consigné et l'attribution libère l'enveloppe")
    func withinWindowFreesTheAward() throws {
        var (world, caseID) = try Self.world(at: "2026-02-10T09:30:00Z")
        #expect(try envelope(world).awarded == euros(30_000))
        #expect(try envelope(world).remaining == euros(70_000))

        let event = try world.run(Self.retract(caseID), by: "chair", today: "2026-06-10")  // exactly four months: still open
        #expect(event == .caseAdvanced(CaseAdvanced(
            caseID: caseID, action: "retract-decision", from: "selected", to: "proposed", fields: Fields([:]),
            reason: "Erreur matérielle sur le montant"
        )))
        let c = try #require(world.state.cases[caseID])
        #expect(c.state == "proposed")
        #expect(c.actors["retract-decision"] == (try actorID("chair")))
        #expect(try envelope(world).awarded == euros(0))
        #expect(try envelope(world).remaining == euros(100_000))
        // Back in proposed: the committee may decide again.
        #expect(world.state.allowedActions(for: c, actor: try actorID("chair")) == ["declare-conflict", "score", "select", "waitlist", "reject"])
    }

    @Test("après quatre mois (date d'enregistrement UTC) : refus rule.retraction_window avec le message exact")
    func afterWindowIsRefused() throws {
        let (world, caseID) = try Self.world(at: "2026-02-10T23:30:00Z")  // 11 février à Paris, mais le 10 en UTC
        let refusal = try #require(world.refusal(Self.retract(caseID), by: "chair", today: "2026-06-11"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.retraction_window")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Retenu » ; la décision du 10/02/2026 ne peut plus être retirée : le délai de quatre mois (CRPA L242-1) a expiré le 10/06/2026. Actions possibles : aucune")
        #expect(refusal.allowedActions == [])
        // On the last day of the window it is still possible.
        #expect(Self.outcome(world, Self.retract(caseID), on: "2026-06-10") == .moves("proposed"))
    }

    @Test("la date de séance (decided_on) l'emporte sur la date d'enregistrement")
    func decidedOnWins() throws {
        let (world, caseID) = try Self.world(at: "2026-06-01T10:00:00Z", fields: [
            "awarded_amount": .money(euros(30_000)), "decided_on": .string("2026-01-20"),
        ])
        let refusal = try #require(world.refusal(Self.retract(caseID), by: "chair", today: "2026-05-21"))
        #expect(refusal.code == "rule.retraction_window")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Retenu » ; la décision du 20/01/2026 ne peut plus être retirée : le délai de quatre mois (CRPA L242-1) a expiré le 20/05/2026. Actions possibles : aucune")
        #expect(Self.outcome(world, Self.retract(caseID), on: "2026-05-20") == .moves("proposed"))
    }

    @Test("une inscription sur liste complémentaire se retire aussi, dans le même délai")
    func waitlistRetraction() throws {
        var (world, caseID) = try Self.world(decision: "waitlist", at: "2026-03-31T08:00:00Z", fields: [:], reason: "Enveloppe insuffisante")
        let late = try #require(world.refusal(Self.retract(caseID), by: "chair", today: "2026-08-01"))
        #expect(late.code == "rule.retraction_window")
        #expect(late.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Liste complémentaire » ; la décision du 31/03/2026 ne peut plus être retirée : le délai de quatre mois (CRPA L242-1) a expiré le 31/07/2026. Actions possibles : select, reject")
        let event = try world.run(Self.retract(caseID), by: "chair", today: "2026-07-31")
        guard case .caseAdvanced(let e) = event else { Issue.record("\(event)"); return }
        #expect(e.from == "waitlisted")
        #expect(e.to == "proposed")
    }

    @Test("sans motif : reason.missing, rien n'est décidé")
    func reasonRequired() throws {
        let (world, caseID) = try Self.world(at: "2026-05-20T10:00:00Z")
        let refusal = try #require(world.refusal(Self.retract(caseID, reason: nil), by: "chair"))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == "reason.missing")
        #expect(refusal.message == "Motif obligatoire pour l'action « retract-decision » du dossier AAP-TEST-2026-0001 (--reason)")
        #expect(world.state.cases[caseID]?.state == "selected")
    }

    @Test("seul le président du comité retire une décision")
    func chairOnly() throws {
        let (world, caseID) = try Self.world(at: "2026-05-20T10:00:00Z")
        for actor in ["m1", "instr", "manager"] {
            let refusal = try #require(world.refusal(Self.retract(caseID), by: actor))
            #expect(refusal.code == "role", "\(actor)")
            #expect(refusal.kind == .permission, "\(actor)")
        }
    }

    @Test("après le retrait, le dossier peut être retenu de nouveau (nouveau montant), et le délai repart de la nouvelle décision")
    func selectAgainAfterRetraction() throws {
        var (world, caseID) = try Self.world(at: "2026-02-10T09:30:00Z")
        try Self.record(&world, Self.retract(caseID), at: "2026-06-01T09:00:00Z")
        let event = try Self.record(&world, Self.advance(caseID, "select", ["awarded_amount": "25 000"]), at: "2026-06-01T10:00:00Z")
        guard case .caseAdvanced(let e) = event else { Issue.record("\(event)"); return }
        #expect(e.from == "proposed")
        #expect(e.to == "selected")
        let c = try #require(world.state.cases[caseID])
        #expect(c.state == "selected")
        #expect(c.amounts.awarded == euros(25_000))
        #expect(try envelope(world).awarded == euros(25_000))
        #expect(try envelope(world).remaining == euros(75_000))
        // submit, start-review, propose, two scores, select, retract-decision, select.
        #expect(c.version == 8)
        // The new decision restarts the window: four months after 2026-06-01 (the day it was decided).
        #expect(Self.outcome(world, Self.retract(caseID), on: "2026-10-01") == .moves("proposed"))
    }
}
