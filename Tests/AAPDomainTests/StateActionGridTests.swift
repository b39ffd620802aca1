import Foundation
import Testing
@testable import AAPDomain

/// Every state × action pair of each workflow, against a literal expected outcome.
///
/// Each cell builds a fresh store (by applying events, see ``World/bring(_:to:)``), puts one case
/// (or the call) in the row's state and asks `decide` for the column's action, as an actor who
/// holds the action's role (with a committee seat for committee actions) and with valid fields.
/// A cell either moves to the literal target state, or is refused with the literal code: `state`
/// when the workflow does not allow the action from that state.
///
/// The histories (see ``World/bring(_:to:)``) make every happy path pass, except a few that no
/// single history can allow together with `close`: `request-recovery` finds nothing to recover
/// (nothing paid in `granted` and `report_received`, settled in `evaluated` with 20 000 € spent
/// and paid), and `receive-report` from `evaluated` is for the next year of a multi-year grant,
/// so this single-year case has none due (`report_year`). Those paths are covered in
/// ``RuleRefusalTests`` and ``FundingRuleTests``.
@Suite("State × action grid")
struct StateActionGridTests {
    static let aapGrid: [(String, String, Outcome)] = [
        ("submitted", "submit", .refused("action.unknown")),
        ("submitted", "request-documents", .moves("incomplete")),
        ("submitted", "receive-documents", .refused("state")),
        ("submitted", "declare-inadmissible", .moves("inadmissible")),
        ("submitted", "start-review", .moves("in_review")),
        ("submitted", "propose", .refused("state")),
        ("submitted", "declare-conflict", .refused("state")),
        ("submitted", "score", .refused("state")),
        ("submitted", "rescore", .refused("state")),
        ("submitted", "select", .refused("state")),
        ("submitted", "waitlist", .refused("state")),
        ("submitted", "retract-decision", .refused("state")),
        ("submitted", "reject", .refused("state")),
        ("submitted", "sign-agreement", .refused("state")),
        ("submitted", "pay", .refused("state")),
        ("submitted", "receive-report", .refused("state")),
        ("submitted", "evaluate", .refused("state")),
        ("submitted", "request-recovery", .refused("state")),
        ("submitted", "close", .refused("state")),
        ("submitted", "withdraw", .moves("withdrawn")),

        ("incomplete", "submit", .refused("action.unknown")),
        ("incomplete", "request-documents", .refused("state")),
        ("incomplete", "receive-documents", .moves("submitted")),
        ("incomplete", "declare-inadmissible", .moves("inadmissible")),
        ("incomplete", "start-review", .refused("state")),
        ("incomplete", "propose", .refused("state")),
        ("incomplete", "declare-conflict", .refused("state")),
        ("incomplete", "score", .refused("state")),
        ("incomplete", "rescore", .refused("state")),
        ("incomplete", "select", .refused("state")),
        ("incomplete", "waitlist", .refused("state")),
        ("incomplete", "retract-decision", .refused("state")),
        ("incomplete", "reject", .refused("state")),
        ("incomplete", "sign-agreement", .refused("state")),
        ("incomplete", "pay", .refused("state")),
        ("incomplete", "receive-report", .refused("state")),
        ("incomplete", "evaluate", .refused("state")),
        ("incomplete", "request-recovery", .refused("state")),
        ("incomplete", "close", .refused("state")),
        ("incomplete", "withdraw", .moves("withdrawn")),

        ("inadmissible", "submit", .refused("action.unknown")),
        ("inadmissible", "request-documents", .refused("state")),
        ("inadmissible", "receive-documents", .refused("state")),
        ("inadmissible", "declare-inadmissible", .refused("state")),
        ("inadmissible", "start-review", .refused("state")),
        ("inadmissible", "propose", .refused("state")),
        ("inadmissible", "declare-conflict", .refused("state")),
        ("inadmissible", "score", .refused("state")),
        ("inadmissible", "rescore", .refused("state")),
        ("inadmissible", "select", .refused("state")),
        ("inadmissible", "waitlist", .refused("state")),
        ("inadmissible", "retract-decision", .refused("state")),
        ("inadmissible", "reject", .refused("state")),
        ("inadmissible", "sign-agreement", .refused("state")),
        ("inadmissible", "pay", .refused("state")),
        ("inadmissible", "receive-report", .refused("state")),
        ("inadmissible", "evaluate", .refused("state")),
        ("inadmissible", "request-recovery", .refused("state")),
        ("inadmissible", "close", .refused("state")),
        ("inadmissible", "withdraw", .refused("state")),

        ("in_review", "submit", .refused("action.unknown")),
        ("in_review", "request-documents", .refused("state")),
        ("in_review", "receive-documents", .refused("state")),
        ("in_review", "declare-inadmissible", .refused("state")),
        ("in_review", "start-review", .refused("state")),
        ("in_review", "propose", .moves("proposed")),
        ("in_review", "declare-conflict", .refused("state")),
        ("in_review", "score", .refused("state")),
        ("in_review", "rescore", .refused("state")),
        ("in_review", "select", .refused("state")),
        ("in_review", "waitlist", .refused("state")),
        ("in_review", "retract-decision", .refused("state")),
        ("in_review", "reject", .moves("rejected")),
        ("in_review", "sign-agreement", .refused("state")),
        ("in_review", "pay", .refused("state")),
        ("in_review", "receive-report", .refused("state")),
        ("in_review", "evaluate", .refused("state")),
        ("in_review", "request-recovery", .refused("state")),
        ("in_review", "close", .refused("state")),
        ("in_review", "withdraw", .moves("withdrawn")),

        ("proposed", "submit", .refused("action.unknown")),
        ("proposed", "request-documents", .refused("state")),
        ("proposed", "receive-documents", .refused("state")),
        ("proposed", "declare-inadmissible", .refused("state")),
        ("proposed", "start-review", .refused("state")),
        ("proposed", "propose", .refused("state")),
        ("proposed", "declare-conflict", .moves("proposed")),
        ("proposed", "score", .moves("proposed")),
        ("proposed", "rescore", .moves("proposed")),
        ("proposed", "select", .moves("selected")),
        ("proposed", "waitlist", .moves("waitlisted")),
        ("proposed", "retract-decision", .refused("state")),
        ("proposed", "reject", .moves("rejected")),
        ("proposed", "sign-agreement", .refused("state")),
        ("proposed", "pay", .refused("state")),
        ("proposed", "receive-report", .refused("state")),
        ("proposed", "evaluate", .refused("state")),
        ("proposed", "request-recovery", .refused("state")),
        ("proposed", "close", .refused("state")),
        ("proposed", "withdraw", .moves("withdrawn")),

        ("waitlisted", "submit", .refused("action.unknown")),
        ("waitlisted", "request-documents", .refused("state")),
        ("waitlisted", "receive-documents", .refused("state")),
        ("waitlisted", "declare-inadmissible", .refused("state")),
        ("waitlisted", "start-review", .refused("state")),
        ("waitlisted", "propose", .refused("state")),
        ("waitlisted", "declare-conflict", .refused("state")),
        ("waitlisted", "score", .refused("state")),
        ("waitlisted", "rescore", .refused("state")),
        ("waitlisted", "select", .moves("selected")),
        ("waitlisted", "waitlist", .refused("state")),
        ("waitlisted", "retract-decision", .moves("proposed")),
        ("waitlisted", "reject", .moves("rejected")),
        ("waitlisted", "sign-agreement", .refused("state")),
        ("waitlisted", "pay", .refused("state")),
        ("waitlisted", "receive-report", .refused("state")),
        ("waitlisted", "evaluate", .refused("state")),
        ("waitlisted", "request-recovery", .refused("state")),
        ("waitlisted", "close", .refused("state")),
        ("waitlisted", "withdraw", .moves("withdrawn")),

        ("selected", "submit", .refused("action.unknown")),
        ("selected", "request-documents", .refused("state")),
        ("selected", "receive-documents", .refused("state")),
        ("selected", "declare-inadmissible", .refused("state")),
        ("selected", "start-review", .refused("state")),
        ("selected", "propose", .refused("state")),
        ("selected", "declare-conflict", .refused("state")),
        ("selected", "score", .refused("state")),
        ("selected", "rescore", .refused("state")),
        ("selected", "select", .refused("state")),
        ("selected", "waitlist", .refused("state")),
        ("selected", "retract-decision", .moves("proposed")),
        ("selected", "reject", .refused("state")),
        ("selected", "sign-agreement", .moves("granted")),
        ("selected", "pay", .refused("state")),
        ("selected", "receive-report", .refused("state")),
        ("selected", "evaluate", .refused("state")),
        ("selected", "request-recovery", .refused("state")),
        ("selected", "close", .refused("state")),
        ("selected", "withdraw", .moves("withdrawn")),

        ("rejected", "submit", .refused("action.unknown")),
        ("rejected", "request-documents", .refused("state")),
        ("rejected", "receive-documents", .refused("state")),
        ("rejected", "declare-inadmissible", .refused("state")),
        ("rejected", "start-review", .refused("state")),
        ("rejected", "propose", .refused("state")),
        ("rejected", "declare-conflict", .refused("state")),
        ("rejected", "score", .refused("state")),
        ("rejected", "rescore", .refused("state")),
        ("rejected", "select", .refused("state")),
        ("rejected", "waitlist", .refused("state")),
        ("rejected", "retract-decision", .refused("state")),
        ("rejected", "reject", .refused("state")),
        ("rejected", "sign-agreement", .refused("state")),
        ("rejected", "pay", .refused("state")),
        ("rejected", "receive-report", .refused("state")),
        ("rejected", "evaluate", .refused("state")),
        ("rejected", "request-recovery", .refused("state")),
        ("rejected", "close", .refused("state")),
        ("rejected", "withdraw", .refused("state")),

        ("granted", "submit", .refused("action.unknown")),
        ("granted", "request-documents", .refused("state")),
        ("granted", "receive-documents", .refused("state")),
        ("granted", "declare-inadmissible", .refused("state")),
        ("granted", "start-review", .refused("state")),
        ("granted", "propose", .refused("state")),
        ("granted", "declare-conflict", .refused("state")),
        ("granted", "score", .refused("state")),
        ("granted", "rescore", .refused("state")),
        ("granted", "select", .refused("state")),
        ("granted", "waitlist", .refused("state")),
        ("granted", "retract-decision", .refused("state")),
        ("granted", "reject", .refused("state")),
        ("granted", "sign-agreement", .refused("state")),
        ("granted", "pay", .moves("granted")),
        ("granted", "receive-report", .moves("report_received")),
        ("granted", "evaluate", .refused("state")),
        ("granted", "request-recovery", .refused("rule.recovery_within_unspent")),
        ("granted", "close", .refused("state")),
        ("granted", "withdraw", .moves("withdrawn")),

        ("report_received", "submit", .refused("action.unknown")),
        ("report_received", "request-documents", .refused("state")),
        ("report_received", "receive-documents", .refused("state")),
        ("report_received", "declare-inadmissible", .refused("state")),
        ("report_received", "start-review", .refused("state")),
        ("report_received", "propose", .refused("state")),
        ("report_received", "declare-conflict", .refused("state")),
        ("report_received", "score", .refused("state")),
        ("report_received", "rescore", .refused("state")),
        ("report_received", "select", .refused("state")),
        ("report_received", "waitlist", .refused("state")),
        ("report_received", "retract-decision", .refused("state")),
        ("report_received", "reject", .refused("state")),
        ("report_received", "sign-agreement", .refused("state")),
        ("report_received", "pay", .moves("report_received")),
        ("report_received", "receive-report", .refused("state")),
        ("report_received", "evaluate", .moves("evaluated")),
        ("report_received", "request-recovery", .refused("rule.recovery_within_unspent")),
        ("report_received", "close", .refused("state")),
        ("report_received", "withdraw", .moves("withdrawn")),

        ("evaluated", "submit", .refused("action.unknown")),
        ("evaluated", "request-documents", .refused("state")),
        ("evaluated", "receive-documents", .refused("state")),
        ("evaluated", "declare-inadmissible", .refused("state")),
        ("evaluated", "start-review", .refused("state")),
        ("evaluated", "propose", .refused("state")),
        ("evaluated", "declare-conflict", .refused("state")),
        ("evaluated", "score", .refused("state")),
        ("evaluated", "rescore", .refused("state")),
        ("evaluated", "select", .refused("state")),
        ("evaluated", "waitlist", .refused("state")),
        ("evaluated", "retract-decision", .refused("state")),
        ("evaluated", "reject", .refused("state")),
        ("evaluated", "sign-agreement", .refused("state")),
        ("evaluated", "pay", .moves("evaluated")),
        ("evaluated", "receive-report", .refused("rule.report_year")),
        ("evaluated", "evaluate", .refused("state")),
        ("evaluated", "request-recovery", .refused("rule.recovery_within_unspent")),
        ("evaluated", "close", .moves("closed")),
        ("evaluated", "withdraw", .refused("state")),

        ("closed", "submit", .refused("action.unknown")),
        ("closed", "request-documents", .refused("state")),
        ("closed", "receive-documents", .refused("state")),
        ("closed", "declare-inadmissible", .refused("state")),
        ("closed", "start-review", .refused("state")),
        ("closed", "propose", .refused("state")),
        ("closed", "declare-conflict", .refused("state")),
        ("closed", "score", .refused("state")),
        ("closed", "rescore", .refused("state")),
        ("closed", "select", .refused("state")),
        ("closed", "waitlist", .refused("state")),
        ("closed", "retract-decision", .refused("state")),
        ("closed", "reject", .refused("state")),
        ("closed", "sign-agreement", .refused("state")),
        ("closed", "pay", .refused("state")),
        ("closed", "receive-report", .refused("state")),
        ("closed", "evaluate", .refused("state")),
        ("closed", "request-recovery", .refused("state")),
        ("closed", "close", .refused("state")),
        ("closed", "withdraw", .refused("state")),

        ("withdrawn", "submit", .refused("action.unknown")),
        ("withdrawn", "request-documents", .refused("state")),
        ("withdrawn", "receive-documents", .refused("state")),
        ("withdrawn", "declare-inadmissible", .refused("state")),
        ("withdrawn", "start-review", .refused("state")),
        ("withdrawn", "propose", .refused("state")),
        ("withdrawn", "declare-conflict", .refused("state")),
        ("withdrawn", "score", .refused("state")),
        ("withdrawn", "rescore", .refused("state")),
        ("withdrawn", "select", .refused("state")),
        ("withdrawn", "waitlist", .refused("state")),
        ("withdrawn", "retract-decision", .refused("state")),
        ("withdrawn", "reject", .refused("state")),
        ("withdrawn", "sign-agreement", .refused("state")),
        ("withdrawn", "pay", .refused("state")),
        ("withdrawn", "receive-report", .refused("state")),
        ("withdrawn", "evaluate", .refused("state")),
        ("withdrawn", "request-recovery", .refused("state")),
        ("withdrawn", "close", .refused("state")),
        ("withdrawn", "withdraw", .refused("state")),
    ]

