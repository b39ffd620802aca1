/// The paths of the files that make up a store directory.
struct StorePaths: Sendable, Equatable {
    /// The store directory as the caller gave it, without trailing slashes.
    let directory: String

    /// Paths inside `directory`.
    init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1, trimmed.hasSuffix("/") {
            trimmed.removeLast()
        }
        self.directory = trimmed
    }

    /// `D/log`, the folder of segments.
    var log: String { join(directory, "log") }
    /// `D/head.json`, the anchor.
    var head: String { join(directory, "head.json") }
    /// `D/head.json.tmp`, the anchor being rewritten.
    var headTemporary: String { join(directory, "head.json.tmp") }
    /// `D/lock`, the advisory lock file.
    var lock: String { join(directory, "lock") }
    /// `D/quarantine`, where torn tails are moved.
    var quarantine: String { join(directory, "quarantine") }

    /// `D/log/NNNNNN.jsonl`.
    func segment(_ name: SegmentName) -> String {
        join(log, name.fileName)
    }

    /// A file inside the quarantine folder.
    func quarantined(_ fileName: String) -> String {
        join(quarantine, fileName)
    }

    private func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }
}
