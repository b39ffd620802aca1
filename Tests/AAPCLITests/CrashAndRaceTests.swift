import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A small seeded generator (SplitMix64), so that every random choice of these tests can be replayed.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed from an environment variable, else the default.
    static func seed(_ variable: String, default value: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment[variable].flatMap { UInt64($0) } ?? value
    }
}

/// Crashes and races: a torn tail is quarantined and the log stays verifiable; `kill -9` during a
/// loop of acknowledged writes loses no acknowledged event; two processes racing on one case with
/// `--expect-version` give exactly one winner per round and no lost event.
@Suite("Confiance : arrêt brutal et écritures concurrentes")
struct CrashAndRaceTests {
    // MARK: - Torn tail

    @Test("Fin déchirée (début de la vraie ligne suivante, ou toute la ligne sans son saut de ligne) : mise en quarantaine, la commande suivante réussit, le journal se vérifie",
          arguments: [1, 40, 200, -1])
    func tornTailRecovered(_ cut: Int) throws {
        // The line the next write would have produced, from a copy of the same store.
        let twin = try Workspace(copying: SharedStores.tamperBase)
        try twin.advance("AAP-MOB-2026-0002", "start-review", as: Staff.instructor)
        let next = try #require(try twin.logLines().last)
        let torn = cut > 0 ? next.prefix(cut) : next  // -1: the whole line, only its newline missing

        let ws = try Workspace(copying: SharedStores.tamperBase)
        let intact = try Data(contentsOf: ws.firstSegment)
        let handle = try FileHandle(forWritingTo: ws.firstSegment)
        try handle.seekToEnd()
        try handle.write(contentsOf: torn)
        try handle.close()
        // Before any write, the audit reads the complete lines only.
        let before = try ws.okJSON(["audit", "verify"])
        #expect(before["events"].int == 14)

        let result = try ws.run(["case", "advance", "AAP-MOB-2026-0001", "propose", "--set", "opinion=favorable", "--set", "proposed_amount=30000"],
                                as: Staff.instructor)
        #expect(result.code == 0, "\(result)")
        #expect(result.stderrIsOneLine, "\(result)")
        let quarantine = ws.store.appendingPathComponent("quarantine")
        let names = try FileManager.default.contentsOfDirectory(atPath: quarantine.path)
        #expect(names == ["000001.jsonl-\(intact.count).torn"])
        #expect(try Data(contentsOf: quarantine.appendingPathComponent(names[0])) == torn)
        #expect(result.errorLine == "Avertissement : une ligne incomplète (\(torn.count) octets) laissée par un arrêt brutal a été mise de côté dans \(quarantine.appendingPathComponent(names[0]).path) ; le journal reste intact.")

        let now = try Data(contentsOf: ws.firstSegment)
        #expect(now.prefix(intact.count) == intact)
        try ws.expectAuditPasses(events: 15)
        let last = String(decoding: try #require(try ws.logLines().last), as: UTF8.self)
        #expect(last.hasPrefix(#"{"seq":15,"#) && last.contains(#""action":"propose""#), "\(last)")
        #expect(try ws.show("AAP-MOB-2026-0001")["state"].string == "proposed")
        #expect(try ws.show("AAP-MOB-2026-0002")["state"].string == "submitted")  // the torn write never happened
        // A checkpoint covers exactly the 15 complete lines.
        #expect(try ws.okJSON(["audit", "checkpoint"], as: Staff.admin)["note"].string?.split(separator: "\n")[1] == "15")
    }

    // MARK: - kill -9 during acknowledged writes

    /// Reads `/proc/<pid>/stat` for the parent pid (Linux).
    static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.range(of: ")", options: .backwards) else { return nil }
        let fields = stat[close.upperBound...].split(separator: " ")
        return fields.count > 2 ? Int32(fields[1]) : nil
    }