    static let amiGrid: [(String, String, Outcome)] = [
        ("submitted", "submit", .refused("action.unknown")),
        ("submitted", "request-documents", .moves("incomplete")),
        ("submitted", "receive-documents", .refused("state")),
        ("submitted", "declare-inadmissible", .moves("inadmissible")),
        ("submitted", "start-review", .moves("in_review")),
        ("submitted", "shortlist", .refused("state")),
        ("submitted", "decline", .refused("state")),
        ("submitted", "receive-proposal", .refused("state")),
        ("submitted", "propose", .refused("state")),
        ("submitted", "declare-conflict", .refused("state")),
        ("submitted", "score", .refused("state")),
        ("submitted", "rescore", .refused("state")),
        ("submitted", "select", .refused("state")),
        ("submitted", "waitlist", .refused("state")),
        ("submitted", "retract-decision", .refused("state")),
        ("submitted", "reject", .refused("state")),
        ("submitted", "sign-agreement", .refused("state")),
        ("submitted", "pay", .refused("state")),
        ("submitted", "receive-report", .refused("state")),
        ("submitted", "evaluate", .refused("state")),
        ("submitted", "request-recovery", .refused("state")),
        ("submitted", "close", .refused("state")),
        ("submitted", "withdraw", .moves("withdrawn")),

        ("incomplete", "submit", .refused("action.unknown")),
        ("incomplete", "request-documents", .refused("state")),
        ("incomplete", "receive-documents", .moves("submitted")),
        ("incomplete", "declare-inadmissible", .moves("inadmissible")),
        ("incomplete", "start-review", .refused("state")),
        ("incomplete", "shortlist", .refused("state")),
        ("incomplete", "decline", .refused("state")),
        ("incomplete", "receive-proposal", .refused("state")),
        ("incomplete", "propose", .refused("state")),
        ("incomplete", "declare-conflict", .refused("state")),
        ("incomplete", "score", .refused("state")),
        ("incomplete", "rescore", .refused("state")),
        ("incomplete", "select", .refused("state")),
        ("incomplete", "waitlist", .refused("state")),
        ("incomplete", "retract-decision", .refused("state")),
        ("incomplete", "reject", .refused("state")),
        ("incomplete", "sign-agreement", .refused("state")),
        ("incomplete", "pay", .refused("state")),
        ("incomplete", "receive-report", .refused("state")),
        ("incomplete", "evaluate", .refused("state")),
        ("incomplete", "request-recovery", .refused("state")),
        ("incomplete", "close", .refused("state")),
        ("incomplete", "withdraw", .moves("withdrawn")),

        ("inadmissible", "submit", .refused("action.unknown")),
        ("inadmissible", "request-documents", .refused("state")),
        ("inadmissible", "receive-documents", .refused("state")),
        ("inadmissible", "declare-inadmissible", .refused("state")),
        ("inadmissible", "start-review", .refused("state")),
        ("inadmissible", "shortlist", .refused("state")),
        ("inadmissible", "decline", .refused("state")),
        ("inadmissible", "receive-proposal", .refused("state")),
        ("inadmissible", "propose", .refused("state")),
        ("inadmissible", "declare-conflict", .refused("state")),
        ("inadmissible", "score", .refused("state")),
        ("inadmissible", "rescore", .refused("state")),
        ("inadmissible", "select", .refused("state")),
        ("inadmissible", "waitlist", .refused("state")),
        ("inadmissible", "retract-decision", .refused("state")),
        ("inadmissible", "reject", .refused("state")),
        ("inadmissible", "sign-agreement", .refused("state")),
        ("inadmissible", "pay", .refused("state")),
        ("inadmissible", "receive-report", .refused("state")),
        ("inadmissible", "evaluate", .refused("state")),
        ("inadmissible", "request-recovery", .refused("state")),
        ("inadmissible", "close", .refused("state")),
        ("inadmissible", "withdraw", .refused("state")),

        ("in_review", "submit", .refused("action.unknown")),
        ("in_review", "request-documents", .refused("state")),
        ("in_review", "receive-documents", .refused("state")),
        ("in_review", "declare-inadmissible", .refused("state")),
        ("in_review", "start-review", .refused("state")),
        ("in_review", "shortlist", .moves("shortlisted")),
        ("in_review", "decline", .moves("not_shortlisted")),
        ("in_review", "receive-proposal", .refused("state")),
        ("in_review", "propose", .refused("state")),
        ("in_review", "declare-conflict", .refused("state")),
        ("in_review", "score", .refused("state")),
        ("in_review", "rescore", .refused("state")),
        ("in_review", "select", .refused("state")),
        ("in_review", "waitlist", .refused("state")),
        ("in_review", "retract-decision", .refused("state")),
        ("in_review", "reject", .refused("state")),
        ("in_review", "sign-agreement", .refused("state")),
        ("in_review", "pay", .refused("state")),
        ("in_review", "receive-report", .refused("state")),
        ("in_review", "evaluate", .refused("state")),
        ("in_review", "request-recovery", .refused("state")),
        ("in_review", "close", .refused("state")),
        ("in_review", "withdraw", .moves("withdrawn")),

        ("shortlisted", "submit", .refused("action.unknown")),
        ("shortlisted", "request-documents", .refused("state")),
        ("shortlisted", "receive-documents", .refused("state")),
        ("shortlisted", "declare-inadmissible", .refused("state")),
        ("shortlisted", "start-review", .refused("state")),
        ("shortlisted", "shortlist", .refused("state")),
        ("shortlisted", "decline", .refused("state")),
        ("shortlisted", "receive-proposal", .moves("proposal_received")),
        ("shortlisted", "propose", .refused("state")),
        ("shortlisted", "declare-conflict", .refused("state")),
        ("shortlisted", "score", .refused("state")),
        ("shortlisted", "rescore", .refused("state")),
        ("shortlisted", "select", .refused("state")),
        ("shortlisted", "waitlist", .refused("state")),
        ("shortlisted", "retract-decision", .refused("state")),
        ("shortlisted", "reject", .refused("state")),
        ("shortlisted", "sign-agreement", .refused("state")),
        ("shortlisted", "pay", .refused("state")),
        ("shortlisted", "receive-report", .refused("state")),
        ("shortlisted", "evaluate", .refused("state")),
        ("shortlisted", "request-recovery", .refused("state")),
        ("shortlisted", "close", .refused("state")),
        ("shortlisted", "withdraw", .moves("withdrawn")),

        ("not_shortlisted", "submit", .refused("action.unknown")),
        ("not_shortlisted", "request-documents", .refused("state")),
        ("not_shortlisted", "receive-documents", .refused("state")),
        ("not_shortlisted", "declare-inadmissible", .refused("state")),
        ("not_shortlisted", "start-review", .refused("state")),
        ("not_shortlisted", "shortlist", .refused("state")),
        ("not_shortlisted", "decline", .refused("state")),
        ("not_shortlisted", "receive-proposal", .refused("state")),
        ("not_shortlisted", "propose", .refused("state")),
        ("not_shortlisted", "declare-conflict", .refused("state")),
        ("not_shortlisted", "score", .refused("state")),
        ("not_shortlisted", "rescore", .refused("state")),
        ("not_shortlisted", "select", .refused("state")),
        ("not_shortlisted", "waitlist", .refused("state")),
        ("not_shortlisted", "retract-decision", .refused("state")),
        ("not_shortlisted", "reject", .refused("state")),
        ("not_shortlisted", "sign-agreement", .refused("state")),
        ("not_shortlisted", "pay", .refused("state")),
        ("not_shortlisted", "receive-report", .refused("state")),
        ("not_shortlisted", "evaluate", .refused("state")),
        ("not_shortlisted", "request-recovery", .refused("state")),
        ("not_shortlisted", "close", .refused("state")),
        ("not_shortlisted", "withdraw", .refused("state")),

        ("proposal_received", "submit", .refused("action.unknown")),
        ("proposal_received", "request-documents", .refused("state")),
        ("proposal_received", "receive-documents", .refused("state")),
        ("proposal_received", "declare-inadmissible", .refused("state")),
        ("proposal_received", "start-review", .refused("state")),
        ("proposal_received", "shortlist", .refused("state")),
        ("proposal_received", "decline", .refused("state")),
        ("proposal_received", "receive-proposal", .refused("state")),
        ("proposal_received", "propose", .moves("proposed")),
        ("proposal_received", "declare-conflict", .refused("state")),
        ("proposal_received", "score", .refused("state")),
        ("proposal_received", "rescore", .refused("state")),
        ("proposal_received", "select", .refused("state")),
        ("proposal_received", "waitlist", .refused("state")),
        ("proposal_received", "retract-decision", .refused("state")),
        ("proposal_received", "reject", .refused("state")),
        ("proposal_received", "sign-agreement", .refused("state")),
        ("proposal_received", "pay", .refused("state")),
        ("proposal_received", "receive-report", .refused("state")),
        ("proposal_received", "evaluate", .refused("state")),
        ("proposal_received", "request-recovery", .refused("state")),
        ("proposal_received", "close", .refused("state")),
        ("proposal_received", "withdraw", .moves("withdrawn")),

        ("proposed", "submit", .refused("action.unknown")),
        ("proposed", "request-documents", .refused("state")),
        ("proposed", "receive-documents", .refused("state")),
        ("proposed", "declare-inadmissible", .refused("state")),
        ("proposed", "start-review", .refused("state")),
        ("proposed", "shortlist", .refused("state")),
        ("proposed", "decline", .refused("state")),
        ("proposed", "receive-proposal", .refused("state")),
        ("proposed", "propose", .refused("state")),
        ("proposed", "declare-conflict", .moves("proposed")),
        ("proposed", "score", .moves("proposed")),
        ("proposed", "rescore", .moves("proposed")),
        ("proposed", "select", .moves("selected")),
        ("proposed", "waitlist", .moves("waitlisted")),
        ("proposed", "retract-decision", .refused("state")),
        ("proposed", "reject", .moves("rejected")),
        ("proposed", "sign-agreement", .refused("state")),
        ("proposed", "pay", .refused("state")),
        ("proposed", "receive-report", .refused("state")),
        ("proposed", "evaluate", .refused("state")),
        ("proposed", "request-recovery", .refused("state")),
        ("proposed", "close", .refused("state")),
        ("proposed", "withdraw", .moves("withdrawn")),

        ("waitlisted", "submit", .refused("action.unknown")),
        ("waitlisted", "request-documents", .refused("state")),
        ("waitlisted", "receive-documents", .refused("state")),
        ("waitlisted", "declare-inadmissible", .refused("state")),
        ("waitlisted", "start-review", .refused("state")),
        ("waitlisted", "shortlist", .refused("state")),
        ("waitlisted", "decline", .refused("state")),
        ("waitlisted", "receive-proposal", .refused("state")),
        ("waitlisted", "propose", .refused("state")),
        ("waitlisted", "declare-conflict", .refused("state")),
        ("waitlisted", "score", .refused("state")),
        ("waitlisted", "rescore", .refused("state")),
        ("waitlisted", "select", .moves("selected")),
        ("waitlisted", "waitlist", .refused("state")),
        ("waitlisted", "retract-decision", .moves("proposed")),
        ("waitlisted", "reject", .moves("rejected")),
        ("waitlisted", "sign-agreement", .refused("state")),
        ("waitlisted", "pay", .refused("state")),
        ("waitlisted", "receive-report", .refused("state")),
        ("waitlisted", "evaluate", .refused("state")),
        ("waitlisted", "request-recovery", .refused("state")),
        ("waitlisted", "close", .refused("state")),
        ("waitlisted", "withdraw", .moves("withdrawn")),

        ("selected", "submit", .refused("action.unknown")),
        ("selected", "request-documents", .refused("state")),
        ("selected", "receive-documents", .refused("state")),
        ("selected", "declare-inadmissible", .refused("state")),
        ("selected", "start-review", .refused("state")),
        ("selected", "shortlist", .refused("state")),
        ("selected", "decline", .refused("state")),
        ("selected", "receive-proposal", .refused("state")),
        ("selected", "propose", .refused("state")),
        ("selected", "declare-conflict", .refused("state")),
        ("selected", "score", .refused("state")),
        ("selected", "rescore", .refused("state")),
        ("selected", "select", .refused("state")),
        ("selected", "waitlist", .refused("state")),
        ("selected", "retract-decision", .moves("proposed")),
        ("selected", "reject", .refused("state")),
        ("selected", "sign-agreement", .moves("granted")),
        ("selected", "pay", .refused("state")),
        ("selected", "receive-report", .refused("state")),
        ("selected", "evaluate", .refused("state")),
        ("selected", "request-recovery", .refused("state")),
        ("selected", "close", .refused("state")),
        ("selected", "withdraw", .moves("withdrawn")),

        ("rejected", "submit", .refused("action.unknown")),
        ("rejected", "request-documents", .refused("state")),
        ("rejected", "receive-documents", .refused("state")),
        ("rejected", "declare-inadmissible", .refused("state")),
        ("rejected", "start-review", .refused("state")),
        ("rejected", "shortlist", .refused("state")),
        ("rejected", "decline", .refused("state")),
        ("rejected", "receive-proposal", .refused("state")),
        ("rejected", "propose", .refused("state")),
        ("rejected", "declare-conflict", .refused("state")),
        ("rejected", "score", .refused("state")),
        ("rejected", "rescore", .refused("state")),
        ("rejected", "select", .refused("state")),
        ("rejected", "waitlist", .refused("state")),
        ("rejected", "retract-decision", .refused("state")),
        ("rejected", "reject", .refused("state")),
        ("rejected", "sign-agreement", .refused("state")),
        ("rejected", "pay", .refused("state")),
        ("rejected", "receive-report", .refused("state")),
        ("rejected", "evaluate", .refused("state")),
        ("rejected", "request-recovery", .refused("state")),
        ("rejected", "close", .refused("state")),
        ("rejected", "withdraw", .refused("state")),

        ("granted", "submit", .refused("action.unknown")),
        ("granted", "request-documents", .refused("state")),
        ("granted", "receive-documents", .refused("state")),
        ("granted", "declare-inadmissible", .refused("state")),
        ("granted", "start-review", .refused("state")),
        ("granted", "shortlist", .refused("state")),
        ("granted", "decline", .refused("state")),
        ("granted", "receive-proposal", .refused("state")),
        ("granted", "propose", .refused("state")),
        ("granted", "declare-conflict", .refused("state")),
        ("granted", "score", .refused("state")),
        ("granted", "rescore", .refused("state")),
        ("granted", "select", .refused("state")),
        ("granted", "waitlist", .refused("state")),
        ("granted", "retract-decision", .refused("state")),
        ("granted", "reject", .refused("state")),
        ("granted", "sign-agreement", .refused("state")),
        ("granted", "pay", .moves("granted")),
        ("granted", "receive-report", .moves("report_received")),
        ("granted", "evaluate", .refused("state")),
        ("granted", "request-recovery", .refused("rule.recovery_within_unspent")),
        ("granted", "close", .refused("state")),
        ("granted", "withdraw", .moves("withdrawn")),

        ("report_received", "submit", .refused("action.unknown")),
        ("report_received", "request-documents", .refused("state")),
        ("report_received", "receive-documents", .refused("state")),
        ("report_received", "declare-inadmissible", .refused("state")),
        ("report_received", "start-review", .refused("state")),
        ("report_received", "shortlist", .refused("state")),
        ("report_received", "decline", .refused("state")),
        ("report_received", "receive-proposal", .refused("state")),
        ("report_received", "propose", .refused("state")),
        ("report_received", "declare-conflict", .refused("state")),
        ("report_received", "score", .refused("state")),
        ("report_received", "rescore", .refused("state")),
        ("report_received", "select", .refused("state")),
        ("report_received", "waitlist", .refused("state")),
        ("report_received", "retract-decision", .refused("state")),
        ("report_received", "reject", .refused("state")),
        ("report_received", "sign-agreement", .refused("state")),
        ("report_received", "pay", .moves("report_received")),
        ("report_received", "receive-report", .refused("state")),
        ("report_received", "evaluate", .moves("evaluated")),
        ("report_received", "request-recovery", .refused("rule.recovery_within_unspent")),
        ("report_received", "close", .refused("state")),
        ("report_received", "withdraw", .moves("withdrawn")),

        ("evaluated", "submit", .refused("action.unknown")),
        ("evaluated", "request-documents", .refused("state")),
        ("evaluated", "receive-documents", .refused("state")),
        ("evaluated", "declare-inadmissible", .refused("state")),
        ("evaluated", "start-review", .refused("state")),
        ("evaluated", "shortlist", .refused("state")),
        ("evaluated", "decline", .refused("state")),
        ("evaluated", "receive-proposal", .refused("state")),
        ("evaluated", "propose", .refused("state")),
        ("evaluated", "declare-conflict", .refused("state")),
        ("evaluated", "score", .refused("state")),
        ("evaluated", "rescore", .refused("state")),
        ("evaluated", "select", .refused("state")),
        ("evaluated", "waitlist", .refused("state")),
        ("evaluated", "retract-decision", .refused("state")),
        ("evaluated", "reject", .refused("state")),
        ("evaluated", "sign-agreement", .refused("state")),
        ("evaluated", "pay", .moves("evaluated")),
        ("evaluated", "receive-report", .refused("rule.report_year")),
        ("evaluated", "evaluate", .refused("state")),
        ("evaluated", "request-recovery", .refused("rule.recovery_within_unspent")),
        ("evaluated", "close", .moves("closed")),
        ("evaluated", "withdraw", .refused("state")),

        ("closed", "submit", .refused("action.unknown")),
        ("closed", "request-documents", .refused("state")),
        ("closed", "receive-documents", .refused("state")),
        ("closed", "declare-inadmissible", .refused("state")),
        ("closed", "start-review", .refused("state")),
        ("closed", "shortlist", .refused("state")),
        ("closed", "decline", .refused("state")),
        ("closed", "receive-proposal", .refused("state")),
        ("closed", "propose", .refused("state")),
        ("closed", "declare-conflict", .refused("state")),
        ("closed", "score", .refused("state")),
        ("closed", "rescore", .refused("state")),
        ("closed", "select", .refused("state")),
        ("closed", "waitlist", .refused("state")),
        ("closed", "retract-decision", .refused("state")),
        ("closed", "reject", .refused("state")),
        ("closed", "sign-agreement", .refused("state")),
        ("closed", "pay", .refused("state")),
        ("closed", "receive-report", .refused("state")),
        ("closed", "evaluate", .refused("state")),
        ("closed", "request-recovery", .refused("state")),
        ("closed", "close", .refused("state")),
        ("closed", "withdraw", .refused("state")),

        ("withdrawn", "submit", .refused("action.unknown")),
        ("withdrawn", "request-documents", .refused("state")),
        ("withdrawn", "receive-documents", .refused("state")),
        ("withdrawn", "declare-inadmissible", .refused("state")),
        ("withdrawn", "start-review", .refused("state")),
        ("withdrawn", "shortlist", .refused("state")),
        ("withdrawn", "decline", .refused("state")),
        ("withdrawn", "receive-proposal", .refused("state")),
        ("withdrawn", "propose", .refused("state")),
        ("withdrawn", "declare-conflict", .refused("state")),
        ("withdrawn", "score", .refused("state")),
        ("withdrawn", "rescore", .refused("state")),
        ("withdrawn", "select", .refused("state")),
        ("withdrawn", "waitlist", .refused("state")),
        ("withdrawn", "retract-decision", .refused("state")),
        ("withdrawn", "reject", .refused("state")),
        ("withdrawn", "sign-agreement", .refused("state")),
        ("withdrawn", "pay", .refused("state")),
        ("withdrawn", "receive-report", .refused("state")),
        ("withdrawn", "evaluate", .refused("state")),
        ("withdrawn", "request-recovery", .refused("state")),
        ("withdrawn", "close", .refused("state")),
        ("withdrawn", "withdraw", .refused("state")),
    ]

