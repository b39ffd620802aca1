import Foundation
import Testing

/// A workflow's meaning is in its markers, not in its ids: the same funding story run on the shipped
/// workflows, on a version 2 of `call` and `aap` that renames every action, state, field and enum
/// value, and on a format-1 copy (no markers: they are inferred from the v1 ids) gives the same SCDL
/// export, 360Giving package, money view and deadlines.
@Suite("Workflow renommé : mêmes exports, même vue financière, mêmes échéances")
struct RenamedWorkflowTests {
    /// How one variant spells the ids of the shipped workflows.
    struct Naming: Sendable {
        let action: @Sendable (String) -> String
        let field: @Sendable (String) -> String
        let value: @Sendable (String) -> String

        static let shipped = Naming(action: { $0 }, field: { $0 }, value: { $0 })
        static let renamed = Naming(action: { "v2-" + $0 }, field: { "champ_" + $0 }, value: { "val_" + $0 })
    }

    /// The submission's fields are the `case.submitted` event itself: they keep their ids.
    static let submissionFields: Set<String> = [
        "applicant_name", "applicant_kind", "siret", "rna", "departement", "title", "amount_requested", "received_on", "late_reason",
    ]

    static func workflowObject(_ name: String) throws -> [String: Any] {
        let url = PackagePaths.packageRoot.appendingPathComponent("Workflows/\(name).json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The shipped workflow as version 2, unchanged otherwise (so that every variant's log has the same seqs).
    static func shippedAgain(_ name: String) throws -> [String: Any] {
        var w = try workflowObject(name)
        w["version"] = 2
        return w
    }

    /// The shipped workflow as version 2 with every id renamed (enum values too), markers kept.
    static func renamed(_ name: String) throws -> [String: Any] {
        var w = try workflowObject(name)
        let naming = Naming.renamed
        func state(_ id: String) -> String { "etat_" + id }
        w["version"] = 2
        w["states"] = (w["states"] as? [[String: Any]] ?? []).map { s in
            var s = s
            s["id"] = state(s["id"] as? String ?? "")
            return s
        }
        w["actions"] = (w["actions"] as? [[String: Any]] ?? []).map { a in
            var a = a
            let creates = (a["from"] as? [String])?.isEmpty ?? false
            a["id"] = naming.action(a["id"] as? String ?? "")
            a["from"] = (a["from"] as? [String] ?? []).map(state)
            if let to = a["to"] as? String { a["to"] = state(to) }
            if let byState = a["roles_from"] as? [String: Any] {
                a["roles_from"] = Dictionary(uniqueKeysWithValues: byState.map { (state($0.key), $0.value) })
            }
            if let fields = a["fields"] as? [[String: Any]], !creates {
                a["fields"] = fields.map { f in
                    var f = f
                    f["id"] = naming.field(f["id"] as? String ?? "")
                    if let values = f["values"] as? [String] { f["values"] = values.map(naming.value) }
                    if let marks = f["value_means"] as? [String: Any] {
                        f["value_means"] = Dictionary(uniqueKeysWithValues: marks.map { (naming.value($0.key), $0.value) })
                    }
                    if let labels = f["value_labels"] as? [String: Any] {
                        f["value_labels"] = Dictionary(uniqueKeysWithValues: labels.map { (naming.value($0.key), $0.value) })
                    }
                    return f
                }
            }
            return a
        }
        return w
    }

    /// The shipped workflow as version 2 written in format 1: without any marker of format 2, nor the labels of format 3.
    static func formatOne(_ name: String) throws -> [String: Any] {
        var w = try workflowObject(name)
        w["format"] = 1
        w["version"] = 2
        w["states"] = (w["states"] as? [[String: Any]] ?? []).map { s in
            s.filter { !["accepts_submissions", "results_published", "reports_due"].contains($0.key) }
        }
        w["actions"] = (w["actions"] as? [[String: Any]] ?? []).map { a in
            var a = a.filter { $0.key != "outcome" }
            if let effect = a["effect"] as? String, !["score", "conflict", "decision"].contains(effect) { a["effect"] = nil }
            if let fields = a["fields"] as? [[String: Any]] {
                a["fields"] = fields.map { $0.filter { !["means", "value_means", "value_labels"].contains($0.key) } }
            }
            return a
        }
        return w
    }

    /// Registers the workflow objects, as the administrator, through `aap workflow register`.
    static func register(_ workflows: [String: [String: Any]], in ws: Workspace) throws {
        for (name, object) in workflows.sorted(by: { $0.key < $1.key }) {
            let file = ws.path("\(name)-v2.json")
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: file)
            try ws.ok(["workflow", "validate", file.path])
            try ws.ok(["workflow", "register", file.path], as: Staff.admin)
        }
    }

    /// What the comparison reads from one store.
    struct Figures: Equatable {
        let scdl: String
        let giving: String
        let money: String
        let totals: [String: Int?]
        let due: String
    }

    /// The same story on any naming: an evaluated and settled case, a signed case with an advance,
    /// a selected case not signed, a case waiting for documents and a case waiting for a decision.
    static func story(_ ws: Workspace, _ n: Naming) throws -> Figures {
        func advance(_ id: String, _ action: String, _ fields: [String: String] = [:], as actor: String) throws {
            var renamed: [String: String] = [:]
            for (key, value) in fields {
                let enumValue = ["instrument", "kind", "opinion", "outcome"].contains(key)
                renamed[n.field(key)] = enumValue ? n.value(value) : value
            }
            try ws.advance(id, n.action(action), renamed, as: actor)
        }
        func select(_ id: String, award: String) throws {
            try advance(id, "start-review", as: Staff.instructor)
            try advance(id, "propose", ["opinion": "favorable", "proposed_amount": award], as: Staff.instructor)
            try ws.ok(["case", "advance", id, n.action("score"), "--set", "pertinence=4"], as: Staff.chair)
            try advance(id, "select", ["awarded_amount": award, "decided_on": "2026-06-10"], as: Staff.chair)
        }
        try ws.ok(["authority", "set", "--name", "DREETS Occitanie", "--siret", "13002526500013"], as: Staff.admin)
        try ws.openFundingCall("AAP-REN-2026")
        let a = try ws.submit("AAP-REN-2026", applicant: "Mobil'Adour Insertion", title: "Garage solidaire", amount: "38 000")
        let b = try ws.submit("AAP-REN-2026", applicant: "Vélo Solidaire", title: "Atelier vélo", amount: "30 000")
        let c = try ws.submit("AAP-REN-2026", applicant: "Navette 65", title: "Navette rurale", amount: "15 000")
        let d = try ws.submit("AAP-REN-2026", applicant: "Covoit'Adour", title: "Covoiturage", amount: "25 000")
        _ = try ws.submit("AAP-REN-2026", applicant: "Rézo Pouce", title: "Autostop organisé", amount: "12 000")

        try select(a, award: "30000")
        try advance(a, "sign-agreement", ["instrument": "convention", "reference": "CONV-2026-101", "signed_on": "2026-06-20"], as: Staff.finance)
        try advance(a, "pay", ["amount": "12000", "kind": "advance", "paid_on": "2026-06-25"], as: Staff.finance)
        try advance(a, "receive-report", ["received_on": "2027-03-10", "spent_amount": "30 000"], as: Staff.instructor)
        try advance(a, "evaluate", ["outcome": "achieved", "note": "Garage ouvert"], as: Staff.instructor)
        try advance(a, "pay", ["amount": "18000", "kind": "balance", "paid_on": "2027-04-01"], as: Staff.finance)

        try select(b, award: "30000")
        try advance(b, "sign-agreement", ["instrument": "convention", "reference": "CONV-2026-102", "signed_on": "2026-06-21"], as: Staff.finance)
        try advance(b, "pay", ["amount": "10000", "kind": "advance", "paid_on": "2026-07-01"], as: Staff.finance)

        try select(c, award: "15000")
        try advance(d, "request-documents", ["missing": "Budget prévisionnel", "due_on": "2026-07-15"], as: Staff.instructor)

        let report = try ws.okJSON(["report", "call", "AAP-REN-2026"])
        let totals = ["envelope_cents", "awarded_cents", "remaining_cents", "committed_cents", "paid_cents", "recovered_cents"]
        return Figures(
            scdl: try ws.ok(["export", "scdl", "--all"]).stdout,
            // The package's description names the log's head, whose hash differs with the workflows' bytes.
            giving: try ws.ok(["export", "360giving"]).stdout.replacingOccurrences(of: #"tête [0-9a-f]{64}"#, with: "tête …", options: .regularExpression),
            money: JSONLiteral.canonical(report["money"]),
            totals: Dictionary(uniqueKeysWithValues: totals.map { ($0, report[$0].int) }),
            due: try ws.ok(["due", "--all", "--json"]).stdout
        )
    }

    static func expectSame(_ figures: Figures, _ expected: Figures, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(figures.scdl == expected.scdl, sourceLocation: sourceLocation)
        #expect(figures.giving == expected.giving, sourceLocation: sourceLocation)
        #expect(figures.money == expected.money, sourceLocation: sourceLocation)
        #expect(figures.totals == expected.totals, sourceLocation: sourceLocation)
        #expect(figures.due == expected.due, sourceLocation: sourceLocation)
    }

    @Test("v2 renommée et copie au format 1 : SCDL, 360Giving, vue financière et échéances identiques à la v1")
    func renamedKeepsFigures() throws {
        let shipped = try Workspace(copying: FundingFixture.actorsBase)
        try Self.register(["call": try Self.shippedAgain("call"), "aap": try Self.shippedAgain("aap")], in: shipped)
        let expected = try Self.story(shipped, .shipped)
        try shipped.expectAuditPasses(events: 10 + 2 + 1 + 3 + 5 + 9 + 6 + 4 + 1)

        // The figures are the story's, not empty ones.
        #expect(expected.scdl.split(separator: "\n").count == 3, "\(expected.scdl)")
        #expect(expected.totals["committed_cents"] == 6_000_000)
        #expect(expected.totals["paid_cents"] == 4_000_000)
        #expect(expected.money.contains("\"committed\":true"))
        #expect(expected.giving.contains("Solde"))
        for kind in ["documents", "implicit_rejection", "agreement", "report"] {
            #expect(expected.due.contains("\"\(kind)\""), "\(kind): \(expected.due)")
        }

        let renamed = try Workspace(copying: FundingFixture.actorsBase)
        try Self.register(["call": try Self.renamed("call"), "aap": try Self.renamed("aap")], in: renamed)
        Self.expectSame(try Self.story(renamed, .renamed), expected)
        let show = try renamed.show("AAP-REN-2026-0001")
        #expect(show["workflow_version"].int == 2)
        #expect(show["state"].string == "etat_evaluated")
        let history = try renamed.okJSON(["case", "history", "AAP-REN-2026-0001"])
        #expect(history.array?.first?["action"].string == "v2-submit")
        #expect(history.array?.first?["to"].string == "etat_submitted")
        try renamed.expectAuditPasses(events: 10 + 2 + 1 + 3 + 5 + 9 + 6 + 4 + 1)

        let formatOne = try Workspace(copying: FundingFixture.actorsBase)
        try Self.register(["call": try Self.formatOne("call"), "aap": try Self.formatOne("aap")], in: formatOne)
        Self.expectSame(try Self.story(formatOne, .shipped), expected)
        #expect(try formatOne.show("AAP-REN-2026-0001")["workflow_version"].int == 2)
        try formatOne.expectAuditPasses(events: 10 + 2 + 1 + 3 + 5 + 9 + 6 + 4 + 1)
    }
}
