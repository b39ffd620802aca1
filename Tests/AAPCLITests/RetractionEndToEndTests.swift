import Foundation
import Testing

/// `retract-decision` through the binary: within four months of the selection (recorded on
/// 2026-06-15 in ``SharedStores/refusalBase``), the chair takes it back with a reason and the award
/// goes back to the envelope; after, it is refused; the audit decides each retraction again on the
/// day its line was recorded.
@Suite("Retrait d'une décision de bout en bout")
struct RetractionEndToEndTests {
    static let caseID = "AAP-PETIT-2026-0001"  // selected for 40 000 € on 2026-06-15, envelope 50 000 €
    static let retract = ["case", "advance", caseID, "retract-decision"]

    @Test("Dans les quatre mois : retenu → proposé, attribution rendue à l'enveloppe, le dossier peut être retenu de nouveau ; au-delà : refus (1)", arguments: TestEngine.all)
    func retractThenSelectAgain(engine: TestEngine) throws {
        let ws = try Workspace(copying: SharedStores.refusalBase, engine: engine)
        #expect(try ws.show(Self.caseID, as: Staff.chair)["next_actions"].strings == ["retract-decision"])
        #expect(try ws.okJSON(["call", "show", "AAP-PETIT-2026"])["awarded_cents"].int == 4_000_000)

        let late = try ws.refused(Self.retract + ["--reason", "Erreur de montant"], as: Staff.chair, code: 1,
                                  env: ["AAP_NOW": "2026-10-16T08:00:00Z"])
        #expect(late.errorLine == "Refusé : le dossier AAP-PETIT-2026-0001 est « Retenu » ; la décision du 15/06/2026 ne peut plus être retirée : le délai de quatre mois (CRPA L242-1) a expiré le 15/10/2026. Actions possibles : aucune")
        let unmotivated = try ws.refused(Self.retract, as: Staff.chair, code: 65)
        #expect(unmotivated.errorLine == "Motif obligatoire pour l'action « retract-decision » du dossier AAP-PETIT-2026-0001 (--reason)")
        try ws.refused(Self.retract + ["--reason", "Erreur"], as: Staff.member1, code: 1)

        // The last day of the window (in Paris: 22:00 on 15 October).
        let done = try ws.okJSON(Self.retract + ["--reason", "Erreur de montant"], as: Staff.chair, env: ["AAP_NOW": "2026-10-15T20:00:00Z"])
        #expect(done["from"].string == "selected")
        #expect(done["to"].string == "proposed")
        let call = try ws.okJSON(["call", "show", "AAP-PETIT-2026"])
        #expect(call["awarded_cents"].int == 0)
        #expect(call["remaining_cents"].int == 5_000_000)

        try ws.advance(Self.caseID, "select", ["awarded_amount": "35 000"], as: Staff.chair, env: ["AAP_NOW": "2026-10-16T08:00:00Z"])
        let again = try ws.show(Self.caseID)
        #expect(again["state"].string == "selected")
        #expect(again["amounts"]["awarded_cents"].int == 3_500_000)
        #expect(try ws.okJSON(["call", "show", "AAP-PETIT-2026"])["awarded_cents"].int == 3_500_000)
        let history = try #require(try ws.okJSON(["case", "history", Self.caseID]).array)
        #expect(history.suffix(3).map { "\($0["action"].string ?? "") \($0["signature"].string ?? "")" } == ["select valid", "retract-decision valid", "select valid"])
        #expect(history.suffix(2).first?["reason"].string == "Erreur de montant")
        let events = try ws.logLines().count
        try ws.expectAuditPasses(events: events)
    }

    @Test("Une ligne de retrait signée par la présidente mais datée après le délai : l'audit la refuse à sa seq")
    func lateRetractionLineIsIllegal() throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let lines = try ws.logText()
        let seq = lines.count + 1
        let unsigned = #"{"seq":\#(seq),"prev":"\#(TestSHA256.hex(lines[lines.count - 1]))","at":"2026-10-16T08:00:00Z","actor":"chair.durand","type":"case.advanced","#
            + #""data":{"action":"retract-decision","case":"AAP-PETIT-2026-0001","fields":{},"from":"selected","reason":"Erreur","to":"proposed"}}"#
        // The same line dated within the window passes: the shape is the store's own.
        let twin = try Workspace(copying: SharedStores.refusalBase)
        try twin.appendForged(try Forge.sign(unsigned.replacingOccurrences(of: "2026-10-16T08:00:00Z", with: "2026-10-15T08:00:00Z"), as: Staff.chair))
        try twin.expectAuditPasses(events: seq)
        #expect(try twin.show(Self.caseID)["state"].string == "proposed")

        try ws.appendForged(try Forge.sign(unsigned, as: Staff.chair))
        try ws.expectAuditFails(at: seq, events: seq,
                                reasonContains: "la décision du 15/06/2026 ne peut plus être retirée : le délai de quatre mois (CRPA L242-1) a expiré le 15/10/2026")
    }
}
