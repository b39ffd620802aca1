import Foundation
import Testing

/// A whole AAP case through the binary, from the store's creation to the closing of the grant.
@Suite("Dossier AAP de bout en bout")
struct AAPCaseEndToEndTests {
    @Test("init, appel, comité, dépôt, instruction, comité, convention, versements, bilan, solde ; vues JSON du contrat", arguments: TestEngine.all)
    func wholeAAPCase(engine: TestEngine) throws {
        let ws = try Workspace(engine: engine)
        try ws.initWithActors()
        try ws.openAAPCall()

        // Submit: stdout is exactly the new id; with --json, {"id": …}.
        let first = try ws.ok(ws.submitArguments(), as: Staff.instructor)
        #expect(first.stdout == "AAP-MOB-2026-0001\n")
        let second = try ws.okJSON(ws.submitArguments(applicant: "Vélo Solidaire Tarbes", siret: Ident.laPoste,
                                                      departement: "2A", title: "Atelier vélo", amount: "20 000"),
                                   as: Staff.instructor)
        #expect(second.keys == ["id"])
        #expect(second["id"].string == "AAP-MOB-2026-0002")

        let c1 = "AAP-MOB-2026-0001", c2 = "AAP-MOB-2026-0002"
        let submitted = try ws.show(c1, as: Staff.instructor)
        #expect(submitted["state"].string == "submitted")
        #expect(submitted["state_label"].string == "Déposé")
        #expect(submitted["version"].int == 1)
        #expect(submitted["next_actions"].strings == ["request-documents", "declare-inadmissible", "start-review", "withdraw"])

        // Review and proposal; three members score.
        try ws.review(c1, proposed: "30000")
        try ws.advance(c1, "score", ["pertinence": "4", "impact": "3"], as: Staff.chair)
        try ws.advance(c1, "score", ["pertinence": "5", "impact": "4"], as: Staff.member1)
        try ws.advance(c1, "score", ["pertinence": "3", "impact": "3"], as: Staff.member2)

        let proposed = try ws.show(c1, as: Staff.chair)
        #expect(proposed.keys.isSuperset(of: ["id", "call", "workflow", "workflow_version", "state", "state_label", "version",
                                              "applicant", "title", "amounts", "scores", "weighted_score", "fields", "next_actions"]))
        #expect(proposed["amounts"].keys == ["requested_cents", "proposed_cents", "awarded_cents", "paid_cents", "spent_cents",
                                             "recovered_cents"])
        #expect(proposed["id"].string == c1)
        #expect(proposed["call"].string == "AAP-MOB-2026")
        #expect(proposed["workflow"].string == "aap")
        #expect(proposed["workflow_version"].int == 1)
        #expect(proposed["state"].string == "proposed")
        #expect(proposed["state_label"].string == "Proposé au comité")
        #expect(proposed["version"].int == 6)
        #expect(proposed["applicant"]["name"].string == "Mobil'Adour Insertion")
        #expect(proposed["applicant"]["kind"].string == "association")
        #expect(proposed["applicant"]["siret"].string == Ident.siret)
        #expect(proposed["applicant"]["departement"].string == "65")
        #expect(proposed["title"].string == "Garage solidaire")
        #expect(proposed["amounts"]["requested_cents"].int == 3_800_000)
        #expect(proposed["amounts"]["proposed_cents"].int == 3_000_000)
        #expect(proposed["amounts"]["awarded_cents"].int == 0)
        #expect(proposed["scores"].keys == [Staff.chair, Staff.member1, Staff.member2])
        #expect(proposed["scores"][Staff.chair]["pertinence"].int == 4)
        #expect(proposed["scores"][Staff.chair]["impact"].int == 3)
        #expect(proposed["scores"][Staff.member1]["pertinence"].int == 5)
        #expect(proposed["scores"][Staff.member2]["impact"].int == 3)
        // Weighted 60/40: (3.6 + 4.6 + 3.0) / 3 = 3.733…
        let weighted = try #require(proposed["weighted_score"].double)
        #expect(abs(weighted - 11.2 / 3) < 0.006)
        #expect(proposed["fields"]["opinion"].string == "favorable")
        // The chair has scored: rescore (not score) is offered.
        #expect(proposed["next_actions"].strings == ["declare-conflict", "rescore", "select", "waitlist", "reject"])
        #expect(try ws.show(c1, as: Staff.member1)["next_actions"].strings == ["declare-conflict", "rescore"])
        #expect(try ws.show(c1, as: Staff.instructor)["next_actions"].strings == ["withdraw"])
        #expect(try ws.show(c1, as: Staff.finance)["next_actions"].strings == [])

        // A second case for the ranking and the waitlist.
        try ws.review(c2, proposed: "20000")
        try ws.advance(c2, "score", ["pertinence": "2", "impact": "2"], as: Staff.chair)
        try ws.advance(c2, "score", ["pertinence": "3", "impact": "2"], as: Staff.member1)
        try ws.advance(c2, "waitlist", reason: "Enveloppe réservée aux projets mieux classés", as: Staff.chair)

        // Decision, agreement, payments, report, evaluation, balance, closing.
        let selected = try ws.okJSON(ws.advanceArguments(c1, "select", ["awarded_amount": "30000"]) + ["--expect-version", "6"],
                                     as: Staff.chair)
        #expect(selected["id"].string == c1)
        #expect(selected["from"].string == "proposed")
        #expect(selected["to"].string == "selected")
        #expect(selected["version"].int == 7)
        try ws.advance(c1, "sign-agreement", ["instrument": "convention", "reference": "CONV-2026-014", "signed_on": "2026-07-01"],
                       as: Staff.finance)
        try ws.advance(c1, "pay", ["amount": "15000", "kind": "advance", "paid_on": "2026-07-15"], as: Staff.finance)
        let granted = try ws.show(c1, as: Staff.finance)
        #expect(granted["state"].string == "granted")
        #expect(granted["state_label"].string == "Attribué (convention ou arrêté signé)")
        #expect(granted["amounts"]["awarded_cents"].int == 3_000_000)
        #expect(granted["amounts"]["paid_cents"].int == 1_500_000)
        // A recovery may be asked from granted on (the amount is checked when it is typed).
        #expect(granted["next_actions"].strings == ["pay", "request-recovery"])

        let later = ["AAP_NOW": "2027-04-02T08:30:00Z"]
        try ws.advance(c1, "receive-report", ["received_on": "2027-03-01", "spent_amount": "30 000"], as: Staff.instructor, env: later)
        try ws.advance(c1, "evaluate", ["outcome": "achieved", "note": "Garage ouvert, 140 véhicules réparés"], as: Staff.instructor, env: later)
        try ws.advance(c1, "pay", ["amount": "15000", "kind": "balance", "paid_on": "2027-04-01"], as: Staff.finance, env: later)
        try ws.advance(c1, "close", as: Staff.finance, env: later)

        let closed = try ws.show(c1, as: Staff.finance)
        #expect(closed["state"].string == "closed")
        #expect(closed["state_label"].string == "Soldé")
        #expect(closed["version"].int == 13)
        #expect(closed["amounts"].object?.mapValues(\.int) == [
            "requested_cents": 3_800_000, "proposed_cents": 3_000_000, "awarded_cents": 3_000_000,
            "paid_cents": 3_000_000, "spent_cents": 3_000_000, "recovered_cents": 0,
        ])
        #expect(closed["next_actions"].strings == [])
        #expect(closed["fields"]["reference"].string == "CONV-2026-014")
        #expect(closed["fields"]["outcome"].string == "achieved")

        // History: one entry per event of the case, with the contract's keys.
        let history = try #require(try ws.okJSON(["case", "history", c1]).array)
        #expect(history.count == 13)
        #expect(history.map { $0["action"].string ?? "?" } == [
            "submit", "start-review", "propose", "score", "score", "score", "select", "sign-agreement", "pay",
            "receive-report", "evaluate", "pay", "close",
        ])
        for entry in history {
            #expect(entry.keys.isSuperset(of: ["seq", "at", "actor", "action", "from", "to", "fields", "reason"]), "\(entry)")
        }
        let seqs = history.compactMap { $0["seq"].int }
        #expect(seqs.count == 13 && seqs == seqs.sorted() && Set(seqs).count == 13)
        #expect(history[0]["from"].isNull)
        #expect(history[0]["to"].string == "submitted")
        #expect(history[0]["actor"].string == Staff.instructor)
        #expect(history[0]["at"].string == Workspace.now)
        #expect(history[0]["reason"].isNull)
        #expect(history[0]["fields"]["amount_requested_cents"].int == 3_800_000)
        #expect(history[0]["fields"]["siret"].string == Ident.siret)
        for (previous, next) in zip(history, history.dropFirst()) {
            #expect(next["from"].string == previous["to"].string, "\(previous) → \(next)")
        }
        #expect(history[3]["actor"].string == Staff.chair)
        #expect(history[3]["fields"]["pertinence"].int == 4)
        #expect(history[6]["fields"]["awarded_amount_cents"].int == 3_000_000)
        #expect(history[8]["fields"]["amount_cents"].int == 1_500_000)
        #expect(history[8]["fields"]["kind"].string == "advance")
        #expect(history[8]["fields"]["paid_on"].string == "2026-07-15")
        #expect(history[12]["from"].string == "evaluated")
        #expect(history[12]["to"].string == "closed")
        #expect(history[12]["actor"].string == Staff.finance)
        #expect(history[12]["at"].string == "2027-04-02T08:30:00Z")
        let waitlisted = try #require(try ws.okJSON(["case", "history", c2]).array)
        #expect(waitlisted.last?["action"].string == "waitlist")
        #expect(waitlisted.last?["reason"].string == "Enveloppe réservée aux projets mieux classés")

        // The call: CLI.md keys and the money.
        let call = try ws.okJSON(["call", "show", "AAP-MOB-2026"])
        #expect(call.keys.isSuperset(of: ["id", "kind", "state", "title", "envelope_cents", "awarded_cents", "remaining_cents",
                                          "paid_cents", "cases", "committee"]))
        #expect(call["id"].string == "AAP-MOB-2026")
        #expect(call["kind"].string == "aap")
        #expect(call["state"].string == "open")
        #expect(call["title"].string == "Mobilité solidaire")
        #expect(call["envelope_cents"].int == 25_000_000)
        #expect(call["awarded_cents"].int == 3_000_000)
        #expect(call["remaining_cents"].int == 22_000_000)
        #expect(call["paid_cents"].int == 3_000_000)
        #expect(call["cases"].object?.mapValues(\.int) == ["closed": 1, "waitlisted": 1])
        #expect(call["committee"].keys.isSuperset(of: ["chair", "members", "quorum"]))
        #expect(call["committee"]["chair"].string == Staff.chair)
        #expect(call["committee"]["members"].strings == [Staff.member1, Staff.member2])
        #expect(call["committee"]["quorum"].int == 2)

        // The report: the call's keys plus the ranking (best first) and the waitlist.
        let report = try ws.okJSON(["report", "call", "AAP-MOB-2026"])
        #expect(report.keys.isSuperset(of: call.keys.union(["ranking", "waitlist"])))
        #expect(report["awarded_cents"].int == 3_000_000)
        let ranking = try #require(report["ranking"].array)
        #expect(ranking.count == 2)
        #expect(ranking.map { $0["case"].string ?? "?" } == [c1, c2])
        #expect(ranking.allSatisfy { $0.keys.isSuperset(of: ["case", "weighted_score", "state", "awarded_cents"]) })
        #expect(ranking[0]["state"].string == "closed")
        #expect(ranking[0]["awarded_cents"].int == 3_000_000)
        #expect(ranking[1]["state"].string == "waitlisted")
        #expect(ranking[1]["awarded_cents"].int == 0)
        // c2, weighted 60/40: (2.0 + 2.6) / 2 = 2.3
        #expect(abs((ranking[1]["weighted_score"].double ?? 0) - 2.3) < 0.006)
        #expect((ranking[0]["weighted_score"].double ?? 0) > (ranking[1]["weighted_score"].double ?? 9))
        #expect(report["waitlist"].strings == [c2])

        // The log: 10 (init, actors) + 3 (call, committee) + 2 submits + 12 + 5 advances.
        let verify = try ws.okJSON(["audit", "verify"])
        #expect(verify["ok"].bool == true)
        #expect(verify["events"].int == 32)
        let head = try #require(verify["head"].string)
        #expect(head.isSHA256Hex)
        let lines = try ws.logLines()
        #expect(lines.count == 32)
        try LogCheck.chain(lines)
        #expect(head == TestSHA256.hex(try #require(lines.last)))
    }

    @Test("Les options globales placées avant la sous-commande (aap --store DIR audit verify) sont comprises")
    func globalOptionsBeforeSubcommand() throws {
        let ws = try Workspace()
        try ws.ok(["init", "--admin", Staff.admin])
        // The README tells auditors to run `aap --store COPY audit verify`.
        let verify = try ws.run(["--store", ws.store.path, "--json", "audit", "verify"], setStore: false)
        #expect(verify.code == 0, "\(verify)")
        #expect(try verify.json["events"].int == 4)
        let added = try ws.run(["--as", Staff.admin, "actor", "add", Staff.finance, "--role", "finance"])
        #expect(added.code == 0, "\(added)")
        #expect(try ws.logLines().count == 5)
        // AAP_ACTOR stands for --as.
        let viaEnvironment = try ws.run(["actor", "add", Staff.manager, "--role", "manager"], env: ["AAP_ACTOR": Staff.admin])
        #expect(viaEnvironment.code == 0, "\(viaEnvironment)")
        #expect(try ws.logLines().count == 6)
    }
}
