import AAPStorage
import Foundation
import Testing

// What a forger with write access to the store's files can do, for the trust tests: sign a line
// with a private key of the test process's key directory (``Workspace/keys``) or another key,
// strip a signature, recompute `prev` and `head.json` over a rewritten log.

/// Line forging: signatures and chain recomputation over exact line bytes.
enum Forge {
    /// The private key of `actor` in the key directory of the test process (written there by `aap init` / `actor add`).
    static func key(of actor: String, in directory: URL = Workspace.keys) throws -> SigningKey {
        let file = directory.appendingPathComponent("\(actor).key")
        let text = try String(contentsOf: file, encoding: .utf8)
        let seed = try #require(Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), "clé illisible \(file.path)")
        #expect(seed.count == 32)
        return try SigningKey(seed: Array(seed))
    }

    /// Signs an unsigned line (`{…,"data":{…}}`) and returns it with `,"sig":"<base64>"}` in place of its final `}`.
    static func sign(_ unsigned: String, with key: SigningKey) throws -> String {
        precondition(unsigned.hasSuffix("}") && !unsigned.contains(#""sig":"#), "ligne non signée attendue : \(unsigned)")
        let signature = try key.sign(Array(unsigned.utf8))
        #expect(signature.count == 64)
        let encoded = Data(signature).base64EncodedString()
        #expect(encoded.count == 88)
        return String(unsigned.dropLast()) + #","sig":""# + encoded + #""}"#
    }

    /// Signs an unsigned line with `actor`'s own private key.
    static func sign(_ unsigned: String, as actor: String) throws -> String {
        try sign(unsigned, with: try key(of: actor))
    }

    /// The line without its signature member: the bytes that were signed.
    static func unsigned(_ line: String) -> String {
        guard let range = line.range(of: #","sig":""#, options: .backwards) else { return line }
        return String(line[..<range.lowerBound]) + "}"
    }

    /// The line with its `"prev":"…"` replaced (the signature, if any, is left as it was).
    static func settingPrev(_ line: String, to prev: String) -> String {
        let marker = #","prev":""#
        guard let start = line.range(of: marker) else { return line }
        let valueStart = start.upperBound
        let valueEnd = line.index(valueStart, offsetBy: 64)
        return String(line[..<valueStart]) + prev + String(line[valueEnd...])
    }

    /// The line with its leading `{"seq":N` replaced (the signature, if any, is left as it was).
    static func settingSeq(_ line: String, to seq: Int) -> String {
        let prefix = #"{"seq":"#
        precondition(line.hasPrefix(prefix))
        let rest = line.dropFirst(prefix.count).drop { $0.isNumber }
        return prefix + String(seq) + String(rest)
    }

    /// Renumbers lines 1…N and recomputes every `prev` from the line before (signatures untouched):
    /// a chain that `audit verify`'s chain check accepts.
    static func rechained(_ lines: [String]) -> [String] {
        var previous = String(repeating: "0", count: 64)
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            let fixed = settingPrev(settingSeq(line, to: index + 1), to: previous)
            out.append(fixed)
            previous = TestSHA256.hex(fixed)
        }
        return out
    }
}

extension Workspace {
    /// The log's lines as text.
    func logText() throws -> [String] {
        try logLines().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The log's only segment (the tests' stores are far below the segment size).
    var onlySegment: URL {
        get throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: logDirectory.path).filter { $0.hasSuffix(".jsonl") }
            #expect(names == ["000001.jsonl"])
            return logDirectory.appendingPathComponent("000001.jsonl")
        }
    }

    /// Replaces the whole log with `lines` (one segment) and `head.json` with the last line's seq and hash, as the store writes it.
    func writeLog(_ lines: [String], head: Bool = true) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: try onlySegment)
        if head { try writeHead(for: lines) }
    }

    /// Writes `head.json` = `{"seq":N,"hash":"<hex>"}` (no newline) for the last of `lines`.
    func writeHead(for lines: [String]) throws {
        let last = try #require(lines.last)
        let head = #"{"seq":\#(lines.count),"hash":"\#(TestSHA256.hex(last))"}"#
        try Data(head.utf8).write(to: store.appendingPathComponent("head.json"))
    }

    /// Appends one line (and its newline) to the log and points `head.json` at it.
    func appendForged(_ line: String) throws {
        let handle = try FileHandle(forWritingTo: try onlySegment)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
        try handle.close()
        try writeHead(for: try logText())
    }

    /// `audit verify --json` must fail with 65 at `seq`; returns the reason. The human form names the seq too.
    @discardableResult
    func expectAuditFails(at seq: Int, events: Int? = nil, reasonContains fragment: String? = nil,
                          sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(["audit", "verify", "--json"])
        #expect(result.code == 65, "\(result)", sourceLocation: sourceLocation)
        let report = try result.json
        #expect(report["ok"].bool == false, "\(result)", sourceLocation: sourceLocation)
        #expect(report["first_bad_seq"].int == seq, "\(result)", sourceLocation: sourceLocation)
        if let events { #expect(report["events"].int == events, "\(result)", sourceLocation: sourceLocation) }
        let reason = report["reason"].string ?? ""
        #expect(!reason.isEmpty, "\(result)", sourceLocation: sourceLocation)
        if let fragment { #expect(reason.contains(fragment), "\(reason)", sourceLocation: sourceLocation) }
        #expect(result.stderrIsOneLine, "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLine.hasPrefix("Journal altéré à partir de l'événement \(seq) : "), "\(result)", sourceLocation: sourceLocation)
        return reason
    }
}
