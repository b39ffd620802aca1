import Foundation
import Testing

/// The store the exchange tests start from, built once through the binary (`init`, then one `aap batch`):
///
/// - authority « DREETS Occitanie », SIRET 13002526500013;
/// - `AAP-MOB-2026` (envelope 250 000 €, grid pertinence 60 / impact 40, quorum 2):
///   `-0001` 38 000 € requested, awarded 30 000 €, convention signed 2026-06-08, paid 15 000 € (advance, 2026-06-10)
///   and 5 000 € (instalment, 2026-06-12);
///   `-0002` awarded exactly 23 000 €, arrêté signed 2026-06-09, nothing paid;
///   `-0003` awarded 23 000,01 €, convention signed 2026-06-09, nothing paid;
///   `-0004` awarded 12 000 €, not signed; `-0005` submitted only;
/// - `AAP-TERR-2026`: open to départements 09 and 31 only, no case.
enum ExchangeFixture {
    static let authorityName = "DREETS Occitanie"
    static let authoritySiret = "13002526500013"
    /// Luhn-valid SIRETs for the applicants.
    static let sirets = ["41200000200011", "41200000200029", "41200000200037", "41200000200045", "41200000200052",
                         "41200000200060", "41200000200078", "41200000200086"]

    static let root = FileManager.default.temporaryDirectory.appendingPathComponent("aap-exchange-\(UUID().uuidString)")

    /// The sample applications of the project's shared data (beside the repository), when present.
    static var sharedSample: URL {
        PackagePaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/sample-applications.csv")
    }

