import Foundation
import Testing
@testable import AAPDomain

/// The running totals of a call (``CallTotals``), kept by evolve: they equal a recount of the call's
/// cases after every event, and the rules that read them decide on a state holding only the
/// command's call and case exactly as on the whole state.
@Suite("Totaux courants des appels")
struct CallTotalsTests {
    /// The totals counted again from the cases of `call` in `state`, the slow way.
    static func recount(_ call: CallState, in state: StoreState) -> CallTotals {
        var totals = CallTotals()
        for c in state.cases.values where c.call == call.id { totals.add(c, holdsAward: state.holdsAward(c)) }
        return totals
    }

    /// What deciding gave: the event, or the refusal's kind, code, message and allowed actions.
    enum Decided: Equatable {
        case event(Event)
        case refusal(String, String, String, [String])
        case other(String)
    }

    static func decided(_ command: Command, in state: StoreState, actor: String, today: CalendarDate) -> Decided {
        do {
            return .event(try Decider.decide(command, in: state, context: DecisionContext(actor: actor, today: today)))
        } catch let refusal as Refusal {
            return .refusal("\(refusal.kind)", refusal.code, refusal.message, refusal.allowedActions)
        } catch {
            return .other("\(error)")
        }
    }

    /// `state` with no case but `id`'s (when given): what a store loads for a command.
    static func keepingOnly(_ id: CaseID?, of state: StoreState) -> StoreState {
        var part = state
        part.cases = state.cases.filter { $0.key == id }
        return part
    }

    @Test("after every event of a random run, each call's totals equal a recount of its cases", arguments: ReplayTests.seeds)
    func totalsEqualARecount(seed: UInt64) throws {
        let run = try Simulation.run(seed: seed)
        var state = StoreState()
        // The state an audit keeps, finished cases retired: their totals stay the same.
        var retired = StoreState()
        var awardChanges = 0
        var paid = 0
        var recovered = 0
        for (index, step) in run.log.enumerated() {
            let before = step.event.caseID.flatMap { state.cases[$0] }
            state.apply(step.event, by: step.actor)
            retired.apply(step.event, by: step.actor)
            if let id = step.event.caseID { retired.retireIfFinished(id) }
            if let before, let after = step.event.caseID.flatMap({ state.cases[$0] }) {
                if before.amounts.awarded != after.amounts.awarded || state.holdsAward(before) != state.holdsAward(after) { awardChanges += 1 }
                if before.amounts.paid != after.amounts.paid { paid += 1 }
                if before.amounts.recovered != after.amounts.recovered { recovered += 1 }
            }
            for id in state.callOrder {
                let call = try #require(state.calls[id])
                #expect(call.totals == Self.recount(call, in: state), "seed \(seed), seq \(index + 1), \(id)")
                #expect(retired.calls[id]?.totals == call.totals, "seed \(seed), seq \(index + 1), \(id) (retired)")
                #expect(call.caseIDs == state.cases.keys.filter { $0.callID == id }.sorted(), "seed \(seed), seq \(index + 1), \(id)")
            }
        }
        // Every run changes awards (payments and recoveries come in some runs only; see totalsFollowTheMoney).
        #expect(awardChanges > 0, "seed \(seed): no award changed")
        print("seed \(seed): \(run.log.count) events, \(awardChanges) award changes, \(paid) payments, \(recovered) recoveries")
    }

