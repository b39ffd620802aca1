// Throughput of decoding log lines: Foundation's JSONDecoder (the reference path) against the
// fast LineDecoder behind EventCodec.decode. Run by hand, in release, on a copy of a store:
//
//     swift build -c release --product aap-decode-bench
//     cp -r <store> /tmp/store-copy && .build/release/aap-decode-bench /tmp/store-copy [rounds] [fast|json]
//
// The store is only read (by a LogCursor, chain checked). Not a test: nothing here asserts a speed.
import AAPDomain
import AAPStorage
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: aap-decode-bench <store directory> [rounds] [fast|json]")
    exit(64)
}
let rounds = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
// Only one of the two paths (to profile it alone), or both.
let only = arguments.count >= 4 ? arguments[3] : nil
let allLines = try { () throws -> [LogLine] in
    var lines: [LogLine] = []
    var cursor = LogCursor()
    try cursor.readChecked(FileEventLog(directory: arguments[1])) { lines.append($0.logLine) }
    return lines
}()
// workflow.registered lines are rare, large and left to JSONDecoder by both paths: they are
// timed apart, so that the rows compare the lines the fast decoder reads itself.
let isWorkflow = { (line: LogLine) in line.bytes.utf8Text.contains(#""type":"workflow.registered""#) }
let lines = allLines.filter { !isWorkflow($0) }
let workflowLines = allLines.filter(isWorkflow)
let bytes = lines.reduce(0) { $0 + $1.bytes.count }
print("\(lines.count) lines, \(bytes) bytes (\(bytes / max(lines.count, 1)) bytes per line), best of \(rounds) rounds")
print("(\(workflowLines.count) workflow.registered lines of \(workflowLines.reduce(0) { $0 + $1.bytes.count }) bytes timed apart)")

// Both paths must agree before their speed means anything (checked unless only one path is run).
let decoder = JSONDecoder()
for line in only == nil ? allLines : [] {
    let reference = try EventCodec.decodeWithJSONDecoder(line, decoder: decoder)
    guard try EventCodec.decode(line, decoder: decoder) == reference else {
        print("lines differ at seq \(line.seq)")
        exit(1)
    }
}

/// The best time of `rounds` passes over every line of `lines`.
func best(_ name: String, lines: [LogLine] = lines, _ decode: (LogLine) throws -> RecordedEvent) rethrows -> Double {
    var fastest = Double.infinity
    var checksum = 0
    for _ in 0 ..< rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for line in lines {
            checksum &+= try decode(line).seq
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        fastest = min(fastest, seconds)
    }
    let perSecond = Double(lines.count) / fastest
    let megabytes = Double(lines.reduce(0) { $0 + $1.bytes.count }) / fastest / 1e6
    print("\(name): \(String(format: "%.3f", fastest * 1e3)) ms, \(String(format: "%.0f", perSecond)) lines/s, \(String(format: "%.0f", megabytes)) MB/s (checksum \(checksum))")
    return perSecond
}

let reference = only == "fast" ? nil : try best("JSONDecoder (EventCodec.decodeWithJSONDecoder)") {
    try EventCodec.decodeWithJSONDecoder($0, decoder: decoder)
}
let fast = only == "json" ? nil : try best("LineDecoder (EventCodec.decode)               ") {
    try EventCodec.decode($0, decoder: decoder)
}
if let reference, let fast {
    print("speed-up: \(String(format: "%.1f", fast / reference))×")
}
_ = try best("workflow.registered lines, JSONDecoder          ", lines: workflowLines) {
    try EventCodec.decode($0, decoder: decoder)
}

extension [UInt8] {
    var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
