import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// A signed log spread over many small segments, written through ``Store/execute(_:at:today:keys:)``
/// with real keys, and the forger's tools to rewrite it: sign a line, recompute every `prev` and
/// `head.json`.
///
/// The log: 1 admin registers themself, 2–4 workflows, 5–7 manager, `instr` and `instr2`
/// registered, 8 call created, 9 published, then one submission per line by `instr` or `instr2`
/// in turn; `instr`'s key is rotated after `rotateAfter` submissions, `instr2`'s key revoked
/// after `revokeAfter` (both by the admin, one line each), and only `instr` submits after that.
struct SignedLogFixture {
    let directory: LogTestDirectory
    let keys: KeyDirectory
    /// `instr2`'s key, revoked in the log at ``revokedAt``.
    let revokedKey: SigningKey
    /// `instr`'s first key, replaced in the log at ``rotatedAt``.
    let rotatedKey: SigningKey
    /// The seq of the line that rotates `instr`'s key.
    let rotatedAt: Int
    /// The seq of the line that revokes `instr2`'s key.
    let revokedAt: Int
    /// How many lines the log holds.
    let count: Int

    static let call = "AAP-STREAM-2026"

    /// Writes the log into `directory`'s store with segments of about `segmentMaxBytes`.
    static func make(
        in directory: LogTestDirectory, submissions: Int = 40, rotateAfter: Int = 12, revokeAfter: Int = 20,
        segmentMaxBytes: Int = 3000
    ) throws -> SignedLogFixture {
        _ = try FileEventLog.create(directory: directory.store, segmentMaxBytes: segmentMaxBytes)
        let store = Store(directory: directory.store, segmentMaxBytes: segmentMaxBytes)
        let keys = KeyDirectory(path: directory.path + "/keys")
        let today = try #require(CalendarDate(year: 2026, month: 5, day: 2))
        func key(_ actor: String) throws -> String { try keys.keyCreatingIfNeeded(for: actor).publicKeyBase64 }

        var setup = [ActorCommand(.registerActor(RegisterActor(actor: "admin", roles: ["admin"], publicKey: try key("admin"))), by: "admin")]
        setup += try StateRowsStoreTests.workflows.map { ActorCommand(.registerWorkflow($0), by: "admin") }
        setup += [
            ActorCommand(.registerActor(RegisterActor(actor: "manager", roles: ["manager"], publicKey: try key("manager"))), by: "admin"),
            ActorCommand(.registerActor(RegisterActor(actor: "instr", roles: ["instructor"], publicKey: try key("instr"))), by: "admin"),
            ActorCommand(.registerActor(RegisterActor(actor: "instr2", roles: ["instructor"], publicKey: try key("instr2"))), by: "admin"),
            ActorCommand(.createCall(CreateCall(call: call, kind: "aap", title: "Appel", envelope: "900000", opensOn: "2026-01-01", closesOn: "2026-12-31")), by: "manager"),
            ActorCommand(.advanceCall(AdvanceCall(call: call, action: "publish")), by: "manager"),
        ]
        try store.execute(setup, at: "2026-05-02T08:00:00Z", today: today, keys: keys)
        var seq = setup.count
        let rotatedKey = try #require(try keys.key(for: "instr"))
        let revokedKey = try #require(try keys.key(for: "instr2"))
        var rotatedAt = 0
        var revokedAt = 0
        for n in 1...submissions {
            let actor = n % 2 == 0 && n <= revokeAfter ? "instr2" : "instr"
            try store.execute([ActorCommand(.submitCase(SubmitCase(call: call, fields: [
                "applicant_name": "Association \(n)", "applicant_kind": "association", "siret": "73282932000074",
                "departement": "31", "title": "Projet \(n)", "amount_requested": "\(1000 + n)", "received_on": "2026-04-01",
            ])), by: actor)], at: "2026-05-02T09:\(String(format: "%02d", n % 60)):00Z", today: today, keys: keys)
            seq += 1
            if n == rotateAfter {
                try keys.retire(for: "instr")
                try store.execute([ActorCommand(.rotateKey(RotateKey(actor: "instr", publicKey: try key("instr"))), by: "admin")],
                                  at: "2026-05-02T10:00:00Z", today: today, keys: keys)
                seq += 1
                rotatedAt = seq
            }
            if n == revokeAfter {
                try store.execute([ActorCommand(.revokeKey(RevokeKey(actor: "instr2", reason: "Départ du service")), by: "admin")],
                                  at: "2026-05-02T11:00:00Z", today: today, keys: keys)
                seq += 1
                revokedAt = seq
            }
        }
        return SignedLogFixture(
            directory: directory, keys: keys, revokedKey: revokedKey, rotatedKey: rotatedKey,
            rotatedAt: rotatedAt, revokedAt: revokedAt, count: seq
        )
    }

    var log: FileEventLog { FileEventLog(directory: directory.store) }

    /// The private key the actor of `line` had at `seq`.
    func key(signing line: [UInt8], at seq: Int) throws -> SigningKey {
        let text = String(decoding: line, as: UTF8.self)
        let start = try #require(text.range(of: #""actor":""#)).upperBound
        let end = try #require(text[start...].firstIndex(of: "\""))
        let actor = String(text[start..<end])
        if actor == "instr", seq <= rotatedAt { return rotatedKey }
        if actor == "instr2" { return revokedKey }
        return try #require(try keys.key(for: actor))
    }