    @Test("the totals follow an award changed, retracted, paid, recovered and withdrawn")
    func totalsFollowTheMoney() throws {
        var world = try World(kind: "aap")
        let call = try callID("AAP-TEST-2026")
        let first = try world.submitCase()
        let second = try world.submitCase()
        try world.bring(first, to: "selected")
        try world.bring(second, to: "proposed")
        #expect(world.state.calls[call]?.totals.awarded == euros(30_000))
        try world.advance(first, "retract-decision", by: "chair", to: "proposed")
        #expect(world.state.calls[call]?.totals.awarded == .zero)
        try world.advance(first, "select", by: "chair", to: "selected", fields: ["awarded_amount": .money(euros(25_000))])
        try world.advance(second, "select", by: "chair", to: "selected", fields: ["awarded_amount": .money(euros(10_000))])
        try world.advance(first, "sign-agreement", by: "fin", to: "granted", fields: [
            "instrument": .string("convention"), "reference": .string("CONV-1"), "signed_on": .string("2026-05-20"),
        ])
        try world.advance(first, "pay", by: "fin", to: "granted", fields: [
            "amount": .money(euros(10_000)), "kind": .string("advance"), "paid_on": .string("2026-05-21"),
        ])
        try world.advance(first, "request-recovery", by: "fin", to: "granted", fields: ["amount": .money(euros(4_000))])
        try world.advance(second, "withdraw", by: "instr", to: "withdrawn", reason: "Le porteur renonce")
        let totals = try #require(world.state.calls[call]?.totals)
        #expect(totals.cases == 2)
        #expect(totals.casesByState == ["granted": 1, "withdrawn": 1])
        #expect(totals.awarded == euros(25_000))
        #expect(totals.paid == euros(10_000))
        #expect(totals.recovered == euros(4_000))
        #expect(totals == Self.recount(try #require(world.state.calls[call]), in: world.state))
        #expect(world.state.remaining(in: try #require(world.state.calls[call])) == euros(75_000))
        #expect(try #require(world.state.calls[call]).caseIDs == [first, second])
    }

    @Test("every recorded command, and the call rules and the envelope beside it, decide alike on the command's call and case alone", arguments: ReplayTests.seeds)
    func partialStateDecidesAlike(seed: UInt64) throws {
        let run = try Simulation.run(seed: seed)
        var state = StoreState()
        var compared = 0
        var refused: Set<String> = []
        for (index, step) in run.log.enumerated() {
            let recorded = Command(recording: step.event)
            var commands: [(Command, String)] = [(recorded, step.actor.value)]
            for id in state.callOrder {
                for action in ["publish-results", "archive"] {
                    commands.append((.advanceCall(AdvanceCall(call: id.value, action: action)), "manager"))
                }
            }
            if let id = step.event.caseID, let c = state.cases[id], let chair = state.calls[c.call]?.committee?.chair {
                for amount in ["1 000", "30 000", "60 000,50"] {
                    commands.append((.advanceCase(AdvanceCase(caseID: id.value, action: "select", fields: ["awarded_amount": amount])), chair.value))
                }
            }
            for (command, actor) in commands {
                let reads = StateReads.of(command)
                #expect(reads.cases.count <= 1)
                let whole = Self.decided(command, in: state, actor: actor, today: step.today)
                let part = Self.decided(command, in: Self.keepingOnly(reads.cases.first, of: state), actor: actor, today: step.today)
                #expect(part == whole, "seed \(seed), seq \(index + 1): \(command)")
                if case .refusal(_, let code, _, _) = whole { refused.insert(code) }
                compared += 1
            }
            state.apply(step.event, by: step.actor)
        }
        #expect(compared > run.log.count)
        print("seed \(seed): \(compared) decisions compared, refusals \(refused.sorted())")
        #expect(refused.contains("rule.all_cases_terminal") || refused.contains("rule.no_case_awaiting_decision"), "seed \(seed): \(refused.sorted())")
    }

