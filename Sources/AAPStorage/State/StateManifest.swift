/// `state/manifest`: the line of the log the state files were built up to, and the SHA-256 of each
/// state file, so that a damaged or half-replaced file is never used.
///
/// Text, one fact per line, read without a JSON decoder:
///
/// ```
/// aap-state 1
/// seq 120034
/// hash 5f0c…(64 hex)
/// events 120034
/// global 9a1b…(64 hex)      (SHA-256 of state/global.json)
/// segment 1 67108901 5312 1763… 1763…   (one line per log segment: number, size, inode,
///                                          modification and change times in ns)
/// call AAP-MOB-2026 77e0…   (one line per call: SHA-256 of state/calls/<call>.state)
/// ```
///
/// The segment stamps tell whether the log was written to since the files were built without
/// reading it: any write changes a segment's size or change time (which no one can set back), so
/// files whose stamps differ from the log's are rebuilt from the whole log, chain checked.
struct StateManifest: Equatable {
    static let formatLine = "aap-state 1"

    /// The last line folded into the state files.
    var head: LogHead
    /// The log's segments as the file system saw them just after `head` was written.
    var segments: [SegmentStamp]
    /// How many events the state holds (equals `head.seq` on a sound log).
    var eventCount: Int
    /// Hex SHA-256 of `global.json`.
    var global: String
    /// Hex SHA-256 of each call's file, by call id, for every call of the store.
    var calls: [String: String]

    func encoded() -> [UInt8] {
        var text = "\(Self.formatLine)\nseq \(head.seq)\nhash \(head.hash)\n"
        text += "events \(eventCount)\nglobal \(global)\n"
        for stamp in segments {
            text += "segment \(stamp.segment) \(stamp.size) \(stamp.inode) \(stamp.modified) \(stamp.changed)\n"
        }
        for (call, digest) in calls.sorted(by: { $0.key < $1.key }) {
            text += "call \(call) \(digest)\n"
        }
        return Array(text.utf8)
    }

    /// The manifest in `bytes`, or nil when it is not one.
    static func parse(_ bytes: [UInt8]) -> StateManifest? {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 6, lines.last?.isEmpty == true, String(decoding: lines[0], as: UTF8.self) == formatLine else { return nil }
        func words(_ index: Int, _ key: String, count: Int) -> [String]? {
            let parts = lines[index].split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == count + 1, parts[0] == key else { return nil }
            return Array(parts.dropFirst())
        }
        guard let seq = words(1, "seq", count: 1).flatMap({ Int($0[0]) }), seq >= 0,
              let hash = words(2, "hash", count: 1)?[0], isDigest(hash),
              let events = words(3, "events", count: 1).flatMap({ Int($0[0]) }),
              let global = words(4, "global", count: 1)?[0], isDigest(global) else { return nil }
        var segments: [SegmentStamp] = []
        var calls: [String: String] = [:]
        for index in 5..<(lines.count - 1) {
            if let s = words(index, "segment", count: 5) {
                guard calls.isEmpty, let number = Int(s[0]), let size = Int(s[1]), let inode = UInt64(s[2]),
                      let modified = Int64(s[3]), let changed = Int64(s[4]) else { return nil }
                segments.append(SegmentStamp(segment: number, size: size, inode: inode, modified: modified, changed: changed))
            } else if let call = words(index, "call", count: 2), isDigest(call[1]), calls[call[0]] == nil {
                calls[call[0]] = call[1]
            } else {
                return nil
            }
        }
        return StateManifest(head: LogHead(seq: seq, hash: hash), segments: segments, eventCount: events, global: global, calls: calls)
    }

    private static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// What the file system says of one log segment.
struct SegmentStamp: Equatable {
    let segment: Int
    let size: Int
    let inode: UInt64
    /// Modification time, in nanoseconds.
    let modified: Int64
    /// Change time (set by the kernel on any write or metadata change), in nanoseconds.
    let changed: Int64
}
