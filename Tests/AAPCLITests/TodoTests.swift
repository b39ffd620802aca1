import Foundation
import Testing

/// `aap todo`: what waits for each person, grouped and dated, overdue cases first.
@Suite("todo : ce qui attend chacun, les retards d'abord")
struct TodoTests {
    private static func caseIDs(_ doc: JSONDoc) -> [String] {
        ((doc["overdue"].array ?? []) + (doc["groups"].array ?? []).flatMap { $0["cases"].array ?? [] }).compactMap { $0["case"].string }
    }

    @Test("l'instructeur : le dossier qui risque le rejet implicite d'abord, puis les comptes rendus à recevoir")
    func instructor() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        // AAP-MOB-2026-0005, received complete on 14/04/2026, has had no decision for two months on 15/06/2026.
        let json = try ws.okJSON(["todo"], as: Staff.instructor)
        #expect(json["actor"].string == Staff.instructor)
        #expect(json["today"].string == "2026-06-15")
        #expect(json["overdue"].array?.count == 1, "\(json)")
        let late = json["overdue"][0]
        #expect(late["case"].string == "AAP-MOB-2026-0005")
        #expect(late["deadlines"][0]["kind"].string == "implicit_rejection")
        #expect(late["deadlines"][0]["due_on"].string == "2026-06-14")
        #expect(late["deadlines"][0]["days"].int == -1)
        #expect(late["steps"].array?.contains { $0["action"].string == "start-review" } == true, "\(late)")
        // The granted cases wait for their financial report; the selected one is finance's, not the instructor's.
        let groups = try #require(json["groups"].array)
        let reports = try #require(groups.first { $0["actions"].strings == ["receive-report"] }, "\(json)")
        #expect(reports["state"].string == "granted")
        #expect(reports["cases"].array?.compactMap { $0["case"].string } == ["AAP-MOB-2026-0001", "AAP-MOB-2026-0002", "AAP-MOB-2026-0003"])
        #expect(!Self.caseIDs(json).contains("AAP-MOB-2026-0004"), "\(json)")

