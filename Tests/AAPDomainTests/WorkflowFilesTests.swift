import Foundation
import Testing
@testable import AAPDomain

@Suite("Workflow files")
struct WorkflowFilesTests {
    @Test("Workflows/ holds exactly call, aap and ami")
    func fileList() throws {
        #expect(try WorkflowFiles.names() == ["aap", "ami", "call"])
    }

    @Test("each file decodes and validates with its id, version and kind", arguments: [
        ("call", WorkflowKind.call, "Appel à projets ou à manifestation d'intérêt"),
        ("aap", .case, "Dossier d'appel à projets (AAP)"),
        ("ami", .case, "Dossier d'appel à manifestation d'intérêt (AMI)"),
    ])
    func loads(name: String, kind: WorkflowKind, label: String) throws {
        let definition = try WorkflowFiles.load(name)
        #expect(definition.format == (name == "call" ? 2 : 3), "only the case workflows have enum fields to label")
        #expect(definition.id == name)
        #expect(definition.version == 1)
        #expect(definition.ref == WorkflowRef(id: name, version: 1))
        #expect(definition.kind == kind)
        #expect(definition.label == label)
        try WorkflowValidator.validate(definition)
    }

    @Test("encoding a definition and loading it back gives an equal definition", arguments: ["call", "aap", "ami"])
    func roundTrip(name: String) throws {
        let definition = try WorkflowFiles.load(name)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(definition)
        let reloaded = try WorkflowDefinition.load(data)
        #expect(reloaded == definition)
        // Encoding is stable: the reloaded definition encodes to the same bytes.
        #expect(try encoder.encode(reloaded) == data)
    }

    // MARK: - call

