import Foundation
import Testing

/// A chair who declared a conflict of interest on a case hands it to the committee's vice-chair:
/// `committee set --vice-chair`, who then holds the chair's role on that case only.
@Suite("Vice-présidence du comité : le président déporté passe la main")
struct ViceChairTests {
    private typealias F = CommitteeFixture
    /// A member who also holds the chair's role (`membre.fabre` does not), added by ``workspace()``.
    private static let deputy = "vice.sanchez"

    /// The committee base with `vice.sanchez` registered (event 24).
    private static func workspace() throws -> Workspace {
        let ws = try Workspace(copying: F.committeeBase)
        try ws.ok(["actor", "add", deputy, "--role", "committee_member", "--role", "committee_chair", "--name", "Lucía Sánchez"], as: Staff.admin)
        return ws
    }

    private static func setCommittee(viceChair: String?, members: [String] = [Staff.member1, deputy]) -> [String] {
        ["committee", "set", F.call, "--chair", Staff.chair] + members.flatMap { ["--member", $0] }
            + ["--quorum", "2"] + (viceChair.map { ["--vice-chair", $0] } ?? [])
    }

    @Test("committee set --vice-chair : un membre du comité, avec le rôle de président, autre que le président ; sinon refusé sans rien écrire")
    func designation() throws {
        let ws = try Self.workspace()
        let notMember = try ws.refused(Self.setCommittee(viceChair: Staff.member2), as: Staff.manager, code: 65)
        #expect(notMember.errorLine.contains("La vice-présidence revient à un membre du comité : ajoutez « membre.lopez » avec --member"), "\(notMember)")
        let noRole = try ws.refused(Self.setCommittee(viceChair: Staff.member1), as: Staff.manager, code: 1)
        #expect(noRole.errorLine.contains("« membre.fabre » n'a pas le rôle"), "\(noRole)")
        #expect(noRole.errorLine.contains("requis pour la vice-présidence"), "\(noRole)")
        let chairTwice = try ws.refused(Self.setCommittee(viceChair: Staff.chair), as: Staff.manager, code: 65)
        #expect(chairTwice.errorLine.contains("préside déjà le comité"), "\(chairTwice)")

        let set = try ws.okJSON(Self.setCommittee(viceChair: Self.deputy), as: Staff.manager)
        #expect(set["vice_chair"].string == Self.deputy, "\(set)")
        let human = try ws.ok(["call", "show", F.call]).stdout
        #expect(human.contains("présidence chair.durand ; vice-présidence vice.sanchez ; membres membre.fabre, vice.sanchez"), "\(human)")
        let shown = try ws.okJSON(["call", "show", F.call])
        #expect(shown["committee"]["vice_chair"].string == Self.deputy, "\(shown["committee"])")
        try ws.expectAuditPasses(events: F.baseEvents + 2)
    }

    @Test("Le président déporté ne décide pas ; la vice-présidence décide ce dossier, et lui seul ; le procès-verbal et l'audit le suivent")
    func deputyDecides() throws {
        let ws = try Self.workspace()
        try ws.ok(Self.setCommittee(viceChair: Self.deputy), as: Staff.manager)                    // 25
        try ws.advance(F.garage, "declare-conflict", reason: F.recusal, as: Staff.chair)           // 26
        try ws.score(F.garage, 4, 3, as: Staff.member1)                                             // 27
        try ws.score(F.garage, 5, 4, as: Self.deputy)                                               // 28
        try ws.score(F.velo, 4, 4, as: Staff.member1)                                               // 29
        try ws.score(F.velo, 4, 4, as: Staff.chair)                                                 // 30

        // The chair is refused, and told who presides instead.
        let chair = try ws.refused(ws.advanceArguments(F.garage, "select", ["awarded_amount": "30000"]), as: Staff.chair, code: 1)
        #expect(chair.errorLine.contains("« chair.durand » a déclaré un conflit d'intérêts sur ce dossier ; la vice-présidence (« vice.sanchez ») préside pour ce dossier"), "\(chair)")
        // The vice-chair sees the decisions among their next actions on that case only.
        let garage = try ws.show(F.garage, as: Self.deputy)
        #expect(garage["next_actions"].strings?.contains("select") == true, "\(garage["next_actions"])")
        let velo = try ws.show(F.velo, as: Self.deputy)
        #expect(velo["next_actions"].strings?.contains("select") == false, "\(velo["next_actions"])")
        // On a case where the chair sits, the vice-chair holds no chair's role.
        let elsewhere = try ws.refused(ws.advanceArguments(F.velo, "select", ["awarded_amount": "15000"]), as: Self.deputy, code: 1)
        #expect(elsewhere.errorLine.contains("« vice.sanchez » n'a pas le rôle"), "\(elsewhere)")

        try ws.ok(ws.advanceArguments(F.garage, "select", ["awarded_amount": "30000"]), as: Self.deputy) // 31
        #expect(try ws.show(F.garage)["state"].string == "selected")
        try ws.ok(ws.advanceArguments(F.velo, "select", ["awarded_amount": "15000"]), as: Staff.chair)   // 32

        let minutes = try ws.okJSON(["report", "committee", F.call])
        #expect(minutes["committee"]["vice_chair"].string == Self.deputy)
        let cases = minutes["cases"].array ?? []
        #expect(cases.first { $0["case"].string == F.garage }?["presiding"].string == Self.deputy)
        #expect(cases.first { $0["case"].string == F.velo }?["presiding"].string == Staff.chair)
        let text = try ws.ok(["report", "committee", F.call]).stdout
        #expect(text.contains("Vice-présidence : Lucía Sánchez (vice.sanchez)"), "\(text)")
        #expect(text.contains("Présidence de séance : vice.sanchez (vice-présidence, le président s'étant déporté)"), "\(text)")
        try ws.expectAuditPasses(events: 32)
    }