    static let callGrid: [(String, String, Outcome)] = [
        ("draft", "create", .refused("action.unknown")),
        ("draft", "publish", .moves("open")),
        ("draft", "close", .refused("state")),
        ("draft", "publish-results", .refused("state")),
        ("draft", "archive", .refused("state")),

        ("open", "create", .refused("action.unknown")),
        ("open", "publish", .refused("state")),
        ("open", "close", .moves("closed")),
        ("open", "publish-results", .refused("state")),
        ("open", "archive", .refused("state")),

        ("closed", "create", .refused("action.unknown")),
        ("closed", "publish", .refused("state")),
        ("closed", "close", .refused("state")),
        ("closed", "publish-results", .moves("decided")),
        ("closed", "archive", .refused("state")),

        ("decided", "create", .refused("action.unknown")),
        ("decided", "publish", .refused("state")),
        ("decided", "close", .refused("state")),
        ("decided", "publish-results", .refused("state")),
        ("decided", "archive", .moves("archived")),

        ("archived", "create", .refused("action.unknown")),
        ("archived", "publish", .refused("state")),
        ("archived", "close", .refused("state")),
        ("archived", "publish-results", .refused("state")),
        ("archived", "archive", .refused("state")),
    ]

    // MARK: - What each column's actor sends

    /// The actor who holds the action's role (and a seat, for committee actions).
    static func actor(for action: String, in state: String) -> String {
        switch action {
        case "declare-conflict", "score": "m3"
        case "rescore": "m1"  // scored in `proposed` (see World.scoreByQuorum)
        case "select", "waitlist", "retract-decision", "shortlist", "decline": "chair"
        case "reject": state == "in_review" ? "instr" : "chair"
        case "sign-agreement", "pay", "request-recovery", "close": "fin"
        default: "instr"
        }
    }

