import CustomDump
import Testing
@testable import AAPDomain

/// A world whose case events are also kept as the log would record them (seq and `at`), for the
/// projections that read the events as well as the folded state.
struct Journal {
    var world: World
    var events: [RecordedEvent] = []

    var state: StoreState { world.state }

    /// Applies the event to the world and keeps it as recorded at `at`.
    mutating func record(_ event: Event, by actor: String, at: String) throws {
        let recorded = RecordedEvent(seq: world.state.eventCount + 1, at: at, actor: try actorID(actor), event: event)
        world.state.apply(recorded)
        events.append(recorded)
    }

    /// Submits a case the way ``World/submitCase(call:requested:departement:kind:)`` does, recorded.
    @discardableResult
    mutating func submit(at: String, requested: Money = euros(40_000)) throws -> CaseID {
        let call = try #require(world.state.calls[try callID("AAP-TEST-2026")])
        let id = call.nextCaseID
        try record(.caseSubmitted(CaseSubmitted(
            caseID: id, call: call.id, workflow: call.caseWorkflow,
            applicant: Applicant(name: "Association Les Mobilités", kind: .association, siret: try Siret.parse("35600000000048"),
                                 rna: nil, departement: try DepartementCode.parse("31")),
            title: "Transport solidaire", amountRequested: requested, receivedOn: try date("2026-04-12"), lateReason: nil
        )), by: "instr", at: at)
        return id
    }

    /// Records a `case.advanced` event; `to` is written literally by the caller.
    mutating func advance(
        _ id: CaseID, _ action: String, by actor: String, to: String, at: String, fields: [String: FieldValue] = [:], reason: String? = nil
    ) throws {
        let from = try #require(world.state.cases[id]).state
        try record(.caseAdvanced(CaseAdvanced(caseID: id, action: action, from: from, to: to, fields: Fields(fields), reason: reason)),
                   by: actor, at: at)
    }

    /// Review, proposal at 30 000 € and the two scores of the quorum (m1: 3,6 ; m2: 3,8).
    mutating func propose(_ id: CaseID, at: String) throws {
        try advance(id, "start-review", by: "instr", to: "in_review", at: at)
        try advance(id, "propose", by: "instr", to: "proposed", at: at,
                    fields: ["opinion": .string("favorable"), "proposed_amount": .money(euros(30_000))])
        try advance(id, "score", by: "m1", to: "proposed", at: at, fields: ["pertinence": .integer(4), "faisabilite": .integer(3)])
        try advance(id, "score", by: "m2", to: "proposed", at: at, fields: ["pertinence": .integer(5), "faisabilite": .integer(2)])
    }
}

/// Each projection of the domain, compared as a whole value with the one expected.
@Suite struct ProjectionTests {
    func caseID(_ text: String) throws -> CaseID { try CaseID.parse(text) }