    @Test("kill -9 au milieu de 50 dépôts acquittés un par un : chaque identifiant acquitté est dans le journal, qui se vérifie après une écriture de plus", arguments: TestEngine.all)
    func killNineDuringWrites(engine: TestEngine) throws {
        let seed = SeededRandom.seed("AAP_CRASH_SEED", default: 20_260_615)
        var random = SeededRandom(seed: seed)
        let ws = try Workspace(copying: SharedStores.tamperBase, engine: engine)
        let binary = try AapBinary.require()
        let dir = ws.path("crash")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = dir.appendingPathComponent("loop.sh")
        try Data("""
        #!/bin/bash
        # 50 acknowledged writes, one process each; the test kills the running one now and then.
        for n in $(seq 1 50); do
          "$AAP" case submit AAP-MOB-2026 --applicant "Porteur $n" --applicant-kind association --siret 73282932000074 \\
            --departement 65 --title "Projet $n" --amount "$((1000 + n))" --received 2026-04-12 --as instr.roux \\
            > "$DIR/out.$n" 2> "$DIR/err.$n" &
          pid=$!
          echo "$pid" > "$DIR/current.pid.tmp" && mv "$DIR/current.pid.tmp" "$DIR/current.pid"
          wait "$pid"
          code=$?
          echo "$n $code $(cat "$DIR/out.$n")" >> "$DIR/results"
        done
        echo fini > "$DIR/finished"

        """.utf8).write(to: script)

        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AAP_") }
        environment["AAP"] = binary
        environment["DIR"] = dir.path
        environment["AAP_STORE"] = ws.storeAddress
        environment["PGGSSENCMODE"] = "disable"
        environment["AAP_KEYS"] = Workspace.keys.path
        environment["AAP_NOW"] = Workspace.now
        environment["LC_ALL"] = "C.UTF-8"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = [script.path]
        shell.environment = environment
        shell.standardInput = FileHandle.nullDevice
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()

        // Kill the running `aap` at random moments (its pid read from the loop, checked to be the loop's child running aap).
        let binaryPath = URL(fileURLWithPath: binary).resolvingSymlinksInPath().path
        var killed: Set<Int32> = []
        let deadline = Date(timeIntervalSinceNow: 120)
        while shell.isRunning, Date() < deadline {
            usleep(UInt32.random(in: 5_000...60_000, using: &random))
            // About one attempt in three, so that the kills spread over the whole loop.
            guard Int.random(in: 0..<3, using: &random) == 0, killed.count < 12,
                  let text = try? String(contentsOf: dir.appendingPathComponent("current.pid"), encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), !killed.contains(pid),
                  Self.parent(of: pid) == shell.processIdentifier,
                  (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) == binaryPath else { continue }
            if kill(pid, SIGKILL) == 0 { killed.insert(pid) }
        }
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "graine \(seed)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("finished").path))

        let results = try String(contentsOf: dir.appendingPathComponent("results"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(results.count == 50, "graine \(seed)")
        var acknowledged: [String: String] = [:]  // case id → title
        var killedTitles: Set<String> = []
        for fields in results {
            let (n, code) = (fields[0], fields[1])
            switch code {
            case "0":
                #expect(fields.count == 3, "\(fields)")
                acknowledged[fields.count == 3 ? fields[2] : "?"] = "Projet \(n)"
            case "137":
                killedTitles.insert("Projet \(n)")
            default:
                let err = (try? String(contentsOf: dir.appendingPathComponent("err.\(n)"), encoding: .utf8)) ?? ""
                Issue.record("dépôt \(n) : code \(code), \(err) (graine \(seed))")
            }
        }
        // (A kill may land on a process that had just finished: it then counts as acknowledged.)
        #expect(killedTitles.count <= killed.count, "graine \(seed)")
        #expect(killedTitles.count >= 3, "trop peu d'interruptions (\(killedTitles.count)), graine \(seed)")
        #expect(acknowledged.count >= 25, "graine \(seed)")

        // One more write recovers a torn tail if a kill left one; then the whole log verifies.
        let last = try ws.run(ws.submitArguments(applicant: "Porteur final", title: "Projet final", amount: "999"), as: Staff.instructor)
        #expect(last.code == 0, "\(last)")
        let lines = try ws.logLines()
        try LogCheck.chain(lines)
        let verify = try ws.okJSON(["audit", "verify"])
        #expect(verify["ok"].bool == true, "graine \(seed)")
        #expect(verify["events"].int == lines.count)

        // Every acknowledged id is in the log with its own title; every other case comes from a killed run (written
        // before it could answer) or from the last write; ids follow each other without a gap.
        let list = try #require(try ws.okJSON(["case", "list", "--call", "AAP-MOB-2026"]).array)
        let titles = Dictionary(uniqueKeysWithValues: list.map { ($0["id"].string ?? "?", $0["title"].string ?? "?") })
        for (id, title) in acknowledged {
            #expect(titles[id] == title, "\(id) acquitté pour « \(title) » (graine \(seed))")
        }
        let unacknowledged = Set(titles.values).subtracting(acknowledged.values).subtracting(["Garage solidaire", "Atelier vélo", "Projet final"])
        #expect(unacknowledged.isSubset(of: killedTitles), "\(unacknowledged) (graine \(seed))")
        #expect(Set(titles.values).count == titles.count, "un dépôt enregistré deux fois (graine \(seed))")
        #expect(list.compactMap { $0["id"].string } == (1...list.count).map { String(format: "AAP-MOB-2026-%04d", $0) })
        #expect(lines.count == 14 + list.count - 2)
    }

    // MARK: - Two processes, one case, the same expected version

    /// Rounds of the race (`AAP_RACE_ROUNDS`, default 200; CI may run the full thousand).
    static let raceRounds = ProcessInfo.processInfo.environment["AAP_RACE_ROUNDS"].flatMap(Int.init) ?? 200

    @Test("Deux processus, même dossier, même --expect-version, à chaque tour : un seul gagne, l'autre est refusé (1, « a changé depuis votre lecture »), aucun événement perdu", arguments: TestEngine.all)
    func expectVersionRace(engine: TestEngine) throws {
        let rounds = Self.raceRounds
        let ws = try Workspace(copying: SharedStores.refusalBase, engine: engine)
        let caseID = "AAP-MOB-2026-0003"  // proposed, scored by the chair and member 1: both may rescore
        let start = try #require(try ws.show(caseID)["version"].int)
        let baseLines = try ws.logLines().count
        let racers = [Staff.chair, Staff.member1]
        var winners: [String] = []
        for round in 1...rounds {
            let version = start + round - 1
            let results = Collected()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let args = ["case", "advance", caseID, "rescore", "--set", "pertinence=\(round % 6)", "--set", "impact=\((round + index) % 6)",
                            "--reason", "Tour \(round) \(racers[index])", "--expect-version", String(version)]
                do { results.add(try ws.run(args, as: racers[index])) } catch { results.fail(error) }
            }
            #expect(results.failures.isEmpty, "\(results.failures)")
            let all = results.results
            let won = all.filter { $0.code == 0 }
            let lost = all.filter { $0.code != 0 }
            guard won.count == 1, lost.count == 1 else {
                Issue.record("tour \(round) : \(won.count) gagnant(s)\n\(all.map(\.description).joined(separator: "\n"))")
                break
            }
            let loser = lost[0]
            #expect(loser.code == 1, "\(loser)")
            #expect(loser.stderrIsOneLine, "\(loser)")
            #expect(loser.errorLine.hasPrefix("Refusé : le dossier \(caseID) est « Proposé au comité » ; il a changé depuis votre lecture (version \(version + 1), attendue \(version)) : relisez-le avant d'agir."),
                    "tour \(round) : \(loser)")
            winners.append(won[0].arguments[won[0].arguments.firstIndex(of: "--as")! + 1])
        }
        // Exactly one event per round, in round order, each by the round's winner.
        let lines = try ws.logLines()
        #expect(lines.count == baseLines + rounds)
        let recorded = try lines.suffix(rounds).map { line in
            let doc = try JSONDoc(parsing: String(decoding: line, as: UTF8.self))
            return "\(doc["data"]["reason"].string ?? "?")"
        }
        #expect(recorded == winners.enumerated().map { "Tour \($0.offset + 1) \($0.element)" })
        #expect(try ws.show(caseID)["version"].int == start + rounds)
        try LogCheck.chain(lines)
        let verify = try ws.okJSON(["audit", "verify"])
        #expect(verify["ok"].bool == true)
        #expect(verify["events"].int == baseLines + rounds)
    }
}