    /// The log's lines, segment by segment.
    func segments() throws -> SegmentedLines {
        try SegmentedLines(directory: directory)
    }
}

/// The lines of a store's segments, to edit and write back with the same segment boundaries.
struct SegmentedLines {
    let directory: LogTestDirectory
    /// The segment file names, in order.
    let names: [String]
    /// The lines of each segment, without newlines.
    var lines: [[[UInt8]]]

    init(directory: LogTestDirectory) throws {
        self.directory = directory
        names = try directory.segmentNames().filter { $0.hasSuffix(".jsonl") }
        lines = try names.map { try directory.lines(directory.store + "/log/" + $0) }
    }

    /// Every line, in order.
    var all: [[UInt8]] { lines.flatMap { $0 } }

    /// The seq of the first line of each segment after the first.
    var boundaries: [Int] {
        var seq = 1
        var starts: [Int] = []
        for segment in lines.dropLast() {
            seq += segment.count
            starts.append(seq)
        }
        return starts
    }

    /// The line at position `seq` (from 1).
    subscript(seq: Int) -> [UInt8] {
        get { all[seq - 1] }
        set {
            var remaining = seq - 1
            for index in lines.indices {
                if remaining < lines[index].count {
                    lines[index][remaining] = newValue
                    return
                }
                remaining -= lines[index].count
            }
        }
    }

    /// Removes the line at position `seq`.
    mutating func remove(_ seq: Int) {
        var remaining = seq - 1
        for index in lines.indices {
            if remaining < lines[index].count {
                lines[index].remove(at: remaining)
                return
            }
            remaining -= lines[index].count
        }
    }

    /// Inserts a line at position `seq` (in the segment of the line now there, or the last one).
    mutating func insert(_ line: [UInt8], at seq: Int) {
        var remaining = seq - 1
        for index in lines.indices {
            if remaining < lines[index].count {
                lines[index].insert(line, at: remaining)
                return
            }
            remaining -= lines[index].count
        }
        lines[lines.count - 1].append(line)
    }

    /// Renumbers every line by its position and recomputes every `prev` (signatures untouched).
    mutating func rechain() throws {
        var previous = LineDigest.zero
        var seq = 1
        for segment in lines.indices {
            for index in lines[segment].indices {
                let fixed = try Forger.settingPrefix(lines[segment][index], seq: seq, prev: previous)
                lines[segment][index] = fixed
                previous = LineDigest(hashing: fixed)
                seq += 1
            }
        }
    }

    /// Like ``rechain()``, and every line but those at `except` signed again by its actor with the
    /// key it had at that point (so that only the lines at `except` have a bad signature).
    mutating func rechainResigning(_ fixture: SignedLogFixture, except: Set<Int>) throws {
        var previous = LineDigest.zero
        var seq = 1
        for segment in lines.indices {
            for index in lines[segment].indices {
                var fixed = try Forger.settingPrefix(lines[segment][index], seq: seq, prev: previous)
                if !except.contains(seq) {
                    let body = LineSignature.split(fixed)?.signed ?? fixed
                    fixed = try Forger.sign(body, with: try fixture.key(signing: fixed, at: seq))
                }
                lines[segment][index] = fixed
                previous = LineDigest(hashing: fixed)
                seq += 1
            }
        }
    }

    /// Writes the segments back, and `head.json` for the last line when `head` is true.
    func write(head: Bool = true) throws {
        for (name, segment) in zip(names, lines) {
            try directory.writeLines(segment, to: directory.store + "/log/" + name)
        }
        if head, let last = all.last {
            let anchor = LogHead(seq: all.count, hash: LineDigest(hashing: last).hex)
            try directory.write(HeadFile.encode(anchor), to: directory.store + "/head.json")
        }
    }
}

/// What a forger with write access to the store's files does to lines.
enum Forger {
    /// The bytes that were signed: the line without its signature member.
    static func unsigned(_ line: [UInt8]) throws -> [UInt8] {
        try #require(LineSignature.split(line)).signed
    }

    /// An unsigned line signed with `key`.
    static func sign(_ unsigned: [UInt8], with key: SigningKey) throws -> [UInt8] {
        var line = unsigned
        LineSignature.attach(try key.sign(unsigned), to: &line)
        return line
    }

    /// The line with its canonical prefix rewritten to `seq` and `prev`.
    static func settingPrefix(_ line: [UInt8], seq: Int, prev: LineDigest) throws -> [UInt8] {
        let prefix = try #require(line.withUnsafeBufferPointer { LinePrefix.parse($0) })
        return Array(#"{"seq":\#(seq),"prev":"\#(prev.hex)","#.utf8) + line[prefix.length...]
    }

    /// The line with the seconds of its `at` timestamp changed (`…:00Z` → `…:01Z`): still a valid
    /// timestamp of the same day, but not the signed bytes any more.
    static func changingTimestamp(_ line: [UInt8]) throws -> [UInt8] {
        try replacing(#":00Z""#, with: #":01Z""#, in: line)
    }

    /// The line with the first occurrence of `text` replaced.
    static func replacing(_ text: String, with replacement: String, in line: [UInt8]) throws -> [UInt8] {
        let string = String(decoding: line, as: UTF8.self)
        let range = try #require(string.range(of: text), "« \(text) » absent de \(string)")
        return Array(string.replacingCharacters(in: range, with: replacement).utf8)
    }
}
