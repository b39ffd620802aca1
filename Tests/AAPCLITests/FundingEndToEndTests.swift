import Foundation
import Testing

/// Funding after the committee, through the binary: the granting act, payments, the financial
/// report, the evaluation, recoveries, closing and withdrawal, multi-year label grants, and the
/// call report's money view. Each refusal exits 1 (65 for bad input) with one French line and
/// writes nothing; each scenario ends with an intact log.
@Suite("Financement de bout en bout")
struct FundingEndToEndTests {
    @Test("Acte attributif : arrêté refusé au-delà de 23 000 €, convention acceptée ; seuil de l'appel relevé à 50 000 €", arguments: TestEngine.all)
    func conventionThreshold(engine: TestEngine) throws {
        let ws = try Workspace(copying: FundingFixture.actorsBase, engine: engine)                               // 10: init, actors
        try ws.openFundingCall("AAP-FIN-2026")                                                   // 13
        try ws.openFundingCall("AAP-SEUIL-2026", extra: ["--convention-threshold", "50000"])     // 16
        #expect(try ws.okJSON(["call", "show", "AAP-FIN-2026"])["convention_threshold_cents"].int == 2_300_000)
        #expect(try ws.okJSON(["call", "show", "AAP-SEUIL-2026"])["convention_threshold_cents"].int == 5_000_000)

        let standard = try ws.submit("AAP-FIN-2026", amount: "30 000")                            // 17
        let raised = try ws.submit("AAP-SEUIL-2026", amount: "30 000")                            // 18
        try ws.selectAAP(standard, award: "30000")                                                // 22
        try ws.selectAAP(raised, award: "30000")                                                  // 26

        let arrete = ["instrument": "arrete", "reference": "ARR-2026-011", "signed_on": "2026-06-20"]
        let refused = try ws.refused(ws.advanceArguments(standard, "sign-agreement", arrete), as: Staff.finance, code: 1)
        #expect(refused.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Retenu » ; au-delà de 23 000,00 €, une convention est obligatoire (montant attribué 30 000,00 €). Actions possibles : aucune")
        try ws.sign(standard, "convention", reference: "CONV-2026-011")                            // 27
        try ws.advance(raised, "sign-agreement", arrete, as: Staff.finance)                        // 28

        let signed = try ws.show(standard)
        #expect(signed["state"].string == "granted")
        #expect(signed["fields"]["instrument"].string == "convention")
        let byDecree = try ws.show(raised)
        #expect(byDecree["state"].string == "granted")
        #expect(byDecree["fields"]["instrument"].string == "arrete")
        #expect(byDecree["fields"]["reference"].string == "ARR-2026-011")
        try ws.expectAuditPasses(events: 28)
    }

