import AAPStorage
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the `aap` binary with arguments given as raw bytes (not necessarily UTF-8, which
/// `Foundation.Process` cannot pass), stdout and stderr captured, stdin empty.
enum RawSpawn {
    struct Outcome: CustomStringConvertible {
        let arguments: [[UInt8]]
        /// The exit code, or nil when the process died of a signal.
        let code: Int32?
        let signal: Int32?
        let stdout: Data
        let stderr: Data

        var description: String {
            let args = arguments.map { String(decoding: $0.prefix(120), as: UTF8.self).debugDescription }.joined(separator: " ")
            return "aap \(args) → code \(code.map(String.init) ?? "-") signal \(signal.map(String.init) ?? "-")\n  stdout: \(String(decoding: stdout.prefix(500), as: UTF8.self))\n  stderr: \(String(decoding: stderr.prefix(500), as: UTF8.self))"
        }
    }

    static func run(_ arguments: [[UInt8]], store: URL, scratch: URL) throws -> Outcome {
        let binary = try AapBinary.require()
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AAP_") }
        environment["AAP_NOW"] = Workspace.now
        environment["AAP_KEYS"] = Workspace.keys.path
        environment["AAP_STORE"] = store.path
        environment["LC_ALL"] = "C.UTF-8"

        func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            precondition(!bytes.contains(0), "un argument ne peut pas contenir d'octet nul")
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([Array(binary.utf8)] + arguments).map(cString) + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { cString(Array("\($0.key)=\($0.value)".utf8)) } + [nil]
        defer {
            for pointer in argv { pointer?.deallocate() }
            for pointer in envp { pointer?.deallocate() }
        }
        let id = UUID().uuidString
        let outPath = scratch.appendingPathComponent("\(id).out").path
        let errPath = scratch.appendingPathComponent("\(id).err").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, binary, &actions, nil, &argv, &envp)
        guard spawned == 0 else { throw SpawnFailed(code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let signal = status & 0x7F
        return Outcome(
            arguments: arguments,
            code: signal == 0 ? (status >> 8) & 0xFF : nil,
            signal: signal == 0 ? nil : signal,
            stdout: FileManager.default.contents(atPath: outPath) ?? Data(),
            stderr: FileManager.default.contents(atPath: errPath) ?? Data()
        )
    }

    struct SpawnFailed: Error { let code: Int32 }
}

/// A failure found on a worker thread.
struct FuzzFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One corruption of the 14-event tamper store's log, and the seq `audit verify` must name.
struct LogMutation: CustomStringConvertible {
    let what: String
    let segment: [UInt8]
    /// The new `head.json`, or nil to keep it.
    let head: [UInt8]?
    /// An extra segment `000002.jsonl`, if any.
    let extraSegment: [UInt8]?
    let expectedSeq: Int

    var description: String { "\(what) → seq \(expectedSeq)" }
}

/// A seeded generator of corrupted logs: malformed JSON lines, invalid UTF-8, 1 MB lines, wrong
/// types in known keys, truncated, deleted, duplicated, swapped or flipped lines, damaged anchors.
struct LogFuzzer {
    let lines: [[UInt8]]
    let head: [UInt8]
    var random: SeededRandom

    init(lines: [Data], head: Data, seed: UInt64) {
        self.lines = lines.map { [UInt8]($0) }
        self.head = [UInt8](head)
        random = SeededRandom(seed: seed)
    }

    static func joined(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// The offset in `line` just after the first occurrence of `marker`.
    static func offset(after marker: String, in line: [UInt8]) -> Int? {
        let needle = Array(marker.utf8)
        guard needle.count <= line.count else { return nil }
        for start in 0...(line.count - needle.count) where Array(line[start..<(start + needle.count)]) == needle {
            return start + needle.count
        }
        return nil
    }

    static func replacing(_ old: String, with new: String, in line: [UInt8]) -> [UInt8]? {
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: old) else { return nil }
        return Array(text.replacingCharacters(in: range, with: new).utf8)
    }

    /// A line of junk without newline: random printable text, JSON that is not a log line, or random bytes.
    mutating func junk() -> [UInt8] {
        switch int(0...5) {
        case 0: return Array("{}".utf8)
        case 1: return Array(pick(["null", "[]", "{\"seq\":1}", "{\"seq\":", "\"texte\"", "{\"seq\":1,\"prev\":\"00\"}", "}{"]).utf8)
        case 2: return (0..<int(1...200)).map { _ in UInt8(int(0x20...0x7E)) }
        case 3: return (0..<int(1...200)).map { _ in UInt8(pick(Array(1...9) + Array(11...255))) }
        case 4: return Array(#"{"seq":"#.utf8) + Array(String(int(1...99)).utf8) + Array(#","prev":"zz"#.utf8)
        default: return Array(#"{"seq":1,"prev":"0000000000000000000000000000000000000000000000000000000000000000","at":"2026-06-15T10:00:00Z","#.utf8)
        }
    }

    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xC3, 0x28], [0xFE, 0xFE]]

    mutating func next() -> LogMutation {
        var lines = self.lines
        let n = lines.count
        func mutation(_ what: String, _ seq: Int, head: [UInt8]? = nil, extra: [UInt8]? = nil) -> LogMutation {
            LogMutation(what: what, segment: Self.joined(lines), head: head, extraSegment: extra, expectedSeq: seq)
        }
        switch int(0...15) {
        case 0:
            let k = int(1...(n + 1))
            let junk = junk()
            lines.insert(junk, at: k - 1)
            return mutation("ligne illisible insérée en \(k) : \(String(decoding: junk.prefix(40), as: UTF8.self).debugDescription)", k)
        case 1:
            let k = int(1...(n + 1))
            if int(0...1) == 0 {
                lines.insert([UInt8](repeating: UInt8(ascii: "a"), count: 1_048_576), at: k - 1)
                return mutation("ligne de 1 Mo de « a » insérée en \(k)", k)
            }
            let prev = k == 1 ? String(repeating: "0", count: 64) : TestSHA256.hex(Data(lines[k - 2]))
            let huge = #"{"seq":\#(k),"prev":"\#(prev)","at":"2026-06-15T10:00:00Z","actor":"admin.dreets","type":"note","data":{"x":""#
                + String(repeating: "é", count: 524_288) + #""}}"#
            lines.insert(Array(huge.utf8), at: k - 1)
            return mutation("ligne de 1 Mo bien chaînée mais non signée insérée en \(k)", k)
        case 2:
            let k = int(1...n)
            let start = Self.offset(after: #""data":"#, in: lines[k - 1]) ?? 80
            let at = int(start...(lines[k - 1].count - 2))
            let bad = pick(Self.invalidUTF8)
            lines[k - 1].replaceSubrange(at..<(at + 1), with: bad)
            return mutation("octets UTF-8 invalides \(bad) dans la ligne \(k)", k)
        case 3:
            let k = int(1...n)
            let seq = "\(k)"
            var choices: [(String, String)] = [
                (#"{"seq":\#(seq),"#, #"{"seq":"\#(seq)","#), (#"{"seq":\#(seq),"#, #"{"seq":\#(seq).0,"#),
                (#"{"seq":\#(seq),"#, #"{"seq":-\#(seq),"#), (#""at":"2026-06-15T10:00:00Z""#, #""at":20260615"#),
                (#""at":"2026-06-15T10:00:00Z""#, #""at":null"#), (#""type":""#, #""type":["#), (#""actor":""#, #""actor":null,"x":""#),
                (#","sig":""#, #","sig":123,"s":""#), (#""data":{"#, #""data":"{"#),
            ]
            if k == 1 { choices.append((#""prev":"0000"#, #""prev":0,"p":"0000"#)) }
            for key in ["amount_requested_cents", "envelope_cents", "quorum"] {
                if let value = Self.offset(after: "\"\(key)\":", in: lines[k - 1]) {
                    let digits = lines[k - 1][value...].prefix { (0x30...0x39).contains($0) }
                    let number = String(decoding: digits, as: UTF8.self)
                    choices += [("\"\(key)\":\(number)", "\"\(key)\":\"\(number)\""), ("\"\(key)\":\(number)", "\"\(key)\":-\(number)"),
                                ("\"\(key)\":\(number)", "\"\(key)\":\(number).5"), ("\"\(key)\":\(number)", "\"\(key)\":null"),
                                ("\"\(key)\":\(number)", "\"\(key)\":1e400")]
                }
            }
            let (old, new) = pick(choices)
            guard let changed = Self.replacing(old, with: new, in: lines[k - 1]) else { return next() }
            lines[k - 1] = changed
            return mutation("type faux dans la ligne \(k) : \(old) → \(new)", k)
        case 4:
            let k = int(1...n)
            lines[k - 1] = Array(lines[k - 1].prefix(int(1...(lines[k - 1].count - 1))))
            return mutation("ligne \(k) tronquée", k)
        case 5:
            let k = int(1...n)
            lines.remove(at: k - 1)
            return mutation("ligne \(k) supprimée", k)
        case 6:
            let k = int(1...n)
            lines.insert(lines[k - 1], at: k)
            return mutation("ligne \(k) dupliquée", k + 1)
        case 7:
            let k = int(1...(n - 1))
            lines.swapAt(k - 1, k)
            return mutation("lignes \(k) et \(k + 1) échangées", k)
        case 8:
            // Random bit flips in line k, away from its `prev` field (a changed but still hexadecimal `prev`
            // is reported at the line before, whose hash it no longer matches).
            let k = int(1...n)
            let prevRange = 17...(17 + 64)
            for _ in 0..<int(1...3) {
                var at = int(0...(lines[k - 1].count - 1))
                while prevRange.contains(at) { at = int(0...(lines[k - 1].count - 1)) }
                lines[k - 1][at] ^= UInt8(1 << int(0...7))
            }
            guard lines[k - 1] != self.lines[k - 1] else { return next() }
            return mutation("bits inversés dans la ligne \(k)", k)
        case 9:
            let k = int(1...(n + 1))
            lines.insert([], at: k - 1)
            return mutation("ligne vide insérée en \(k)", k)
        case 10:
            let k = int(1...n)
            lines[k - 1].append(0x0D)
            return mutation("retour chariot à la fin de la ligne \(k)", k)
        case 11:
            let k = int(1...n)
            let at = int(1...(lines[k - 1].count - 2))
            lines[k - 1].insert(0x00, at: at)
            return mutation("octet nul dans la ligne \(k)", k)
        case 12:
            lines[0] = [0xEF, 0xBB, 0xBF] + lines[0]
            return mutation("BOM au début du journal", 1)
        case 13:
            let garbage = pick([Array("{}".utf8), Array("null".utf8), [UInt8](repeating: 0xFF, count: 9), Array(#"{"seq":"14","hash":"x"}"#.utf8),
                                Array(#"{"seq":-1,"hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#.utf8),
                                Array(#"{"seq":99999999999999999999999,"hash":"00"}"#.utf8), []])
            return mutation("head.json illisible : \(String(decoding: garbage, as: UTF8.self).debugDescription)", n, head: garbage)
        case 14:
            let seq = int(1...(n + 3))
            let hash = String(repeating: pick(["a", "0", "f"]), count: 64)
            let anchor = Array(#"{"seq":\#(seq),"hash":"\#(hash)"}"#.utf8)
            return mutation("head.json faux : seq \(seq)", min(seq, n + 1), head: anchor)
        default:
            return mutation("second segment illisible", n + 1, extra: junk() + [0x0A])
        }
    }
}

/// The log reader and the CLI against garbage: corrupted logs are refused (65) at the literal seq
/// of the damage, never with a crash; garbage arguments and batch lines exit 1, 64 or 65, never
/// with a signal, never 0, and nothing is written. Seeds: `AAP_FUZZ_SEED` (default 6962).
@Suite("Confiance : fuzz du lecteur de journal et des entrées de la ligne de commande")
struct FuzzTests {
    static let seed = SeededRandom.seed("AAP_FUZZ_SEED", default: 6962)

    static func fuzzer(_ ws: Workspace, seed: UInt64) throws -> LogFuzzer {
        LogFuzzer(lines: try ws.logLines(), head: try Data(contentsOf: ws.store.appendingPathComponent("head.json")), seed: seed)
    }

    /// Writes the mutated log into `store`; `originalHead` is put back when the mutation keeps the anchor.
    static func apply(_ mutation: LogMutation, to store: URL, originalHead: Data? = nil) throws {
        let log = store.appendingPathComponent("log")
        try Data(mutation.segment).write(to: log.appendingPathComponent("000001.jsonl"))
        let extra = log.appendingPathComponent("000002.jsonl")
        if let segment = mutation.extraSegment { try Data(segment).write(to: extra) } else { try? FileManager.default.removeItem(at: extra) }
        if let head = mutation.head.map({ Data($0) }) ?? originalHead { try head.write(to: store.appendingPathComponent("head.json")) }
    }

    @Test("300 journaux corrompus (graine fixe) lus en mémoire : Auditor.verify les refuse tous, à la seq attendue ; l'original passe")
    func logReaderInProcess() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var fuzzer = try Self.fuzzer(ws, seed: Self.seed)
        let pristine = ws.snapshot()
        let copy = ws.path("fuzz-store")
        try FileManager.default.copyItem(at: ws.store, to: copy)
        let originalHead = try Data(contentsOf: ws.store.appendingPathComponent("head.json"))
        let original = try Auditor.verify(FileEventLog(directory: copy.path))
        #expect(original.ok && original.events == 14)
        var kinds: [String: Int] = [:]
        for index in 0..<300 {
            let mutation = fuzzer.next()
            kinds[String(mutation.what.prefix(12)), default: 0] += 1
            try Self.apply(mutation, to: copy, originalHead: originalHead)
            let report = try Auditor.verify(FileEventLog(directory: copy.path))
            #expect(!report.ok, "cas \(index) : \(mutation) (graine \(Self.seed))")
            #expect(report.firstBadSeq == mutation.expectedSeq, "cas \(index) : \(mutation) → \(report) (graine \(Self.seed))")
            #expect(report.reason?.isEmpty == false)
        }
        #expect(kinds.count >= 12, "\(kinds)")
        #expect(ws.snapshot() == pristine)
    }

    @Test("40 journaux corrompus par le binaire : audit verify --json sort en 65 à la seq attendue, sans plantage ; une écriture y est refusée (65) sans rien changer")
    func logReaderThroughBinary() throws {
        let base = try Workspace(copying: SharedStores.tamperBase)
        var fuzzer = try Self.fuzzer(base, seed: Self.seed &+ 1)
        let mutations = (0..<40).map { _ in fuzzer.next() }
        let collected = Collected()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for (index, mutation) in mutations.enumerated() where index % 2 == worker {
                do {
                    let ws = try Workspace(copying: SharedStores.tamperBase)
                    try Self.apply(mutation, to: ws.store)
                    let before = ws.snapshot()
                    let verify = try ws.run(["audit", "verify", "--json"])
                    let report = try? verify.json
                    if verify.code != 65 || report?["first_bad_seq"].int != mutation.expectedSeq || report?["ok"].bool != false || !verify.stderrIsOneLine {
                        collected.fail(FuzzFailure("\(mutation) : \(verify)"))
                    }
                    if index % 4 == 0 {
                        let write = try ws.run(["case", "advance", "AAP-MOB-2026-0002", "start-review"], as: Staff.instructor)
                        if write.code != 65 || !write.stderrIsOneLine || !write.stdout.isEmpty { collected.fail(FuzzFailure("écriture sur \(mutation) : \(write)")) }
                    }
                    if ws.snapshot() != before { collected.fail(FuzzFailure("le magasin a changé : \(mutation)")) }
                } catch {
                    collected.fail(error)
                }
            }
        }
        #expect(collected.failures.isEmpty, "graine \(Self.seed &+ 1) :\n\(collected.failures.joined(separator: "\n"))")
    }

    // MARK: - Garbage arguments

    /// Values no field accepts: invalid UTF-8, control characters, empty or blank, far too long.
    static let universalGarbage: [[UInt8]] = [
        [0xFF, 0xFE], Array("12".utf8) + [0xC3, 0x28], [0xE2, 0x82], Array("AAP-MOB-2026-0001".utf8) + [0x80],
        Array("12\n34".utf8), Array("\u{1B}[31m5".utf8), Array("a\tb".utf8), Array("x\u{7F}".utf8), Array("\u{85}".utf8), Array("\r".utf8),
        [], Array("   ".utf8),
    ]
    /// Values a number, an amount, a date or an identifier refuses.
    static let structuredGarbage: [[UInt8]] = [
        "NaN", "nan", "inf", "-inf", "-1", "-0,01", "1e308", "0x10", "١٢٣", "99999999999999999999999999", "12,5,5", "+5", "½",
        "2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1", "26-01-01", "2026/01/01", "2026-02-29", "9999-99-99",
        "../../etc/passwd", "📁", "AAP MOB", "%s%n%x", "' OR 1=1 --", "AAP-MOB-2026-9999", "🙂🙂🙂",
    ].map { Array($0.utf8) }

    /// What the garbage goes into: a number, amount, date or existing identifier; a new identifier (where a
    /// plain word such as « nan » is a valid name); free text (where only bad bytes, control characters,
    /// blank or far too long text are wrong).
    enum Slot: Sendable { case structured, newIdentifier, text, optionalText }

    /// Values no new actor or call identifier accepts.
    static let identifierGarbage: [[UInt8]] = ["../../etc/passwd", "📁", "AAP MOB", "%s%n%x", "' OR 1=1 --", "-1", "é", "a/b"].map { Array($0.utf8) }

    /// A command of the contract with one slot for a garbage value.
    struct Template: Sendable {
        let name: String
        let slot: Slot
        let build: @Sendable ([UInt8]) -> [[UInt8]]
    }

    static func args(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    static let submitFields = ["--applicant", "Asso", "--applicant-kind", "association", "--siret", Ident.siret, "--departement", "65",
                               "--title", "Projet", "--amount", "1000", "--received", "2026-04-12"]

    static let templates: [Template] = {
        var list: [Template] = []
        for (option, slot) in [("--amount", Slot.structured), ("--received", .structured), ("--siret", .structured), ("--departement", .structured),
                               ("--applicant-kind", .structured), ("--title", .text), ("--applicant", .text), ("--late-reason", .optionalText)] {
            list.append(Template(name: "case submit \(option)", slot: slot) { g in
                var fields = args(submitFields)
                if let index = submitFields.firstIndex(of: option) { fields[index + 1] = g } else { fields += [Array(option.utf8), g] }
                return args(["case", "submit", "AAP-MOB-2026"]) + fields + args(["--as", Staff.instructor])
            })
        }
        list.append(Template(name: "case submit CALL", slot: .structured) { g in
            args(["case", "submit"]) + [g] + args(submitFields + ["--as", Staff.instructor])
        })
        list.append(Template(name: "select awarded_amount", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0003", "select", "--set"]) + [Array("awarded_amount=".utf8) + g] + args(["--as", Staff.chair])
        })
        list.append(Template(name: "propose proposed_amount", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0002", "propose", "--set", "opinion=favorable", "--set"]) + [Array("proposed_amount=".utf8) + g]
                + args(["--as", Staff.instructor])
        })
        list.append(Template(name: "request-documents due_on", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0001", "request-documents", "--set", "missing=Statuts", "--set"]) + [Array("due_on=".utf8) + g]
                + args(["--as", Staff.instructor])
        })
        list.append(Template(name: "request-documents missing", slot: .text) { g in
            args(["case", "advance", "AAP-MOB-2026-0001", "request-documents", "--set", "due_on=2026-07-01", "--set"]) + [Array("missing=".utf8) + g]
                + args(["--as", Staff.instructor])
        })
        list.append(Template(name: "score pertinence", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0003", "score", "--set", "impact=3", "--set"]) + [Array("pertinence=".utf8) + g]
                + args(["--as", Staff.member2])
        })
        list.append(Template(name: "reject --reason", slot: .text) { g in
            args(["case", "advance", "AAP-MOB-2026-0002", "reject", "--reason"]) + [g] + args(["--as", Staff.instructor])
        })
        list.append(Template(name: "advance CASE", slot: .structured) { g in
            args(["case", "advance"]) + [g] + args(["start-review", "--as", Staff.instructor])
        })
        list.append(Template(name: "advance ACTION", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0001"]) + [g] + args(["--as", Staff.instructor])
        })
        list.append(Template(name: "--expect-version", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0001", "start-review", "--expect-version"]) + [g] + args(["--as", Staff.instructor])
        })
        list.append(Template(name: "--set KEY", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0002", "propose", "--set", "opinion=favorable", "--set", "proposed_amount=1000", "--set"])
                + [g + Array("=1".utf8)] + args(["--as", Staff.instructor])
        })
        for (option, slot) in [("--envelope", Slot.structured), ("--opens", .structured), ("--closes", .structured), ("--title", .text), ("ID", .newIdentifier)] {
            list.append(Template(name: "call create \(option)", slot: slot) { g in
                var words: [[UInt8]] = args(["call", "create", "AAP-FUZZ-2026", "--kind", "aap", "--title", "Appel", "--envelope", "1000",
                                             "--opens", "2026-03-01", "--closes", "2026-05-31", "--as", Staff.manager])
                if option == "ID" { words[2] = g } else if let index = words.firstIndex(of: Array(option.utf8)) { words[index + 1] = g }
                return words
            })
        }
        list.append(Template(name: "actor add ID", slot: .newIdentifier) { g in args(["actor", "add"]) + [g] + args(["--role", "manager", "--as", Staff.admin]) })
        list.append(Template(name: "actor add --role", slot: .structured) { g in args(["actor", "add", "x.fuzz", "--role"]) + [g] + args(["--as", Staff.admin]) })
        list.append(Template(name: "committee --quorum", slot: .structured) { g in
            args(["committee", "set", "AAP-MOB-2026", "--chair", Staff.chair, "--member", Staff.member1, "--quorum"]) + [g] + args(["--as", Staff.manager])
        })
        list.append(Template(name: "audit replay --until", slot: .structured) { g in args(["audit", "replay", "--until"]) + [g] })
        list.append(Template(name: "audit replay --as-of", slot: .structured) { g in args(["audit", "replay", "--as-of"]) + [g] })
        list.append(Template(name: "case show CASE", slot: .structured) { g in args(["case", "show"]) + [g] })
        list.append(Template(name: "case show --as-of", slot: .structured) { g in args(["case", "show", "AAP-MOB-2026-0001", "--as-of"]) + [g] })
        list.append(Template(name: "case history CASE", slot: .structured) { g in args(["case", "history"]) + [g] })
        list.append(Template(name: "due --on", slot: .structured) { g in args(["due", "--on"]) + [g] })
        list.append(Template(name: "report call CALL", slot: .structured) { g in args(["report", "call"]) + [g] })
        list.append(Template(name: "--as ACTOR", slot: .structured) { g in
            args(["case", "advance", "AAP-MOB-2026-0001", "start-review", "--as"]) + [g]
        })
        return list
    }()

    @Test("180 commandes aux arguments aberrants (octets quelconques, caractères de contrôle, valeurs énormes, NaN, négatifs, dates et identifiants faux) : 1, 64 ou 65, jamais de signal ni 0, rien d'écrit")
    func garbageArguments() throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let before = ws.snapshot()
        let segment = ws.firstSegment
        let logSize = try Data(contentsOf: segment).count
        var random = SeededRandom(seed: Self.seed &+ 2)
        var cases: [(String, [[UInt8]])] = []
        for index in 0..<180 {
            let template = Self.templates[index < Self.templates.count ? index : Int.random(in: 0..<Self.templates.count, using: &random)]
            var pool = Self.universalGarbage
            switch template.slot {
            case .structured: pool += Self.structuredGarbage
            case .newIdentifier: pool += Self.identifierGarbage
            case .text: break
            case .optionalText: pool.removeAll { $0.allSatisfy { $0 == 0x20 } }  // blank: the same as not given
            }
            var garbage = pool[Int.random(in: 0..<pool.count, using: &random)]
            if Int.random(in: 0..<8, using: &random) == 0 {
                // Far too long: 100 000 bytes (still one argument under Linux's 128 KiB limit).
                garbage = Array(repeating: UInt8(ascii: "9"), count: 50_000) + [0x01] + Array(repeating: UInt8(ascii: "z"), count: 49_999)
            }
            cases.append((template.name, template.build(garbage)))
        }
        let commands = cases
        let collected = Collected()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for (index, (name, arguments)) in commands.enumerated() where index % 2 == worker {
                do {
                    let outcome = try RawSpawn.run(arguments, store: ws.store, scratch: ws.path("."))
                    let errLines = outcome.stderr.filter { $0 == 0x0A }.count
                    if outcome.signal != nil || ![1, 64, 65].contains(outcome.code ?? -1) || errLines != 1 || !outcome.stdout.isEmpty {
                        collected.fail(FuzzFailure("\(name) : \(outcome)"))
                    }
                    if (try? Data(contentsOf: segment).count) != logSize { collected.fail(FuzzFailure("écrit par \(name) : \(outcome)")) }
                } catch {
                    collected.fail(error)
                }
            }
        }
        #expect(collected.failures.isEmpty, "graine \(Self.seed &+ 2) :\n\(collected.failures.joined(separator: "\n\n"))")
        #expect(ws.snapshot() == before)
    }

    @Test("Arguments valides écrits avec des caractères non ASCII (accents, idéogrammes, emoji) : acceptés tels quels")
    func unicodeIsNotGarbage() throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let outcome = try RawSpawn.run(Self.args(["case", "submit", "AAP-MOB-2026", "--applicant", "Àsso Éloïse 漢字 🚲", "--applicant-kind", "association",
                                                  "--siret", Ident.siret, "--departement", "2A", "--title", "Vélo‑école « solidaire »",
                                                  "--amount", "1 000,50", "--received", "2026-04-12", "--as", Staff.instructor]),
                                       store: ws.store, scratch: ws.path("."))
        #expect(outcome.code == 0, "\(outcome)")
        let id = String(decoding: outcome.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        #expect(try ws.show(id)["applicant"]["name"].string == "Àsso Éloïse 漢字 🚲")
    }

    @Test("Un argument qui n'est pas de l'UTF-8 valide : 65, une ligne qui le dit, rien d'écrit (et non remplacé par U+FFFD)")
    func invalidUTF8Argument() throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let before = ws.snapshot()
        var arguments = Self.args(["case", "submit", "AAP-MOB-2026"] + Self.submitFields + ["--as", Staff.instructor])
        #expect(arguments[11] == Array("--title".utf8))
        arguments[12] = Array("Projet ".utf8) + [0xC3, 0x28]
        let outcome = try RawSpawn.run(arguments, store: ws.store, scratch: ws.path("."))
        #expect(outcome.code == 65, "\(outcome)")
        #expect(String(decoding: outcome.stderr, as: UTF8.self) == "Argument n° 13 refusé : ce n'est pas du texte UTF-8 valide\n")
        #expect(ws.snapshot() == before)
    }

    // MARK: - Garbage batch lines

    @Test("40 lots aberrants sur l'entrée standard (JSON mal formé, types faux, UTF-8 invalide, ligne de 1 Mo) : 64 ou 65, rien d'écrit")
    func garbageBatches() throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let before = ws.snapshot()
        var random = SeededRandom(seed: Self.seed &+ 3)
        let valid = #"["case","advance","AAP-MOB-2026-0001","start-review","--as","instr.roux"]"#
        let bad: [[UInt8]] = [
            "[", "]", "{}", "null", "42", "\"case\"", #"["case",5]"#, #"["case",null]"#, #"[["case"]]"#, #"{"0":"case"}"#,
            #"["case","advance","AAP-MOB-2026-0001","start-review","--as","instr.roux""#, #"["case","advance","AAP-MOB-2026-0001",true]"#,
            #"["case","advance","AAP-MOB-2026-0001","start-review","--as","instr.roux"] x"#, #"["\u0000"]"#, #"["case","submit","NaN",NaN]"#,
        ].map { Array($0.utf8) } + [[0xFF, 0xFE, 0x5B, 0x5D], Array(#"["case","\#u{1}"]"#.utf8) + [0xC3, 0x28, 0x5D],
                                    Array(#"["case","show",""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1_048_576) + Array(#""]"#.utf8)]
        for index in 0..<40 {
            var lines = (0..<Int.random(in: 0...1, using: &random)).map { _ in Array(valid.utf8) }
            lines.insert(bad[index < bad.count ? index : Int.random(in: 0..<bad.count, using: &random)], at: Int.random(in: 0...lines.count, using: &random))
            let stdin = Data(lines.flatMap { $0 + [0x0A] })
            let result = try ws.run(["batch", "-"], stdin: stdin)
            #expect([64, 65].contains(result.code), "lot \(index) : \(result)")
            #expect(result.stderrIsOneLine, "lot \(index) : \(result)")
            #expect(ws.snapshot() == before, "lot \(index)")
        }
    }
}
