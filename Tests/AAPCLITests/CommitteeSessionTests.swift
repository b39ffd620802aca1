import Foundation
import Testing

/// A committee session through the binary: recusals and the quorum, decisions and the envelope,
/// the waitlist and the money a withdrawal frees, segregation of duties, seats per call, closed
/// AMIs, the scoring grid and rescoring. Each test runs in its own copy of
/// ``CommitteeFixture/committeeBase`` (23 events) and ends with `audit verify`.
@Suite("Séance du comité de bout en bout")
struct CommitteeSessionTests {
    typealias F = CommitteeFixture

    static func minutes(_ ws: Workspace) throws -> JSONDoc {
        try ws.okJSON(["report", "committee", F.call])
    }

    static func minutesCase(_ ws: Workspace, _ caseID: String) throws -> JSONDoc {
        let cases = try #require(try minutes(ws)["cases"].array)
        return try #require(cases.first { $0["case"].string == caseID }, "\(caseID) absent du procès-verbal")
    }

    @Test("Base : trois dossiers proposés, aucun noté ; le procès-verbal les liste, quorum non atteint", arguments: TestEngine.all)
    func base(engine: TestEngine) throws {
        let ws = try Workspace(copying: F.committeeBase, engine: engine)
        try ws.expectAuditPasses(events: F.baseEvents)
        let minutes = try Self.minutes(ws)
        #expect(JSONLiteral.canonical(minutes) == (try JSONLiteral.canonical("""
            {"call": "AAP-MOB-2026", "title": "Mobilité solidaire",
             "committee": {"chair": "chair.durand", "members": ["membre.fabre", "membre.lopez"], "quorum": 2, "vice_chair": null},
             "criteria": [{"name": "pertinence", "weight": 60}, {"name": "impact", "weight": 40}],
             "envelope_cents": 4500000, "awarded_cents": 0, "remaining_cents": 4500000,
             "cases": [
               {"case": "AAP-MOB-2026-0001", "title": "Garage solidaire", "applicant": "Mobil'Adour Insertion", "state": "proposed",
                "requested_cents": 4800000, "proposed_cents": 3000000, "opinion": "favorable", "conflicts": [], "scores": {},
                "weighted_score": null, "scorers": 0, "quorum_reached": false, "decisions": [], "presiding": "chair.durand"},
               {"case": "AAP-MOB-2026-0002", "title": "Atelier vélo", "applicant": "Vélo Solidaire", "state": "proposed",
                "requested_cents": 3000000, "proposed_cents": 3000000, "opinion": "favorable", "conflicts": [], "scores": {},
                "weighted_score": null, "scorers": 0, "quorum_reached": false, "decisions": [], "presiding": "chair.durand"},
               {"case": "AAP-MOB-2026-0003", "title": "Covoiturage rural", "applicant": "Covoit'Adour", "state": "proposed",
                "requested_cents": 2000000, "proposed_cents": 2000000, "opinion": "favorable", "conflicts": [], "scores": {},
                "weighted_score": null, "scorers": 0, "quorum_reached": false, "decisions": [], "presiding": "chair.durand"}
             ]}
            """)))
        // Before scoring, a member is offered score (not rescore).
        #expect(try ws.show(F.garage, as: Staff.member1)["next_actions"].strings == ["declare-conflict", "score"])
        let missing = try ws.refused(["report", "committee", "AAP-NOPE-2026"], code: 65)
        #expect(missing.errorLine.contains("AAP-NOPE-2026"), "\(missing)")
    }

    // MARK: - 1. Recusal and quorum

    @Test("Déport : le membre en conflit ne peut plus noter, sa note est écartée du quorum ; le procès-verbal le consigne", arguments: TestEngine.all)
    func recusalAndQuorum(engine: TestEngine) throws {
        let ws = try Workspace(copying: F.committeeBase, engine: engine)
        try ws.score(F.garage, 4, 4, as: Staff.member2)  // 24
        try ws.score(F.garage, 4, 4, as: Staff.chair)    // 25
        var garage = try Self.minutesCase(ws, F.garage)
        #expect(garage["scorers"].int == 2)
        #expect(garage["quorum_reached"].bool == true)
        #expect(garage["conflicts"].array?.count == 0)

        // 26: the member recuses themself after scoring.
        try ws.advance(F.garage, "declare-conflict", reason: F.recusal, as: Staff.member2)
        garage = try Self.minutesCase(ws, F.garage)
        #expect(JSONLiteral.canonical(garage["conflicts"]) == (try JSONLiteral.canonical(
            #"[{"member": "membre.lopez", "reason": "Administratrice de l'association porteuse"}]"#)))
        #expect(garage["scorers"].int == 1)
        #expect(garage["quorum_reached"].bool == false)
        // The score stays on record but no longer counts: the mean is the chair's alone, (4×60 + 4×40)/100.
        #expect(garage["scores"].keys == [Staff.chair, Staff.member2])
        #expect(garage["weighted_score"].double == 4.0)
        #expect(try ws.show(F.garage, as: Staff.member2)["next_actions"].strings == [])

        let score = try ws.refused(F.score(F.garage, 5, 5), as: Staff.member2, code: 1)
        #expect(score.errorLine == "Refusé : le dossier AAP-MOB-2026-0001 est « Proposé au comité » ; « membre.lopez » a déclaré un conflit d'intérêts sur ce dossier. Actions possibles : aucune")
        #expect(score.errorLine.contains("conflit d'intérêts"))
        // A second declaration by the same member is refused (no_conflict) and writes nothing.
        let again = try ws.refused(ws.advanceArguments(F.garage, "declare-conflict", reason: "Autre motif"), as: Staff.member2, code: 1)
        #expect(again.errorLine == "Refusé : le dossier AAP-MOB-2026-0001 est « Proposé au comité » ; « membre.lopez » a déclaré un conflit d'intérêts sur ce dossier. Actions possibles : aucune")
        let rescore = try ws.refused(["case", "advance", F.garage, "rescore", "--set", "pertinence=5", "--set", "impact=5",
                                      "--reason", "Erreur"], as: Staff.member2, code: 1)
        #expect(rescore.errorLine.contains("« membre.lopez » a déclaré un conflit d'intérêts sur ce dossier"), "\(rescore)")

        // Without the recused member, the quorum is not reached.
        let select = try ws.refused(ws.advanceArguments(F.garage, "select", ["awarded_amount": "30000"]), as: Staff.chair, code: 1)
        #expect(select.errorLine == "Refusé : le dossier AAP-MOB-2026-0001 est « Proposé au comité » ; quorum non atteint : 1 membre(s) sans conflit d'intérêts ont noté ce dossier, 2 requis. Actions possibles : declare-conflict, rescore, reject")

        try ws.score(F.garage, 5, 3, as: Staff.member1)  // 27
        try ws.advance(F.garage, "select", ["awarded_amount": "30000"], reason: "Projet prioritaire du comité", as: Staff.chair)  // 28

        let minutes = try Self.minutes(ws)
        #expect(JSONLiteral.canonical(minutes, removing: ["weighted_score"]) == (try JSONLiteral.canonical("""
            {"call": "AAP-MOB-2026", "title": "Mobilité solidaire",
             "committee": {"chair": "chair.durand", "members": ["membre.fabre", "membre.lopez"], "quorum": 2, "vice_chair": null},
             "criteria": [{"name": "pertinence", "weight": 60}, {"name": "impact", "weight": 40}],
             "envelope_cents": 4500000, "awarded_cents": 3000000, "remaining_cents": 1500000,
             "cases": [
               {"case": "AAP-MOB-2026-0001", "title": "Garage solidaire", "applicant": "Mobil'Adour Insertion", "state": "selected",
                "requested_cents": 4800000, "proposed_cents": 3000000, "opinion": "favorable",
                "conflicts": [{"member": "membre.lopez", "reason": "Administratrice de l'association porteuse"}],
                "scores": {"chair.durand": {"pertinence": 4, "impact": 4}, "membre.fabre": {"pertinence": 5, "impact": 3},
                           "membre.lopez": {"pertinence": 4, "impact": 4}},
                "scorers": 2, "quorum_reached": true,
                "decisions": [{"seq": 28, "at": "2026-06-15T10:00:00Z", "actor": "chair.durand", "action": "select", "to": "selected",
                               "awarded_cents": 3000000, "reason": "Projet prioritaire du comité"}], "presiding": "chair.durand"},
               {"case": "AAP-MOB-2026-0002", "title": "Atelier vélo", "applicant": "Vélo Solidaire", "state": "proposed",
                "requested_cents": 3000000, "proposed_cents": 3000000, "opinion": "favorable", "conflicts": [], "scores": {},
                "scorers": 0, "quorum_reached": false, "decisions": [], "presiding": "chair.durand"},
               {"case": "AAP-MOB-2026-0003", "title": "Covoiturage rural", "applicant": "Covoit'Adour", "state": "proposed",
                "requested_cents": 2000000, "proposed_cents": 2000000, "opinion": "favorable", "conflicts": [], "scores": {},
                "scorers": 0, "quorum_reached": false, "decisions": [], "presiding": "chair.durand"}
             ]}
            """, removing: ["weighted_score"])))
        // Counted: the chair (4,0) and member 1 (5×60 + 3×40)/100 = 4,2; mean 4,1. The recused score is left out.
        let weighted = try #require(minutes["cases"][0]["weighted_score"].double)
        #expect(abs(weighted - 4.1) < 0.006)
        #expect(minutes["cases"][1]["weighted_score"].isNull)

        // The human minutes: the recusal, the set-aside score, the quorum, the motivated decision, the envelope.
        let human = try ws.ok(["report", "committee", F.call]).stdout.split(separator: "\n").map(String.init)
        for line in [
            "Procès-verbal du comité de sélection — appel AAP-MOB-2026",
            "  Présidence : Hélène Durand (chair.durand)",
            "  Membres    : Jean Fabre (membre.fabre), Marta Lopez (membre.lopez)",
            "  AAP-MOB-2026-0001 — Garage solidaire",
            "    Déport : membre.lopez — Administratrice de l'association porteuse",
            "    Note de membre.lopez : pertinence 4, impact 4 (écartée : conflit d'intérêts)",
            "    Note de membre.fabre : pertinence 5, impact 3",
            "    Quorum : 2 / 2 atteint ; moyenne pondérée 4,1 / 5",
            "    Décision (#28, chair.durand) : Retenu pour 30 000,00 € — motif : Projet prioritaire du comité",
            "    Quorum : 0 / 2 non atteint ; moyenne pondérée —",
            "    Décision : en attente (« Proposé au comité »)",
            "  Enveloppe : 45 000,00 € ; attribué 30 000,00 € ; reste 15 000,00 €",
        ] {
            #expect(human.contains(line), "ligne absente du procès-verbal : « \(line) »\n\(human.joined(separator: "\n"))")
        }
        try ws.expectAuditPasses(events: 28)
    }

    // MARK: - 2. No decision without quorum

    @Test("Sans quorum, ni sélection ni liste complémentaire ; la deuxième note le permet", arguments: TestEngine.all)
    func noDecisionWithoutQuorum(engine: TestEngine) throws {
        let ws = try Workspace(copying: F.committeeBase, engine: engine)
        try ws.score(F.covoit, 5, 4, as: Staff.chair)  // 24
        let expected = "Refusé : le dossier AAP-MOB-2026-0003 est « Proposé au comité » ; quorum non atteint : 1 membre(s) sans conflit d'intérêts ont noté ce dossier, 2 requis. Actions possibles : declare-conflict, rescore, reject"
        let select = try ws.refused(ws.advanceArguments(F.covoit, "select", ["awarded_amount": "20000"]), as: Staff.chair, code: 1)
        #expect(select.errorLine == expected)
        let waitlist = try ws.refused(ws.advanceArguments(F.covoit, "waitlist", reason: "Enveloppe"), as: Staff.chair, code: 1)
        #expect(waitlist.errorLine == expected)
        #expect(try Self.minutesCase(ws, F.covoit)["quorum_reached"].bool == false)

        try ws.score(F.covoit, 4, 4, as: Staff.member1)  // 25
        #expect(try Self.minutesCase(ws, F.covoit)["quorum_reached"].bool == true)
        try ws.advance(F.covoit, "waitlist", reason: "Classé après les projets retenus", as: Staff.chair)  // 26
        #expect(try ws.show(F.covoit)["state"].string == "waitlisted")
        try ws.expectAuditPasses(events: 26)
    }

    // MARK: - 3 and 4. Envelope, waitlist, withdrawal

    @Test("Enveloppe dépassée puis liste complémentaire ; un désistement libère l'attribution et le dossier finançable est retenu", arguments: TestEngine.all)
    func envelopeWaitlistAndWithdrawal(engine: TestEngine) throws {
        let ws = try Workspace(copying: F.committeeBase, engine: engine)
        try ws.score(F.garage, 4, 4, as: Staff.chair)      // 24
        try ws.score(F.garage, 5, 3, as: Staff.member1)    // 25
        try ws.advance(F.garage, "select", ["awarded_amount": "30 000"], as: Staff.chair)  // 26
        var call = try ws.okJSON(["call", "show", F.call])
        #expect(call["awarded_cents"].int == 3_000_000)
        #expect(call["remaining_cents"].int == 1_500_000)

        try ws.score(F.velo, 3, 3, as: Staff.chair)        // 27: 3,0
        try ws.score(F.velo, 3, 2, as: Staff.member1)      // 28: 2,6
        try ws.score(F.velo, 4, 3, as: Staff.member2)      // 29: 3,6
        let over = try ws.refused(ws.advanceArguments(F.velo, "select", ["awarded_amount": "30000"]), as: Staff.chair, code: 1)
        #expect(over.errorLine == "Refusé : le dossier AAP-MOB-2026-0002 est « Proposé au comité » ; l'enveloppe restante (15 000,00 €) ne couvre pas 30 000,00 €. Actions possibles : declare-conflict, rescore, waitlist, reject")
        let noReason = try ws.refused(ws.advanceArguments(F.velo, "waitlist"), as: Staff.chair, code: 65)
        #expect(noReason.errorLine.contains("--reason"), "\(noReason)")
        try ws.advance(F.velo, "waitlist", reason: "Enveloppe restante insuffisante", as: Staff.chair)  // 30

        try ws.score(F.covoit, 5, 4, as: Staff.chair)      // 31: 4,6
        try ws.score(F.covoit, 4, 4, as: Staff.member1)    // 32: 4,0
        let covoitOver = try ws.refused(ws.advanceArguments(F.covoit, "select", ["awarded_amount": "20000"]), as: Staff.chair, code: 1)
        #expect(covoitOver.errorLine.contains("l'enveloppe restante (15 000,00 €) ne couvre pas 20 000,00 €"), "\(covoitOver)")
        try ws.advance(F.covoit, "waitlist", reason: "Enveloppe restante insuffisante", as: Staff.chair)  // 33

        // The waitlist in rank order (4,3 before 3,07); nothing fits in the 15 000 € left.
        var report = try ws.okJSON(["report", "call", F.call])
        #expect(report["waitlist"].strings == [F.covoit, F.velo])
        #expect(report["waitlist_fundable"].strings == [])
        #expect(report["remaining_cents"].int == 1_500_000)
        #expect(JSONLiteral.canonical(report["ranking"], removing: ["weighted_score"]) == (try JSONLiteral.canonical("""
            [{"case": "AAP-MOB-2026-0003", "state": "waitlisted", "awarded_cents": 0},
             {"case": "AAP-MOB-2026-0001", "state": "selected", "awarded_cents": 3000000},
             {"case": "AAP-MOB-2026-0002", "state": "waitlisted", "awarded_cents": 0}]
            """)))
        let scores = try #require(report["ranking"].array).compactMap { $0["weighted_score"].double }
        #expect(scores.count == 3)
        // JSON rounds to two decimals: 3,0666… prints 3.07.
        #expect(zip(scores, [4.3, 4.1, 9.2 / 3]).allSatisfy { abs($0 - $1) < 0.006 }, "\(scores)")

        // 34: the selected case withdraws; its 30 000 € go back to the envelope.
        try ws.advance(F.garage, "withdraw", reason: "Le porteur renonce au projet", as: Staff.instructor)
        call = try ws.okJSON(["call", "show", F.call])
        #expect(call["awarded_cents"].int == 0)
        #expect(call["remaining_cents"].int == 4_500_000)
        report = try ws.okJSON(["report", "call", F.call])
        #expect(report["waitlist"].strings == [F.covoit, F.velo])
        // 45 000 €: the first (20 000 €) fits, leaving 25 000 €, which does not cover the second (30 000 €).
        #expect(report["waitlist_fundable"].strings == [F.covoit])
        let human = try ws.ok(["report", "call", F.call]).stdout.split(separator: "\n").map(String.init)
        for line in [
            "  Liste complémentaire, par rang (reste de l'enveloppe 45 000,00 €) :",
            "    1. AAP-MOB-2026-0003 — proposé 20 000,00 € : finançable avec le reste de l'enveloppe",
            "    2. AAP-MOB-2026-0002 — proposé 30 000,00 € : non finançable en l'état (il manquerait 5 000,00 €)",
        ] {
            #expect(human.contains(line), "ligne absente du rapport : « \(line) »\n\(human.joined(separator: "\n"))")
        }

        // 35: the chair selects the fundable waitlisted case.
        let selected = try ws.okJSON(ws.advanceArguments(F.covoit, "select", ["awarded_amount": "20000"]), as: Staff.chair)
        #expect(selected["from"].string == "waitlisted")
        #expect(selected["to"].string == "selected")
        call = try ws.okJSON(["call", "show", F.call])
        #expect(call["awarded_cents"].int == 2_000_000)
        #expect(call["remaining_cents"].int == 2_500_000)
        report = try ws.okJSON(["report", "call", F.call])
        #expect(report["waitlist"].strings == [F.velo])
        #expect(report["waitlist_fundable"].strings == [])
        let still = try ws.refused(ws.advanceArguments(F.velo, "select", ["awarded_amount": "30000"]), as: Staff.chair, code: 1)
        #expect(still.errorLine.contains("l'enveloppe restante (25 000,00 €) ne couvre pas 30 000,00 €"), "\(still)")

        // The minutes: every committee decision, in order, with its motivation; the withdrawal is not one.
        let minutes = try Self.minutes(ws)
        #expect(minutes["awarded_cents"].int == 2_000_000)
        #expect(minutes["remaining_cents"].int == 2_500_000)
        let garage = try Self.minutesCase(ws, F.garage)
        #expect(garage["state"].string == "withdrawn")
        #expect(garage["decisions"].array?.map { $0["action"].string ?? "?" } == ["select"])
        let covoit = try Self.minutesCase(ws, F.covoit)
        #expect(JSONLiteral.canonical(covoit["decisions"]) == (try JSONLiteral.canonical("""
            [{"seq": 33, "at": "2026-06-15T10:00:00Z", "actor": "chair.durand", "action": "waitlist", "to": "waitlisted",
              "awarded_cents": null, "reason": "Enveloppe restante insuffisante"},
             {"seq": 35, "at": "2026-06-15T10:00:00Z", "actor": "chair.durand", "action": "select", "to": "selected",
              "awarded_cents": 2000000, "reason": null}]
            """)))
        try ws.expectAuditPasses(events: 35)
    }

    // MARK: - 5 and 6. Segregation of duties, seats per call

    @Test("Qui a proposé un dossier ne peut pas en décider ; un membre du comité d'un appel n'a pas voix sur un autre", arguments: TestEngine.all)
    func separationOfDutiesAndSeats(engine: TestEngine) throws {
        let ws = try Workspace(copying: F.committeeBase, engine: engine)
        let rural = "AAP-RUR-2026"
        try ws.ok(["call", "create", rural, "--kind", "aap", "--title", "Mobilité rurale", "--envelope", "100 000",
                   "--opens", "2026-03-01", "--closes", "2026-05-31", "--criterion", "pertinence:100", "--publish"], as: Staff.manager)  // 24, 25
        try ws.ok(["committee", "set", rural, "--chair", F.dual, "--member", Staff.member1, "--quorum", "1"], as: Staff.manager)  // 26
        let own = try ws.submit(rural)  // 27
        #expect(own == "AAP-RUR-2026-0001")
        try ws.advance(own, "start-review", as: F.dual)  // 28
        try ws.advance(own, "propose", ["opinion": "favorable", "proposed_amount": "30000"], as: F.dual)  // 29
        try ws.advance(own, "score", ["pertinence": "4"], as: Staff.member1)  // 30

        let select = try ws.refused(ws.advanceArguments(own, "select", ["awarded_amount": "30000"]), as: F.dual, code: 1)
        #expect(select.errorLine == "Refusé : le dossier AAP-RUR-2026-0001 est « Proposé au comité » ; « dual.benoit » a proposé ce dossier au comité et ne peut pas en décider (séparation des fonctions). Actions possibles : declare-conflict, score, withdraw")
        for (action, reason) in [("waitlist", "Enveloppe"), ("reject", "Projet fragile")] {
            let refused = try ws.refused(ws.advanceArguments(own, action, reason: reason), as: F.dual, code: 1)
            #expect(refused.errorLine.contains("« dual.benoit » a proposé ce dossier au comité et ne peut pas en décider (séparation des fonctions)"),
                    "\(refused)")
        }

        // Seats are per call: the members and the chair of AAP-MOB-2026 have no say on AAP-RUR-2026.
        let outsider = try ws.refused(["case", "advance", own, "score", "--set", "pertinence=5"], as: Staff.member2, code: 1)
        #expect(outsider.errorLine == "Refusé : le dossier AAP-RUR-2026-0001 est « Proposé au comité » ; « membre.lopez » n'a pas le rôle membre du comité de sélection ou président(e) du comité (au comité de l'appel AAP-RUR-2026) requis pour « score ». Actions possibles : aucune")
        let otherChair = try ws.refused(ws.advanceArguments(own, "select", ["awarded_amount": "30000"]), as: Staff.chair, code: 1)
        #expect(otherChair.errorLine.contains("« chair.durand » n'a pas le rôle président(e) du comité (au comité de l'appel AAP-RUR-2026) requis pour « select »"),
                "\(otherChair)")
        let otherConflict = try ws.refused(ws.advanceArguments(own, "declare-conflict", reason: "Lien familial"), as: Staff.member2, code: 1)
        #expect(otherConflict.errorLine.contains("(au comité de l'appel AAP-RUR-2026)"), "\(otherConflict)")
        #expect(try ws.show(own, as: Staff.member2)["next_actions"].strings == [])

        // The same chair decides a case someone else proposed.
        let other = try ws.submit(rural, applicant: "Vélo Solidaire", title: "Atelier vélo", amount: "30 000")  // 31
        try ws.review(other, proposed: "30000")  // 32, 33
        try ws.advance(other, "score", ["pertinence": "3"], as: Staff.member1)  // 34
        try ws.advance(other, "select", ["awarded_amount": "30000"], as: F.dual)  // 35
        #expect(try ws.show(other)["state"].string == "selected")
        #expect(try ws.show(own)["state"].string == "proposed")
        try ws.expectAuditPasses(events: 35)
    }

    // MARK: - 7. Closed AMI

    @Test("AMI fermé (09, 11 ; EPCI) : un dépôt du 31 ou d'une association est refusé sans rien écrire", arguments: TestEngine.all)
    func closedAMI(engine: TestEngine) throws {
        let ws = try Workspace(copying: F.committeeBase, engine: engine)
        let ami = "AMI-ECO-2026"
        try ws.ok(["call", "create", ami, "--kind", "ami", "--title", "Transition écologique des territoires", "--envelope", "90 000",
                   "--opens", "2026-03-01", "--closes", "2026-05-31", "--departement", "09", "--departement", "11",
                   "--applicant-kind", "epci", "--criterion", "besoin:50", "--criterion", "qualite:50", "--publish"], as: Staff.manager)  // 24, 25
        let call = try ws.okJSON(["call", "show", ami])
        #expect(call["kind"].string == "ami")
        #expect(call["departements"].strings == ["09", "11"])
        #expect(call["applicant_kinds"].strings == ["epci"])

        let territory = try ws.refused(ws.submitArguments(ami, applicant: "Toulouse Métropole", kind: "epci", departement: "31"),
                                       as: Staff.instructor, code: 1)
        #expect(territory.errorLine.hasPrefix("Refusé"), "\(territory)")
        #expect(territory.errorLine.contains("le département 31 n'est pas éligible à cet appel (départements éligibles : 09, 11)"), "\(territory)")
        let kind = try ws.refused(ws.submitArguments(ami, applicant: "Les Amis du Vélo", kind: "association", departement: "09"),
                                  as: Staff.instructor, code: 1)
        #expect(kind.errorLine.contains("les porteurs de type « association » ne sont pas éligibles à cet appel (types éligibles : epci)"), "\(kind)")

        let accepted = try ws.submit(ami, applicant: "Communauté de communes du Couserans", kind: "epci", departement: "09")  // 26
        #expect(accepted == "AMI-ECO-2026-0001")
        #expect(try ws.show(accepted)["state_label"].string == "Manifestation d'intérêt reçue")
        try ws.expectAuditPasses(events: 26)
    }

    // MARK: - 8. The grid, one score per member, rescore

    @Test("Grille : poids ≠ 100 refusés à la création ; note incomplète, en trop ou hors 0–5 refusée ; une note par membre, rescore motivé", arguments: TestEngine.all)
    func gridAndRescore(engine: TestEngine) throws {
        let ws = try Workspace(copying: F.committeeBase, engine: engine)
        let create = ["call", "create", "AAP-GRILLE-2026", "--kind", "aap", "--title", "Grille", "--envelope", "10000",
                      "--opens", "2026-03-01", "--closes", "2026-05-31"]
        for (criteria, total) in [(["pertinence:60", "impact:30"], 90), (["pertinence:60", "impact:50"], 110), (["pertinence:99"], 99)] {
            let refused = try ws.refused(create + criteria.flatMap { ["--criterion", $0] }, as: Staff.manager, code: 65)
            #expect(refused.errorLine == "Les poids des critères doivent totaliser 100 (total reçu : \(total))", "\(refused)")
        }
        let cents = try ws.refused(create + ["--criterion", "impact_cents:100"], as: Staff.manager, code: 65)
        #expect(cents.errorLine == "Critère invalide « impact_cents:100 » : un nom de critère ne peut pas finir par _cents (réservé aux montants)", "\(cents)")

        for (fields, message) in [
            (["--set", "pertinence=3"],
             "Note manquante pour le critère « impact » (action « score » du dossier AAP-MOB-2026-0002) : une note de 0 à 5 par critère de la grille (pertinence, impact)"),
            (["--set", "pertinence=3", "--set", "impact=2", "--set", "qualite=4"],
             "Critère inconnu « qualite » pour l'action « score » du dossier AAP-MOB-2026-0002 (critères de la grille : pertinence, impact)"),
            (["--set", "pertinence=6", "--set", "impact=2"], "Note invalide « 6 » pour « pertinence » : un entier de 0 à 5 est attendu"),
        ] {
            let refused = try ws.refused(["case", "advance", F.velo, "score"] + fields, as: Staff.member1, code: 65)
            #expect(refused.errorLine == message, "\(refused)")
        }

        try ws.score(F.velo, 3, 2, as: Staff.member1)  // 24: 2,6
        let twice = try ws.refused(F.score(F.velo, 5, 5), as: Staff.member1, code: 1)
        #expect(twice.errorLine == "Refusé : le dossier AAP-MOB-2026-0002 est « Proposé au comité » ; « membre.fabre » a déjà noté ce dossier (pour remplacer sa note avant la décision : rescore avec --reason). Actions possibles : declare-conflict, rescore")
        let rescore = ["case", "advance", F.velo, "rescore", "--set", "pertinence=5", "--set", "impact=5"]
        let unmotivated = try ws.refused(rescore, as: Staff.member1, code: 65)
        #expect(unmotivated.errorLine == "Motif obligatoire pour l'action « rescore » du dossier AAP-MOB-2026-0002 (--reason)")
        let neverScored = try ws.refused(rescore + ["--reason", "Erreur de saisie"], as: Staff.member2, code: 1)
        #expect(neverScored.errorLine == "Refusé : le dossier AAP-MOB-2026-0002 est « Proposé au comité » ; « membre.lopez » n'a pas encore noté ce dossier (action score). Actions possibles : declare-conflict, score")
        let incomplete = try ws.refused(["case", "advance", F.velo, "rescore", "--set", "pertinence=5", "--reason", "Erreur"],
                                        as: Staff.member1, code: 65)
        #expect(incomplete.errorLine.hasPrefix("Note manquante pour le critère « impact » (action « rescore »"), "\(incomplete)")

        try ws.ok(rescore + ["--reason", "Erreur de saisie : notes inversées"], as: Staff.member1)  // 25
        var velo = try ws.show(F.velo, as: Staff.member1)
        #expect(velo["version"].int == 5)
        #expect(velo["state"].string == "proposed")
        #expect(JSONLiteral.canonical(velo["scores"]) == #"{"membre.fabre":{"impact":5,"pertinence":5}}"#)
        #expect(velo["weighted_score"].double == 5.0)
        #expect(velo["next_actions"].strings == ["declare-conflict", "rescore"])
        #expect(try ws.show(F.velo, as: Staff.member2)["next_actions"].strings == ["declare-conflict", "score"])
        let history = try #require(try ws.okJSON(["case", "history", F.velo]).array)
        #expect(history.map { $0["action"].string ?? "?" } == ["submit", "start-review", "propose", "score", "rescore"])
        let last = try #require(history.last)
        #expect(last["actor"].string == Staff.member1)
        #expect(last["from"].string == "proposed")
        #expect(last["to"].string == "proposed")
        #expect(last["reason"].string == "Erreur de saisie : notes inversées")
        #expect(JSONLiteral.canonical(last["fields"]) == #"{"impact":5,"pertinence":5}"#)

        try ws.score(F.velo, 2, 2, as: Staff.member2)  // 26: mean (5,0 + 2,0) / 2
        velo = try ws.show(F.velo)
        #expect(velo["weighted_score"].double == 3.5)
        #expect(try Self.minutesCase(ws, F.velo)["scorers"].int == 2)

        // After the decision, no more rescoring.
        try ws.advance(F.velo, "select", ["awarded_amount": "30000"], as: Staff.chair)  // 27
        let late = try ws.refused(rescore + ["--reason", "Erreur de saisie"], as: Staff.member1, code: 1)
        #expect(late.errorLine == "Refusé : le dossier AAP-MOB-2026-0002 est « Retenu » ; l'action « rescore » n'est pas possible dans cet état. Actions possibles : aucune")
        try ws.expectAuditPasses(events: 27)
    }
}