    /// Valid fields for the action (scores for every criterion of the call's grid).
    static func fields(for action: String) -> [String: String] {
        switch action {
        case "submit":
            ["applicant_name": "Commune de Foix", "applicant_kind": "commune", "siret": "35600000000048", "departement": "09",
             "title": "Navette", "amount_requested": "10 000", "received_on": "2026-04-10"]
        case "request-documents": ["missing": "Budget prévisionnel", "due_on": "2026-06-15"]
        case "receive-documents": ["received_on": "2026-05-30"]
        case "propose": ["opinion": "favorable", "proposed_amount": "30 000"]
        case "score", "rescore": ["pertinence": "4", "faisabilite": "5"]
        case "select": ["awarded_amount": "30 000"]
        case "sign-agreement": ["instrument": "convention", "reference": "CONV-2026-042", "signed_on": "2026-05-28"]
        case "pay": ["amount": "5 000", "kind": "instalment", "paid_on": "2026-05-30"]
        case "receive-report": ["received_on": "2026-05-29", "spent_amount": "25 000"]
        case "evaluate": ["outcome": "partial", "note": "Objectifs en partie atteints"]
        case "request-recovery": ["amount": "1 000"]
        case "receive-proposal": ["amount_requested": "38 000", "title": "Navette, projet détaillé", "received_on": "2026-05-02"]
        default: [:]
        }
    }