    @Test("Versements, compte rendu, évaluation, solde et reversement ; clôture refusée tant que le dossier n'est pas soldé ; vue financière de l'appel", arguments: TestEngine.all)
    func paymentsAndSettlement(engine: TestEngine) throws {
        let ws = try Workspace(copying: FundingFixture.actorsBase, engine: engine)                               // 10: init, actors
        try ws.openFundingCall("AAP-FIN-2026")                                                    // 13
        let a = try ws.submit("AAP-FIN-2026", applicant: "Mobil'Adour Insertion", title: "Garage solidaire", amount: "38 000")
        let b = try ws.submit("AAP-FIN-2026", applicant: "Vélo Solidaire", title: "Atelier vélo", amount: "20 000")
        let c = try ws.submit("AAP-FIN-2026", applicant: "Navette 65", title: "Navette rurale", amount: "15 000")
        let d = try ws.submit("AAP-FIN-2026", applicant: "Covoit'Adour", title: "Covoiturage", amount: "25 000")  // 17
        #expect([a, b, c, d] == ["AAP-FIN-2026-0001", "AAP-FIN-2026-0002", "AAP-FIN-2026-0003", "AAP-FIN-2026-0004"])
        try ws.selectAAP(a, award: "30000")
        try ws.selectAAP(b, award: "20000")
        try ws.selectAAP(c, award: "15000")
        try ws.selectAAP(d, award: "25000")                                                        // 33

        // A: 30 000 € by convention; paid in instalments, never beyond the award; the balance after the evaluation.
        try ws.sign(a, "convention", reference: "CONV-2026-101")
        try ws.advance(a, "pay", ["amount": "12000", "kind": "advance", "paid_on": "2026-06-25", "ej": "1300012345"], as: Staff.finance)
        let beyond = try ws.refused(ws.advanceArguments(a, "pay", ws.payFields("18 000,01", kind: "instalment", on: "2026-09-01")),
                                    as: Staff.finance, code: 1)
        #expect(beyond.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Attribué (convention ou arrêté signé) » ; le versement de 18 000,01 € dépasse ce qui reste à verser sur l'attribution (18 000,00 €). Actions possibles : request-recovery")
        try ws.pay(a, "8000", kind: "instalment", on: "2026-09-01")
        let earlyBalance = try ws.refused(ws.advanceArguments(a, "pay", ws.payFields("10000", kind: "balance", on: "2026-12-01")),
                                          as: Staff.finance, code: 1)
        #expect(earlyBalance.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Attribué (convention ou arrêté signé) » ; le solde ne peut être versé qu'une fois le dossier évalué. Actions possibles : request-recovery")
        try ws.advance(a, "receive-report", ["received_on": "2027-03-10", "spent_amount": "30 000"], as: Staff.instructor)
        let stillEarly = try ws.refused(ws.advanceArguments(a, "pay", ws.payFields("10000", kind: "balance", on: "2027-03-15")),
                                        as: Staff.finance, code: 1)
        #expect(stillEarly.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Bilan reçu » ; le solde ne peut être versé qu'une fois le dossier évalué. Actions possibles : request-recovery")
        // Indicators: malformed ones are bad data (65); valid ones are stored normalised.
        let evaluation = ["outcome": "achieved", "note": "Garage ouvert, 140 véhicules réparés"]
        let malformed = try ws.refused(ws.advanceArguments(a, "evaluate", evaluation.merging(["indicators": "vehicules=140;ateliers"]) { $1 }),
                                       as: Staff.instructor, code: 65)
        #expect(malformed.errorLine == "Indicateur invalide « ateliers » dans « indicators » : attendu clé=valeur (ex. beneficiaires=120; ateliers=14)")
        try ws.advance(a, "evaluate", evaluation.merging(["indicators": "a=1;b = deux"]) { $1 }, as: Staff.instructor)
        #expect(try ws.show(a)["fields"]["indicators"].string == "a=1; b=deux")
        let toPay = try ws.refused(["case", "advance", a, "close"], as: Staff.finance, code: 1)
        #expect(toPay.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Évalué » ; le dossier n'est pas soldé : 10 000,00 € restent à verser. Actions possibles : pay, request-recovery")
        let overBalance = try ws.refused(ws.advanceArguments(a, "pay", ws.payFields("10 000,01", kind: "balance", on: "2027-04-01")),
                                         as: Staff.finance, code: 1)
        #expect(overBalance.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Évalué » ; le versement de 10 000,01 € dépasse ce qui reste à verser sur l'attribution (10 000,00 €). Actions possibles : request-recovery")
        try ws.pay(a, "10000", kind: "balance", on: "2027-04-01")
        try ws.advance(a, "close", as: Staff.finance)                                              // 33 + 7 = 40
        let closedA = try ws.show(a)
        #expect(closedA["state"].string == "closed")
        #expect(closedA["years"].int == 1)
        #expect(closedA["tranches"].array?.count == 0) // tranches are listed for multi-year grants only
        #expect(closedA["fields"]["ej"].string == "1300012345")
        #expect(try ws.amounts(a) == ["requested_cents": 3_800_000, "proposed_cents": 3_000_000, "awarded_cents": 3_000_000,
                                      "paid_cents": 3_000_000, "spent_cents": 3_000_000, "recovered_cents": 0])

        // B: 20 000 € by arrêté, all paid, 17 500 € spent: 2 500 € to recover, not a cent more, then closed.
        try ws.sign(b, "arrete", reference: "ARR-2026-102")
        try ws.pay(b, "20000", kind: "advance", on: "2026-06-25")
        try ws.advance(b, "receive-report", ["received_on": "2027-02-20", "spent_amount": "17 500"], as: Staff.instructor)
        try ws.advance(b, "evaluate", ["outcome": "partial", "note": "Moins d'ateliers que prévu"], as: Staff.instructor)
        let toRecover = try ws.refused(["case", "advance", b, "close"], as: Staff.finance, code: 1)
        #expect(toRecover.errorLine == "Refusé : le dossier AAP-FIN-2026-0002 est « Évalué » ; le dossier n'est pas soldé : 2 500,00 € restent à reverser. Actions possibles : pay, request-recovery")
        let overRecovery = try ws.refused(ws.advanceArguments(b, "request-recovery", ["amount": "2 500,01"], reason: "Trop-perçu"),
                                          as: Staff.finance, code: 1)
        #expect(overRecovery.errorLine == "Refusé : le dossier AAP-FIN-2026-0002 est « Évalué » ; le reversement de 2 500,01 € dépasse le trop-perçu (2 500,00 € : versé 20 000,00 € net, dépensé 17 500,00 €). Actions possibles : pay")
        try ws.advance(b, "request-recovery", ["amount": "2 500"], reason: "Trop-perçu", as: Staff.finance)
        try ws.advance(b, "close", as: Staff.finance)                                              // 40 + 6 = 46
        #expect(try ws.amounts(b) == ["requested_cents": 2_000_000, "proposed_cents": 2_000_000, "awarded_cents": 2_000_000,
                                      "paid_cents": 2_000_000, "spent_cents": 1_750_000, "recovered_cents": 250_000])

        // C: signed, an advance paid; D: selected, not signed yet.
        try ws.sign(c, "arrete", reference: "ARR-2026-103")
        try ws.pay(c, "6000", kind: "advance", on: "2026-07-01")                                  // 48

        let report = try ws.okJSON(["report", "call", "AAP-FIN-2026"])
        #expect(JSONLiteral.canonical(report["money"]) == (try JSONLiteral.canonical("""
            [{"case": "AAP-FIN-2026-0001", "awarded_cents": 3000000, "committed": true, "paid_cents": 3000000,
              "spent_cents": 3000000, "recovered_cents": 0, "to_pay_cents": 0},
             {"case": "AAP-FIN-2026-0002", "awarded_cents": 2000000, "committed": true, "paid_cents": 2000000,
              "spent_cents": 1750000, "recovered_cents": 250000, "to_pay_cents": 0},
             {"case": "AAP-FIN-2026-0003", "awarded_cents": 1500000, "committed": true, "paid_cents": 600000,
              "spent_cents": 0, "recovered_cents": 0, "to_pay_cents": 900000},
             {"case": "AAP-FIN-2026-0004", "awarded_cents": 2500000, "committed": false, "paid_cents": 0,
              "spent_cents": 0, "recovered_cents": 0, "to_pay_cents": 2500000}]
            """)))
        let call = try ws.okJSON(["call", "show", "AAP-FIN-2026"])
        #expect(call["envelope_cents"].int == 20_000_000)
        #expect(call["awarded_cents"].int == 9_000_000)
        #expect(call["remaining_cents"].int == 11_000_000)
        #expect(call["committed_cents"].int == 6_500_000)
        #expect(call["paid_cents"].int == 5_600_000)
        #expect(call["recovered_cents"].int == 250_000)
        #expect(call["cases"].object?.mapValues(\.int) == ["closed": 2, "granted": 1, "selected": 1])
        for key in ["envelope_cents", "awarded_cents", "remaining_cents", "committed_cents", "paid_cents", "recovered_cents"] {
            #expect(report[key].int == call[key].int, "\(key)")
        }
        try ws.expectAuditPasses(events: 48)
    }

    @Test("Désistement refusé après une avance, accepté une fois l'avance reversée", arguments: TestEngine.all)
    func withdrawalAfterRecovery(engine: TestEngine) throws {
        let ws = try Workspace(copying: FundingFixture.actorsBase, engine: engine)                               // 10: init, actors
        try ws.openFundingCall("AAP-FIN-2026")                                                    // 13
        let id = try ws.submit("AAP-FIN-2026", amount: "20 000")                                  // 14
        try ws.selectAAP(id, award: "20000")                                                      // 18
        try ws.sign(id, "arrete", reference: "ARR-2026-201")
        try ws.pay(id, "5000", kind: "advance", on: "2026-06-25")                                 // 20
        let withdraw = ws.advanceArguments(id, "withdraw", reason: "Le porteur renonce au projet")
        let refused = try ws.refused(withdraw, as: Staff.instructor, code: 1)
        #expect(refused.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Attribué (convention ou arrêté signé) » ; 5 000,00 € ont été versés : le reversement doit être enregistré avant le désistement. Actions possibles : receive-report")
        let tooMuch = try ws.refused(ws.advanceArguments(id, "request-recovery", ["amount": "5 000,01"], reason: "Désistement"),
                                     as: Staff.finance, code: 1)
        #expect(tooMuch.errorLine == "Refusé : le dossier AAP-FIN-2026-0001 est « Attribué (convention ou arrêté signé) » ; le reversement de 5 000,01 € dépasse le trop-perçu (5 000,00 € : versé 5 000,00 € net, dépensé 0,00 €). Actions possibles : pay")
        try ws.advance(id, "request-recovery", ["amount": "5 000"], reason: "Désistement du porteur", as: Staff.finance)
        #expect(try ws.show(id)["state"].string == "granted")
        try ws.ok(withdraw, as: Staff.instructor)                                                  // 22
        let withdrawn = try ws.show(id)
        #expect(withdrawn["state"].string == "withdrawn")
        #expect(try ws.amounts(id) == ["requested_cents": 2_000_000, "proposed_cents": 2_000_000, "awarded_cents": 2_000_000,
                                       "paid_cents": 500_000, "spent_cents": 0, "recovered_cents": 500_000])
        // The award no longer counts against the envelope nor as committed; the money paid and recovered stays on record.
        let call = try ws.okJSON(["call", "show", "AAP-FIN-2026"])
        #expect(call["awarded_cents"].int == 0)
        #expect(call["remaining_cents"].int == 20_000_000)
        #expect(call["committed_cents"].int == 0)
        #expect(call["paid_cents"].int == 500_000)
        #expect(call["recovered_cents"].int == 500_000)
        #expect(try ws.okJSON(["report", "call", "AAP-FIN-2026"])["money"].array?.count == 0)
        try ws.expectAuditPasses(events: 22)
    }

    @Test("Label sur trois ans (15 000 € par an) : versements par tranche, un compte rendu par année, clôture après le dernier", arguments: TestEngine.all)
    func threeYearLabel(engine: TestEngine) throws {
        let ws = try Workspace(copying: FundingFixture.actorsBase, engine: engine)                               // 10: init, actors
        try ws.openFundingCall("AMI-PCB-2026", kind: "ami", envelope: "90 000", criterion: "besoin")  // 13
        let id = try ws.submit("AMI-PCB-2026", applicant: "Crésus Hautes-Pyrénées", title: "Point conseil budget", amount: "45 000")
        try ws.advance(id, "start-review", as: Staff.instructor)
        try ws.advance(id, "shortlist", as: Staff.chair)
        try ws.advance(id, "receive-proposal", ["amount_requested": "45000", "title": "Point conseil budget labellisé 2026-2028",
                                                "received_on": "2026-05-02"], as: Staff.instructor)
        try ws.advance(id, "propose", ["opinion": "favorable", "proposed_amount": "45000"], as: Staff.instructor)
        try ws.advance(id, "score", ["besoin": "5"], as: Staff.chair)                              // 19
        let noFirstYear = try ws.refused(ws.advanceArguments(id, "select", ["awarded_amount": "45000", "years": "3"]), as: Staff.chair, code: 1)
        #expect(noFirstYear.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Proposé au comité » ; pour une subvention sur 3 ans, la première année (first_year) est obligatoire. Actions possibles : declare-conflict, rescore, waitlist, reject")
        try ws.advance(id, "select", ["awarded_amount": "45000", "years": "3", "first_year": "2026", "decided_on": "2026-06-10"], as: Staff.chair)
        try ws.sign(id, "convention", reference: "CPO-PCB-2026-1", on: "2026-06-30")              // 21

        // Year by year: a payment names its year and stays within that year's tranche.
        let noYear = try ws.refused(ws.advanceArguments(id, "pay", ws.payFields("15000", kind: "instalment", on: "2026-07-10")),
                                    as: Staff.finance, code: 1)
        #expect(noYear.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Attribué (convention ou arrêté signé) » ; l'année de la tranche (year) est obligatoire pour une subvention pluriannuelle (2026–2028). Actions possibles : request-recovery")
        let aboveTranche = try ws.refused(ws.advanceArguments(id, "pay", ws.payFields("15 000,01", kind: "instalment", on: "2026-07-10", year: "2026")),
                                          as: Staff.finance, code: 1)
        #expect(aboveTranche.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Attribué (convention ou arrêté signé) » ; le versement de 15 000,01 € dépasse ce qui reste de la tranche 2026 (15 000,00 € sur 15 000,00 €). Actions possibles : request-recovery")
        try ws.pay(id, "15000", kind: "instalment", on: "2026-07-10", year: "2026")               // 22
        let secondIn2026 = try ws.refused(ws.advanceArguments(id, "pay", ws.payFields("1000", kind: "instalment", on: "2026-10-10", year: "2026")),
                                          as: Staff.finance, code: 1)
        #expect(secondIn2026.errorLine.contains("; le versement de 1 000,00 € dépasse ce qui reste de la tranche 2026 (0,00 € sur 15 000,00 €). Actions"))
        // The report deadlines: one per year of the grant, 30 June of the next year.
        let due = try ws.okJSON(["due", "--all", "--call", "AMI-PCB-2026"])
        #expect(JSONLiteral.canonical(due) == (try JSONLiteral.canonical("""
            [{"case": "AMI-PCB-2026-0001", "kind": "report", "due_on": "2027-06-30", "overdue": false, "call": "AMI-PCB-2026", "detail": "exercice 2026"},
             {"case": "AMI-PCB-2026-0001", "kind": "report", "due_on": "2028-06-30", "overdue": false, "call": "AMI-PCB-2026", "detail": "exercice 2027"},
             {"case": "AMI-PCB-2026-0001", "kind": "report", "due_on": "2029-06-30", "overdue": false, "call": "AMI-PCB-2026", "detail": "exercice 2028"}]
            """)))

        // A report per year, named.
        let unnamed = try ws.refused(ws.advanceArguments(id, "receive-report", ["received_on": "2027-04-02", "spent_amount": "15000"]),
                                     as: Staff.instructor, code: 1)
        #expect(unnamed.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Attribué (convention ou arrêté signé) » ; l'exercice du compte rendu (year) est obligatoire pour une subvention pluriannuelle (2026–2028). Actions possibles : aucune")
        try ws.advance(id, "receive-report", ["received_on": "2027-04-02", "spent_amount": "15000", "year": "2026"], as: Staff.instructor)
        try ws.advance(id, "evaluate", ["outcome": "achieved", "note": "Permanences tenues", "indicators": "menages_accompagnes=142"],
                       as: Staff.instructor)                                                       // 24
        let close = ["case", "advance", id, "close"]
        let twoMissing = try ws.refused(close, as: Staff.finance, code: 1)
        #expect(twoMissing.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Évalué » ; comptes rendus financiers manquants pour 2027, 2028. Actions possibles : pay, request-recovery")
        let sameYear = try ws.refused(ws.advanceArguments(id, "receive-report", ["received_on": "2027-04-03", "spent_amount": "15000", "year": "2026"]),
                                      as: Staff.instructor, code: 1)
        #expect(sameYear.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Évalué » ; le compte rendu financier de l'exercice 2026 a déjà été reçu. Actions possibles : aucune")

        try ws.pay(id, "15000", kind: "instalment", on: "2027-05-10", year: "2027")
        try ws.advance(id, "receive-report", ["received_on": "2028-04-02", "spent_amount": "14000", "year": "2027"], as: Staff.instructor)
        #expect(try ws.show(id)["state"].string == "report_received")
        try ws.advance(id, "evaluate", ["outcome": "achieved", "note": "Deuxième année"], as: Staff.instructor)  // 27
        let oneMissing = try ws.refused(close, as: Staff.finance, code: 1)
        #expect(oneMissing.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Évalué » ; comptes rendus financiers manquants pour 2028. Actions possibles : pay, request-recovery")
        try ws.pay(id, "15000", kind: "balance", on: "2028-05-10", year: "2028")
        try ws.advance(id, "receive-report", ["received_on": "2029-04-02", "spent_amount": "15000", "year": "2028"], as: Staff.instructor)
        try ws.advance(id, "evaluate", ["outcome": "achieved", "note": "Troisième année"], as: Staff.instructor)  // 30

        let show = try ws.show(id)
        #expect(show["years"].int == 3)
        #expect(JSONLiteral.canonical(show["tranches"]) == (try JSONLiteral.canonical("""
            [{"year": 2026, "tranche_cents": 1500000, "paid_cents": 1500000, "spent_cents": 1500000, "evaluated": true},
             {"year": 2027, "tranche_cents": 1500000, "paid_cents": 1500000, "spent_cents": 1400000, "evaluated": true},
             {"year": 2028, "tranche_cents": 1500000, "paid_cents": 1500000, "spent_cents": 1500000, "evaluated": true}]
            """)))
        // Every year reported: 45 000 € paid, 44 000 € spent, 1 000 € to recover before closing.
        let unsettled = try ws.refused(close, as: Staff.finance, code: 1)
        #expect(unsettled.errorLine == "Refusé : le dossier AMI-PCB-2026-0001 est « Évalué » ; le dossier n'est pas soldé : 1 000,00 € restent à reverser. Actions possibles : pay, request-recovery")
        try ws.advance(id, "request-recovery", ["amount": "1000"], reason: "Dépenses 2027 inférieures à la tranche", as: Staff.finance)
        try ws.ok(close, as: Staff.finance)                                                        // 32
        #expect(try ws.show(id)["state"].string == "closed")
        #expect(try ws.amounts(id) == ["requested_cents": 4_500_000, "proposed_cents": 4_500_000, "awarded_cents": 4_500_000,
                                       "paid_cents": 4_500_000, "spent_cents": 4_400_000, "recovered_cents": 100_000])
        #expect(try ws.okJSON(["due", "--all", "--call", "AMI-PCB-2026"]).array?.count == 0)
        try ws.expectAuditPasses(events: 32)
    }
}
