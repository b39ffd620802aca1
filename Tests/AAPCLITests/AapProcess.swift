import Foundation
import Testing

// The end-to-end harness: every test in this target drives the built `aap` executable as a user
// would, through arguments, environment, stdin, stdout, stderr, exit codes and the files of the store.

/// What one run of `aap` produced.
struct AapResult: CustomStringConvertible, Sendable {
    let arguments: [String]
    let code: Int32
    let stdout: String
    let stderr: String

    /// Stdout without its final newline(s).
    var out: String { stdout.trimmingCharacters(in: .newlines) }

    /// True when stderr is exactly one non-empty line ending with a newline.
    var stderrIsOneLine: Bool {
        let newlines = stderr.utf8.filter { $0 == 0x0A }.count
        return newlines == 1 && stderr.hasSuffix("\n") && stderr.utf8.count > 1 && !stderr.contains("\r")
    }

    /// The stderr line without its newline.
    var errorLine: String { stderr.trimmingCharacters(in: .newlines) }

    /// Stdout parsed as JSON.
    var json: JSONDoc {
        get throws { try JSONDoc(parsing: stdout) }
    }

    var description: String {
        "aap \(arguments.joined(separator: " ")) → exit \(code)\n  stdout: \(stdout.prefix(2_000))\n  stderr: \(stderr.prefix(2_000))"
    }
}

/// Failure of a setup step: the test stops there instead of cascading.
struct AapStepFailed: Error, CustomStringConvertible {
    let result: AapResult
    var description: String { "étape en échec : \(result)" }
}

/// Where the `aap` executable under test is.
enum AapBinary {
    /// `AAP_BIN` if set, else the `aap` built next to the running test executable.
    static let path: String? = locate()

    static func locate() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["AAP_BIN"], !env.isEmpty { return env }
        var dirs: [URL] = []
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        if let first = CommandLine.arguments.first {
            dirs.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles {
            // macOS: …/debug/aapPackageTests.xctest/Contents/MacOS/…; the binary sits next to the bundle.
            dirs.append(bundle.bundleURL.deletingLastPathComponent())
        }
        let root = PackagePaths.packageRoot
        for sub in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug", ".build/aarch64-unknown-linux-gnu/debug",
                    ".build/arm64-apple-macosx/debug", ".build/x86_64-apple-macosx/debug"] {
            dirs.append(root.appendingPathComponent(sub))
        }
        for dir in dirs {
            let candidate = dir.appendingPathComponent("aap").standardizedFileURL.path
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    static func require() throws -> String {
        guard let path else {
            throw AapBinaryMissing()
        }
        return path
    }

    struct AapBinaryMissing: Error, CustomStringConvertible {
        var description: String {
            "exécutable aap introuvable : lancez « swift build » (la cible de test dépend de « aap ») ou définissez AAP_BIN"
        }
    }
}

/// One test's private directory: the store, the working directory of every run, and the captured outputs.
///
/// Removed when the workspace goes away. Runs are independent processes, so a workspace may be
/// shared by several threads (the fields never change after `init`).
final class Workspace: @unchecked Sendable {
    /// The pinned clock of every run unless a run overrides `AAP_NOW`.
    static let now = "2026-06-15T10:00:00Z"