    @Test("the three rules that look across the call refuse alike on a state without the other cases")
    func threeRulesOnTheCommandsCallAndCase() throws {
        var world = try World(kind: "aap", envelope: euros(50_000))
        let selected = try world.submitCase()
        try world.bring(selected, to: "selected")
        let proposed = try world.submitCase()
        try world.bring(proposed, to: "proposed")
        let submitted = try world.submitCase()
        try world.moveCall("AAP-TEST-2026", to: "closed")
        let today = try date(World.today)
        let publish = Command.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "publish-results"))
        let tooMuch = Command.advanceCase(AdvanceCase(caseID: proposed.value, action: "select", fields: ["awarded_amount": "30 000"]))
        let fits = Command.advanceCase(AdvanceCase(caseID: proposed.value, action: "select", fields: ["awarded_amount": "20 000"]))
        for (command, code) in [(publish, "rule.no_case_awaiting_decision"), (tooMuch, "rule.within_envelope"), (fits, nil)] {
            let whole = Self.decided(command, in: world.state, actor: command == publish ? "manager" : "chair", today: today)
            let part = Self.decided(command, in: Self.keepingOnly(StateReads.of(command).cases.first, of: world.state),
                                    actor: command == publish ? "manager" : "chair", today: today)
            #expect(part == whole)
            if let code {
                guard case .refusal(_, code, _, _) = whole else { Issue.record("\(command): \(whole)"); continue }
            } else {
                guard case .event = whole else { Issue.record("\(command): \(whole)"); continue }
            }
        }
        try world.advance(proposed, "reject", by: "chair", to: "rejected", reason: "Hors priorités")
        try world.advance(submitted, "declare-inadmissible", by: "instr", to: "inadmissible", reason: "Hors champ")
        try world.moveCall("AAP-TEST-2026", to: "decided")
        let archive = Command.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "archive"))
        let whole = Self.decided(archive, in: world.state, actor: "manager", today: today)
        #expect(Self.decided(archive, in: Self.keepingOnly(nil, of: world.state), actor: "manager", today: today) == whole)
        guard case .refusal(_, "rule.all_cases_terminal", let message, _) = whole else { Issue.record("\(whole)"); return }
        #expect(message.hasPrefix("Refusé : l'appel AAP-TEST-2026 est « Résultats publiés » ; 1 dossier(s) ne sont pas terminés (1 « Retenu »)"))
    }

    // MARK: - Refusal texts

    @Test("publishing results names how many cases wait in each state, in workflow order, with their French label")
    func awaitingDecisionBreakdown() throws {
        var world = try World(kind: "aap")
        let cases = try (0 ..< 5).map { _ in try world.submitCase() }
        try world.bring(cases[0], to: "proposed")
        try world.bring(cases[1], to: "in_review")
        try world.bring(cases[2], to: "in_review")
        try world.bring(cases[3], to: "selected")
        // cases[4] stays submitted.
        try world.moveCall("AAP-TEST-2026", to: "closed")
        let refusal = try #require(world.refusal(.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "publish-results")), by: "manager"))
        #expect(refusal.code == "rule.no_case_awaiting_decision")
        #expect(refusal.message == "Refusé : l'appel AAP-TEST-2026 est « Clos » ; 4 dossier(s) attendent encore une décision du comité (1 « Déposé », 2 « En instruction », 1 « Proposé au comité »). Actions possibles : aucune")
    }

    @Test("archiving names how many cases are not finished in each state, in workflow order, with their French label")
    func notTerminalBreakdown() throws {
        var world = try World(kind: "aap")
        let cases = try (0 ..< 4).map { _ in try world.submitCase() }
        try world.bring(cases[0], to: "granted")
        try world.bring(cases[1], to: "waitlisted")
        try world.bring(cases[2], to: "granted")
        try world.bring(cases[3], to: "rejected")
        try world.moveCall("AAP-TEST-2026", to: "decided")
        let refusal = try #require(world.refusal(.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "archive")), by: "manager"))
        #expect(refusal.code == "rule.all_cases_terminal")
        #expect(refusal.message == "Refusé : l'appel AAP-TEST-2026 est « Résultats publiés » ; 3 dossier(s) ne sont pas terminés (1 « Liste complémentaire », 2 « Attribué (convention ou arrêté signé) »). Actions possibles : aucune")
    }
}
