import Foundation
import Testing
@testable import AAPDomain

/// Funding after the decision, through `decide`: multi-year grants (tranches, a report per year,
/// closing), recoveries before the evaluation, indicators, and the deadlines computed from the events.
@Suite("Funding rules")
struct FundingRuleTests {
    static func advance(_ caseID: CaseID, _ action: String, _ fields: [String: String] = [:], reason: String? = nil) -> Command {
        .advanceCase(AdvanceCase(caseID: caseID.value, action: action, fields: fields, reason: reason))
    }

    /// The deadlines of every case, the log's `at` read as its first ten characters.
    static func deadlines(_ world: World) -> [String] {
        world.state.deadlines { CalendarDate.isISO(String($0.prefix(10))) }
            .map { "\($0.caseID.value) \($0.kind.rawValue) \($0.dueOn.iso) \($0.detail)" }
    }

    // MARK: - Multi-year grants

    @Test("a three-year grant: tranches, a payment and a report per year, closing once every year is reported and evaluated")
    func threeYearGrant() throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase() // 40 000 € requested
        try world.bring(caseID, to: "proposed")

        // years > 1 needs first_year.
        let noFirstYear = try #require(world.refusal(Self.advance(caseID, "select", ["awarded_amount": "40 000", "years": "3"]), by: "chair"))
        #expect(noFirstYear.kind == .rule)
        #expect(noFirstYear.code == "rule.multi_year_dates")
        #expect(noFirstYear.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; pour une subvention sur 3 ans, la première année (first_year) est obligatoire. Actions possibles : declare-conflict, score, waitlist, reject")
        try world.run(Self.advance(caseID, "select", ["awarded_amount": "40 000", "years": "3", "first_year": "2026", "decided_on": "2026-05-12"]), by: "chair")
        var c = try #require(world.state.cases[caseID])
        #expect(c.years == 3)
        #expect(c.grantYears == 2026...2028)
        // 40 000 € / 3: two tranches of 13 333,33 €, the last one takes the rounding.
        #expect([2025, 2026, 2027, 2028, 2029].map { c.tranche(of: $0).cents } == [0, 1_333_333, 1_333_333, 1_333_334, 0])
        #expect(Self.deadlines(world) == ["AAP-TEST-2026-0001 agreement 2026-07-11 retenu le 12/05/2026 pour 40 000,00 €"])

