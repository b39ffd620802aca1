import Foundation
import Testing

/// `aap batch FILE|-`: a whole committee session as one all-or-nothing write.
@Suite("Lot de commandes (aap batch)")
struct BatchTests {
    typealias F = CommitteeFixture

    /// The session of ``CommitteeFixture/committeeBase``'s committee, one command per line (line 8 is blank).
    /// Lines without `--as` are the chair's (the batch's `--as`). `selectGarage` is line 5.
    static func session(selectGarage amount: String = "30000") -> String {
        let lines: [[String]] = [
            ["case", "advance", F.garage, "declare-conflict", "--reason", F.recusal, "--as", Staff.member2],
            F.score(F.garage, 4, 4),
            F.score(F.garage, 5, 3) + ["--as", Staff.member1],
            F.score(F.velo, 3, 3),
            ["case", "advance", F.garage, "select", "--set", "awarded_amount=\(amount)", "--reason", "Projet prioritaire du comité"],
            F.score(F.velo, 3, 2) + ["--as", Staff.member1],
            F.score(F.velo, 4, 3) + ["--as", Staff.member2],
            [],
            ["case", "advance", F.velo, "waitlist", "--reason", "Enveloppe restante insuffisante"],
            ["--as", Staff.chair] + F.score(F.covoit, 5, 4),
            F.score(F.covoit, 4, 4) + ["--as", Staff.member1],
            ["case", "advance", F.covoit, "select", "--set", "awarded_amount=15 000"],
        ]
        return lines.map { $0.isEmpty ? "" : jsonLine($0) }.joined(separator: "\n") + "\n"
    }

