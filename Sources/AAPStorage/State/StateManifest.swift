/// `state/manifest`: the line of the log the state files were built up to, and the SHA-256 of each
/// state file, so that a damaged or half-replaced file is never used.
///
/// Text, one fact per line, read without a JSON decoder:
///
/// ```
/// aap-state 3
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
    /// Version 2: a case keeps its grant's years as typed values. Version 3: a call keeps running
    /// totals over its cases instead of their ids. Files of an older version are rebuilt.
    static let formatLine = "aap-state 3"

    /// The last line folded into the state files.
    var head: LogHead
    /// The log's segments as the file system saw them just after `head` was written.
    var segments: [SegmentStamp]
    /// How many events the state holds (equals `head.seq` on a sound log).
    var eventCount: Int
    /// Hex SHA-256 of `global.json`.
    var global: String
    /// Hex SHA-256 of each call's file, by call id, for every call of the store.
    var calls: CallDigests

    func encoded() -> [UInt8] {
        var text = "\(Self.formatLine)\nseq \(head.seq)\nhash \(head.hash)\n"
        text += "events \(eventCount)\nglobal \(global)\n"
        for stamp in segments {
            text += "segment \(stamp.segment) \(stamp.size) \(stamp.inode) \(stamp.modified) \(stamp.changed)\n"
        }
        return Array(text.utf8) + calls.encoded()
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
        var index = 5
        while index < lines.count - 1, let s = words(index, "segment", count: 5) {
            guard let number = Int(s[0]), let size = Int(s[1]), let inode = UInt64(s[2]),
                  let modified = Int64(s[3]), let changed = Int64(s[4]) else { return nil }
            segments.append(SegmentStamp(segment: number, size: size, inode: inode, modified: modified, changed: changed))
            index += 1
        }
        // The call lines are kept as they are and read when a call is looked up: a store has
        // hundreds of calls and a command reads one or two.
        let rest = lines[index...].dropLast()
        let callLines = rest.isEmpty ? [] : Array(rest.joined(separator: [0x0A])) + [0x0A]
        let calls = CallDigests(lines: callLines)
        return StateManifest(head: LogHead(seq: seq, hash: hash), segments: segments, eventCount: events, global: global, calls: calls)
    }

    private static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// The SHA-256 of each call's state file: `call <id> <64 hex>` lines, kept as read and looked up on
/// demand (a line that is not of that form makes the lookup fail, so the files are rebuilt).
struct CallDigests: Equatable {
    private var lines: [UInt8]
    private var changed: [String: String] = [:]

    init(lines: [UInt8] = []) {
        self.lines = lines
    }

    subscript(id: String) -> String? {
        get {
            if let digest = changed[id] { return digest }
            guard let range = Self.digestRange(of: id, in: lines) else { return nil }
            let digest = String(decoding: lines[range], as: UTF8.self)
            return digest.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } ? digest : nil
        }
        set {
            changed[id] = newValue
        }
    }

    /// Where the 64-hex digest of `call <id> <digest>` is in `lines`, found without splitting them.
    private static func digestRange(of id: String, in lines: [UInt8]) -> Range<Int>? {
        let needle = Array("call \(id) ".utf8)
        var start = 0
        while start < lines.count {
            let end = lines[start...].firstIndex(of: 0x0A) ?? lines.count
            if end - start == needle.count + 64, lines[start..<(start + needle.count)].elementsEqual(needle) {
                return (start + needle.count)..<end
            }
            start = end + 1
        }
        return nil
    }

    /// Every call and its digest (read in full: for checks over all calls).
    var all: [String: String] {
        var result: [String: String] = [:]
        for line in lines.split(separator: 0x0A) {
            let words = line.split(separator: 0x20)
            guard words.count == 3 else { continue }
            result[String(decoding: words[1], as: UTF8.self)] = String(decoding: words[2], as: UTF8.self)
        }
        for (id, digest) in changed { result[id] = digest }
        return result
    }

    var keys: Dictionary<String, String>.Keys { all.keys }

    /// The lines, the digests of calls changed since reading replaced in place (a digest is always
    /// 64 characters), new calls added at the end.
    func encoded() -> [UInt8] {
        var out = lines
        for (id, digest) in changed.sorted(by: { $0.key < $1.key }) {
            if let range = Self.digestRange(of: id, in: out), digest.utf8.count == 64 {
                out.replaceSubrange(range, with: Array(digest.utf8))
            } else {
                out += Array("call \(id) \(digest)\n".utf8)
            }
        }
        return out
    }

    static func == (a: CallDigests, b: CallDigests) -> Bool { a.all == b.all }
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