        try world.run(Self.advance(caseID, "sign-agreement", ["instrument": "convention", "reference": "CPO-2026-3", "signed_on": "2026-06-01"]), by: "fin")
        #expect(Self.deadlines(world) == [
            "AAP-TEST-2026-0001 report 2027-06-30 exercice 2026",
            "AAP-TEST-2026-0001 report 2028-06-30 exercice 2027",
            "AAP-TEST-2026-0001 report 2029-06-30 exercice 2028",
        ])

        // Payments name their year and stay within its tranche.
        let pay = { (amount: String, year: String?) -> Command in
            var fields = ["amount": amount, "kind": "instalment", "paid_on": "2026-06-10"]
            fields["year"] = year
            return Self.advance(caseID, "pay", fields)
        }
        let noYear = try #require(world.refusal(pay("13 333,33", nil), by: "fin"))
        #expect(noYear.code == "rule.paid_within_award")
        #expect(noYear.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Attribué (convention ou arrêté signé) » ; l'année de la tranche (year) est obligatoire pour une subvention pluriannuelle (2026–2028). Actions possibles : request-recovery")
        #expect(world.refusal(pay("1 000", "2029"), by: "fin")?.message.contains("; l'année 2029 n'est pas couverte par la subvention (2026–2028). Actions") == true)
        let aboveTranche = try #require(world.refusal(pay("13 333,34", "2026"), by: "fin"))
        #expect(aboveTranche.code == "rule.paid_within_award")
        #expect(aboveTranche.message.contains("; le versement de 13 333,34 € dépasse ce qui reste de la tranche 2026 (13 333,33 € sur 13 333,33 €). Actions"))
        try world.run(pay("10 000", "2026"), by: "fin")
        #expect(world.refusal(pay("3 333,34", "2026"), by: "fin")?.message.contains("dépasse ce qui reste de la tranche 2026 (3 333,33 € sur 13 333,33 €)") == true)
        try world.run(pay("3 333,33", "2026"), by: "fin")
        try world.run(pay("13 333,34", "2028"), by: "fin") // the last tranche, with the rounding
        c = try #require(world.state.cases[caseID])
        #expect(c.paidByYear == [2026: Money(cents: 1_333_333), 2028: Money(cents: 1_333_334)])
        #expect(c.amounts.paid == Money(cents: 2_666_667))

        // A report per year, named.
        let report = { (year: String?, spent: String) -> Command in
            var fields = ["received_on": "2027-03-02", "spent_amount": spent]
            fields["year"] = year
            return Self.advance(caseID, "receive-report", fields)
        }
        let unnamed = try #require(world.refusal(report(nil, "13 000"), by: "instr"))
        #expect(unnamed.code == "rule.report_year")
        #expect(unnamed.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Attribué (convention ou arrêté signé) » ; l'exercice du compte rendu (year) est obligatoire pour une subvention pluriannuelle (2026–2028). Actions possibles : aucune")
        #expect(world.refusal(report("2025", "13 000"), by: "instr")?.message.contains("; l'exercice 2025 n'est pas couvert par la subvention (2026–2028). Actions") == true)
        try world.run(report("2026", "13 000"), by: "instr")
        try world.run(Self.advance(caseID, "evaluate", ["outcome": "achieved", "note": "Première année conforme"]), by: "instr")
        #expect(Self.deadlines(world) == [
            "AAP-TEST-2026-0001 report 2028-06-30 exercice 2027",
            "AAP-TEST-2026-0001 report 2029-06-30 exercice 2028",
        ])
        let twice = try #require(world.refusal(report("2026", "13 000"), by: "instr"))
        #expect(twice.code == "rule.report_year")
        #expect(twice.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; le compte rendu financier de l'exercice 2026 a déjà été reçu. Actions possibles : aucune")

        // Closing needs every year reported and evaluated.
        let close = Self.advance(caseID, "close")
        let missing = try #require(world.refusal(close, by: "fin"))
        #expect(missing.code == "rule.all_reports_received")
        #expect(missing.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; comptes rendus financiers manquants pour 2027, 2028. Actions possibles : pay, request-recovery")

        // The next year's report moves the evaluated case back to report_received.
        let next = try world.run(report("2027", "13 333,33"), by: "instr")
        #expect(next == .caseAdvanced(CaseAdvanced(
            caseID: caseID, action: "receive-report", from: "evaluated", to: "report_received",
            fields: Fields(["received_on": .string("2027-03-02"), "spent_amount": .money(Money(cents: 1_333_333)), "year": .integer(2027)]),
            reason: nil
        )))
        try world.run(Self.advance(caseID, "evaluate", ["outcome": "achieved", "note": "Deuxième année"]), by: "instr")
        #expect(world.refusal(close, by: "fin")?.message.contains("; comptes rendus financiers manquants pour 2028. Actions") == true)
        try world.run(report("2028", "13 333,34"), by: "instr")
        try world.run(Self.advance(caseID, "evaluate", ["outcome": "partial", "note": "Troisième année"]), by: "instr")
        #expect(Self.deadlines(world) == [])

        // Every year reported: owed min(40 000, 39 666,67) = 39 666,67 €, paid 26 666,67 €.
        let unsettled = try #require(world.refusal(close, by: "fin"))
        #expect(unsettled.code == "rule.settled")
        #expect(unsettled.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; le dossier n'est pas soldé : 13 000,00 € restent à verser. Actions possibles : pay, request-recovery")
        try world.run(Self.advance(caseID, "pay", ["amount": "13 000", "kind": "balance", "paid_on": "2029-04-02", "year": "2027"]), by: "fin")
        try world.run(close, by: "fin")
        c = try #require(world.state.cases[caseID])
        #expect(c.state == "closed")
        #expect(c.evaluatedYears == [2026, 2027, 2028])
        #expect(c.spentByYear == [2026: euros(13_000), 2027: Money(cents: 1_333_333), 2028: Money(cents: 1_333_334)])
        #expect(c.amounts.spent == Money(cents: 3_966_667))
        #expect(c.amounts.paid == Money(cents: 3_966_667))
    }

    @Test("a single-year grant takes one report; receive-report from evaluated is then refused")
    func singleYearReportOnce() throws {
        let (world, caseID) = try RuleRefusalTests.world(caseIn: "evaluated")
        let again = try #require(world.refusal(Self.advance(caseID, "receive-report", ["received_on": "2026-05-30", "spent_amount": "1 000"]), by: "instr"))
        #expect(again.kind == .rule)
        #expect(again.code == "rule.report_year")
        #expect(again.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Évalué » ; le compte rendu financier de cette subvention a déjà été reçu. Actions possibles : aucune")
    }

    @Test("select: years = 1 needs no first_year; first_year alone is kept")
    func singleYearSelect() throws {
        let (world, caseID) = try RuleRefusalTests.world(caseIn: "proposed")
        #expect(world.outcome(Self.advance(caseID, "select", ["awarded_amount": "30 000", "years": "1"]), by: "chair") == .moves("selected"))
        var copy = world
        try copy.run(Self.advance(caseID, "select", ["awarded_amount": "30 000", "first_year": "2025"]), by: "chair")
        let c = try #require(copy.state.cases[caseID])
        #expect(c.years == 1)
        #expect(c.firstYear == 2025)
        #expect(c.grantYears == 2025...2025)
    }

    // MARK: - Recoveries before the evaluation

    @Test("an advance recovered from granted or report_received lets the case be withdrawn", arguments: ["granted", "report_received"])
    func recoveryThenWithdrawal(state: String) throws {
        var (world, caseID) = try RuleRefusalTests.world(caseIn: state) // 30 000 € awarded; 20 000 € spent in report_received
        try world.run(Self.advance(caseID, "pay", ["amount": "8 000", "kind": "advance", "paid_on": "2026-05-21"]), by: "fin")
        let withdraw = Self.advance(caseID, "withdraw", reason: "Le porteur renonce")
        #expect(world.refusal(withdraw, by: "instr")?.code == "rule.recovered_before_withdrawal")
        let recover = { (amount: String) in Self.advance(caseID, "request-recovery", ["amount": amount], reason: "Avance à reverser") }
        if state == "granted" {
            // Nothing spent yet: the whole advance may be asked back, not a cent more.
            let tooMuch = try #require(world.refusal(recover("8 000,01"), by: "fin"))
            #expect(tooMuch.code == "rule.recovery_within_unspent")
            #expect(tooMuch.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Attribué (convention ou arrêté signé) » ; le reversement de 8 000,01 € dépasse le trop-perçu (8 000,00 € : versé 8 000,00 € net, dépensé 0,00 €). Actions possibles : pay")
            try world.run(recover("8 000"), by: "fin")
            #expect(world.outcome(withdraw, by: "instr") == .moves("withdrawn"))
        } else {
            // 20 000 € spent, 8 000 € paid: nothing was paid beyond what was spent.
            let nothing = try #require(world.refusal(recover("0,01"), by: "fin"))
            #expect(nothing.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Bilan reçu » ; le reversement de 0,01 € dépasse le trop-perçu (0,00 € : versé 8 000,00 € net, dépensé 20 000,00 €). Actions possibles : pay")
        }
    }

    // MARK: - Indicators

    @Test("indicators are normalised", arguments: [
        ("a=1;b = deux", "a=1; b=deux"),
        ("Beneficiaires=120 ; ateliers = 14 ;", "beneficiaires=120; ateliers=14"),
        ("menages_accompagnes=142", "menages_accompagnes=142"),
        ("taux=12,5 %; lieu=Foix = centre", "taux=12,5 %; lieu=Foix = centre"),
    ])
    func indicatorsNormalised(input: String, stored: String) throws {
        var (world, caseID) = try RuleRefusalTests.world(caseIn: "report_received")
        try world.run(Self.advance(caseID, "evaluate", ["outcome": "achieved", "note": "Conforme", "indicators": input]), by: "instr")
        #expect(world.state.cases[caseID]?.fields["indicators"] == .string(stored))
    }

    @Test("malformed indicators are invalid input", arguments: [
        ("a=1;b", "Indicateur invalide « b » dans « indicators » : attendu clé=valeur (ex. beneficiaires=120; ateliers=14)"),
        ("=3", "Indicateur invalide « =3 » dans « indicators » : clé en minuscules (lettres, chiffres, « _ ») et valeur non vide"),
        ("a=", "Indicateur invalide « a= » dans « indicators » : clé en minuscules (lettres, chiffres, « _ ») et valeur non vide"),
        ("nb ateliers=3", "Indicateur invalide « nb ateliers=3 » dans « indicators » : clé en minuscules (lettres, chiffres, « _ ») et valeur non vide"),
        ("a=1; A=2", "Indicateur en double « a » dans « indicators »"),
        (" ; ", "Aucun indicateur dans « indicators » : attendu clé=valeur; clé=valeur"),
    ])
    func indicatorsRefused(input: String, message: String) throws {
        let (world, caseID) = try RuleRefusalTests.world(caseIn: "report_received")
        let refusal = try #require(world.refusal(Self.advance(caseID, "evaluate", ["outcome": "achieved", "note": "Conforme", "indicators": input]), by: "instr"))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == "field.indicators")
        #expect(refusal.message == message)
    }

    // MARK: - Deadlines

    @Test("documents while incomplete; implicit rejection two months after the complete request, not while incomplete")
    func intakeDeadlines() throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase() // received 2026-04-12
        #expect(Self.deadlines(world) == ["AAP-TEST-2026-0001 implicit_rejection 2026-06-12 demande reçue complète le 12/04/2026 sans décision"])
        try world.run(Self.advance(caseID, "request-documents", ["missing": "Budget prévisionnel", "due_on": "2026-05-15"]), by: "instr")
        #expect(Self.deadlines(world) == ["AAP-TEST-2026-0001 documents 2026-05-15 Budget prévisionnel"])
        try world.run(Self.advance(caseID, "receive-documents", ["received_on": "2026-05-03"]), by: "instr")
        #expect(Self.deadlines(world) == ["AAP-TEST-2026-0001 implicit_rejection 2026-07-03 demande reçue complète le 03/05/2026 sans décision"])
        try world.bring(caseID, to: "proposed") // start-review, propose, scores
        #expect(Self.deadlines(world) == ["AAP-TEST-2026-0001 implicit_rejection 2026-07-03 demande reçue complète le 03/05/2026 sans décision"])
        try world.run(Self.advance(caseID, "waitlist", reason: "Enveloppe"), by: "chair")
        #expect(Self.deadlines(world) == [])
    }

    @Test("agreement: 60 days after the committee date, else after the recorded select")
    func agreementDeadline() throws {
        var world = try World(kind: "aap")
        let dated = try world.submitCase()
        let recorded = try world.submitCase()
        try world.bring(dated, to: "proposed")
        try world.bring(recorded, to: "proposed")
        try world.run(Self.advance(dated, "select", ["awarded_amount": "30 000", "decided_on": "2026-05-29"]), by: "chair")
        let event = try world.decide(Self.advance(recorded, "select", ["awarded_amount": "20 000"]), by: "chair")
        world.state.apply(RecordedEvent(seq: world.state.eventCount + 1, at: "2026-06-03T09:30:00Z", actor: try actorID("chair"), event: event))
        #expect(Self.deadlines(world) == [
            "AAP-TEST-2026-0001 agreement 2026-07-28 retenu le 29/05/2026 pour 30 000,00 €",
            "AAP-TEST-2026-0002 agreement 2026-08-02 retenu le 03/06/2026 pour 20 000,00 €",
        ])
        try world.run(Self.advance(dated, "sign-agreement", ["instrument": "convention", "reference": "CONV-1", "signed_on": "2026-06-20"]), by: "fin")
        #expect(Self.deadlines(world) == [
            "AAP-TEST-2026-0002 agreement 2026-08-02 retenu le 03/06/2026 pour 20 000,00 €",
            "AAP-TEST-2026-0001 report 2027-06-30 exercice 2026",
        ])
    }

    @Test("single-year report: 30 June after first_year, else after the year of signature; none once received")
    func singleYearReportDeadline() throws {
        var world = try World(kind: "aap")
        let first = try world.submitCase()
        try world.bring(first, to: "proposed")
        try world.run(Self.advance(first, "select", ["awarded_amount": "20 000", "first_year": "2025"]), by: "chair")
        try world.run(Self.advance(first, "sign-agreement", ["instrument": "arrete", "reference": "ARR-1", "signed_on": "2026-06-20"]), by: "fin")
        #expect(Self.deadlines(world) == ["AAP-TEST-2026-0001 report 2026-06-30 exercice 2025"])
        try world.run(Self.advance(first, "receive-report", ["received_on": "2026-06-25", "spent_amount": "20 000"]), by: "instr")
        #expect(Self.deadlines(world) == [])
    }
}
