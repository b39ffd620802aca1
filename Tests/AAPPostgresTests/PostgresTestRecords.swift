import AAPStorage
import Foundation

/// Records and a fixed signer shared by the PostgreSQL tests.
enum PostgresTestRecords {
    /// A test record, as the storage tests write them.
    static func record(_ index: Int, actor: String = "agent:test") -> NewRecord {
        NewRecord(
            at: "2026-03-02T09:00:00Z", actor: actor, type: "test.recorded",
            data: Array(#"{"n":\#(index),"note":"payload-\#(index)"}"#.utf8)
        )
    }

    /// Signs with a key made from a fixed seed: Ed25519 is deterministic, so every engine gets the
    /// same signature bytes.
    static func signer() throws -> LineSigner {
        let key = try SigningKey(seed: Array(repeating: 7, count: 32))
        return { _, line in try key.sign(line) }
    }

    /// Every line of `source` with its checks, and the first problem.
    static func read(_ source: some LogLineSource, from start: LogStart = .beginning) throws -> (lines: [LogLine], head: LogHead, problem: ChainProblem?) {
        var cursor = LogCursor(from: start)
        var lines: [LogLine] = []
        try cursor.read(source) { lines.append($0.logLine) }
        return (lines, cursor.head, cursor.finish())
    }
}
