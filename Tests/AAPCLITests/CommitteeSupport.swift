import Foundation
import Testing

/// The committee session of the tests: a call, three proposed cases, and who sits on the committee.
///
/// `committeeBase` (23 events): the actors of ``Workspace/initWithActors()`` (10 events), plus
/// `dual.benoit` (instructor and committee chair, 11); `AAP-MOB-2026` created and published with an
/// envelope of 45 000 €, grid pertinence 60 / impact 40 (13), its committee: chair `chair.durand`,
/// members `membre.fabre` and `membre.lopez`, quorum 2 (14); three cases submitted (17) and
/// reviewed and proposed by `instr.roux` (23), none scored yet:
/// - `-0001` Garage solidaire, 48 000 € requested, 30 000 € proposed;
/// - `-0002` Atelier vélo, 30 000 € requested and proposed;
/// - `-0003` Covoiturage rural, 20 000 € requested and proposed.
enum CommitteeFixture {
    static let call = "AAP-MOB-2026"
    static let garage = "AAP-MOB-2026-0001"
    static let velo = "AAP-MOB-2026-0002"
    static let covoit = "AAP-MOB-2026-0003"
    static let dual = "dual.benoit"
    static let baseEvents = 23
    static let recusal = "Administratrice de l'association porteuse"

    static let committeeBase: Result<URL, any Error> = buildShared("committee-base") { ws in
        try ws.initWithActors()
        try ws.ok(["actor", "add", dual, "--role", "instructor", "--role", "committee_chair", "--name", "Anne Benoit"], as: Staff.admin)
        try ws.openAAPCall(call, envelope: "45 000")
        try ws.submit(applicant: "Mobil'Adour Insertion", title: "Garage solidaire", amount: "48 000")
        try ws.submit(applicant: "Vélo Solidaire", siret: Ident.laPoste, departement: "2A", title: "Atelier vélo", amount: "30 000")
        try ws.submit(applicant: "Covoit'Adour", departement: "64", title: "Covoiturage rural", amount: "20 000")
        try ws.review(garage, proposed: "30 000")
        try ws.review(velo, proposed: "30 000")
        try ws.review(covoit, proposed: "20 000")
    }

    /// Builds a store once per test process (through the binary) under ``SharedStores/root``.
    static func buildShared(_ name: String, _ steps: (Workspace) throws -> Void) -> Result<URL, any Error> {
        Result {
            try FileManager.default.createDirectory(at: SharedStores.root, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(at: SharedStores.root) }
            let ws = try Workspace()
            try steps(ws)
            let target = SharedStores.root.appendingPathComponent(name)
            try FileManager.default.copyItem(at: ws.store, to: target)
            return target
        }
    }

    /// `case advance CASE score --set pertinence=P --set impact=I`.
    static func score(_ caseID: String, _ pertinence: Int, _ impact: Int) -> [String] {
        ["case", "advance", caseID, "score", "--set", "pertinence=\(pertinence)", "--set", "impact=\(impact)"]
    }
}

extension Workspace {
    /// Scores a case on the session grid, as `actor`; must succeed.
    func score(_ caseID: String, _ pertinence: Int, _ impact: Int, as actor: String,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ok(CommitteeFixture.score(caseID, pertinence, impact), as: actor, sourceLocation: sourceLocation)
    }

    /// `audit verify --json` passes with `events` events, the log's chain checks independently, and the head is its last line.
    func expectAuditPasses(events: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verify = try okJSON(["audit", "verify"], sourceLocation: sourceLocation)
        #expect(verify["ok"].bool == true, "\(verify)", sourceLocation: sourceLocation)
        #expect(verify["events"].int == events, "\(verify)", sourceLocation: sourceLocation)
        let lines = try logLines()
        #expect(lines.count == events, sourceLocation: sourceLocation)
        try LogCheck.chain(lines)
        #expect(verify["head"].string == lines.last.map(TestSHA256.hex), sourceLocation: sourceLocation)
    }

    /// The exact bytes of the whole log, every segment in order.
    func logBytes() throws -> Data {
        Data(try logLines().map { $0 + Data([0x0A]) }.joined())
    }
}

/// Literal comparisons of JSON documents.
enum JSONLiteral {
    /// The canonical text of a document (sorted keys, compact), without the given keys at any depth.
    static func canonical(_ doc: JSONDoc, removing keys: Set<String> = []) -> String {
        JSONDoc(strip(doc.value, keys)).description
    }

    /// The canonical text of a JSON literal.
    static func canonical(_ literal: String, removing keys: Set<String> = []) throws -> String {
        canonical(try JSONDoc(parsing: literal), removing: keys)
    }

    private static func strip(_ value: Any?, _ keys: Set<String>) -> Any? {
        switch value {
        case let object as [String: Any]:
            var out: [String: Any] = [:]
            for (key, item) in object where !keys.contains(key) { out[key] = strip(item, keys) ?? NSNull() }
            return out
        case let array as [Any]:
            return array.map { strip($0, keys) ?? NSNull() }
        default:
            return value
        }
    }
}