    /// One line of a batch: the arguments as a JSON array of strings.
    static func jsonLine(_ arguments: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: arguments, options: [.withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static let sessionResults = [
        "Dossier AAP-MOB-2026-0001 : declare-conflict, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0001 : score, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0001 : score, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0002 : score, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0001 : « Proposé au comité » → « Retenu » (select)",
        "Dossier AAP-MOB-2026-0002 : score, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0002 : score, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0002 : « Proposé au comité » → « Liste complémentaire » (waitlist)",
        "Dossier AAP-MOB-2026-0003 : score, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0003 : score, reste « Proposé au comité »",
        "Dossier AAP-MOB-2026-0003 : « Proposé au comité » → « Retenu » (select)",
    ]

    /// What the refused session (line 5 selects 48 000 € out of 45 000 €) says.
    static let refusal = "Ligne 5 : Refusé : le dossier AAP-MOB-2026-0001 est « Proposé au comité » ; l'enveloppe restante (45 000,00 €) ne couvre pas 48 000,00 €. Actions possibles : declare-conflict, rescore, waitlist, reject"

    /// Checks the store after the whole session: 23 + 11 events, the states, the money, the minutes, the audit.
    static func expectSessionWritten(_ ws: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try ws.show(F.garage)["state"].string == "selected", sourceLocation: sourceLocation)
        #expect(try ws.show(F.velo)["state"].string == "waitlisted", sourceLocation: sourceLocation)
        #expect(try ws.show(F.covoit)["state"].string == "selected", sourceLocation: sourceLocation)
        let call = try ws.okJSON(["call", "show", F.call])
        #expect(call["awarded_cents"].int == 4_500_000, sourceLocation: sourceLocation)
        #expect(call["remaining_cents"].int == 0, sourceLocation: sourceLocation)
        let minutes = try ws.okJSON(["report", "committee", F.call])
        let cases = try #require(minutes["cases"].array)
        #expect(cases.map { $0["scorers"].int ?? -1 } == [2, 3, 2], sourceLocation: sourceLocation)
        #expect(cases.map { $0["quorum_reached"].bool ?? false } == [true, true, true], sourceLocation: sourceLocation)
        #expect(cases[0]["conflicts"][0]["member"].string == Staff.member2, sourceLocation: sourceLocation)
        #expect(cases.map { $0["decisions"].array?.map { "\($0["seq"].int ?? 0) \($0["actor"].string ?? "?") \($0["action"].string ?? "?")" } ?? [] } == [
            ["28 chair.durand select"], ["31 chair.durand waitlist"], ["34 chair.durand select"],
        ], sourceLocation: sourceLocation)
        #expect(cases[2]["decisions"][0]["awarded_cents"].int == 1_500_000, sourceLocation: sourceLocation)
        let history = try #require(try ws.okJSON(["case", "history", F.garage]).array)
        #expect(history.map { "\($0["actor"].string ?? "?") \($0["action"].string ?? "?")" } == [
            "instr.roux submit", "instr.roux start-review", "instr.roux propose", "membre.lopez declare-conflict",
            "chair.durand score", "membre.fabre score", "chair.durand select",
        ], sourceLocation: sourceLocation)
        try ws.expectAuditPasses(events: F.baseEvents + 11, sourceLocation: sourceLocation)
    }

    @Test("Une ligne refusée (ligne 5 : sélection au-delà de l'enveloppe) : code 1, « Ligne 5 : Refusé », rien d'écrit ; corrigé : tout est écrit")
    func sessionFromFile() throws {
        let ws = try Workspace(copying: F.committeeBase)
        let bad = ws.path("seance-refusee.jsonl")
        try Data(Self.session(selectGarage: "48000").utf8).write(to: bad)
        let logBefore = try ws.logBytes()
        let refused = try ws.refused(["batch", bad.path], as: Staff.chair, code: 1)
        #expect(refused.errorLine == Self.refusal)
        #expect(try ws.logBytes() == logBefore)

        let good = ws.path("seance.jsonl")
        try Data(Self.session().utf8).write(to: good)
        let result = try ws.ok(["batch", good.path], as: Staff.chair)
        #expect(result.stdout == Self.sessionResults.joined(separator: "\n") + "\n")
        #expect(result.stderr.isEmpty, "\(result)")
        try Self.expectSessionWritten(ws)
    }

    @Test("Le même lot sur l'entrée standard (aap batch -) : même refus, puis les mêmes octets dans le journal ; --json")
    func sessionFromStandardInput() throws {
        let ws = try Workspace(copying: F.committeeBase)
        let before = ws.snapshot()
        let refused = try ws.run(["batch", "-"], as: Staff.chair, stdin: Data(Self.session(selectGarage: "48000").utf8))
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.stderrIsOneLine, "\(refused)")
        #expect(refused.errorLine == Self.refusal)
        #expect(refused.stdout.isEmpty)
        #expect(ws.snapshot() == before)

        let result = try ws.ok(["batch", "-", "--json"], as: Staff.chair, stdin: Data(Self.session().utf8))
        let json = try result.json
        #expect(json.keys == ["events", "head", "results"])
        #expect(json["events"].int == 11)
        let results = try #require(json["results"].array)
        #expect(results.map { $0["line"].int ?? 0 } == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12])
        #expect(results.map { $0["seq"].array?.compactMap(\.int) ?? [] } == (24...34).map { [$0] })
        #expect(results.map { $0["result"].string ?? "?" } == Self.sessionResults)
        #expect(results.allSatisfy { $0.keys == ["line", "seq", "result"] })
        let lines = try ws.logLines()
        #expect(json["head"].string == lines.last.map(TestSHA256.hex))
        try Self.expectSessionWritten(ws)

        // The file and standard input write the same bytes (the clock is pinned).
        let other = try Workspace(copying: F.committeeBase)
        let file = other.path("seance.jsonl")
        try Data(Self.session().utf8).write(to: file)
        try other.ok(["batch", file.path], as: Staff.chair)
        #expect(try other.logBytes() == (try ws.logBytes()))
    }

    @Test("Lignes invalides : le lot est refusé avec le numéro de ligne et rien n'est écrit", arguments: [
        BadBatch("ligne qui n'est pas un tableau JSON", ["AAP", "not json"], code: 65,
                 prefix: "Ligne 3 : tableau JSON de chaînes attendu"),
        BadBatch("tableau de nombres", ["AAP", "[1, 2]"], code: 65, prefix: "Ligne 3 : tableau JSON de chaînes attendu"),
        BadBatch("tableau vide", ["AAP", "[]"], code: 65, prefix: "Ligne 3 : tableau JSON de chaînes attendu"),
        BadBatch("commande de lecture (case show)", ["AAP", #"["case","show","AAP-MOB-2026-0001"]"#], code: 64,
                 prefix: "Ligne 3 : seules les commandes qui écrivent peuvent figurer dans un lot"),
        BadBatch("commande de lecture (audit verify)", ["AAP", #"["audit","verify"]"#], code: 64,
                 prefix: "Ligne 3 : seules les commandes qui écrivent peuvent figurer dans un lot"),
        BadBatch("lot dans un lot", ["AAP", #"["batch","-"]"#], code: 64,
                 prefix: "Ligne 3 : seules les commandes qui écrivent peuvent figurer dans un lot"),
        BadBatch("--store dans une ligne", ["AAP", #"["--store","/tmp/ailleurs","case","advance","AAP-MOB-2026-0002","withdraw","--reason","x"]"#],
                 code: 64, prefix: "Ligne 3 : --store n'est pas permis dans une ligne de lot"),
        BadBatch("commande inconnue", ["AAP", #"["case","frobnicate"]"#], code: 64, prefix: "Ligne 3 : "),
        BadBatch("--set sans =", ["AAP", #"["case","advance","AAP-MOB-2026-0002","score","--set","pertinence"]"#], code: 64,
                 prefix: "Ligne 3 : "),
        BadBatch("note hors de 0–5 : le code est celui du refus", ["AAP", #"["case","advance","AAP-MOB-2026-0002","score","--set","pertinence=6","--set","impact=2"]"#],
                 code: 65, prefix: "Ligne 3 : Note invalide « 6 » pour « pertinence » : un entier de 0 à 5 est attendu"),
        BadBatch("sans --as ni pour la ligne ni pour le lot", ["AAP"], batchActor: nil, code: 64,
                 prefix: "Ligne 1 : option --as manquante"),
        BadBatch("lot vide", ["", "  "], code: 65, prefix: "Lot vide"),
    ])
    func badLines(_ bad: BadBatch) throws {
        let ws = try Workspace(copying: F.committeeBase)
        let file = ws.path("lot.jsonl")
        // "AAP" stands for a valid write on line 1, then a blank line 2.
        let lines = bad.lines.first == "AAP"
            ? [Self.jsonLine(F.score(F.garage, 4, 4)), ""] + bad.lines.dropFirst()
            : bad.lines
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let result = try ws.refused(["batch", file.path], as: bad.batchActor, code: bad.code)
        #expect(result.errorLine.hasPrefix(bad.prefix), "\(result)")
        try ws.expectAuditPasses(events: F.baseEvents)
    }

    @Test("Fichier de lot absent : 74")
    func missingFile() throws {
        let ws = try Workspace(copying: F.committeeBase)
        let result = try ws.refused(["batch", ws.path("absent.jsonl").path], as: Staff.chair, code: 74)
        #expect(result.errorLine.contains("absent.jsonl"), "\(result)")
    }

    @Test("Une ligne qui écrit deux événements (call create --publish) ; un dépôt donne l'identifiant du dossier ; le refus nomme sa ligne")
    func lineNumbersAndSubmitResults() throws {
        let ws = try Workspace(copying: F.committeeBase)
        let rural = "AAP-RUR-2026"
        let head = [
            Self.jsonLine(["call", "create", rural, "--kind", "aap", "--title", "Mobilité rurale", "--envelope", "100 000",
                           "--opens", "2026-03-01", "--closes", "2026-05-31", "--criterion", "pertinence:100", "--publish", "--as", Staff.manager]),
            Self.jsonLine(["committee", "set", rural, "--chair", Staff.chair, "--member", Staff.member1, "--as", Staff.manager]),
            Self.jsonLine(ws.submitArguments(rural)),
            Self.jsonLine(ws.submitArguments(rural, applicant: "Vélo Solidaire", title: "Atelier vélo", amount: "30 000")),
        ]
        let file = ws.path("lot.jsonl")
        // Line 5 asks for a decision on a case that was just submitted.
        let refusedLine = Self.jsonLine(["case", "advance", "AAP-RUR-2026-0002", "select", "--set", "awarded_amount=1000", "--as", Staff.chair])
        try Data((head + [refusedLine]).joined(separator: "\n").utf8).write(to: file)
        let refused = try ws.refused(["batch", file.path], as: Staff.instructor, code: 1)
        #expect(refused.errorLine == "Ligne 5 : Refusé : le dossier AAP-RUR-2026-0002 est « Déposé » ; l'action « select » n'est pas possible dans cet état. Actions possibles : aucune")

        // Corrected, and saved with Windows line endings (CRLF).
        try Data((head.joined(separator: "\r\n") + "\r\n").utf8).write(to: file)
        let result = try ws.okJSON(["batch", file.path], as: Staff.instructor)
        #expect(result["events"].int == 5)
        let results = try #require(result["results"].array)
        #expect(results.map { $0["line"].int ?? 0 } == [1, 2, 3, 4])
        #expect(results.map { $0["seq"].array?.compactMap(\.int) ?? [] } == [[24, 25], [26], [27], [28]])
        #expect(results.map { $0["result"].string ?? "?" } == [
            "Appel AAP-RUR-2026 créé ; Appel AAP-RUR-2026 : « Brouillon » → « Ouvert » (publish)",
            "Comité de AAP-RUR-2026 désigné",
            "AAP-RUR-2026-0001",
            "AAP-RUR-2026-0002",
        ])
        let history = try #require(try ws.okJSON(["case", "history", "AAP-RUR-2026-0001"]).array)
        #expect(history.first?["actor"].string == Staff.instructor)
        #expect(try ws.okJSON(["call", "show", rural])["committee"]["chair"].string == Staff.chair)
        try ws.expectAuditPasses(events: F.baseEvents + 5)
    }
}

/// A batch whose lines are refused before anything is written.
struct BadBatch: Sendable, CustomTestStringConvertible {
    let name: String
    let lines: [String]
    let batchActor: String?
    let code: Int32
    let prefix: String

    init(_ name: String, _ lines: [String], batchActor: String? = Staff.chair, code: Int32, prefix: String) {
        self.name = name
        self.lines = lines
        self.batchActor = batchActor
        self.code = code
        self.prefix = prefix
    }

    var testDescription: String { "\(name) → \(code)" }
}
