import Foundation
import Testing
@testable import AAPDomain

/// The named rules, role and input checks that the state × action grid does not reach: each
/// refusal with its literal code (and message), next to the closest accepted case.
@Suite("Rule refusals")
struct RuleRefusalTests {
    static let first = "AAP-TEST-2026-0001"

    static func advance(
        _ caseID: CaseID, _ action: String, _ fields: [String: String] = [:], reason: String? = nil, expectVersion: Int? = nil
    ) -> Command {
        .advanceCase(AdvanceCase(caseID: caseID.value, action: action, fields: fields, reason: reason, expectVersion: expectVersion))
    }

    /// A valid submission on `call`, with some fields replaced (nil removes a field).
    static func submit(_ call: String = "AAP-TEST-2026", _ changes: [String: String?] = [:]) -> Command {
        var fields = [
            "applicant_name": "Association Les Mobilités", "applicant_kind": "association", "siret": "35600000000048",
            "departement": "31", "title": "Transport solidaire", "amount_requested": "40 000", "received_on": "2026-04-12",
        ]
        for (key, value) in changes { fields[key] = value }
        return .submitCase(SubmitCase(call: call, fields: fields))
    }

    static let scores = ["pertinence": "3", "faisabilite": "4"]

    /// A world with one AAP case in `state` (see ``World/bring(_:to:)``).
    static func world(caseIn state: String, kind: String = "aap", chair: String = "chair") throws -> (World, CaseID) {
        var world = try World(kind: kind, chair: chair)
        let caseID = try world.submitCase()
        try world.bring(caseID, to: state)
        return (world, caseID)
    }

    // MARK: - Committee