    static let base: Result<URL, any Error> = Result {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ExchangeFixture.root) }
        let ws = try Workspace()
        try ws.ok(["init", "--admin", Staff.admin, "--name", "Camille Martin"])
        let batch = ws.path("fixture.jsonl")
        try Data(lines.map(jsonLine).joined(separator: "\n").utf8).write(to: batch)
        try ws.ok(["batch", batch.path])
        let target = root.appendingPathComponent("base")
        try FileManager.default.copyItem(at: ws.store, to: target)
        return target
    }

    /// The commands of the fixture, as `aap batch` lines.
    static var lines: [[String]] {
        let i = Staff.instructor, c = Staff.chair, m = Staff.member1, f = Staff.finance
        var lines: [[String]] = [
            ["actor", "add", Staff.manager, "--role", "manager", "--as", Staff.admin],
            ["actor", "add", i, "--role", "instructor", "--as", Staff.admin],
            ["actor", "add", c, "--role", "committee_chair", "--role", "committee_member", "--as", Staff.admin],
            ["actor", "add", m, "--role", "committee_member", "--as", Staff.admin],
            ["actor", "add", Staff.member2, "--role", "committee_member", "--as", Staff.admin],
            ["actor", "add", f, "--role", "finance", "--as", Staff.admin],
            ["authority", "set", "--name", authorityName, "--siret", authoritySiret, "--as", Staff.admin],
            ["call", "create", "AAP-MOB-2026", "--kind", "aap", "--title", "Mobilité solidaire", "--envelope", "250 000",
             "--opens", "2026-03-01", "--closes", "2026-05-31", "--criterion", "pertinence:60", "--criterion", "impact:40",
             "--publish", "--as", Staff.manager],
            ["committee", "set", "AAP-MOB-2026", "--chair", c, "--member", m, "--member", Staff.member2, "--quorum", "2", "--as", Staff.manager],
            ["call", "create", "AAP-TERR-2026", "--kind", "aap", "--title", "Territoires", "--envelope", "100 000",
             "--opens", "2026-03-01", "--closes", "2026-05-31", "--departement", "09", "--departement", "31",
             "--criterion", "pertinence:100", "--publish", "--as", Staff.manager],
        ]
        let applications: [(String, String, String, String)] = [
            ("Mobil'Adour Insertion", "65", "Garage solidaire", "38 000"),
            ("Vélo Solidaire", "31", "Atelier vélo", "23 000"),
            ("Covoit'Adour", "REG", "Covoiturage rural, « aller-vers » et \"navettes\"", "30 000"),
            ("Roue Libre Ariège", "09", "Prêt de vélos électriques", "15 000"),
            ("Permis Pour Tous", "32", "Auto-école solidaire", "20 000"),
        ]
        for (n, app) in applications.enumerated() {
            lines.append(["case", "submit", "AAP-MOB-2026", "--applicant", app.0, "--applicant-kind", "association",
                          "--siret", sirets[n], "--departement", app.1, "--title", app.2, "--amount", app.3,
                          "--received", "2026-04-1\(n)", "--as", i])
        }
        let awards = [("AAP-MOB-2026-0001", "30000"), ("AAP-MOB-2026-0002", "23000"), ("AAP-MOB-2026-0003", "23000,01"),
                      ("AAP-MOB-2026-0004", "12000")]
        for (id, amount) in awards {
            lines += [
                ["case", "advance", id, "start-review", "--as", i],
                ["case", "advance", id, "propose", "--set", "opinion=favorable", "--set", "proposed_amount=\(amount)", "--as", i],
                ["case", "advance", id, "score", "--set", "pertinence=4", "--set", "impact=3", "--as", c],
                ["case", "advance", id, "score", "--set", "pertinence=5", "--set", "impact=4", "--as", m],
                ["case", "advance", id, "select", "--set", "awarded_amount=\(amount)", "--set", "decided_on=2026-06-05", "--as", c],
            ]
        }
        lines += [
            ["case", "advance", "AAP-MOB-2026-0001", "sign-agreement", "--set", "instrument=convention", "--set", "reference=CONV-2026-001",
             "--set", "signed_on=2026-06-08", "--as", f],
            ["case", "advance", "AAP-MOB-2026-0001", "pay", "--set", "amount=15000", "--set", "kind=advance", "--set", "paid_on=2026-06-10", "--as", f],
            ["case", "advance", "AAP-MOB-2026-0001", "pay", "--set", "amount=5000", "--set", "kind=instalment", "--set", "paid_on=2026-06-12", "--as", f],
            ["case", "advance", "AAP-MOB-2026-0002", "sign-agreement", "--set", "instrument=arrete", "--set", "reference=ARR-2026-002",
             "--set", "signed_on=2026-06-09", "--as", f],
            ["case", "advance", "AAP-MOB-2026-0003", "sign-agreement", "--set", "instrument=convention", "--set", "reference=CONV-2026-003",
             "--set", "signed_on=2026-06-09", "--as", f],
        ]
        return lines
    }

    static func jsonLine(_ arguments: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: arguments, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// What tests read in exported files.
enum ExportText {
    /// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into records.
    static func csv(_ text: String, separator: Character = ",") -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var pendingQuote = false
        var sawAnything = false
        for scalar in text.unicodeScalars {
            let c = Character(scalar)
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if c == "\"" { field.append("\""); continue }
                    quoted = false
                } else if c == "\"" {
                    pendingQuote = true
                    continue
                } else {
                    field.append(c)
                    continue
                }
            }
            sawAnything = true
            switch c {
            case "\"": quoted = true
            case separator: record.append(field); field = ""
            case "\r": break
            case "\n": record.append(field); records.append(record); record = []; field = ""; sawAnything = false
            default: field.append(c)
            }
        }
        if sawAnything || !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// The seq and head hash named by an export's stderr line.
    static func position(_ stderr: String) -> (seq: Int, head: String)? {
        let line = stderr.trimmingCharacters(in: .newlines)
        guard let match = line.wholeMatch(of: /Export construit sur le journal jusqu'à l'événement (\d+) \(tête ([0-9a-f]{64})\)/),
              let seq = Int(match.1) else { return nil }
        return (seq, String(match.2))
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}

/// The independent 360Giving validator: scripts/validate-360giving (Python jsonschema, with format checking).
enum GivingValidator {
    static let script = PackagePaths.packageRoot.appendingPathComponent("scripts/validate-360giving")
    static let schemas = PackagePaths.packageRoot.appendingPathComponent("Standards/360giving")

    /// Whether python3 with jsonschema (and its date-time checker) is on this machine.
    static let available: Bool = {
        guard let result = try? run(["python3", "-c", "import jsonschema, referencing; from jsonschema import Draft202012Validator as V; assert 'date-time' in V.FORMAT_CHECKER.checkers"]) else {
            return false
        }
        return result.code == 0
    }()

    /// Validates a package file; returns the exit code (0 valid) and the validator's output.
    static func validate(_ file: URL) throws -> (code: Int32, output: String) {
        try run(["python3", script.path, file.path, schemas.path])
    }

    static func run(_ arguments: [String]) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