    /// `AAP_KEYS` of every run: one private-key directory for the whole test process, so that the
    /// stores built once and copied into each test keep working (actor ids reuse their key).
    static let keys: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aap-e2e-keys-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: Workspace.keys) }
        return url
    }()

    let root: URL
    /// The store folder (the files engine), also where a shared store is copied from.
    let store: URL
    /// The engine of the store the runs use.
    let engine: TestEngine
    /// `AAP_STORE` of every run: ``store``'s path, or a fresh PostgreSQL database's URL.
    private(set) var storeAddress: String
    private var dropDatabase: (@Sendable () -> Void)?
    /// The current directory of every run (empty: `init` uses the workflows built into the binary).
    let cwd: URL
    private let io: URL

    init(engine: TestEngine = .files) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("aap-e2e-\(UUID().uuidString)")
        store = root.appendingPathComponent("store")
        self.engine = engine
        storeAddress = store.path
        if engine == .postgres {
            let database = try TestEngine.freshDatabase()
            storeAddress = database.url
            dropDatabase = database.drop
        }
        cwd = root.appendingPathComponent("cwd")
        io = root.appendingPathComponent("io")
        for dir in [cwd, io] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    deinit {
        dropDatabase?()
        try? FileManager.default.removeItem(at: root)
    }

    var logDirectory: URL { store.appendingPathComponent("log") }
    var firstSegment: URL { logDirectory.appendingPathComponent("000001.jsonl") }

    /// A path inside the workspace (not in the store).
    func path(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// Runs `aap` with the arguments (`--as ACTOR` appended when given) against this workspace's store.
    @discardableResult
    func run(_ arguments: [String], as actor: String? = nil, env extra: [String: String] = [:], stdin: Data? = nil,
             store storeOverride: URL? = nil, setStore: Bool = true) throws -> AapResult {
        let binary = try AapBinary.require()
        var args = arguments
        if let actor { args += ["--as", actor] }

        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AAP_") }
        environment["AAP_NOW"] = Self.now
        environment["AAP_KEYS"] = Self.keys.path
        if setStore { environment["AAP_STORE"] = storeOverride?.path ?? storeAddress }
        environment["PGGSSENCMODE"] = "disable"
        environment["LC_ALL"] = "C.UTF-8"
        for (key, value) in extra { environment[key] = value }

        let id = UUID().uuidString
        let outURL = io.appendingPathComponent("\(id).out")
        let errURL = io.appendingPathComponent("\(id).err")
        let fm = FileManager.default
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? fm.removeItem(at: outURL)
            try? fm.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        var inHandle: FileHandle?
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        process.environment = environment
        process.currentDirectoryURL = cwd
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let stdin {
            let inURL = io.appendingPathComponent("\(id).in")
            try stdin.write(to: inURL)
            let handle = try FileHandle(forReadingFrom: inURL)
            inHandle = handle
            process.standardInput = handle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        try? inHandle?.close()
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return AapResult(arguments: args, code: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs a step that must succeed; records the failure and stops the test otherwise.
    @discardableResult
    func ok(_ arguments: [String], as actor: String? = nil, env: [String: String] = [:], stdin: Data? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) throws -> AapResult {
        let result = try run(arguments, as: actor, env: env, stdin: stdin)
        guard result.code == 0 else {
            Issue.record("\(result)", sourceLocation: sourceLocation)
            throw AapStepFailed(result: result)
        }
        return result
    }

    /// Runs a step that must succeed with `--json` and returns its parsed stdout.
    func okJSON(_ arguments: [String], as actor: String? = nil, env: [String: String] = [:],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONDoc {
        let result = try ok(arguments + ["--json"], as: actor, env: env, sourceLocation: sourceLocation)
        do { return try result.json } catch {
            Issue.record("stdout n'est pas un document JSON : \(result)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Every regular file under `directory` (default: the whole store) with its bytes.
    func snapshot(of directory: URL? = nil) -> [String: Data] {
        let base = (directory ?? store).standardizedFileURL
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return files
        }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.path.count))
            // `state/` is a cache of the folded log that any command may rebuild: not something a command writes.
            if relative.hasPrefix("/state/") { continue }
            files[relative] = (try? Data(contentsOf: url)) ?? Data()
        }
        return files
    }

    /// The lines of every log segment, in segment order, as exact bytes (without the newline).
    func logLines(in store: URL? = nil) throws -> [Data] {
        if store == nil, engine == .postgres {
            // The database's lines, copied byte for byte into a folder by the binary, then read as files.
            let dump = root.appendingPathComponent("dump-\(UUID().uuidString)")
            try ok(["store", "copy", storeAddress, dump.path])
            defer { try? FileManager.default.removeItem(at: dump) }
            return try logLines(in: dump)
        }
        let log = (store ?? self.store).appendingPathComponent("log")
        let names = try FileManager.default.contentsOfDirectory(atPath: log.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        var lines: [Data] = []
        for name in names {
            let data = try Data(contentsOf: log.appendingPathComponent(name))
            var start = data.startIndex
            for index in data.indices where data[index] == 0x0A {
                lines.append(data[start..<index])
                start = index + 1
            }
            if start < data.endIndex { lines.append(data[start...]) }
        }
        return lines
    }

    /// Copies the whole store to a new directory of this workspace and returns it.
    func copyStore(named name: String) throws -> URL {
        let copy = root.appendingPathComponent(name)
        try FileManager.default.copyItem(at: store, to: copy)
        return copy
    }
}

/// A read-only view of a parsed JSON document.
struct JSONDoc: CustomStringConvertible, @unchecked Sendable {
    let value: Any?

    init(_ value: Any?) { self.value = value }

    init(parsing text: String) throws {
        value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    subscript(_ key: String) -> JSONDoc { JSONDoc((value as? [String: Any])?[key]) }
    subscript(_ index: Int) -> JSONDoc {
        guard let array = value as? [Any], array.indices.contains(index) else { return JSONDoc(nil) }
        return JSONDoc(array[index])
    }

    var exists: Bool { value != nil }
    var isNull: Bool { value is NSNull }
    var string: String? { value as? String }
    /// JSON `true` / `false` (on Linux, `0 is Bool` holds for any NSNumber: tell them apart by their C type).
    private var isBoolean: Bool {
        guard let number = value as? NSNumber else { return value is Bool }
        return String(cString: number.objCType) == "c"
    }
    var bool: Bool? {
        guard isBoolean else { return nil }
        return (value as? NSNumber)?.boolValue ?? (value as? Bool)
    }
    var int: Int? {
        guard !isBoolean, let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double == double.rounded(), abs(double) < 9e15 else { return nil }
        return number.intValue
    }
    var double: Double? {
        guard !isBoolean, let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }
    var array: [JSONDoc]? { (value as? [Any])?.map(JSONDoc.init) }
    var strings: [String]? { (value as? [Any])?.compactMap { $0 as? String } }
    var object: [String: JSONDoc]? { (value as? [String: Any])?.mapValues(JSONDoc.init) }
    var keys: Set<String> { Set((value as? [String: Any])?.keys.map { $0 } ?? []) }

    var description: String {
        guard let value, JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else {
            return String(describing: value)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Checks shared by the refusal tests: the exit code, one French line on stderr, nothing written.
extension Workspace {
    /// Runs a command that must be refused with `code`, print one French line on stderr, and leave the store unchanged.
    @discardableResult
    func refused(_ arguments: [String], as actor: String? = nil, code: Int32, env: [String: String] = [:],
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> AapResult {
        let before = snapshot()
        let result = try run(arguments, as: actor, env: env)
        let after = snapshot()
        #expect(result.code == code, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrIsOneLine, "stderr doit tenir en une ligne : \(result)", sourceLocation: sourceLocation)
        #expect(FrenchLine.looksFrench(result.errorLine), "message non français : \(result)", sourceLocation: sourceLocation)
        #expect(after == before, "le magasin a changé après un refus : \(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "rien sur stdout après un refus : \(result)", sourceLocation: sourceLocation)
        return result
    }
}

enum FrenchLine {
    /// English fragments that must never reach a French user (argument-parser or Foundation leftovers).
    static let englishMarkers = [
        "Error:", "error:", "Did you mean", "Unknown option", "Missing expected", "Missing value", "Unexpected argument",
        "is invalid for", "unexpected argument", "Usage:", "USAGE:", "The operation", "couldn’t", "couldn't", "No such file", "Fatal error",
    ]

    static func looksFrench(_ line: String) -> Bool {
        !line.isEmpty && !englishMarkers.contains { line.contains($0) }
    }
}

/// Fixed paths of the package under test.
enum PackagePaths {
    /// The package root, from this file's path (…/Tests/AAPCLITests/AapProcess.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `Workflows/` folder of the package (through the current directory first, then this file's path).
    static var workflowsDirectory: URL? {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Workflows"),
            packageRoot.appendingPathComponent("Workflows"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("aap.json").path) }
    }
}