    @Test("Sans vice-présidence, le refus le dit ; après une décision, seule la vice-présidence peut encore être désignée")
    func designatedAfterDecisions() throws {
        let ws = try Self.workspace()
        try ws.ok(Self.setCommittee(viceChair: nil), as: Staff.manager)                              // 25
        try ws.score(F.velo, 4, 4, as: Staff.member1)                                               // 26
        try ws.score(F.velo, 4, 4, as: Staff.chair)                                                 // 27
        try ws.ok(ws.advanceArguments(F.velo, "select", ["awarded_amount": "15000"]), as: Staff.chair) // 28
        try ws.advance(F.garage, "declare-conflict", reason: F.recusal, as: Staff.chair)           // 29
        try ws.score(F.garage, 4, 3, as: Staff.member1)                                             // 30
        try ws.score(F.garage, 5, 4, as: Self.deputy)                                               // 31
        let none = try ws.refused(ws.advanceArguments(F.garage, "select", ["awarded_amount": "30000"]), as: Staff.chair, code: 1)
        #expect(none.errorLine.contains("le comité n'a pas de vice-président(e) : désignez-en un(e) avec « aap committee set … --vice-chair »"), "\(none)")
        #expect(try ws.show(F.garage, as: Self.deputy)["next_actions"].strings?.contains("select") == false)

        // Seats and quorum counted a decision already: they stay; the vice-chair may still be named.
        let reseat = try ws.refused(Self.setCommittee(viceChair: Self.deputy, members: [Staff.member1, Staff.member2, Self.deputy]),
                                    as: Staff.manager, code: 1)
        #expect(reseat.errorLine.contains("seule la vice-présidence peut encore être désignée"), "\(reseat)")
        try ws.ok(Self.setCommittee(viceChair: Self.deputy), as: Staff.manager)                    // 32
        try ws.ok(ws.advanceArguments(F.garage, "select", ["awarded_amount": "30000"]), as: Self.deputy) // 33
        try ws.expectAuditPasses(events: 33)
    }

    @Test("committee set --vice-chair dans un lot, et l'audit re-décide la vice-présidence")
    func inBatch() throws {
        let ws = try Self.workspace()
        let lines = [
            Self.setCommittee(viceChair: Self.deputy) + ["--as", Staff.manager],
            ["case", "advance", F.garage, "declare-conflict", "--reason", F.recusal, "--as", Staff.chair],
            F.score(F.garage, 4, 3) + ["--as", Staff.member1],
            F.score(F.garage, 5, 4) + ["--as", Self.deputy],
            ["case", "advance", F.garage, "reject", "--reason", "Hors périmètre", "--as", Self.deputy],
        ]
        let batch = ws.path("session.jsonl")
        try Data(lines.map(ExchangeFixture.jsonLine).joined(separator: "\n").utf8).write(to: batch)
        try ws.ok(["batch", batch.path])
        #expect(try ws.show(F.garage)["state"].string == "rejected")
        try ws.expectAuditPasses(events: F.baseEvents + 1 + lines.count)
    }
}