    /// The motivation, for actions that require one.
    static func reason(for action: String) -> String? {
        switch action {
        case "declare-inadmissible", "declare-conflict", "rescore", "waitlist", "retract-decision", "reject", "request-recovery", "withdraw",
             "decline":
            "Motif de test"
        default:
            nil
        }
    }

    // MARK: - Case grids

    func checkCaseCell(workflow: String, state: String, action: String, expected: Outcome) throws {
        var world = try World(kind: workflow)
        let caseID = try world.submitCase()
        try world.bring(caseID, to: state)
        let before = try #require(world.state.cases[caseID])
        let actor = Self.actor(for: action, in: state)
        let command = Command.advanceCase(AdvanceCase(
            caseID: caseID.value, action: action, fields: Self.fields(for: action), reason: Self.reason(for: action)
        ))
        #expect(world.outcome(command, by: actor) == expected, "\(workflow): \(state) × \(action) as \(actor)")
        guard case .moves(let target) = expected else { return }
        // The event names the action and both states, and evolve takes the case there.
        let event = try world.run(command, by: actor)
        guard case .caseAdvanced(let advanced) = event else {
            Issue.record("expected case.advanced, got \(event.type)")
            return
        }
        #expect(advanced.caseID == caseID)
        #expect(advanced.action == action)
        #expect(advanced.from == state)
        #expect(advanced.to == target)
        #expect(advanced.reason == Self.reason(for: action))
        let after = try #require(world.state.cases[caseID])
        #expect(after.state == target)
        #expect(after.version == before.version + 1)
        #expect(after.actors[action] == (try actorID(actor)))
    }

