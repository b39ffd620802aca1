import Foundation
import Testing
@testable import AAPDomain

/// The decide loop (``Decider/decide(_:on:at:today:afterRefusal:prepare:accept:)``): commands decided
/// in order, each on the state the accepted ones before it left.
@Suite("Decide loop")
struct DecideLoopTests {
    static let at = "2026-06-01T08:00:00Z"

    /// A case in committee (m1 and m2 scored), then: m3 scores, a stranger withdraws it, the chair selects it.
    static func session() throws -> (World, CaseID, [ActorCommand]) {
        let (world, caseID) = try RuleRefusalTests.world(caseIn: "proposed")
        let commands = [
            ActorCommand(RuleRefusalTests.advance(caseID, "score", RuleRefusalTests.scores), by: "m3"),
            ActorCommand(RuleRefusalTests.advance(caseID, "withdraw", reason: "Renonciation"), by: "nobody"),
            ActorCommand(RuleRefusalTests.advance(caseID, "select", ["awarded_amount": "30000"]), by: "chair"),
        ]
        return (world, caseID, commands)
    }

    @Test("an all-or-nothing list stops at the first refusal, which names its command")
    func stopsAtTheFirstRefusal() throws {
        var (world, caseID, commands) = try Self.session()
        let before = world.state.eventCount
        let decisions = Decider.decide(commands, on: &world.state, at: Self.at, today: try date(World.today))
        #expect(decisions.accepted == [Decision(index: 0, actor: try actorID("m3"), event: .caseAdvanced(CaseAdvanced(
            caseID: caseID, action: "score", from: "proposed", to: "proposed",
            fields: Fields(["pertinence": .integer(3), "faisabilite": .integer(4)]), reason: nil
        )))])
        #expect(decisions.refusals == [BatchRefusal(index: 1, refusal: Refusal(
            .permission, code: "actor.unknown", "Refusé : l'acteur « nobody » n'est pas enregistré dans ce magasin"
        ))])
        #expect(world.state.eventCount == before + 1)
        #expect(world.state.cases[caseID]?.state == "proposed")
        #expect(world.state.cases[caseID]?.actionAt["score"] == Self.at)
    }

    @Test("a dry run decides every command, the refused ones left out of the state")
    func skipsTheRefusedOnes() throws {
        var (world, caseID, commands) = try Self.session()
        let decisions = Decider.decide(commands, on: &world.state, at: Self.at, today: try date(World.today), afterRefusal: .skip)
        #expect(decisions.accepted.map(\.index) == [0, 2])
        #expect(decisions.refusals.map(\.index) == [1])
        #expect(world.state.cases[caseID]?.state == "selected")
        #expect(world.state.cases[caseID]?.amounts.awarded == euros(30_000))
    }

    @Test("a refusal from a hook is its command's refusal; another error stops the loop")
    func hooks() throws {
        struct Damaged: Error {}
        var (world, _, commands) = try Self.session()
        let start = world.state
        var prepared: [Int] = []
        let refusedByHook = try Decider.decide(commands, on: &world.state, at: Self.at, today: try date(World.today), prepare: { index, _, _ in
            prepared.append(index)
        }, accept: { decision, stateBefore in
            #expect(stateBefore.eventCount == start.eventCount + decision.index)
            throw Refusal(.permission, code: "key.none", "Refusé : pas de clé")
        })
        #expect(prepared == [0])
        #expect(refusedByHook.accepted == [])
        #expect(refusedByHook.refusals == [BatchRefusal(index: 0, refusal: Refusal(.permission, code: "key.none", "Refusé : pas de clé"))])
        #expect(world.state == start)
        #expect(throws: Damaged.self) {
            try Decider.decide(commands, on: &world.state, at: Self.at, today: try date(World.today), prepare: { _, _, _ in throw Damaged() }, accept: { _, _ in })
        }
        commands.removeAll()
        #expect(Decider.decide(commands, on: &world.state, at: Self.at, today: try date(World.today)) == Decisions())
    }
}