    /// A call of 80 000 €: case 1 granted and paid in part, case 2 selected then its decision
    /// retracted, case 3 selected, cases 4 and 5 waitlisted (5 scored higher), case 6 only submitted.
    func fundingWorld() throws -> (World, CallState) {
        var world = try World(kind: "aap", envelope: euros(80_000))
        let ids = try (1...6).map { _ in try world.submitCase() }
        try world.bring(ids[0], to: "report_received")
        try world.advance(ids[0], "pay", by: "fin", to: "report_received", fields: [
            "amount": .money(euros(15_000)), "kind": .string("advance"), "paid_on": .string("2026-05-26"),
        ])
        try world.bring(ids[1], to: "selected")
        try world.advance(ids[1], "retract-decision", by: "chair", to: "proposed", reason: "Erreur matérielle")
        try world.bring(ids[2], to: "selected")
        try world.advance(ids[2], "pay", by: "fin", to: "selected", fields: [
            "amount": .money(euros(5_000)), "kind": .string("advance"), "paid_on": .string("2026-05-27"),
        ])
        try world.bring(ids[3], to: "waitlisted")
        try world.bring(ids[4], to: "proposed")
        try world.advance(ids[4], "score", by: "m3", to: "proposed", fields: ["pertinence": .integer(5), "faisabilite": .integer(5)])
        try world.advance(ids[4], "waitlist", by: "chair", to: "waitlisted", reason: "Enveloppe insuffisante")
        return (world, try #require(world.state.calls[try callID("AAP-TEST-2026")]))
    }

    @Test func moneyView() throws {
        let (world, call) = try fundingWorld()
        expectNoDifference(MoneyView(call: call, in: world.state), MoneyView(
            envelope: euros(80_000),
            rows: [
                .init(caseID: try caseID("AAP-TEST-2026-0001"), awarded: euros(30_000), agreementSigned: true, paid: euros(15_000),
                      spent: euros(20_000), recovered: .zero, toPay: euros(5_000)),
                .init(caseID: try caseID("AAP-TEST-2026-0003"), awarded: euros(30_000), agreementSigned: false, paid: euros(5_000),
                      spent: .zero, recovered: .zero, toPay: euros(25_000)),
            ],
            awarded: euros(60_000), committed: euros(30_000), paid: euros(20_000), recovered: .zero, toPay: euros(30_000),
            requested: euros(240_000)
        ))
    }

    @Test func rankingAndWaitlist() throws {
        let (world, call) = try fundingWorld()
        let ranking = CallRanking(call: call, in: world.state)
        let quorum = (3.6 + 3.8) / 2
        let withM3 = (3.6 + 3.8 + 5.0) / 3
        expectNoDifference(ranking, CallRanking(entries: [
            .init(caseID: try caseID("AAP-TEST-2026-0005"), weightedScore: withM3, award: .none),
            .init(caseID: try caseID("AAP-TEST-2026-0001"), weightedScore: quorum, award: .counted(euros(30_000))),
            .init(caseID: try caseID("AAP-TEST-2026-0002"), weightedScore: quorum, award: .released(euros(30_000))),
            .init(caseID: try caseID("AAP-TEST-2026-0003"), weightedScore: quorum, award: .counted(euros(30_000))),
            .init(caseID: try caseID("AAP-TEST-2026-0004"), weightedScore: quorum, award: .none),
        ]))
        expectNoDifference(FundableWaitlist(call: call, in: world.state), FundableWaitlist(remaining: euros(20_000), entries: [
            .init(caseID: try caseID("AAP-TEST-2026-0005"), proposed: euros(30_000), remainingBefore: euros(20_000), fundable: false),
            .init(caseID: try caseID("AAP-TEST-2026-0004"), proposed: euros(30_000), remainingBefore: euros(20_000), fundable: false),
        ]))
    }

    @Test func waitlistFundsDownTheRanks() throws {
        var world = try World(kind: "aap", envelope: euros(50_000))
        let ids = try (1...3).map { _ in try world.submitCase() }
        for id in ids { try world.bring(id, to: "proposed") }
        try world.advance(ids[1], "score", by: "m3", to: "proposed", fields: ["pertinence": .integer(5), "faisabilite": .integer(5)])
        for id in ids { try world.advance(id, "waitlist", by: "chair", to: "waitlisted", reason: "Enveloppe insuffisante") }
        let call = try #require(world.state.calls[try callID("AAP-TEST-2026")])
        expectNoDifference(FundableWaitlist(call: call, in: world.state), FundableWaitlist(remaining: euros(50_000), entries: [
            .init(caseID: try caseID("AAP-TEST-2026-0002"), proposed: euros(30_000), remainingBefore: euros(50_000), fundable: true),
            .init(caseID: try caseID("AAP-TEST-2026-0001"), proposed: euros(30_000), remainingBefore: euros(20_000), fundable: false),
            .init(caseID: try caseID("AAP-TEST-2026-0003"), proposed: euros(30_000), remainingBefore: euros(20_000), fundable: false),
        ]))
    }

    @Test func committeeMinutes() throws {
        var journal = Journal(world: try World(kind: "aap"))
        let first = try journal.submit(at: "2026-04-12T08:00:00Z")
        try journal.propose(first, at: "2026-05-02T08:00:00Z")
        try journal.advance(first, "declare-conflict", by: "m3", to: "proposed", at: "2026-05-03T08:00:00Z", reason: "Adhérent du porteur")
        try journal.advance(first, "select", by: "chair", to: "selected", at: "2026-05-04T08:00:00Z",
                            fields: ["awarded_amount": .money(euros(25_000))])
        let second = try journal.submit(at: "2026-04-13T08:00:00Z")
        try journal.advance(second, "start-review", by: "instr", to: "in_review", at: "2026-05-02T09:00:00Z")
        try journal.advance(second, "propose", by: "instr", to: "proposed", at: "2026-05-02T09:30:00Z",
                            fields: ["opinion": .string("réservé"), "proposed_amount": .money(euros(10_000))])
        try journal.advance(second, "score", by: "m1", to: "proposed", at: "2026-05-03T09:00:00Z",
                            fields: ["pertinence": .integer(2), "faisabilite": .integer(2)])
        try journal.submit(at: "2026-04-14T08:00:00Z")
        let call = try #require(journal.state.calls[try callID("AAP-TEST-2026")])
        let m3 = try actorID("m3")
        expectNoDifference(CommitteeMinutes(call: call, in: journal.state, events: journal.events), CommitteeMinutes(cases: [
            .init(caseID: first, opinion: "favorable", opinionLabel: "Favorable", recused: [.init(member: m3, reason: "Adhérent du porteur")], scorers: 2, quorumReached: true, weightedScore: (3.6 + 3.8) / 2,
                  decisions: [.init(seq: journal.events[6].seq, at: "2026-05-04T08:00:00Z", actor: try actorID("chair"), action: "select",
                                    to: "selected", awarded: euros(25_000), reason: nil)]),
            .init(caseID: second, opinion: "réservé", recused: [], scorers: 1, quorumReached: false, weightedScore: 2, decisions: []),
        ]))
    }

    /// Without a committee no quorum is reached (the minutes once printed « 0 / 0 atteint » while
    /// their JSON said `quorum_reached: false`).
    @Test func noCommitteeNoQuorum() throws {
        var journal = Journal(world: try World(kind: "aap"))
        let id = try journal.submit(at: "2026-04-12T08:00:00Z")
        try journal.propose(id, at: "2026-05-02T08:00:00Z")
        var call = try #require(journal.state.calls[try callID("AAP-TEST-2026")])
        call.committee = nil
        expectNoDifference(CommitteeMinutes(call: call, in: journal.state, events: journal.events), CommitteeMinutes(cases: [
            .init(caseID: id, opinion: "favorable", opinionLabel: "Favorable", recused: [], scorers: 0, quorumReached: false, weightedScore: (3.6 + 3.8) / 2,
                  decisions: []),
        ]))
    }

    @Test func caseTimeline() throws {
        var journal = Journal(world: try World(kind: "aap"))
        let id = try journal.submit(at: "2026-04-12T08:00:00Z")
        try journal.propose(id, at: "2026-05-02T08:00:00Z")
        try journal.advance(id, "select", by: "chair", to: "selected", at: "2026-05-04T08:00:00Z",
                            fields: ["awarded_amount": .money(euros(30_000))])
        try journal.advance(id, "sign-agreement", by: "fin", to: "granted", at: "2026-05-21T08:00:00Z", fields: [
            "instrument": .string("convention"), "reference": .string("CONV-2026-001"), "signed_on": .string("2026-05-20"),
        ])
        try journal.advance(id, "pay", by: "fin", to: "granted", at: "2026-05-26T08:00:00Z", fields: [
            "amount": .money(euros(20_000)), "kind": .string("advance"), "paid_on": .string("2026-05-25"),
        ])
        let seqs = journal.events.map(\.seq)
        let timelines = CaseTimeline.all(journal.events, state: journal.state) { at in try? date(String(at.prefix(10))) }
        let expected = CaseTimeline(
            submittedAt: "2026-04-12T08:00:00Z", decidedOn: try date("2026-05-04"),
            agreement: .init(seq: seqs[6], signedOn: try date("2026-05-20"), reference: "CONV-2026-001", instrument: .convention),
            payments: [.init(seq: seqs[7], amount: euros(20_000), date: try date("2026-05-25"), kind: .advance, year: nil)],
            lastAt: "2026-05-26T08:00:00Z", lastSeq: seqs[7]
        )
        expectNoDifference(timelines, [id: expected])
    }

    @Test func caseHistory() throws {
        var journal = Journal(world: try World(kind: "aap"))
        let id = try journal.submit(at: "2026-04-12T08:00:00Z")
        try journal.advance(id, "request-documents", by: "instr", to: "incomplete", at: "2026-04-20T08:00:00Z",
                            fields: ["missing": .string("Statuts signés"), "due_on": .string("2026-05-15")])
        try journal.advance(id, "withdraw", by: "instr", to: "withdrawn", at: "2026-04-22T08:00:00Z", reason: "Le porteur renonce")
        let seqs = journal.events.map(\.seq)
        let instr = try actorID("instr")
        expectNoDifference(CaseHistory(of: id, events: journal.events, state: journal.state), CaseHistory(entries: [
            .init(seq: seqs[0], at: "2026-04-12T08:00:00Z", actor: instr, action: "submit", from: nil, to: "submitted", fields: [
                "applicant_name": .string("Association Les Mobilités"), "applicant_kind": .string("association"),
                "departement": .string("31"), "title": .string("Transport solidaire"), "amount_requested": .money(euros(40_000)),
                "received_on": .string("2026-04-12"), "siret": .string("35600000000048"),
            ], reason: nil, effectiveOn: try date("2026-04-12")),
            .init(seq: seqs[1], at: "2026-04-20T08:00:00Z", actor: instr, action: "request-documents", from: "submitted", to: "incomplete",
                  fields: ["missing": .string("Statuts signés"), "due_on": .string("2026-05-15")], reason: nil, effectiveOn: nil),
            .init(seq: seqs[2], at: "2026-04-22T08:00:00Z", actor: instr, action: "withdraw", from: "incomplete", to: "withdrawn",
                  fields: [:], reason: "Le porteur renonce", effectiveOn: nil),
        ]))
    }

    @Test func deadlines() throws {
        var world = try World(kind: "aap")
        let ids = try (1...4).map { _ in try world.submitCase() }
        try world.bring(ids[0], to: "incomplete")
        try world.bring(ids[1], to: "proposed")
        try world.bring(ids[2], to: "granted")
        try world.bring(ids[3], to: "rejected")
        expectNoDifference(world.state.deadlines { _ in nil }, [
            Deadline(caseID: ids[0], kind: .documents, dueOn: try date("2026-05-15"), detail: "Statuts signés"),
            Deadline(caseID: ids[1], kind: .implicitRejection, dueOn: try date("2026-06-12"),
                     detail: "demande reçue complète le 12/04/2026 sans décision"),
            Deadline(caseID: ids[2], kind: .report, dueOn: try date("2027-06-30"), detail: "exercice 2026"),
        ])
    }
}
