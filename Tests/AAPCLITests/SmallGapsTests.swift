import Foundation
import Testing

/// The small gaps issue 13 lists (item 7), each through the binary.
@Suite("Petits manques : date de décision bornée, compte rendu déjà reçu")
struct SmallGapsTests {
    @Test("select --set decided_on : ni dans le futur, ni avant la réception du dossier (1, rien d'écrit) ; aujourd'hui accepté")
    func decisionDateBounded() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let id = "AAP-MOB-2026-0005"
        let lines: [[String]] = [
            ["case", "advance", id, "start-review", "--as", Staff.instructor],
            ["case", "advance", id, "propose", "--set", "opinion=favorable", "--set", "proposed_amount=10000", "--as", Staff.instructor],
            ["case", "advance", id, "score", "--set", "pertinence=4", "--set", "impact=3", "--as", Staff.chair],
            ["case", "advance", id, "score", "--set", "pertinence=5", "--set", "impact=4", "--as", Staff.member1],
        ]
        let batch = ws.path("setup.jsonl")
        try Data(lines.map(ExchangeFixture.jsonLine).joined(separator: "\n").utf8).write(to: batch)
        try ws.ok(["batch", batch.path])
        // Workspace.now is 2026-06-15; the case was received on 2026-04-14.
        let future = try ws.refused(["case", "advance", id, "select", "--set", "awarded_amount=10000", "--set", "decided_on=2029-01-01"],
                                    as: Staff.chair, code: 1)
        #expect(future.errorLine.contains("la date de décision (01/01/2029) est dans le futur"), "\(future)")
        let early = try ws.refused(["case", "advance", id, "select", "--set", "awarded_amount=10000", "--set", "decided_on=2026-04-01"],
                                   as: Staff.chair, code: 1)
        #expect(early.errorLine.contains("précède la réception du dossier (14/04/2026)"), "\(early)")
        try ws.ok(["case", "advance", id, "select", "--set", "awarded_amount=10000", "--set", "decided_on=2026-06-15"], as: Staff.chair)
        try ws.ok(["audit", "verify"])
    }

    @Test("subvention d'un an : receive-report n'est plus proposé une fois le compte rendu reçu (ni après l'évaluation)")
    func reportOfferedOnce() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let id = "AAP-MOB-2026-0001"
        #expect(try ws.show(id, as: Staff.instructor)["next_actions"].strings?.contains("receive-report") == true)
        try ws.ok(["case", "advance", id, "receive-report", "--set", "received_on=2026-06-14", "--set", "spent_amount=20000"], as: Staff.instructor)
        #expect(try ws.show(id, as: Staff.instructor)["next_actions"].strings?.contains("receive-report") == false)
        try ws.ok(["case", "advance", id, "evaluate", "--set", "outcome=achieved", "--set", "note=Objectifs atteints"], as: Staff.instructor)
        let evaluated = try ws.show(id, as: Staff.instructor)
        #expect(evaluated["state"].string == "evaluated")
        #expect(evaluated["next_actions"].strings?.contains("receive-report") == false, "\(evaluated["next_actions"])")
        // Asked anyway, it is still refused by its rule, with nothing written.
        let again = try ws.refused(["case", "advance", id, "receive-report", "--set", "received_on=2026-06-15", "--set", "spent_amount=1"],
                                   as: Staff.instructor, code: 1)
        #expect(again.errorLine.contains("déjà été reçu"), "\(again)")
    }
}
