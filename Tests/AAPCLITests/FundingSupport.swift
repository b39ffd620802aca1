import Foundation
import Testing

// Steps shared by the funding and deadline scenarios: small calls whose committee is the chair and
// member 1 (quorum 1, one criterion), so that a case reaches `selected` in one batch.
enum FundingFixture {
    /// `aap init` and the README's actors (10 events), built once per test process.
    static let actorsBase: Result<URL, any Error> = CommitteeFixture.buildShared("funding-actors") { ws in
        try ws.initWithActors()
    }
}

extension Workspace {
    /// Runs the commands as one `aap batch -` (each line's arguments, `--as` included), which must succeed.
    func batch(_ lines: [[String]], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try lines.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }.joined(separator: "\n")
        try ok(["batch", "-"], stdin: Data((text + "\n").utf8), sourceLocation: sourceLocation)
    }

    /// A published call (2 events) and its committee, the chair and member 1 with quorum 1 (1 event).
    func openFundingCall(_ id: String, kind: String = "aap", envelope: String = "200 000", criterion: String = "pertinence",
                         extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ok(["call", "create", id, "--kind", kind, "--title", "Financement \(id)", "--envelope", envelope,
                "--opens", "2026-03-01", "--closes", "2026-05-31", "--criterion", "\(criterion):100", "--publish"] + extra,
               as: Staff.manager, sourceLocation: sourceLocation)
        try ok(["committee", "set", id, "--chair", Staff.chair, "--member", Staff.member1, "--quorum", "1"],
               as: Staff.manager, sourceLocation: sourceLocation)
    }

    /// Takes a submitted AAP case to `selected` for `award` in one batch: start-review, propose, the chair's score, select (4 events).
    func selectAAP(_ caseID: String, award: String, select extra: [String: String] = [:],
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        try batch([
            advanceArguments(caseID, "start-review") + ["--as", Staff.instructor],
            advanceArguments(caseID, "propose", ["opinion": "favorable", "proposed_amount": award]) + ["--as", Staff.instructor],
            advanceArguments(caseID, "score", ["pertinence": "4"]) + ["--as", Staff.chair],
            advanceArguments(caseID, "select", extra.merging(["awarded_amount": award]) { $1 }) + ["--as", Staff.chair],
        ], sourceLocation: sourceLocation)
    }

    /// `sign-agreement` as finance (1 event).
    func sign(_ caseID: String, _ instrument: String, reference: String, on date: String = "2026-06-20",
              sourceLocation: SourceLocation = #_sourceLocation) throws {
        try advance(caseID, "sign-agreement", ["instrument": instrument, "reference": reference, "signed_on": date],
                    as: Staff.finance, sourceLocation: sourceLocation)
    }

    /// `pay` as finance (1 event).
    func pay(_ caseID: String, _ amount: String, kind: String, on date: String, year: String? = nil,
             sourceLocation: SourceLocation = #_sourceLocation) throws {
        try advance(caseID, "pay", payFields(amount, kind: kind, on: date, year: year), as: Staff.finance, sourceLocation: sourceLocation)
    }

    func payFields(_ amount: String, kind: String, on date: String, year: String? = nil) -> [String: String] {
        var fields = ["amount": amount, "kind": kind, "paid_on": date]
        fields["year"] = year
        return fields
    }

    /// `case show CASE --json` amounts, in cents, keyed as in the contract.
    func amounts(_ caseID: String) throws -> [String: Int?] {
        try show(caseID)["amounts"].object?.mapValues(\.int) ?? [:]
    }
}
