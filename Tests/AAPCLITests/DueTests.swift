import Foundation
import Testing

/// `aap due`: the deadlines computed from the events (requested documents, the implicit rejection
/// two months after a complete request, the agreement to sign 60 days after the decision, the
/// financial report on 30 June after the grant's year), each gone once the matching event is recorded.
@Suite("Échéances (aap due)")
struct DueTests {
    static let call = "AAP-DUE-2026"

    @Test("aap due --on : pièces, rejet implicite, convention, compte rendu en retard ; disparaissent une fois les événements enregistrés", arguments: TestEngine.all)
    func overdueThenRecorded(engine: TestEngine) throws {
        let ws = try Workspace(copying: FundingFixture.actorsBase, engine: engine)                               // 10: init, actors
        try ws.openFundingCall(Self.call)                                                         // 13
        let documents = try ws.submit(Self.call, applicant: "Asso Pièces", title: "Pièces", amount: "20 000", received: "2026-04-12")
        let silence = try ws.submit(Self.call, applicant: "Asso Silence", title: "Silence", amount: "20 000", received: "2026-04-20")
        let agreement = try ws.submit(Self.call, applicant: "Asso Convention", title: "Convention", amount: "20 000", received: "2026-04-01")
        let report = try ws.submit(Self.call, applicant: "Asso Bilan", title: "Bilan", amount: "20 000", received: "2026-03-15")  // 17
        try ws.advance(documents, "request-documents", ["missing": "Budget prévisionnel", "due_on": "2026-05-15"], as: Staff.instructor)
        try ws.selectAAP(agreement, award: "20000", select: ["decided_on": "2026-04-10"])
        try ws.selectAAP(report, award: "20000", select: ["first_year": "2025"])
        try ws.sign(report, "arrete", reference: "ARR-2026-301", on: "2026-05-02")                 // 27

        let before = try ws.okJSON(["due", "--on", "2026-07-01"])
        #expect(JSONLiteral.canonical(before) == (try JSONLiteral.canonical("""
            [{"case": "AAP-DUE-2026-0001", "kind": "documents", "due_on": "2026-05-15", "overdue": true, "call": "AAP-DUE-2026",
              "detail": "Budget prévisionnel"},
             {"case": "AAP-DUE-2026-0003", "kind": "agreement", "due_on": "2026-06-09", "overdue": true, "call": "AAP-DUE-2026",
              "detail": "retenu le 10/04/2026 pour 20 000,00 €"},
             {"case": "AAP-DUE-2026-0002", "kind": "implicit_rejection", "due_on": "2026-06-20", "overdue": true, "call": "AAP-DUE-2026",
              "detail": "demande reçue complète le 20/04/2026 sans décision"},
             {"case": "AAP-DUE-2026-0004", "kind": "report", "due_on": "2026-06-30", "overdue": true, "call": "AAP-DUE-2026",
              "detail": "exercice 2025"}]
            """)))
        let human = try ws.ok(["due", "--on", "2026-07-01"])
        #expect(human.stdout == """
            Échéances au 01/07/2026 :
              Échéance    Dossier            Nature                         Statut             Détail
              15/05/2026  AAP-DUE-2026-0001  pièces demandées               en retard de 47 j  Budget prévisionnel
              09/06/2026  AAP-DUE-2026-0003  convention ou arrêté à signer  en retard de 22 j  retenu le 10/04/2026 pour 20 000,00 €
              20/06/2026  AAP-DUE-2026-0002  rejet implicite                en retard de 11 j  demande reçue complète le 20/04/2026 sans décision
              30/06/2026  AAP-DUE-2026-0004  compte rendu financier         en retard de 1 j   exercice 2025

            """)
        // On the pinned day (2026-06-15), the same four, two of them not yet overdue.
        #expect(try ws.okJSON(["due"]).array?.map { "\($0["case"].string ?? "?") \($0["overdue"].bool ?? false)" } == [
            "AAP-DUE-2026-0001 true", "AAP-DUE-2026-0003 true", "AAP-DUE-2026-0002 false", "AAP-DUE-2026-0004 false",
        ])

        // The documents arrive: the two months run from their receipt.
        try ws.advance(documents, "receive-documents", ["received_on": "2026-05-20"], as: Staff.instructor)
        // Under review, the request still awaits a decision; the instructor's rejection is one.
        try ws.advance(silence, "start-review", as: Staff.instructor)
        #expect(try ws.okJSON(["due", "--on", "2026-07-01"]).array?.map { $0["case"].string ?? "?" }.contains(silence) == true)
        try ws.advance(silence, "reject", reason: "Hors du champ de l'appel", as: Staff.instructor)
        try ws.advance(report, "receive-report", ["received_on": "2026-06-28", "spent_amount": "20 000"], as: Staff.instructor)
        try ws.sign(agreement, "arrete", reference: "ARR-2026-302", on: "2026-06-25")               // 32

        let after = try ws.okJSON(["due", "--on", "2026-07-01"])
        #expect(JSONLiteral.canonical(after) == (try JSONLiteral.canonical("""
            [{"case": "AAP-DUE-2026-0001", "kind": "implicit_rejection", "due_on": "2026-07-20", "overdue": false, "call": "AAP-DUE-2026",
              "detail": "demande reçue complète le 20/05/2026 sans décision"}]
            """)))
        // Beyond the 30 days: the report of the grant signed in 2026.
        let all = try ws.okJSON(["due", "--on", "2026-07-01", "--all"])
        #expect(JSONLiteral.canonical(all) == (try JSONLiteral.canonical("""
            [{"case": "AAP-DUE-2026-0001", "kind": "implicit_rejection", "due_on": "2026-07-20", "overdue": false, "call": "AAP-DUE-2026",
              "detail": "demande reçue complète le 20/05/2026 sans décision"},
             {"case": "AAP-DUE-2026-0003", "kind": "report", "due_on": "2027-06-30", "overdue": false, "call": "AAP-DUE-2026",
              "detail": "exercice 2026"}]
            """)))
        try ws.expectAuditPasses(events: 32)
    }

    @Test("aap due : horizon --within, --all, --call ; convention à signer 60 jours après la sélection enregistrée (date de Paris)", arguments: TestEngine.all)
    func horizonAndFilters(engine: TestEngine) throws {
        let ws = try Workspace(copying: FundingFixture.actorsBase, engine: engine)                               // 10: init, actors
        try ws.openFundingCall(Self.call)
        try ws.openFundingCall("AAP-AUTRE-2026")                                                  // 16
        let selected = try ws.submit(Self.call, amount: "20 000")
        let waiting = try ws.submit("AAP-AUTRE-2026", amount: "20 000", received: "2026-05-10")   // 18
        #expect([selected, waiting] == ["AAP-DUE-2026-0001", "AAP-AUTRE-2026-0001"])
        try ws.advance(selected, "start-review", as: Staff.instructor)
        try ws.advance(selected, "propose", ["opinion": "favorable", "proposed_amount": "20000"], as: Staff.instructor)
        try ws.advance(selected, "score", ["pertinence": "4"], as: Staff.chair)
        // Recorded at 23:30 UTC on 15 June: 16 June in Paris, the date the 60 days run from.
        try ws.advance(selected, "select", ["awarded_amount": "20000"], as: Staff.chair, env: ["AAP_NOW": "2026-06-15T23:30:00Z"])  // 22

        let agreementRow = #"{"case": "AAP-DUE-2026-0001", "kind": "agreement", "due_on": "2026-08-15", "overdue": false, "call": "AAP-DUE-2026", "detail": "retenu le 16/06/2026 pour 20 000,00 €"}"#
        let waitingRow = #"{"case": "AAP-AUTRE-2026-0001", "kind": "implicit_rejection", "due_on": "2026-07-10", "overdue": false, "call": "AAP-AUTRE-2026", "detail": "demande reçue complète le 10/05/2026 sans décision"}"#
        func due(_ options: [String]) throws -> String {
            JSONLiteral.canonical(try ws.okJSON(["due", "--on", "2026-07-01"] + options))
        }
        #expect(try due([]) == (try JSONLiteral.canonical("[\(waitingRow)]")))
        #expect(try due(["--within", "44"]) == (try JSONLiteral.canonical("[\(waitingRow)]")))
        #expect(try due(["--within", "45"]) == (try JSONLiteral.canonical("[\(waitingRow), \(agreementRow)]")))
        #expect(try due(["--all"]) == (try JSONLiteral.canonical("[\(waitingRow), \(agreementRow)]")))
        #expect(try due(["--all", "--call", Self.call]) == (try JSONLiteral.canonical("[\(agreementRow)]")))
        #expect(try due(["--within", "8", "--call", "AAP-AUTRE-2026"]) == "[]")
        #expect(try due(["--within", "9", "--call", "AAP-AUTRE-2026"]) == (try JSONLiteral.canonical("[\(waitingRow)]")))

        let none = try ws.ok(["due", "--on", "2026-05-01", "--call", Self.call])
        #expect(none.stdout == "Aucune échéance en retard ni dans les 30 jours au 01/05/2026.\n")
        let unknownCall = try ws.refused(["due", "--call", "AAP-NOPE-2026"], code: 65)
        #expect(unknownCall.errorLine == "Appel inconnu « AAP-NOPE-2026 »")
        let badDate = try ws.refused(["due", "--on", "2026-13-01"], code: 65)
        #expect(badDate.errorLine == "Date invalide « 2026-13-01 » : le mois 13 n'existe pas (format attendu AAAA-MM-JJ)")
        try ws.expectAuditPasses(events: 22)
    }
}
