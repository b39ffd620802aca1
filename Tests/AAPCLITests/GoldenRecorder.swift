import AAPStorage
import Foundation
import Testing

/// Runs the golden session's commands through the built `aap` and writes down what a person sees:
/// one transcript per step (`NN-name.txt`: the command line, its stdout, its stderr lines prefixed
/// with `stderr> `, its exit code), and the bytes of each export beside it (`NN-name.csv`, `.json`,
/// `.html`, `.dot`, `.mmd`).
///
/// Everything is made byte-stable:
/// - the clock: run number n (from 0) gets `AAP_NOW` = 2026-06-15T08:00:00Z + n minutes;
/// - the keys: every actor's private key file is written beforehand in the session's own key
///   directory (`<actor>.key`, the base64 of a 32-byte seed), the seed being the SHA-256 of
///   `aap golden key <actor>`; Ed25519 signing is deterministic, so signatures, line hashes,
///   heads and checkpoints are pinned too;
/// - the paths: the session's temporary directory is written `$WS` (the store is `$WS/store`).
final class GoldenRecorder {
    /// The placeholder written instead of the session's temporary directory.
    static let placeholder = "$WS"

    let workspace: Workspace
    /// `AAP_KEYS` of every run.
    let keys: URL
    private var runs = 0
    private var step = ""
    private var transcript = ""
    /// File name → bytes, for every step recorded so far.
    private(set) var files: [String: Data] = [:]

    init(actors: [String]) throws {
        workspace = try Workspace()
        keys = workspace.path("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for actor in actors {
            let file = keys.appendingPathComponent("\(actor).key")
            try Data((Data(Self.seed(for: actor)).base64EncodedString() + "\n").utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
    }

    /// The fixed 32-byte key seed of an actor.
    static func seed(for actor: String) -> [UInt8] {
        let hex = Array(TestSHA256.hex(Data("aap golden key \(actor)".utf8)).utf8)
        return stride(from: 0, to: hex.count, by: 2).compactMap { UInt8(String(decoding: hex[$0 ..< $0 + 2], as: UTF8.self), radix: 16) }
    }

    /// The base64 Ed25519 public key of an actor's fixed seed (for `--public-key`).
    static func publicKey(for actor: String) throws -> String {
        try SigningKey(seed: seed(for: actor)).publicKeyBase64
    }

    /// A path inside the session's temporary directory.
    func path(_ name: String) -> URL { workspace.path(name) }

    /// Records the runs of `body` as the step `name` (the stem of its golden files).
    func step(_ name: String, _ body: () throws -> Void) throws {
        step = name
        transcript = ""
        defer {
            files["\(name).txt"] = Data(transcript.utf8)
            step = ""
        }
        try body()
    }

    /// Runs `aap ARGS [--as ACTOR]` and appends it to the step's transcript.
    ///
    /// - `stdin`: text given on the standard input (shown as a here-document);
    /// - `stdoutAs`: the extension of a file that receives the exact stdout bytes (an export), instead of the transcript;
    /// - `writes`: a file the command writes (`--html FILE`), copied into the golden file `<step>.<ext>`.
    @discardableResult
    func run(_ arguments: [String], as actor: String? = nil, stdin: String? = nil, stdoutAs stdoutExtension: String? = nil,
             writes written: (file: URL, ext: String)? = nil) throws -> AapResult {
        let result = try workspace.run(arguments, as: actor, env: ["AAP_NOW": Self.instant(runs), "AAP_KEYS": keys.path],
                                       stdin: stdin.map { Data($0.utf8) })
        runs += 1
        var text = "$ aap " + result.arguments.map(Self.shellQuoted).joined(separator: " ")
        if let stdin {
            text += " <<'EOF'\n" + stdin + (stdin.hasSuffix("\n") ? "" : "\n") + "EOF"
        }
        text += "\n"
        if let stdoutExtension {
            let name = "\(step).\(stdoutExtension)"
            files[name] = Data(normalized(result.stdout).utf8)
            text += "(stdout : \(name))\n"
        } else {
            text += Self.block(normalized(result.stdout), prefix: "")
        }
        text += Self.block(normalized(result.stderr), prefix: "stderr> ")
        if let written {
            let name = "\(step).\(written.ext)"
            let bytes = (try? Data(contentsOf: written.file)).map { normalized(String(decoding: $0, as: UTF8.self)) }
            files[name] = Data((bytes ?? "(fichier non écrit)\n").utf8)
            text += "(fichier écrit : \(name))\n"
        }
        text += "exit \(result.code)\n\n"
        transcript += normalized(text)
        return result
    }

    /// Writes a file into the session's temporary directory and returns its path.
    func write(_ text: String, to name: String) throws -> URL {
        let url = path(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The text with the session's temporary directory replaced by `$WS`.
    func normalized(_ text: String) -> String {
        let root = workspace.root.standardizedFileURL.path
        return text.replacingOccurrences(of: root, with: Self.placeholder)
            .replacingOccurrences(of: root.replacingOccurrences(of: "/", with: "\\/"), with: Self.placeholder)
    }

    /// The pinned clock of run `n`: 2026-06-15T08:00:00Z plus n minutes.
    static func instant(_ n: Int) -> String {
        let hours = 8 + n / 60, minutes = n % 60
        return "2026-06-15T\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes):00Z"
    }

    /// An output as transcript lines: each line prefixed; a missing final newline is said.
    private static func block(_ text: String, prefix: String) -> String {
        guard !text.isEmpty else { return "" }
        var lines = text.components(separatedBy: "\n")
        let ended = lines.last == ""
        if ended { lines.removeLast() }
        return lines.map { prefix + $0 + "\n" }.joined() + (ended ? "" : "\(prefix)(sans fin de ligne)\n")
    }

    /// An argument as a shell would need it.
    private static func shellQuoted(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || "_-./:=,@%+$".unicodeScalars.contains($0)
        }
        return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