    @Test("aap: state × action", arguments: aapGrid)
    func aapCell(state: String, action: String, expected: Outcome) throws {
        try checkCaseCell(workflow: "aap", state: state, action: action, expected: expected)
    }

    @Test("ami: state × action", arguments: amiGrid)
    func amiCell(state: String, action: String, expected: Outcome) throws {
        try checkCaseCell(workflow: "ami", state: state, action: action, expected: expected)
    }

    // MARK: - Call grid

    @Test("call: state × action", arguments: callGrid)
    func callCell(state: String, action: String, expected: Outcome) throws {
        var world = try World(kind: "aap", callState: state)
        let command = Command.advanceCall(AdvanceCall(call: "AAP-TEST-2026", action: action))
        #expect(world.outcome(command, by: "manager") == expected, "call: \(state) × \(action)")
        guard case .moves(let target) = expected else { return }
        let event = try world.run(command, by: "manager")
        #expect(event == .callAdvanced(CallAdvanced(call: try callID("AAP-TEST-2026"), action: action, from: state, to: target, reason: nil)))
        #expect(world.state.calls[try callID("AAP-TEST-2026")]?.state == target)
    }

    // MARK: - The grids are complete

    static func grid(_ name: String) -> [(String, String, Outcome)] {
        switch name {
        case "aap": aapGrid
        case "ami": amiGrid
        case "call": callGrid
        default: []
        }
    }

