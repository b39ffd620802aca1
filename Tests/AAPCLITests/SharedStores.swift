import Foundation
import Testing

/// Stores built once per test run through the binary, then copied into each test's own workspace
/// (a copy is cheap; building one is a few dozen process launches). Removed when the test process exits.
enum SharedStores {
    static let root = FileManager.default.temporaryDirectory.appendingPathComponent("aap-e2e-shared-\(UUID().uuidString)")

    /// Cases in known states, for refusals:
    /// - `AAP-MOB-2026` (envelope 250 000 €, quorum 2, grid pertinence 60 / impact 40):
    ///   `-0001` submitted (38 000 € requested), `-0002` in review, `-0003` proposed 30 000 € and scored by the chair and member 1;
    /// - `AAP-PETIT-2026` (envelope 50 000 €, committee chair + member 1, quorum 1, grid pertinence):
    ///   `-0001` selected for 40 000 €, `-0002` proposed 40 000 € and scored by the chair.
    static let refusalBase: Result<URL, any Error> = build("refusal-base") { ws in
        try ws.initWithActors()
        try ws.openAAPCall()
        try ws.submit()
        try ws.submit(applicant: "Vélo Solidaire", title: "Atelier vélo", amount: "20 000")
        try ws.submit(applicant: "Covoit'Adour", title: "Covoiturage rural", amount: "38 000")
        try ws.advance("AAP-MOB-2026-0002", "start-review", as: Staff.instructor)
        try ws.review("AAP-MOB-2026-0003", proposed: "30000")
        try ws.advance("AAP-MOB-2026-0003", "score", ["pertinence": "4", "impact": "3"], as: Staff.chair)
        try ws.advance("AAP-MOB-2026-0003", "score", ["pertinence": "3", "impact": "3"], as: Staff.member1)

        try ws.ok(["call", "create", "AAP-PETIT-2026", "--kind", "aap", "--title", "Petit appel", "--envelope", "50000",
                   "--opens", "2026-03-01", "--closes", "2026-05-31", "--criterion", "pertinence:100", "--publish"], as: Staff.manager)
        try ws.ok(["committee", "set", "AAP-PETIT-2026", "--chair", Staff.chair, "--member", Staff.member1, "--quorum", "1"],
                  as: Staff.manager)
        for n in 1...2 {
            let id = try ws.submit("AAP-PETIT-2026", applicant: "Asso \(n)", title: "Projet \(n)", amount: "40000")
            try ws.review(id, proposed: "40000")
            try ws.advance(id, "score", ["pertinence": "4"], as: Staff.chair)
        }
        try ws.advance("AAP-PETIT-2026-0001", "select", ["awarded_amount": "40000"], as: Staff.chair)
    }

    /// A small store of 14 events for the tamper tests:
    /// init (1–4), manager, instructor, chair, member (5–8), call create + publish (9–10), committee (11),
    /// two submissions (12–13), a start-review (14).
    static let tamperBase: Result<URL, any Error> = build("tamper-base") { ws in
        try ws.ok(["init", "--admin", Staff.admin, "--name", "Camille Martin"])
        try ws.ok(["actor", "add", Staff.manager, "--role", "manager"], as: Staff.admin)
        try ws.ok(["actor", "add", Staff.instructor, "--role", "instructor"], as: Staff.admin)
        try ws.ok(["actor", "add", Staff.chair, "--role", "committee_chair", "--role", "committee_member"], as: Staff.admin)
        try ws.ok(["actor", "add", Staff.member1, "--role", "committee_member"], as: Staff.admin)
        try ws.ok(["call", "create", "AAP-MOB-2026", "--kind", "aap", "--title", "Mobilité solidaire", "--envelope", "250 000",
                   "--opens", "2026-03-01", "--closes", "2026-05-31", "--criterion", "pertinence:100", "--publish"], as: Staff.manager)
        try ws.ok(["committee", "set", "AAP-MOB-2026", "--chair", Staff.chair, "--member", Staff.member1], as: Staff.manager)
        try ws.submit(amount: "38 000")
        try ws.submit(applicant: "Vélo Solidaire", title: "Atelier vélo", amount: "20 000")
        try ws.advance("AAP-MOB-2026-0001", "start-review", as: Staff.instructor)
    }

    /// Removes shared stores left by test runs that were killed before they could clean up (older than a day).
    private static func sweepStale() {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory
        guard let names = try? fm.contentsOfDirectory(atPath: tmp.path) else { return }
        for name in names where name.hasPrefix("aap-e2e-shared-") {
            let url = tmp.appendingPathComponent(name)
            guard url != root, let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
                  modified < Date(timeIntervalSinceNow: -86_400) else { continue }
            try? fm.removeItem(at: url)
        }
    }

    private static func build(_ name: String, _ steps: (Workspace) throws -> Void) -> Result<URL, any Error> {
        Result {
            sweepStale()
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(at: SharedStores.root) }
            let ws = try Workspace()
            try steps(ws)
            let target = root.appendingPathComponent(name)
            try FileManager.default.copyItem(at: ws.store, to: target)
            return target
        }
    }
}

extension Workspace {
    /// A workspace whose store is a fresh copy of a shared store.
    convenience init(copying shared: Result<URL, any Error>, engine: TestEngine = .files) throws {
        try self.init(engine: engine)
        let source = try shared.get()
        switch engine {
        case .files:
            try FileManager.default.copyItem(at: source, to: store)
        case .postgres:
            // The same lines, byte for byte, in the workspace's database.
            try ok(["store", "copy", source.path, storeAddress], env: [:])
        }
    }
}
