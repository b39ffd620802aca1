import Foundation
import Testing

@Suite("Rejeu du journal")
struct ReplayTests {
    /// Builds two calls with cases in several states; returns the seq of the start-review of `AAP-MOB-2026-0001`.
    static func scenario(_ ws: Workspace) throws -> Int {
        try ws.initWithActors()
        try ws.openAAPCall()
        let c1 = try ws.submit()
        let c2 = try ws.submit(applicant: "Vélo Solidaire", title: "Atelier vélo", amount: "20 000")
        let c3 = try ws.submit(applicant: "Covoit'Adour", title: "Covoiturage", amount: "12 000")
        let reviewed = try ws.okJSON(ws.advanceArguments(c1, "start-review"), as: Staff.instructor)
        let seq = try #require(reviewed["seq"].int)
        try ws.advance(c1, "propose", ["opinion": "favorable", "proposed_amount": "30000"], as: Staff.instructor)
        try ws.advance(c1, "score", ["pertinence": "4", "impact": "4"], as: Staff.chair)
        try ws.advance(c1, "score", ["pertinence": "3", "impact": "4"], as: Staff.member1)
        try ws.advance(c1, "select", ["awarded_amount": "30000"], as: Staff.chair)
        try ws.advance(c2, "declare-inadmissible", reason: "Pièces hors délai", as: Staff.instructor)
        try ws.advance(c3, "request-documents", ["missing": "Budget prévisionnel", "due_on": "2026-07-01"], as: Staff.instructor)
        try ws.ok(["call", "create", "AMI-ACCUEIL-2026", "--kind", "ami", "--title", "Accueil", "--envelope", "100000",
                   "--opens", "2026-03-01", "--closes", "2026-06-30", "--criterion", "besoin:100"], as: Staff.manager)
        return seq
    }

    @Test("audit replay (tout le journal) == état vivant de case list et call list")
    func replayEqualsLive() throws {
        let ws = try Workspace()
        _ = try Self.scenario(ws)

        let replay = try ws.okJSON(["audit", "replay"])
        let lines = try ws.logLines()
        #expect(replay["events"].int == lines.count)
        #expect(replay["head"].string == TestSHA256.hex(try #require(lines.last)))
        #expect(replay["head"].string == (try ws.okJSON(["audit", "verify"]))["head"].string)

        let liveCases = try #require(try ws.okJSON(["case", "list"]).array)
        var live: [String: String] = [:]
        var liveVersions: [String: Int] = [:]
        for c in liveCases {
            let id = try #require(c["id"].string)
            live[id] = c["state"].string
            liveVersions[id] = c["version"].int
        }
        let replayed = try #require(replay["cases"].object)
        #expect(replayed.mapValues { $0["state"].string ?? "?" } == live)
        #expect(replayed.mapValues { $0["version"].int ?? -1 } == liveVersions)
        #expect(live == ["AAP-MOB-2026-0001": "selected", "AAP-MOB-2026-0002": "inadmissible", "AAP-MOB-2026-0003": "incomplete"])

        let liveCalls = try #require(try ws.okJSON(["call", "list"]).array)
        var calls: [String: String] = [:]
        var awarded: [String: Int] = [:]
        for c in liveCalls {
            let id = try #require(c["id"].string)
            calls[id] = c["state"].string
            awarded[id] = c["awarded_cents"].int
        }
        let replayedCalls = try #require(replay["calls"].object)
        #expect(replayedCalls.mapValues { $0["state"].string ?? "?" } == calls)
        #expect(replayedCalls.mapValues { $0["awarded_cents"].int ?? -1 } == awarded)
        #expect(calls == ["AAP-MOB-2026": "open", "AMI-ACCUEIL-2026": "draft"])
        #expect(awarded["AAP-MOB-2026"] == 3_000_000)
    }

    @Test("audit replay --until K : l'état d'alors")
    func replayUntil() throws {
        let ws = try Workspace()
        let review = try Self.scenario(ws)
        let lines = try ws.logLines()

        let before = try ws.okJSON(["audit", "replay", "--until", String(review - 1)])
        #expect(before["events"].int == review - 1)
        #expect(before["cases"]["AAP-MOB-2026-0001"]["state"].string == "submitted")
        #expect(before["cases"]["AAP-MOB-2026-0001"]["version"].int == 1)
        #expect(before["cases"]["AAP-MOB-2026-0003"]["state"].string == "submitted")
        #expect(before["calls"]["AAP-MOB-2026"]["awarded_cents"].int == 0)
        #expect(!before["calls"]["AMI-ACCUEIL-2026"].exists)
        // The head after event K is the hash of line K, which line K+1 records as its prev.
        let nextLine = try JSONDoc(parsing: String(decoding: lines[review - 1], as: UTF8.self))
        #expect(before["head"].string == nextLine["prev"].string)
        #expect(before["head"].string == TestSHA256.hex(lines[review - 2]))

        let at = try ws.okJSON(["audit", "replay", "--until", String(review)])
        #expect(at["events"].int == review)
        #expect(at["cases"]["AAP-MOB-2026-0001"]["state"].string == "in_review")
        #expect(at["cases"]["AAP-MOB-2026-0001"]["version"].int == 2)

        // Right after init: the workflows and the admin, nothing else.
        let initial = try ws.okJSON(["audit", "replay", "--until", "4"])
        #expect(initial["events"].int == 4)
        #expect(initial["calls"].object?.isEmpty == true)
        #expect(initial["cases"].object?.isEmpty == true)

        // Replay reads and never writes.
        let snapshot = ws.snapshot()
        _ = try ws.okJSON(["audit", "replay", "--until", "10"])
        #expect(ws.snapshot() == snapshot)
    }
}