    @Test("each grid lists every state × action of its workflow file exactly once", arguments: ["aap", "ami", "call"])
    func gridIsComplete(name: String) throws {
        let grid = Self.grid(name)
        let definition = try WorkflowFiles.load(name)
        let expected = definition.states.flatMap { state in definition.actions.map { "\(state.id) × \($0.id)" } }
        let listed = grid.map { "\($0.0) × \($0.1)" }
        #expect(listed == expected)
        #expect(Set(listed).count == listed.count)
    }

    @Test("the grids' sizes", arguments: [("aap", 13 * 20, 32), ("ami", 16 * 23, 36), ("call", 5 * 5, 4)])
    func gridSizes(name: String, cells: Int, moves: Int) {
        let grid = Self.grid(name)
        #expect(grid.count == cells, "\(name)")
        #expect(grid.filter { if case .moves = $0.2 { true } else { false } }.count == moves, "\(name)")
    }

    // MARK: - What a state refusal says

    @Test("a state refusal names the case, its state and what the actor may do now")
    func stateRefusalMessage() throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase()
        try world.bring(caseID, to: "proposed")
        let command = Command.advanceCase(AdvanceCase(caseID: caseID.value, action: "sign-agreement", fields: Self.fields(for: "sign-agreement")))
        let asChair = try #require(world.refusal(command, by: "chair"))
        #expect(asChair.kind == .rule)
        #expect(asChair.code == "state")
        #expect(asChair.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; l'action « sign-agreement » n'est pas possible dans cet état. Actions possibles : declare-conflict, score, select, waitlist, reject")
        #expect(asChair.allowedActions == ["declare-conflict", "score", "select", "waitlist", "reject"])
        let asFinance = try #require(world.refusal(command, by: "fin"))
        #expect(asFinance.message == "Refusé : le dossier AAP-TEST-2026-0001 est « Proposé au comité » ; l'action « sign-agreement » n'est pas possible dans cet état. Actions possibles : aucune")
        #expect(asFinance.allowedActions == [])
    }

    @Test("an unknown action is invalid input, listing the actions possible")
    func unknownAction() throws {
        var world = try World(kind: "aap")
        let caseID = try world.submitCase()
        let refusal = try #require(world.refusal(.advanceCase(AdvanceCase(caseID: caseID.value, action: "approve")), by: "instr"))
        #expect(refusal.kind == .invalid)
        #expect(refusal.code == "action.unknown")
        #expect(refusal.message == "Action inconnue « approve » pour le dossier AAP-TEST-2026-0001 (« Déposé »). Actions possibles : request-documents, declare-inadmissible, start-review, withdraw")
    }

    @Test("a terminal state allows nothing", arguments: [("aap", "inadmissible"), ("aap", "rejected"), ("aap", "closed"), ("aap", "withdrawn"), ("ami", "not_shortlisted")])
    func terminalAllowsNothing(workflow: String, state: String) throws {
        var world = try World(kind: workflow)
        let caseID = try world.submitCase()
        try world.bring(caseID, to: state)
        let c = try #require(world.state.cases[caseID])
        #expect(world.state.allowedActions(for: c, actor: nil) == [])
    }
}