    @Test("call: states, actions and rules")
    func callStructure() throws {
        let call = try WorkflowFiles.load("call")
        #expect(call.states.map(\.id) == ["draft", "open", "closed", "decided", "archived"])
        #expect(call.states.filter(\.terminal).map(\.id) == ["archived"])
        #expect(call.actions.map(\.id) == ["create", "publish", "close", "publish-results", "archive"])
        #expect(call.creationAction?.id == "create")
        #expect(call.creationAction?.to == "draft")
        let transitions = call.actions.map { "\($0.from.joined(separator: ",")) -[\($0.id)]-> \($0.to ?? "=")" }
        #expect(transitions == [
            " -[create]-> draft",
            "draft -[publish]-> open",
            "open -[close]-> closed",
            "closed -[publish-results]-> decided",
            "decided -[archive]-> archived",
        ])
        #expect(call.actions.allSatisfy { $0.roles == ["manager"] })
        #expect(call.action("publish")?.rules == ["dates_in_order", "positive_envelope"])
        #expect(call.action("close")?.rules == [])
        #expect(call.action("publish-results")?.rules == ["no_case_awaiting_decision"])
        #expect(call.action("archive")?.rules == ["all_cases_terminal"])
    }

    // MARK: - aap

    @Test("aap: the 13 states with their labels, phases and flags")
    func aapStates() throws {
        let aap = try WorkflowFiles.load("aap")
        #expect(aap.states.count == 13)
        #expect(aap.states.map(\.id) == [
            "submitted", "incomplete", "inadmissible", "in_review", "proposed", "waitlisted", "selected",
            "rejected", "granted", "report_received", "evaluated", "closed", "withdrawn",
        ])
        #expect(aap.states.map(\.label) == [
            "Déposé", "Incomplet – pièces demandées", "Irrecevable", "En instruction", "Proposé au comité",
            "Liste complémentaire", "Retenu", "Non retenu", "Attribué (convention ou arrêté signé)", "Bilan reçu",
            "Évalué", "Soldé", "Désisté",
        ])
        #expect(aap.states.map { $0.phase ?? "-" } == [
            "intake", "intake", "intake", "review", "committee", "committee", "decision",
            "decision", "funding", "evaluation", "evaluation", "evaluation", "-",
        ])
        #expect(aap.states.filter(\.terminal).map(\.id) == ["inadmissible", "rejected", "closed", "withdrawn"])
        #expect(aap.states.filter(\.holdsAward).map(\.id) == ["selected", "granted", "report_received", "evaluated", "closed"])
        #expect(aap.states.filter(\.outcome).map(\.id) == ["waitlisted"])
    }

    @Test("aap: actions, in file order, with their origins and targets")
    func aapActions() throws {
        let aap = try WorkflowFiles.load("aap")
        let transitions = aap.actions.map { "\($0.from.joined(separator: ",")) -[\($0.id)]-> \($0.stays ? "=" : $0.to ?? "?")" }
        #expect(transitions == [
            " -[submit]-> submitted",
            "submitted -[request-documents]-> incomplete",
            "incomplete -[receive-documents]-> submitted",
            "submitted,incomplete -[declare-inadmissible]-> inadmissible",
            "submitted -[start-review]-> in_review",
            "in_review -[propose]-> proposed",
            "proposed -[declare-conflict]-> =",
            "proposed -[score]-> =",
            "proposed -[rescore]-> =",
            "proposed,waitlisted -[select]-> selected",
            "proposed -[waitlist]-> waitlisted",
            "selected,waitlisted -[retract-decision]-> proposed",
            "in_review,proposed,waitlisted -[reject]-> rejected",
            "selected -[sign-agreement]-> granted",
            "granted,report_received,evaluated -[pay]-> =",
            "granted,evaluated -[receive-report]-> report_received",
            "report_received -[evaluate]-> evaluated",
            "granted,report_received,evaluated -[request-recovery]-> =",
            "evaluated -[close]-> closed",
            "submitted,incomplete,in_review,proposed,waitlisted,selected,granted,report_received -[withdraw]-> withdrawn",
        ])
    }

    @Test("aap: select is the committee chair's, with its six rules")
    func aapSelect() throws {
        let aap = try WorkflowFiles.load("aap")
        let select = try #require(aap.action("select"))
        #expect(select.from == ["proposed", "waitlisted"])
        #expect(select.to == "selected")
        #expect(select.stays == false)
        #expect(select.roles == ["committee_chair"])
        #expect(select.allowedRoles(from: "proposed") == [.committeeChair])
        #expect(select.rules == ["quorum", "no_conflict", "not_above_requested", "within_envelope", "separation_of_duties", "multi_year_dates"])
        #expect(select.effect == .decision)
        #expect(select.fields.map(\.id) == ["awarded_amount", "years", "first_year", "decided_on"])
        let awarded = try #require(select.field("awarded_amount"))
        #expect(awarded.type == .money)
        #expect(awarded.sets == "awarded")
        #expect(awarded.positive)
        #expect(!awarded.optional)
        let years = try #require(select.field("years"))
        #expect(years.type == .integer)
        #expect(years.optional)
        #expect(years.min == 1)
        let firstYear = try #require(select.field("first_year"))
        #expect(firstYear.type == .integer)
        #expect(firstYear.optional)
        #expect(firstYear.min == 2000)
        #expect(firstYear.max == 2100)
        let decidedOn = try #require(select.field("decided_on"))
        #expect(decidedOn.type == .date)
        #expect(decidedOn.optional)
    }

    @Test("aap: roles, reasons, rules and effects of the other actions")
    func aapActionDetails() throws {
        let aap = try WorkflowFiles.load("aap")
        func roles(_ id: String) -> [String] { aap.action(id)?.roles ?? ["<missing>"] }
        func rules(_ id: String) -> [String] { aap.action(id)?.rules ?? ["<missing>"] }
        func reason(_ id: String) -> ReasonRequirement? { aap.action(id)?.reason }
        #expect(roles("submit") == ["instructor"])
        #expect(rules("submit") == ["call_open", "on_time", "eligible_territory", "eligible_applicant_kind", "valid_identifier"])
        #expect(aap.action("submit")?.fields.map(\.id) == [
            "applicant_name", "applicant_kind", "siret", "rna", "departement", "title", "amount_requested", "received_on", "late_reason",
        ])
        #expect(aap.action("submit")?.field("applicant_kind")?.values == ApplicantKind.allCases.map(\.rawValue))
        #expect(roles("score") == ["committee_member", "committee_chair"])
        #expect(rules("score") == ["committee_member_of_call", "no_conflict", "one_score_per_member"])
        #expect(aap.action("score")?.effect == .score)
        #expect(aap.action("score")?.fields == [])
        #expect(roles("rescore") == ["committee_member", "committee_chair"])
        #expect(rules("rescore") == ["committee_member_of_call", "no_conflict", "scored_before"])
        #expect(reason("rescore") == .required)
        #expect(reason("score") == .optional)
        #expect(aap.action("rescore")?.effect == .score)
        #expect(aap.action("rescore")?.from == ["proposed"])
        #expect(aap.action("rescore")?.stays == true)
        #expect(aap.action("rescore")?.fields == [])
        #expect(aap.action("declare-conflict")?.effect == .conflict)
        #expect(reason("declare-conflict") == .required)
        #expect(rules("declare-conflict") == ["committee_member_of_call", "no_conflict"])
        #expect(rules("propose") == ["not_above_requested"])
        #expect(aap.action("propose")?.field("opinion")?.values == ["favorable", "reserved", "unfavorable"])
        #expect(rules("waitlist") == ["quorum", "no_conflict", "separation_of_duties"])
        #expect(reason("waitlist") == .required)
        #expect(roles("reject") == ["committee_chair"])
        #expect(aap.action("reject")?.rolesFrom == ["in_review": ["instructor"]])
        #expect(aap.action("reject")?.allowedRoles(from: "in_review") == [.instructor])
        #expect(aap.action("reject")?.allowedRoles(from: "proposed") == [.committeeChair])
        #expect(reason("reject") == .required)
        #expect(roles("sign-agreement") == ["finance"])
        #expect(rules("sign-agreement") == ["convention_above_threshold"])
        #expect(aap.action("sign-agreement")?.field("instrument")?.values == ["convention", "arrete"])
        #expect(rules("pay") == ["paid_within_award", "balance_after_evaluation"])
        #expect(aap.action("pay")?.field("amount")?.addsTo == "paid")
        #expect(aap.action("pay")?.field("kind")?.values == ["advance", "instalment", "balance"])
        #expect(aap.action("pay")?.fields.map(\.id) == ["amount", "kind", "paid_on", "year", "ej"])
        #expect(aap.action("receive-report")?.field("spent_amount")?.sets == nil)
        #expect(aap.action("receive-report")?.field("spent_amount")?.addsTo == "spent")
        #expect(aap.action("receive-report")?.fields.map(\.id) == ["received_on", "spent_amount", "year"])
        #expect(aap.action("receive-report")?.field("year")?.optional == true)
        #expect(rules("receive-report") == ["report_year"])
        #expect(aap.action("evaluate")?.fields.map(\.id) == ["outcome", "note", "indicators"])
        #expect(aap.action("evaluate")?.field("indicators")?.format == .keyValues)
        #expect(aap.action("evaluate")?.field("indicators")?.optional == true)
        #expect(aap.action("evaluate")?.field("outcome")?.values == ["achieved", "partial", "not_achieved"])
        #expect(rules("request-recovery") == ["recovery_within_unspent"])
        #expect(aap.action("request-recovery")?.field("amount")?.addsTo == "recovered")
        #expect(rules("close") == ["all_reports_received", "settled"])
        #expect(roles("close") == ["finance"])
        #expect(rules("withdraw") == ["recovered_before_withdrawal"])
        #expect(reason("withdraw") == .required)
        #expect(reason("declare-inadmissible") == .required)
    }

    @Test("aap and ami: retract-decision takes a selection or a waitlisting back to proposed, chair only, motivated, within four months",
          arguments: ["aap", "ami"])
    func retractDecision(name: String) throws {
        let definition = try WorkflowFiles.load(name)
        let retract = try #require(definition.action("retract-decision"))
        #expect(retract.label == "Retirer la décision (CRPA L242-1)")
        #expect(retract.from == ["selected", "waitlisted"])
        #expect(retract.to == "proposed")
        #expect(retract.stays == false)
        #expect(retract.roles == ["committee_chair"])
        #expect(retract.reason == .required)
        #expect(retract.rules == ["no_conflict", "separation_of_duties", "retraction_window"])
        #expect(retract.effect == .decision)
        #expect(retract.fields.isEmpty)
        // Right after waitlist, before reject: the order of the file.
        let ids = definition.actions.map(\.id)
        #expect(ids.firstIndex(of: "retract-decision") == ids.firstIndex(of: "waitlist").map { $0 + 1 })
    }

    // MARK: - ami

    @Test("ami: the AAP states plus shortlisted, not_shortlisted and proposal_received")
    func amiStates() throws {
        let ami = try WorkflowFiles.load("ami")
        #expect(ami.states.map(\.id) == [
            "submitted", "incomplete", "inadmissible", "in_review", "shortlisted", "not_shortlisted", "proposal_received",
            "proposed", "waitlisted", "selected", "rejected", "granted", "report_received", "evaluated", "closed", "withdrawn",
        ])
        #expect(ami.label(ofState: "submitted") == "Manifestation d'intérêt reçue")
        #expect(ami.label(ofState: "shortlisted") == "Présélectionné")
        #expect(ami.label(ofState: "not_shortlisted") == "Non présélectionné")
        #expect(ami.label(ofState: "proposal_received") == "Projet détaillé reçu")
        #expect(ami.label(ofState: "selected") == "Retenu / Labellisé")
        #expect(ami.states.filter(\.terminal).map(\.id) == ["inadmissible", "not_shortlisted", "rejected", "closed", "withdrawn"])
    }

    @Test("ami: two-stage actions")
    func amiActions() throws {
        let ami = try WorkflowFiles.load("ami")
        #expect(ami.actions.map(\.id) == [
            "submit", "request-documents", "receive-documents", "declare-inadmissible", "start-review", "shortlist", "decline",
            "receive-proposal", "propose", "declare-conflict", "score", "rescore", "select", "waitlist", "retract-decision", "reject",
            "sign-agreement", "pay",
            "receive-report", "evaluate", "request-recovery", "close", "withdraw",
        ])
        #expect(ami.action("shortlist")?.from == ["in_review"])
        #expect(ami.action("shortlist")?.to == "shortlisted")
        #expect(ami.action("shortlist")?.roles == ["committee_chair", "manager"])
        #expect(ami.action("decline")?.to == "not_shortlisted")
        #expect(ami.action("decline")?.reason == .required)
        #expect(ami.action("receive-proposal")?.from == ["shortlisted"])
        #expect(ami.action("receive-proposal")?.to == "proposal_received")
        #expect(ami.action("receive-proposal")?.fields.map(\.id) == ["amount_requested", "title", "received_on"])
        #expect(ami.action("receive-proposal")?.field("amount_requested")?.sets == "requested")
        #expect(ami.action("receive-proposal")?.field("title")?.sets == "title")
        #expect(ami.action("propose")?.from == ["proposal_received"])
        #expect(ami.action("reject")?.from == ["proposed", "waitlisted"])
        #expect(ami.action("reject")?.rolesFrom == [:])
        #expect(ami.action("rescore")?.rules == ["committee_member_of_call", "no_conflict", "scored_before"])
        #expect(ami.action("rescore")?.reason == .required)
        #expect(ami.action("rescore")?.effect == .score)
        #expect(ami.action("select")?.rules == ["quorum", "no_conflict", "not_above_requested", "within_envelope", "separation_of_duties", "multi_year_dates"])
        #expect(ami.action("select")?.fields.map(\.id) == ["awarded_amount", "years", "first_year", "decided_on"])
        #expect(ami.action("declare-conflict")?.rules == ["committee_member_of_call", "no_conflict"])
        #expect(ami.action("receive-report")?.from == ["granted", "evaluated"])
        #expect(ami.action("receive-report")?.rules == ["report_year"])
        #expect(ami.action("request-recovery")?.from == ["granted", "report_received", "evaluated"])
        #expect(ami.action("close")?.rules == ["all_reports_received", "settled"])
        #expect(ami.action("withdraw")?.from == [
            "submitted", "incomplete", "in_review", "shortlisted", "proposal_received", "proposed", "waitlisted", "selected",
            "granted", "report_received",
        ])
    }

    @Test("the workflows name only known roles and rules of their kind", arguments: ["call", "aap", "ami"])
    func namesAreKnown(name: String) throws {
        let definition = try WorkflowFiles.load(name)
        for action in definition.actions {
            for role in action.roles { #expect(Role(rawValue: role) != nil, "\(name).\(action.id): \(role)") }
            for rule in action.rules { #expect(RuleName(rawValue: rule)?.appliesTo == definition.kind, "\(name).\(action.id): \(rule)") }
        }
    }
}
