import Foundation
@testable import AAPStorage

/// A fresh temporary directory for one storage test, removed when the test ends.
///
/// Storage tests never touch the repository's `Storage/` directory.
struct LogTestDirectory {
    /// The temporary directory itself.
    let path: String

    /// The store directory inside it (not created).
    var store: String { path + "/store" }

    /// Runs `body` with a new directory and removes it afterwards, even when `body` throws.
    static func with<T>(_ body: (LogTestDirectory) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("aap-storage-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let directory = LogTestDirectory(path: url.path)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(directory)
    }

    /// The path of segment `number` of the store.
    func segment(_ number: Int) -> String {
        store + "/log/" + String(format: "%06d.jsonl", number)
    }

    /// The names in the store's `log/` folder, sorted.
    func segmentNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store + "/log").sorted()
    }

    /// The bytes of a file.
    func bytes(_ path: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Replaces a file's bytes.
    func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The newline-terminated lines of a file, without their newlines.
    func lines(_ path: String) throws -> [[UInt8]] {
        var lines = try bytes(path).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last == [] { lines.removeLast() }
        return lines
    }

    /// Writes `lines`, each followed by a newline.
    func writeLines(_ lines: [[UInt8]], to path: String) throws {
        try write(lines.flatMap { $0 + [0x0A] }, to: path)
    }

    /// A record whose data is `{"n":i,"note":"payload-i"}`.
    static func record(_ index: Int, actor: String = "agent:test") -> NewRecord {
        NewRecord(
            at: "2026-03-02T09:00:00Z",
            actor: actor,
            type: "test.recorded",
            data: Array(#"{"n":\#(index),"note":"payload-\#(index)"}"#.utf8)
        )
    }

    /// Creates the store and appends `count` records, one per append.
    @discardableResult
    func makeLog(count: Int, segmentMaxBytes: Int = 64 * 1024 * 1024) throws -> FileEventLog {
        let log = try FileEventLog.create(directory: store, segmentMaxBytes: segmentMaxBytes)
        guard count > 0 else { return log }
        for index in 1...count {
            try log.withWriteLock { session in
                _ = try session.append([LogTestDirectory.record(index)], signer: nil)
            }
        }
        return log
    }
}