        let human = try ws.ok(["todo"], as: Staff.instructor).stdout
        #expect(human.hasPrefix("À faire pour instr.roux, agent instructeur, au 15/06/2026 : 4 dossiers"), "\(human)")
        #expect(human.contains("En retard (1) :"), "\(human)")
        #expect(human.contains("rejet implicite le 14/06/2026, en retard de 1 j"), "\(human)")
        #expect(human.contains("Attribué (convention ou arrêté signé) — Enregistrer le compte rendu financier (receive-report) : 3 dossiers"), "\(human)")
        #expect(human.range(of: "En retard")?.lowerBound ?? human.endIndex < human.range(of: "receive-report")?.lowerBound ?? human.startIndex)
        #expect(human.contains("Par exemple : aap case advance AAP-MOB-2026-0005 "), "\(human)")
        // Once reviewed and proposed, the case leaves the instructor's queue.
        try ws.advance("AAP-MOB-2026-0005", "start-review", as: Staff.instructor)
        try ws.advance("AAP-MOB-2026-0005", "propose", ["opinion": "favorable", "proposed_amount": "18000"], as: Staff.instructor)
        #expect(!Self.caseIDs(try ws.okJSON(["todo"], as: Staff.instructor)).contains("AAP-MOB-2026-0005"))
    }

    @Test("le comité : les dossiers à noter, avec le rappel des conflits ; le président : ceux qui ont le quorum")
    func committee() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        #expect(Self.caseIDs(try ws.okJSON(["todo"], as: Staff.chair)).isEmpty)
        try ws.advance("AAP-MOB-2026-0005", "start-review", as: Staff.instructor)
        try ws.advance("AAP-MOB-2026-0005", "propose", ["opinion": "favorable", "proposed_amount": "18000"], as: Staff.instructor)

        let member = try ws.ok(["todo"], as: Staff.member1).stdout
        // Two months after its receipt, the case risks implicit rejection: it comes first, as overdue.
        #expect(member.contains("En retard (1) :"), "\(member)")
        #expect(member.contains("score, declare-conflict"), "\(member)")
        #expect(member.contains("Avant de noter : déclarez tout conflit d'intérêts"), "\(member)")
        #expect(member.contains("aap case advance AAP-MOB-2026-0005 declare-conflict --reason \"MOTIF\" --as membre.fabre"), "\(member)")
        let memberJSON = try ws.okJSON(["todo"], as: Staff.member1)
        let steps = memberJSON["overdue"][0]["steps"].array?.compactMap { $0["action"].string } ?? []
        #expect(steps == ["score", "declare-conflict"], "\(memberJSON)")

        // The chair scores too; before the quorum there is no decision to take.
        try ws.advance("AAP-MOB-2026-0005", "score", ["pertinence": "4", "impact": "4"], as: Staff.chair)
        #expect(Self.caseIDs(try ws.okJSON(["todo"], as: Staff.chair)).isEmpty)
        #expect(Self.caseIDs(try ws.okJSON(["todo"], as: Staff.member1)) == ["AAP-MOB-2026-0005"])
        try ws.advance("AAP-MOB-2026-0005", "score", ["pertinence": "3", "impact": "5"], as: Staff.member1)
        #expect(Self.caseIDs(try ws.okJSON(["todo"], as: Staff.member1)).isEmpty)
        let chair = try ws.okJSON(["todo"], as: Staff.chair)
        #expect(Self.caseIDs(chair) == ["AAP-MOB-2026-0005"], "\(chair)")
        let actions = (chair["overdue"].array ?? []).first?["steps"].array?.compactMap { $0["action"].string } ?? []
        #expect(actions.prefix(2) == ["select", "waitlist"], "\(chair)")
    }

    @Test("la gestion financière : convention à signer avant l'échéance, versements ; l'auditeur : point de contrôle")
    func financeAndAuditor() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let finance = try ws.okJSON(["todo"], as: Staff.finance)
        let groups = try #require(finance["groups"].array)
        let agreement = try #require(groups.first { $0["actions"].strings == ["sign-agreement"] }, "\(finance)")
        #expect(agreement["cases"][0]["case"].string == "AAP-MOB-2026-0004")
        #expect(agreement["cases"][0]["deadlines"][0]["kind"].string == "agreement")
        #expect(agreement["cases"][0]["deadlines"][0]["due_on"].string == "2026-08-04")
        #expect(agreement["cases"][0]["steps"][0]["command"].string?.hasPrefix("aap case advance AAP-MOB-2026-0004 sign-agreement --set instrument=") == true)
        let pay = try #require(groups.first { ($0["actions"].strings ?? []).contains("pay") }, "\(finance)")
        #expect(pay["cases"].array?.compactMap { $0["case"].string } == ["AAP-MOB-2026-0001", "AAP-MOB-2026-0002", "AAP-MOB-2026-0003"])
        // A recovery before the report says what was spent is not work to do.
        #expect(!(pay["actions"].strings ?? []).contains("request-recovery"), "\(pay)")
        let human = try ws.ok(["todo"], as: Staff.finance).stdout
        #expect(human.contains("convention ou arrêté à signer le 04/08/2026, dans 50 j"), "\(human)")

        try ws.ok(["actor", "add", "audit.petit", "--name", "Claire Petit", "--role", "auditor"], as: Staff.admin)
        let before = try ws.okJSON(["todo"], as: "audit.petit")
        #expect(before["checkpoint"]["due"].bool == true, "\(before)")
        #expect(before["checkpoint"]["last_checkpoint_size"].isNull || !before["checkpoint"]["last_checkpoint_size"].exists)
        let events = try #require(before["checkpoint"]["events"].int)
        #expect(try ws.ok(["todo"], as: "audit.petit").stdout.contains("Point de contrôle à prendre : le journal compte \(events) événements, aucun n'a encore été pris : aap audit checkpoint --as audit.petit"))
        try ws.ok(["audit", "checkpoint"], as: "audit.petit")
        let after = try ws.okJSON(["todo"], as: "audit.petit")
        #expect(after["checkpoint"]["due"].bool == false, "\(after)")
        #expect(after["checkpoint"]["last_checkpoint_size"].int == events)
        try ws.advance("AAP-MOB-2026-0005", "start-review", as: Staff.instructor)
        #expect(try ws.okJSON(["todo"], as: "audit.petit")["checkpoint"]["due"].bool == true)
        // Someone with no case to take is told so.
        #expect(try ws.ok(["todo"], as: Staff.admin).stdout.contains("Rien n'attend admin.dreets pour l'instant."))
    }

    @Test("sans --as : 64 ; personne inconnue ou date mal écrite : 65 ; rien d'écrit")
    func badInput() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        try ws.refused(["todo"], code: 64)
        let unknown = try ws.refused(["todo"], as: "nobody.here", code: 65)
        #expect(unknown.errorLine.contains("nobody.here"), "\(unknown)")
        try ws.refused(["todo", "--on", "15/06/2026"], as: Staff.instructor, code: 65)
        // --on moves the day the deadlines are read against.
        let earlier = try ws.okJSON(["todo", "--on", "2026-06-01"], as: Staff.instructor)
        #expect(earlier["overdue"].array?.isEmpty == true, "\(earlier)")
    }
}