    @Test("quorum not reached: one counted score out of two required")
    func quorumNotReached() throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: "in_review")
        try world.advance(caseID, "propose", by: "instr", to: "proposed",
                          fields: ["opinion": .string("favorable"), "proposed_amount": .money(euros(30_000))])
        try world.advance(caseID, "score", by: "m1", to: "proposed", fields: ["pertinence": .integer(4), "faisabilite": .integer(3)])

        let select = try #require(world.refusal(Self.advance(caseID, "select", ["awarded_amount": "30 000"]), by: "chair"))
        #expect(select.kind == .rule)
        #expect(select.code == "rule.quorum")
        #expect(select.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; quorum non atteint : 1 membre(s) sans conflit d'intérêts ont noté ce dossier, 2 requis. Actions possibles : declare-conflict, score, reject")
        #expect(select.allowedActions == ["declare-conflict", "score", "reject"])
        let waitlist = try #require(world.refusal(Self.advance(caseID, "waitlist", reason: "Enveloppe"), by: "chair"))
        #expect(waitlist.code == "rule.quorum")

        // The second score makes the quorum.
        try world.run(Self.advance(caseID, "score", Self.scores), by: "m2")
        #expect(world.outcome(Self.advance(caseID, "select", ["awarded_amount": "30 000"]), by: "chair") == .moves("selected"))
    }

    @Test("the score of a member who then declares a conflict does not count for the quorum")
    func conflictedScoreDoesNotCount() throws {
        var (world, caseID) = try Self.world(caseIn: "proposed") // m1 and m2 scored
        try world.run(Self.advance(caseID, "declare-conflict", reason: "Administrateur du porteur"), by: "m2")
        let refusal = try #require(world.refusal(Self.advance(caseID, "select", ["awarded_amount": "30 000"]), by: "chair"))
        #expect(refusal.code == "rule.quorum")
        #expect(refusal.message.contains("quorum non atteint : 1 membre(s) sans conflit d'intérêts ont noté ce dossier, 2 requis"))
    }

    @Test("envelope exceeded: the remaining envelope does not cover the award; a withdrawal frees it")
    func envelopeExceeded() throws {
        var world = try World(kind: "aap") // envelope 100 000 €
        let big = try world.submitCase(requested: euros(90_000))
        try world.bring(big, to: "proposed")
        try world.advance(big, "select", by: "chair", to: "selected", fields: ["awarded_amount": .money(euros(80_000))])
        let caseID = try world.submitCase()
        try world.bring(caseID, to: "proposed")
        let state = try #require(world.state.calls[try callID("AAP-TEST-2026")])
        #expect(world.state.remaining(in: state) == euros(20_000))

        let refusal = try #require(world.refusal(Self.advance(caseID, "select", ["awarded_amount": "30 000"]), by: "chair"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.within_envelope")
        #expect(refusal.message.contains("l'enveloppe restante"))
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0002 est « Proposé au comité » ; l'enveloppe restante (20 000,00 €) ne couvre pas 30 000,00 €. Actions possibles : declare-conflict, score, waitlist, reject")
        // Exactly what remains is accepted.
        #expect(world.outcome(Self.advance(caseID, "select", ["awarded_amount": "20 000"]), by: "chair") == .moves("selected"))
        // Withdrawing the selected case frees its 80 000 €.
        try world.run(Self.advance(big, "withdraw", reason: "Le porteur renonce"), by: "instr")
        #expect(world.outcome(Self.advance(caseID, "select", ["awarded_amount": "30 000"]), by: "chair") == .moves("selected"))
    }

    @Test("a waitlisted case may be selected once a selected case is withdrawn")
    func waitlistAfterWithdrawal() throws {
        var world = try World(kind: "aap", envelope: euros(50_000))
        let first = try world.submitCase()
        try world.bring(first, to: "selected") // 30 000 € awarded
        let second = try world.submitCase()
        try world.bring(second, to: "waitlisted")
        let refusal = try #require(world.refusal(Self.advance(second, "select", ["awarded_amount": "30 000"]), by: "chair"))
        #expect(refusal.code == "rule.within_envelope")
        #expect(refusal.message.contains("l'enveloppe restante (20 000,00 €) ne couvre pas 30 000,00 €"))
        try world.run(Self.advance(first, "withdraw", reason: "Le porteur renonce"), by: "instr")
        let event = try world.run(Self.advance(second, "select", ["awarded_amount": "30 000"]), by: "chair")
        #expect(event == .caseAdvanced(CaseAdvanced(
            caseID: second, action: "select", from: "waitlisted", to: "selected",
            fields: Fields(["awarded_amount": .money(euros(30_000))]), reason: nil
        )))
        let call = try #require(world.state.calls[try callID("AAP-TEST-2026")])
        #expect(world.state.awarded(in: call) == euros(30_000))
    }

    @Test("awarded above requested, and proposed above requested")
    func aboveRequested() throws {
        let (world, caseID) = try Self.world(caseIn: "proposed") // 40 000 € requested
        let select = try #require(world.refusal(Self.advance(caseID, "select", ["awarded_amount": "40 000,01"]), by: "chair"))
        #expect(select.code == "rule.not_above_requested")
        #expect(select.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; le montant attribué (40 000,01 €) dépasse le montant demandé (40 000,00 €). Actions possibles : declare-conflict, score, waitlist, reject")
        #expect(world.outcome(Self.advance(caseID, "select", ["awarded_amount": "40 000"]), by: "chair") == .moves("selected"))

        let (review, reviewID) = try Self.world(caseIn: "in_review")
        let propose = try #require(review.refusal(Self.advance(reviewID, "propose", ["opinion": "reserved", "proposed_amount": "45 000"]), by: "instr"))
        #expect(propose.code == "rule.not_above_requested")
        #expect(propose.message == "Refusé : le dossier AAP-TEST-2026-0001 est « En instruction » ; le montant proposé (45 000,00 €) dépasse le montant demandé (40 000,00 €). Actions possibles : reject, withdraw")
    }

    @Test("separation of duties: who proposed a case may not decide it", arguments: [
        ("select", ["awarded_amount": "30 000"], nil),
        ("waitlist", [:], "Enveloppe"),
        ("reject", [:], "Projet fragile"),
    ] as [(String, [String: String], String?)])
    func separationOfDuties(action: String, fields: [String: String], reason: String?) throws {
        var world = try World(kind: "aap", chair: "dual")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: "in_review")
        try world.run(Self.advance(caseID, "propose", ["opinion": "favorable", "proposed_amount": "30 000"]), by: "dual")
        try world.run(Self.advance(caseID, "score", Self.scores), by: "m1")
        try world.run(Self.advance(caseID, "score", Self.scores), by: "m2")
        let refusal = try #require(world.refusal(Self.advance(caseID, action, fields, reason: reason), by: "dual"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.separation_of_duties")
        #expect(refusal.message.contains("« dual » a proposé ce dossier au comité et ne peut pas en décider (séparation des fonctions)"))
    }

    @Test("a conflicted member may not score; a conflicted chair may not decide")
    func noConflict() throws {
        var (world, caseID) = try Self.world(caseIn: "proposed")
        try world.run(Self.advance(caseID, "declare-conflict", reason: "Ancien salarié du porteur"), by: "m3")
        let score = try #require(world.refusal(Self.advance(caseID, "score", Self.scores), by: "m3"))
        #expect(score.kind == .rule)
        #expect(score.code == "rule.no_conflict")
        #expect(score.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; « m3 » a déclaré un conflit d'intérêts sur ce dossier. Actions possibles : aucune")
        // A second declaration by the same member is refused by the same rule, and changes nothing.
        let again = try #require(world.refusal(Self.advance(caseID, "declare-conflict", reason: "Autre motif"), by: "m3"))
        #expect(again.kind == .rule)
        #expect(again.code == "rule.no_conflict")
        #expect(again.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; « m3 » a déclaré un conflit d'intérêts sur ce dossier. Actions possibles : aucune")

        try world.run(Self.advance(caseID, "declare-conflict", reason: "Élu de la commune"), by: "chair")
        #expect(world.state.cases[caseID]?.conflicts == [try actorID("m3"): "Ancien salarié du porteur", try actorID("chair"): "Élu de la commune"])
        let select = try #require(world.refusal(Self.advance(caseID, "select", ["awarded_amount": "30 000"]), by: "chair"))
        #expect(select.code == "rule.no_conflict")
    }

    @Test("a member scores once")
    func oneScorePerMember() throws {
        let (world, caseID) = try Self.world(caseIn: "proposed") // m1 and m2 scored
        let refusal = try #require(world.refusal(Self.advance(caseID, "score", Self.scores), by: "m1"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.one_score_per_member")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; « m1 » a déjà noté ce dossier (pour remplacer sa note avant la décision : rescore avec --reason). Actions possibles : declare-conflict, rescore")
        #expect(refusal.allowedActions == ["declare-conflict", "rescore"])
    }

    // MARK: - Rescore

    @Test("rescore replaces the member's score (with its reason) and changes the weighted score")
    func rescoreReplacesScore() throws {
        var (world, caseID) = try Self.world(caseIn: "proposed") // m1 4/3, m2 5/2
        let before = try #require(world.state.cases[caseID])
        // (4×60 + 3×40)/100 = 3.6, (5×60 + 2×40)/100 = 3.8; mean 3.7
        #expect(abs((before.weightedScore(criteria: World.criteria) ?? 0) - 3.7) < 1e-9)
        let event = try world.run(Self.advance(caseID, "rescore", ["pertinence": "1", "faisabilite": "1"], reason: "Erreur de saisie"), by: "m1")
        #expect(event == .caseAdvanced(CaseAdvanced(
            caseID: caseID, action: "rescore", from: "proposed", to: "proposed",
            fields: Fields(["pertinence": .integer(1), "faisabilite": .integer(1)]), reason: "Erreur de saisie"
        )))
        let after = try #require(world.state.cases[caseID])
        #expect(after.state == "proposed")
        #expect(after.version == before.version + 1)
        #expect(after.scores == [
            try actorID("m1"): ["pertinence": 1, "faisabilite": 1],
            try actorID("m2"): ["pertinence": 5, "faisabilite": 2],
        ])
        // (1.0 + 3.8) / 2 = 2.4
        #expect(abs((after.weightedScore(criteria: World.criteria) ?? 0) - 2.4) < 1e-9)
        // Still one score per member: the quorum counts m1 once.
        #expect(after.countedScores.count == 2)
    }

    @Test("the actions a member may take depend on whether they scored: score before, rescore after")
    func rescoreInAllowedActions() throws {
        let (world, caseID) = try Self.world(caseIn: "proposed") // m1 and m2 scored, m3 did not
        let c = try #require(world.state.cases[caseID])
        #expect(world.state.allowedActions(for: c, actor: try actorID("m1")) == ["declare-conflict", "rescore"])
        #expect(world.state.allowedActions(for: c, actor: try actorID("m3")) == ["declare-conflict", "score"])
        #expect(world.state.allowedActions(for: c, actor: try actorID("chair")) == ["declare-conflict", "score", "select", "waitlist", "reject"])
    }

    @Test("rescore without a reason is refused as invalid input")
    func rescoreWithoutReason() throws {
        let (world, caseID) = try Self.world(caseIn: "proposed")
        let refusal = try #require(world.refusal(Self.advance(caseID, "rescore", Self.scores), by: "m1"))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == "reason.missing")
        #expect(refusal.message == "Motif obligatoire pour l'action « rescore » du dossier AAP-TEST-2026-0001 (--reason)")
    }

    @Test("rescore by a member who never scored: scored_before")
    func rescoreWithoutScore() throws {
        let (world, caseID) = try Self.world(caseIn: "proposed")
        let refusal = try #require(world.refusal(Self.advance(caseID, "rescore", Self.scores, reason: "Erreur"), by: "m3"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.scored_before")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; « m3 » n'a pas encore noté ce dossier (action score). Actions possibles : declare-conflict, score")
        #expect(refusal.allowedActions == ["declare-conflict", "score"])
    }

    @Test("rescore by a member who scored then declared a conflict: no_conflict")
    func rescoreAfterConflict() throws {
        var (world, caseID) = try Self.world(caseIn: "proposed")
        try world.run(Self.advance(caseID, "declare-conflict", reason: "Administrateur du porteur"), by: "m1")
        let refusal = try #require(world.refusal(Self.advance(caseID, "rescore", Self.scores, reason: "Erreur"), by: "m1"))
        #expect(refusal.code == "rule.no_conflict")
    }

    @Test("rescore after the decision is refused by the state", arguments: ["selected", "waitlisted", "rejected"])
    func rescoreAfterDecision(state: String) throws {
        let (world, caseID) = try Self.world(caseIn: state) // m1 scored before the decision
        let refusal = try #require(world.refusal(Self.advance(caseID, "rescore", Self.scores, reason: "Erreur"), by: "m1"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "state")
        let label = ["selected": "Retenu", "waitlisted": "Liste complémentaire", "rejected": "Non retenu"][state] ?? "?"
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « \(label) » ; l'action « rescore » n'est pas possible dans cet état. Actions possibles : aucune")
    }

    @Test("a score records one integer per criterion, by member")
    func scoreIsRecorded() throws {
        var (world, caseID) = try Self.world(caseIn: "proposed")
        try world.run(Self.advance(caseID, "score", ["pertinence": "5", "faisabilite": "0"]), by: "m3")
        let c = try #require(world.state.cases[caseID])
        #expect(c.scores == [
            try actorID("m1"): ["pertinence": 4, "faisabilite": 3],
            try actorID("m2"): ["pertinence": 5, "faisabilite": 2],
            try actorID("m3"): ["pertinence": 5, "faisabilite": 0],
        ])
        // (4×60 + 3×40)/100 = 3.6, (5×60 + 2×40)/100 = 3.8, (5×60 + 0×40)/100 = 3.0; mean 3.4666…
        let weighted = try #require(c.weightedScore(criteria: World.criteria))
        #expect(abs(weighted - 10.4 / 3) < 1e-9)
    }

    @Test("a member of another call's committee holds no seat on this one", arguments: [
        ("m4", "score", ["pertinence": "3", "faisabilite": "4"], nil),
        ("m4", "declare-conflict", [:], "Lien familial"),
        ("chair2", "select", ["awarded_amount": "30 000"], nil),
        ("chair2", "score", ["pertinence": "3", "faisabilite": "4"], nil),
        ("m1", "select", ["awarded_amount": "30 000"], nil),
    ] as [(String, String, [String: String], String?)])
    func otherCommittee(actor: String, action: String, fields: [String: String], reason: String?) throws {
        var (world, caseID) = try Self.world(caseIn: "proposed")
        try world.createCall(kind: "aap", call: "AAP-AUTRE-2026", chair: "chair2", members: ["m4"], quorum: 1)
        let refusal = try #require(world.refusal(Self.advance(caseID, action, fields, reason: reason), by: actor))
        #expect(refusal.kind == .permission)
        #expect(refusal.code == "role")
        #expect(refusal.message.contains("(au comité de l'appel AAP-TEST-2026) requis pour « \(action) »"))
    }

    @Test("the role refusal names the roles and the seat")
    func roleRefusalMessage() throws {
        var (world, caseID) = try Self.world(caseIn: "proposed")
        try world.createCall(kind: "aap", call: "AAP-AUTRE-2026", chair: "chair2", members: ["m4"], quorum: 1)
        let refusal = try #require(world.refusal(Self.advance(caseID, "score", Self.scores), by: "m4"))
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; « m4 » n'a pas le rôle membre du comité de sélection ou président(e) du comité (au comité de l'appel AAP-TEST-2026) requis pour « score ». Actions possibles : aucune")
        let finance = try #require(world.refusal(Self.advance(caseID, "withdraw", reason: "Renonciation"), by: "fin"))
        #expect(finance.code == "role")
        #expect(finance.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; « fin » n'a pas le rôle agent instructeur requis pour « withdraw ». Actions possibles : aucune")
        let stranger = try #require(world.refusal(Self.advance(caseID, "withdraw", reason: "Renonciation"), by: "nobody"))
        #expect(stranger.kind == .permission)
        #expect(stranger.code == "actor.unknown")
    }

    @Test("reject from review is the instructor's; from the committee it is the chair's")
    func rejectRoles() throws {
        let (review, reviewID) = try Self.world(caseIn: "in_review")
        #expect(review.outcome(Self.advance(reviewID, "reject", reason: "Hors sujet"), by: "instr") == .moves("rejected"))
        #expect(review.outcome(Self.advance(reviewID, "reject", reason: "Hors sujet"), by: "chair") == .refused("role"))
        let (committee, committeeID) = try Self.world(caseIn: "proposed")
        #expect(committee.outcome(Self.advance(committeeID, "reject", reason: "Hors sujet"), by: "chair") == .moves("rejected"))
        #expect(committee.outcome(Self.advance(committeeID, "reject", reason: "Hors sujet"), by: "instr") == .refused("role"))
    }

    @Test("AMI: shortlist and decline are the chair's or the manager's")
    func amiShortlistRoles() throws {
        let (world, caseID) = try Self.world(caseIn: "in_review", kind: "ami")
        #expect(world.outcome(Self.advance(caseID, "shortlist"), by: "manager") == .moves("shortlisted"))
        #expect(world.outcome(Self.advance(caseID, "decline", reason: "Hors priorités"), by: "manager") == .moves("not_shortlisted"))
        #expect(world.outcome(Self.advance(caseID, "shortlist"), by: "m1") == .refused("role"))
        #expect(world.outcome(Self.advance(caseID, "shortlist"), by: "instr") == .refused("role"))
        #expect(world.outcome(Self.advance(caseID, "decline"), by: "chair") == .refused("reason.missing"))
    }

    @Test("AMI: the detailed proposal replaces the requested amount and the title")
    func amiProposal() throws {
        var (world, caseID) = try Self.world(caseIn: "shortlisted", kind: "ami")
        try world.run(Self.advance(caseID, "receive-proposal", ["amount_requested": "38 000", "title": "Navette, projet détaillé"]), by: "instr")
        let c = try #require(world.state.cases[caseID])
        #expect(c.state == "proposal_received")
        #expect(c.amounts.requested == euros(38_000))
        #expect(c.title == "Navette, projet détaillé")
        let refusal = try #require(world.refusal(Self.advance(caseID, "propose", ["opinion": "favorable", "proposed_amount": "40 000"]), by: "instr"))
        #expect(refusal.code == "rule.not_above_requested")
        #expect(refusal.message.contains("le montant proposé (40 000,00 €) dépasse le montant demandé (38 000,00 €)"))
    }

    // MARK: - Fields, reasons, versions

    @Test("missing field", arguments: [
        ("in_review", "propose", ["opinion": "favorable"], "instr",
         "Champ manquant « proposed_amount » (Montant proposé) pour l'action « propose » du dossier AAP-TEST-2026-0001"),
        ("in_review", "propose", ["opinion": "favorable", "proposed_amount": "  "], "instr",
         "Champ manquant « proposed_amount » (Montant proposé) pour l'action « propose » du dossier AAP-TEST-2026-0001"),
        ("proposed", "score", ["pertinence": "3"], "m3",
         "Note manquante pour le critère « faisabilite » (action « score » du dossier AAP-TEST-2026-0001) : une note de 0 à 5 par critère de la grille (pertinence, faisabilite)"),
        ("selected", "sign-agreement", ["instrument": "convention", "reference": "CONV-1"], "fin",
         "Champ manquant « signed_on » (Date de signature) pour l'action « sign-agreement » du dossier AAP-TEST-2026-0001"),
    ] as [(String, String, [String: String], String, String)])
    func missingField(state: String, action: String, fields: [String: String], actor: String, message: String) throws {
        let (world, caseID) = try Self.world(caseIn: state)
        let refusal = try #require(world.refusal(Self.advance(caseID, action, fields), by: actor))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == "field.missing")
        #expect(refusal.message == message)
    }

    @Test("unexpected field", arguments: [
        ("submitted", "start-review", ["priority": "haute"], "instr",
         "Champ inattendu « priority » pour l'action « start-review » du dossier AAP-TEST-2026-0001 (champs possibles : aucun)"),
        ("in_review", "propose", ["opinion": "favorable", "proposed_amount": "30 000", "awarded_amount": "30 000"], "instr",
         "Champ inattendu « awarded_amount » pour l'action « propose » du dossier AAP-TEST-2026-0001 (champs possibles : opinion, proposed_amount)"),
        ("proposed", "score", ["pertinence": "3", "faisabilite": "4", "impact": "5"], "m3",
         "Critère inconnu « impact » pour l'action « score » du dossier AAP-TEST-2026-0001 (critères de la grille : pertinence, faisabilite)"),
    ] as [(String, String, [String: String], String, String)])
    func unexpectedField(state: String, action: String, fields: [String: String], actor: String, message: String) throws {
        let (world, caseID) = try Self.world(caseIn: state)
        let refusal = try #require(world.refusal(Self.advance(caseID, action, fields), by: actor))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == "field.unexpected")
        #expect(refusal.message == message)
    }

    @Test("invalid field values", arguments: [
        ("proposed", "score", ["pertinence": "6", "faisabilite": "4"], "m3", "Note invalide « 6 » pour « pertinence » : un entier de 0 à 5 est attendu", "field.score"),
        ("in_review", "propose", ["opinion": "enthousiaste", "proposed_amount": "30 000"], "instr",
         "Valeur « enthousiaste » invalide pour « opinion » (valeurs possibles : favorable (Favorable), reserved (Réservé), unfavorable (Défavorable))", "field.enum"),
        ("proposed", "select", ["awarded_amount": "0"], "chair", "Le montant « awarded_amount » doit être supérieur à zéro", "field.positive"),
        ("proposed", "select", ["awarded_amount": "30 000", "years": "0"], "chair", "« years » doit être au moins 1 (reçu 0)", "field.min"),
    ] as [(String, String, [String: String], String, String, String)])
    func invalidValue(state: String, action: String, fields: [String: String], actor: String, message: String, code: String) throws {
        let (world, caseID) = try Self.world(caseIn: state)
        let refusal = try #require(world.refusal(Self.advance(caseID, action, fields), by: actor))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == code)
        #expect(refusal.message == message)
    }

    @Test("missing reason", arguments: [
        ("proposed", "reject", "chair"), ("proposed", "waitlist", "chair"), ("proposed", "declare-conflict", "m3"),
        ("submitted", "declare-inadmissible", "instr"), ("submitted", "withdraw", "instr"), ("proposed", "rescore", "m1"),
    ])
    func missingReason(state: String, action: String, actor: String) throws {
        let (world, caseID) = try Self.world(caseIn: state)
        let refusal = try #require(world.refusal(Self.advance(caseID, action), by: actor))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == "reason.missing")
        #expect(refusal.message == "Motif obligatoire pour l'action « \(action) » du dossier AAP-TEST-2026-0001 (--reason)")
        // A blank reason is no reason.
        let blank = try #require(world.refusal(Self.advance(caseID, action, reason: "   "), by: actor))
        #expect(blank.code == "value.text")
    }

    @Test("stale --expect-version")
    func staleVersion() throws {
        let (world, caseID) = try Self.world(caseIn: "in_review") // version 2: submitted, start-review
        #expect(world.state.cases[caseID]?.version == 2)
        let propose = ["opinion": "favorable", "proposed_amount": "30 000"]
        let refusal = try #require(world.refusal(Self.advance(caseID, "propose", propose, expectVersion: 1), by: "instr"))
        #expect(refusal.kind == .stale)
        #expect(refusal.code == "version")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « En instruction » ; il a changé depuis votre lecture (version 2, attendue 1) : relisez-le avant d'agir. Actions possibles : propose, reject, withdraw")
        #expect(refusal.allowedActions == ["propose", "reject", "withdraw"])
        #expect(world.outcome(Self.advance(caseID, "propose", propose, expectVersion: 3), by: "instr") == .refused("version"))
        #expect(world.outcome(Self.advance(caseID, "propose", propose, expectVersion: 2), by: "instr") == .moves("proposed"))
    }

    // MARK: - Submission

    @Test("submission after closing needs a late reason")
    func lateSubmission() throws {
        var world = try World(kind: "aap") // closes on 2026-04-30, still open
        let late = try #require(world.refusal(Self.submit("AAP-TEST-2026", ["received_on": "2026-05-05"]), by: "instr"))
        #expect(late.kind == .rule)
        #expect(late.code == "rule.on_time")
        #expect(late.message == "Refusé : dépôt sur l'appel AAP-TEST-2026 (« Ouvert ») ; le dossier a été reçu le 05/05/2026, après la clôture du 30/04/2026 (motif de retard possible avec --late-reason)")
        let event = try world.run(Self.submit("AAP-TEST-2026", ["received_on": "2026-05-05", "late_reason": "Courrier égaré par la préfecture"]), by: "instr")
        guard case .caseSubmitted(let submitted) = event else {
            Issue.record("expected case.submitted, got \(event.type)")
            return
        }
        #expect(submitted.caseID.value == Self.first)
        #expect(submitted.lateReason == "Courrier égaré par la préfecture")
        #expect(submitted.receivedOn == (try date("2026-05-05")))
        // On the closing day itself the case is on time.
        #expect(try world.decide(Self.submit("AAP-TEST-2026", ["received_on": "2026-04-30"]), by: "instr").type == "case.submitted")
    }

    @Test("an external reference (DS-123456) is kept on the case and never given to a second case, replayed or decided again")
    func externalReferenceOnce() throws {
        var world = try World(kind: "aap")
        func submit(_ reference: String?) -> Command {
            guard case .submitCase(var c) = Self.submit("AAP-TEST-2026") else { return Self.submit("AAP-TEST-2026") }
            c.externalReference = reference
            return .submitCase(c)
        }
        let event = try world.run(submit("DS-12458701"), by: "instr")
        guard case .caseSubmitted(let submitted) = event else {
            Issue.record("expected case.submitted, got \(event.type)")
            return
        }
        #expect(submitted.externalReference == "DS-12458701")
        #expect(world.state.cases[submitted.caseID]?.externalReference == "DS-12458701")
        #expect(world.state.externalReferences == ["DS-12458701": submitted.caseID])
        // The audit rebuilds the same command from the event.
        guard case .submitCase(let recorded) = Command(recording: event) else {
            Issue.record("expected a submission rebuilt from case.submitted")
            return
        }
        #expect(recorded.externalReference == "DS-12458701")

        let twice = try #require(world.refusal(submit("DS-12458701"), by: "instr"))
        #expect(twice.kind == .invalid)
        #expect(twice.code == "case.external_reference_taken")
        #expect(twice.message == "Refusé : dépôt sur l'appel AAP-TEST-2026 (« Ouvert ») ; la référence externe DS-12458701 est déjà celle du dossier \(Self.first) (déjà importé)")
        // Another reference, or none, is fine.
        #expect(try world.decide(submit("DS-12458702"), by: "instr").type == "case.submitted")
        #expect(try world.decide(submit(nil), by: "instr").type == "case.submitted")
    }

    @Test("received before opening or in the future", arguments: [
        ("2026-02-28", "la date de réception (28/02/2026) précède l'ouverture de l'appel (01/03/2026)"),
        ("2026-06-02", "la date de réception (02/06/2026) est dans le futur"),
    ])
    func receivedOutOfRange(receivedOn: String, why: String) throws {
        let world = try World(kind: "aap")
        let refusal = try #require(world.refusal(Self.submit("AAP-TEST-2026", ["received_on": receivedOn, "late_reason": "Retard"]), by: "instr"))
        #expect(refusal.code == "rule.on_time")
        #expect(refusal.message == "Refusé : dépôt sur l'appel AAP-TEST-2026 (« Ouvert ») ; \(why)")
    }

    @Test("territory of a closed AMI")
    func eligibleTerritory() throws {
        let world = try World(kind: "ami", call: "AMI-TEST-2026", departements: ["09", "31"])
        let refusal = try #require(world.refusal(Self.submit("AMI-TEST-2026", ["departement": "75"]), by: "instr"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.eligible_territory")
        #expect(refusal.message == "Refusé : dépôt sur l'appel AMI-TEST-2026 (« Ouvert ») ; le département 75 n'est pas éligible à cet appel (départements éligibles : 09, 31)")
        #expect(try world.decide(Self.submit("AMI-TEST-2026", ["departement": "9"]), by: "instr").type == "case.submitted")
        #expect(world.refusal(Self.submit("AMI-TEST-2026", ["departement": "REG"]), by: "instr")?.code == "rule.eligible_territory")
    }

    @Test("wrong applicant kind")
    func eligibleApplicantKind() throws {
        let world = try World(kind: "aap", applicantKinds: [.association, .ccas])
        let refusal = try #require(world.refusal(Self.submit("AAP-TEST-2026", ["applicant_kind": "commune"]), by: "instr"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.eligible_applicant_kind")
        #expect(refusal.message == "Refusé : dépôt sur l'appel AAP-TEST-2026 (« Ouvert ») ; les porteurs de type « commune » ne sont pas éligibles à cet appel (types éligibles : association, ccas)")
        #expect(try world.decide(Self.submit("AAP-TEST-2026", ["applicant_kind": "ccas"]), by: "instr").type == "case.submitted")
        // An unknown kind is invalid input, not a rule.
        #expect(world.refusal(Self.submit("AAP-TEST-2026", ["applicant_kind": "club"]), by: "instr")?.code == "field.enum")
    }

    @Test("call not open", arguments: [("draft", "Brouillon"), ("closed", "Clos"), ("decided", "Résultats publiés"), ("archived", "Archivé")])
    func callNotOpen(callState: String, label: String) throws {
        let world = try World(kind: "aap", callState: callState)
        let refusal = try #require(world.refusal(Self.submit(), by: "instr"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.call_open")
        #expect(refusal.message == "Refusé : dépôt sur l'appel AAP-TEST-2026 (« \(label) ») ; l'appel AAP-TEST-2026 est « \(label) » et ne reçoit pas de dossiers")
    }

    @Test("a SIRET or an RNA number is required")
    func validIdentifier() throws {
        let world = try World(kind: "aap")
        let refusal = try #require(world.refusal(Self.submit("AAP-TEST-2026", ["siret": nil]), by: "instr"))
        #expect(refusal.code == "rule.valid_identifier")
        #expect(refusal.message.hasSuffix("un SIRET ou un numéro RNA est obligatoire pour identifier le porteur"))
        #expect(try world.decide(Self.submit("AAP-TEST-2026", ["siret": nil, "rna": "W313012345"]), by: "instr").type == "case.submitted")
        #expect(world.refusal(Self.submit("AAP-TEST-2026", ["siret": "35600000000049"]), by: "instr")?.code == "value.siret")
    }

    @Test("only an instructor logs an application")
    func submitRole() throws {
        let world = try World(kind: "aap")
        let refusal = try #require(world.refusal(Self.submit(), by: "manager"))
        #expect(refusal.kind == .permission)
        #expect(refusal.code == "role")
    }

    // MARK: - Funding

    @Test("convention above the threshold: an arrêté is refused")
    func conventionAboveThreshold() throws {
        let (world, caseID) = try Self.world(caseIn: "selected") // 30 000 € awarded
        let arrete = ["instrument": "arrete", "reference": "ARR-2026-7", "signed_on": "2026-05-20"]
        let refusal = try #require(world.refusal(Self.advance(caseID, "sign-agreement", arrete), by: "fin"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.convention_above_threshold")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Retenu » ; au-delà de 23 000,00 €, une convention est obligatoire (montant attribué 30 000,00 €). Actions possibles : aucune")
        var convention = arrete
        convention["instrument"] = "convention"
        #expect(world.outcome(Self.advance(caseID, "sign-agreement", convention), by: "fin") == .moves("granted"))
    }

    @Test("an arrêté is enough up to the threshold", arguments: [Int64(23_000), 10_000])
    func arreteUpToThreshold(awarded: Int64) throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: "proposed")
        try world.advance(caseID, "select", by: "chair", to: "selected", fields: ["awarded_amount": .money(euros(awarded))])
        let arrete = ["instrument": "arrete", "reference": "ARR-2026-7", "signed_on": "2026-05-20"]
        #expect(world.outcome(Self.advance(caseID, "sign-agreement", arrete), by: "fin") == .moves("granted"))
    }

    @Test("payment above the award")
    func paidWithinAward() throws {
        var (world, caseID) = try Self.world(caseIn: "granted") // 30 000 € awarded, nothing paid
        let pay = { (amount: String) in Self.advance(caseID, "pay", ["amount": amount, "kind": "advance", "paid_on": "2026-05-21"]) }
        let refusal = try #require(world.refusal(pay("30 000,01"), by: "fin"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.paid_within_award")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Attribué (convention ou arrêté signé) » ; le versement de 30 000,01 € dépasse ce qui reste à verser sur l'attribution (30 000,00 €). Actions possibles : request-recovery")
        try world.run(pay("18 000"), by: "fin")
        #expect(world.state.cases[caseID]?.amounts.paid == euros(18_000))
        #expect(world.refusal(pay("12 000,01"), by: "fin")?.message.contains("ce qui reste à verser sur l'attribution (12 000,00 €)") == true)
        try world.run(pay("12 000"), by: "fin")
        #expect(world.state.cases[caseID]?.amounts.paid == euros(30_000))
    }

    @Test("balance before evaluation", arguments: ["granted", "report_received"])
    func balanceAfterEvaluation(state: String) throws {
        let (world, caseID) = try Self.world(caseIn: state)
        let balance = ["amount": "5 000", "kind": "balance", "paid_on": "2026-05-30"]
        let refusal = try #require(world.refusal(Self.advance(caseID, "pay", balance), by: "fin"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.balance_after_evaluation")
        #expect(refusal.message.contains("; le solde ne peut être versé qu'une fois le dossier évalué"))
        let (evaluated, evaluatedID) = try Self.world(caseIn: "evaluated")
        #expect(evaluated.outcome(Self.advance(evaluatedID, "pay", balance), by: "fin") == .moves("evaluated"))
    }

    /// An evaluated case that was paid 30 000 € of its 30 000 € award but spent only 20 000 €.
    static func overpaid() throws -> (World, CaseID) {
        var (world, caseID) = try world(caseIn: "granted")
        try world.advance(caseID, "pay", by: "fin", to: "granted", fields: [
            "amount": .money(euros(30_000)), "kind": .string("advance"), "paid_on": .string("2026-05-21"),
        ])
        try world.advance(caseID, "receive-report", by: "instr", to: "report_received",
                          fields: ["received_on": .string("2026-05-25"), "spent_amount": .money(euros(20_000))])
        try world.advance(caseID, "evaluate", by: "instr", to: "evaluated",
                          fields: ["outcome": .string("partial"), "note": .string("Dépenses inférieures au budget")])
        return (world, caseID)
    }

    @Test("recovery above what is unspent")
    func recoveryWithinUnspent() throws {
        let (settled, settledID) = try Self.world(caseIn: "evaluated") // paid 20 000 €, spent 20 000 €
        let refusal = try #require(settled.refusal(Self.advance(settledID, "request-recovery", ["amount": "1 000"], reason: "Trop-perçu"), by: "fin"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.recovery_within_unspent")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; le reversement de 1 000,00 € dépasse le trop-perçu (0,00 € : versé 20 000,00 € net, dépensé 20 000,00 €). Actions possibles : pay, close")

        var (world, caseID) = try Self.overpaid() // 10 000 € to recover
        let tooMuch = try #require(world.refusal(Self.advance(caseID, "request-recovery", ["amount": "10 000,01"], reason: "Trop-perçu"), by: "fin"))
        #expect(tooMuch.code == "rule.recovery_within_unspent")
        #expect(tooMuch.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; le reversement de 10 000,01 € dépasse le trop-perçu (10 000,00 € : versé 30 000,00 € net, dépensé 20 000,00 €). Actions possibles : pay")
        // Not settled until recovered; recovering the whole overpayment settles it.
        let close = try #require(world.refusal(Self.advance(caseID, "close"), by: "fin"))
        #expect(close.code == "rule.settled")
        #expect(close.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; le dossier n'est pas soldé : 10 000,00 € restent à reverser. Actions possibles : pay, request-recovery")
        let event = try world.run(Self.advance(caseID, "request-recovery", ["amount": "10 000"], reason: "Trop-perçu"), by: "fin")
        #expect(event == .caseAdvanced(CaseAdvanced(
            caseID: caseID, action: "request-recovery", from: "evaluated", to: "evaluated",
            fields: Fields(["amount": .money(euros(10_000))]), reason: "Trop-perçu"
        )))
        #expect(world.refusal(Self.advance(caseID, "request-recovery", ["amount": "0,01"], reason: "Trop-perçu"), by: "fin")?.code == "rule.recovery_within_unspent")
        try world.run(Self.advance(caseID, "close"), by: "fin")
        let closed = try #require(world.state.cases[caseID])
        var amounts = Amounts()
        amounts.requested = euros(40_000)
        amounts.proposed = euros(30_000)
        amounts.awarded = euros(30_000)
        amounts.paid = euros(30_000)
        amounts.spent = euros(20_000)
        amounts.recovered = euros(10_000)
        #expect(closed.state == "closed")
        #expect(closed.amounts == amounts)
    }

    @Test("close while unsettled: money still to pay")
    func closeUnsettled() throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: "granted")
        try world.advance(caseID, "pay", by: "fin", to: "granted", fields: [
            "amount": .money(euros(20_000)), "kind": .string("advance"), "paid_on": .string("2026-05-21"),
        ])
        try world.advance(caseID, "receive-report", by: "instr", to: "report_received",
                          fields: ["received_on": .string("2026-05-25"), "spent_amount": .money(euros(25_000))])
        try world.advance(caseID, "evaluate", by: "instr", to: "evaluated",
                          fields: ["outcome": .string("achieved"), "note": .string("Réalisé")])
        let refusal = try #require(world.refusal(Self.advance(caseID, "close"), by: "fin"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.settled")
        #expect(refusal.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; le dossier n'est pas soldé : 5 000,00 € restent à verser. Actions possibles : pay, request-recovery")
        try world.run(Self.advance(caseID, "pay", ["amount": "5 000", "kind": "balance", "paid_on": "2026-05-31"]), by: "fin")
        #expect(world.outcome(Self.advance(caseID, "close"), by: "fin") == .moves("closed"))
    }

    @Test("withdraw with money paid and not recovered", arguments: ["granted", "report_received"])
    func recoveredBeforeWithdrawal(state: String) throws {
        var (world, caseID) = try Self.world(caseIn: state)
        #expect(world.outcome(Self.advance(caseID, "withdraw", reason: "Projet abandonné"), by: "instr") == .moves("withdrawn"))
        try world.advance(caseID, "pay", by: "fin", to: state, fields: [
            "amount": .money(euros(10_000)), "kind": .string("advance"), "paid_on": .string("2026-05-21"),
        ])
        let refusal = try #require(world.refusal(Self.advance(caseID, "withdraw", reason: "Projet abandonné"), by: "instr"))
        #expect(refusal.kind == .rule)
        #expect(refusal.code == "rule.recovered_before_withdrawal")
        #expect(refusal.message.contains("; 10 000,00 € ont été versés : le reversement doit être enregistré avant le désistement"))
    }

    // MARK: - Calls

    @Test("publish-results is refused while a case waits for the committee", arguments: [
        ("submitted", false), ("incomplete", false), ("in_review", false), ("proposed", false),
        ("waitlisted", true), ("selected", true), ("rejected", true), ("inadmissible", true), ("withdrawn", true), ("granted", true),
    ])
    func publishResults(caseState: String, accepted: Bool) throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: caseState)
        try world.moveCall("AAP-TEST-2026", to: "closed")
        let command = Command.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "publish-results"))
        if accepted {
            #expect(world.outcome(command, by: "manager") == .moves("decided"))
        } else {
            let refusal = try #require(world.refusal(command, by: "manager"))
            #expect(refusal.kind == .rule)
            #expect(refusal.code == "rule.no_case_awaiting_decision")
            let label = try #require(world.state.workflow(WorkflowRef(id: "aap", version: 1))).label(ofState: caseState)
            #expect(refusal.message.hasPrefix("Refusé : l'appel AAP-TEST-2026 est « Clos » ; 1 dossier(s) attendent encore une décision du comité (1 « \(label) »)"))
        }
    }

    @Test("AMI: a shortlisted case still waits for the committee")
    func amiPublishResults() throws {
        var world = try World(kind: "ami")
        let shortlisted = try world.submitCase()
        try world.bring(shortlisted, to: "shortlisted")
        let declined = try world.submitCase()
        try world.bring(declined, to: "not_shortlisted")
        try world.moveCall("AAP-TEST-2026", to: "closed")
        let refusal = try #require(world.refusal(.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "publish-results")), by: "manager"))
        #expect(refusal.code == "rule.no_case_awaiting_decision")
        #expect(refusal.message.contains("1 dossier(s) attendent encore une décision du comité (1 « Présélectionné »)"))
    }

    @Test("archive is refused while a case is not terminal", arguments: [
        ("selected", false), ("waitlisted", false), ("evaluated", false), ("closed", true), ("rejected", true), ("withdrawn", true),
    ])
    func archive(caseState: String, accepted: Bool) throws {
        var world = try World(kind: "aap")
        let done = try world.submitCase()
        try world.bring(done, to: "inadmissible")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: caseState)
        try world.moveCall("AAP-TEST-2026", to: "decided")
        let command = Command.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "archive"))
        if accepted {
            #expect(world.outcome(command, by: "manager") == .moves("archived"))
        } else {
            let refusal = try #require(world.refusal(command, by: "manager"))
            #expect(refusal.kind == .rule)
            #expect(refusal.code == "rule.all_cases_terminal")
            let label = try #require(world.state.workflow(WorkflowRef(id: "aap", version: 1))).label(ofState: caseState)
            #expect(refusal.message.hasPrefix("Refusé : l'appel AAP-TEST-2026 est « Résultats publiés » ; 1 dossier(s) ne sont pas terminés (1 « \(label) »)"))
        }
    }

    @Test("publishing a call with an empty envelope is refused")
    func positiveEnvelope() throws {
        let world = try World(kind: "aap", callState: "draft", envelope: .zero)
        let refusal = try #require(world.refusal(.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "publish")), by: "manager"))
        #expect(refusal.code == "rule.positive_envelope")
        #expect(refusal.message.hasPrefix("Refusé : l'appel AAP-TEST-2026 est « Brouillon » ; l'enveloppe de l'appel doit être supérieure à zéro"))
        #expect(world.outcome(.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: "publish")), by: "instr") == .refused("role"))
    }

    // MARK: - Committee changes

    @Test("the committee may be replaced until it has decided")
    func committeeReplacement() throws {
        var (world, caseID) = try Self.world(caseIn: "proposed")
        let replace = Command.setCommittee(SetCommittee(call: "AAP-TEST-2026", chair: "chair", members: ["m1", "m2"], quorum: 2))
        #expect(try world.decide(replace, by: "manager").type == "committee.set")
        try world.run(Self.advance(caseID, "waitlist", reason: "Enveloppe"), by: "chair")
        let refusal = try #require(world.refusal(replace, by: "manager"))
        #expect(refusal.code == "committee.decided")
        #expect(refusal.message == "Refusé : le comité de l'appel AAP-TEST-2026 a déjà rendu 1 décision(s) ; il ne peut plus être modifié (seule la vice-présidence peut encore être désignée, avec les mêmes président(e), membres et quorum)")
    }

    @Test("an instructor's rejection at review is not a committee decision")
    func reviewRejectionIsNotACommitteeDecision() throws {
        var (world, caseID) = try Self.world(caseIn: "in_review")
        try world.run(Self.advance(caseID, "reject", reason: "Hors du champ de l'appel"), by: "instr")
        #expect(world.state.calls[try callID("AAP-TEST-2026")]?.committeeDecisions == 0)
        let replace = Command.setCommittee(SetCommittee(call: "AAP-TEST-2026", chair: "chair", members: ["m1", "m2"], quorum: 2))
        #expect(try world.decide(replace, by: "manager").type == "committee.set")
    }

    // MARK: - The whole path through decide

    @Test("an AAP case from submission to closing, through decide, with its amounts")
    func happyPath() throws {
        var world = try World(kind: "aap")
        try world.run(Self.submit(), by: "instr")
        let caseID = try CaseID.parse(Self.first)
        let steps: [(String, String, [String: String], String?)] = [
            ("instr", "request-documents", ["missing": "RIB", "due_on": "2026-05-10"], nil),
            ("instr", "receive-documents", ["received_on": "2026-05-03"], nil),
            ("instr", "start-review", [:], nil),
            ("instr", "propose", ["opinion": "favorable", "proposed_amount": "35 000"], "Projet solide"),
            ("m1", "score", ["pertinence": "4", "faisabilite": "4"], nil),
            ("m3", "declare-conflict", [:], "Membre du bureau du porteur"),
            ("m2", "score", ["pertinence": "5", "faisabilite": "3"], nil),
            ("chair", "select", ["awarded_amount": "32 000", "years": "1"], nil),
            ("fin", "sign-agreement", ["instrument": "convention", "reference": "CONV-2026-9", "signed_on": "2026-05-15"], nil),
            ("fin", "pay", ["amount": "16 000", "kind": "advance", "paid_on": "2026-05-16", "ej": "1300012345"], nil),
            ("instr", "receive-report", ["received_on": "2026-05-25", "spent_amount": "30 000"], nil),
            ("instr", "evaluate", ["outcome": "achieved", "note": "Service rendu à 120 usagers"], nil),
            ("fin", "pay", ["amount": "14 000", "kind": "balance", "paid_on": "2026-05-30"], nil),
            ("fin", "close", [:], nil),
        ]
        for (actor, action, fields, reason) in steps {
            try world.run(Self.advance(caseID, action, fields, reason: reason), by: actor)
        }
        let c = try #require(world.state.cases[caseID])
        #expect(c.state == "closed")
        #expect(c.version == 15)
        var amounts = Amounts()
        amounts.requested = euros(40_000)
        amounts.proposed = euros(35_000)
        amounts.awarded = euros(32_000)
        amounts.paid = euros(30_000)
        amounts.spent = euros(30_000)
        #expect(c.amounts == amounts)
        #expect(c.reportReceived)
        #expect(c.conflicts == [try actorID("m3"): "Membre du bureau du porteur"])
        #expect(c.actors["propose"] == (try actorID("instr")))
        #expect(c.actors["select"] == (try actorID("chair")))
        #expect(c.fields["ej"] == .string("1300012345"))
        #expect(c.fields["instrument"] == .string("convention"))
        let call = try #require(world.state.calls[try callID("AAP-TEST-2026")])
        #expect(call.committeeDecisions == 1)
        #expect(world.state.awarded(in: call) == euros(32_000))
        #expect(world.state.remaining(in: call) == euros(68_000))
    }
}
