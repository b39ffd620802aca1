import Foundation
import Testing

/// A closed AMI: listed départements and applicant kinds, two stages (expression of interest, then proposal).
@Suite("Dossier AMI de bout en bout")
struct AMICaseEndToEndTests {
    static let call = "AMI-ACCUEIL-2026"

    @Test("AMI fermé : refus hors territoire, présélection, projet détaillé, comité ; non-présélection motivée", arguments: TestEngine.all)
    func wholeAMICase(engine: TestEngine) throws {
        let ws = try Workspace(engine: engine)
        try ws.initWithActors()
        let created = try ws.okJSON([
            "call", "create", Self.call, "--kind", "ami", "--title", "Accueil pour tous", "--envelope", "300 000",
            "--opens", "2026-03-01", "--closes", "2026-06-30",
            "--departement", "09", "--departement", "11", "--departement", "66",
            "--applicant-kind", "commune", "--applicant-kind", "epci",
            "--criterion", "besoin:60", "--criterion", "qualite:40", "--publish",
        ], as: Staff.manager)
        #expect(created["kind"].string == "ami")
        #expect(created["state"].string == "open")
        try ws.ok(["committee", "set", Self.call, "--chair", Staff.chair, "--member", Staff.member1, "--member", Staff.member2,
                   "--quorum", "2"], as: Staff.manager)

        // Outside the listed départements: refused (1), the message names the allowed ones, nothing written.
        let outsider = try ws.refused(ws.submitArguments(Self.call, applicant: "Commune de Muret", kind: "commune",
                                                         departement: "31", title: "Crèche", amount: "100000"),
                                      as: Staff.instructor, code: 1)
        #expect(outsider.errorLine.hasPrefix("Refusé"))
        #expect(outsider.errorLine.contains("09, 11, 66"))
        #expect(outsider.errorLine.contains("31"))
        // An applicant kind the call does not list: refused too.
        let association = try ws.refused(ws.submitArguments(Self.call, applicant: "Asso Ariège", kind: "association",
                                                            departement: "09", title: "Crèche", amount: "100000"),
                                         as: Staff.instructor, code: 1)
        #expect(association.errorLine.contains("association"))
        #expect(association.errorLine.contains("commune, epci"))

        let a = try ws.submit(Self.call, applicant: "Commune de Lézat-sur-Lèze", kind: "commune", departement: "09",
                              title: "Manifestation d'intérêt : accueil petite enfance", amount: "100 000", received: "2026-04-14")
        let b = try ws.submit(Self.call, applicant: "Communauté de communes Conflent", kind: "epci", siret: Ident.laPoste,
                              departement: "66", title: "Relais itinérant", amount: "80 000", received: "2026-04-20")
        #expect(a == "\(Self.call)-0001")
        #expect(b == "\(Self.call)-0002")
        let eoi = try ws.show(a)
        #expect(eoi["workflow"].string == "ami")
        #expect(eoi["state_label"].string == "Manifestation d'intérêt reçue")

        // Stage 1: screening and shortlist.
        try ws.advance(a, "start-review", as: Staff.instructor)
        try ws.advance(a, "shortlist", as: Staff.chair)
        #expect(try ws.show(a)["state"].string == "shortlisted")
        #expect(try ws.show(a, as: Staff.instructor)["next_actions"].strings == ["receive-proposal", "withdraw"])
        // Stage 1 does not go straight to the committee.
        let early = try ws.refused(ws.advanceArguments(a, "propose", ["opinion": "favorable", "proposed_amount": "1000"]),
                                   as: Staff.instructor, code: 1)
        #expect(early.errorLine.contains("Actions possibles"))

        // Stage 2: the detailed proposal, with its own amount and title.
        try ws.advance(a, "receive-proposal", ["amount_requested": "150 000", "title": "Micro-crèche AVIP de 12 places",
                                               "received_on": "2026-09-10"], as: Staff.instructor)
        let proposal = try ws.show(a)
        #expect(proposal["state"].string == "proposal_received")
        #expect(proposal["state_label"].string == "Projet détaillé reçu")
        #expect(proposal["title"].string == "Micro-crèche AVIP de 12 places")
        #expect(proposal["amounts"]["requested_cents"].int == 15_000_000)

        try ws.advance(a, "propose", ["opinion": "favorable", "proposed_amount": "140000"], as: Staff.instructor)
        try ws.advance(a, "score", ["besoin": "5", "qualite": "4"], as: Staff.chair)
        try ws.advance(a, "score", ["besoin": "4", "qualite": "4"], as: Staff.member1)
        try ws.advance(a, "select", ["awarded_amount": "140 000"], as: Staff.chair)
        let selected = try ws.show(a)
        #expect(selected["state"].string == "selected")
        #expect(selected["state_label"].string == "Retenu / Labellisé")
        #expect(selected["amounts"]["awarded_cents"].int == 14_000_000)
        #expect(selected["version"].int == 8)

        // Another expression of interest is declined, with its motivation.
        try ws.advance(b, "start-review", as: Staff.instructor)
        let unmotivated = try ws.refused(ws.advanceArguments(b, "decline"), as: Staff.chair, code: 65)
        #expect(unmotivated.errorLine.contains("--reason"))
        try ws.advance(b, "decline", reason: "Besoin déjà couvert sur le territoire", as: Staff.chair)
        let declined = try ws.show(b)
        #expect(declined["state"].string == "not_shortlisted")
        #expect(declined["state_label"].string == "Non présélectionné")
        #expect(try ws.show(b, as: Staff.chair)["next_actions"].strings == [])
        let history = try #require(try ws.okJSON(["case", "history", b]).array)
        #expect(history.last?["reason"].string == "Besoin déjà couvert sur le territoire")

        let call = try ws.okJSON(["call", "show", Self.call])
        #expect(call["awarded_cents"].int == 14_000_000)
        #expect(call["remaining_cents"].int == 16_000_000)
        #expect(call["cases"].object?.mapValues(\.int) == ["selected": 1, "not_shortlisted": 1])

        let verify = try ws.okJSON(["audit", "verify"])
        #expect(verify["ok"].bool == true)
        // 10 + call (2) + committee + 2 submits + 7 advances on a + 2 on b
        #expect(verify["events"].int == 24)
    }
}
