import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The event format has one description, `scripts/event-format.json`; the payload structs (encoder
/// and `JSONDecoder` reference), the `Event` enum with its type strings and the fast decoder's
/// readers are generated from it by `scripts/generate-event-format`.
@Suite("Event format")
struct EventFormatTests {
    /// The repository's root, found by walking up from this file.
    static func root(filePath: String = #filePath) throws -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("scripts/event-format.json").path) { return url }
            url = url.deletingLastPathComponent()
        }
        throw DecoderSampleError(message: "scripts/event-format.json introuvable")
    }

    @Test("the generated Swift files are those scripts/generate-event-format writes from scripts/event-format.json")
    func generatedFilesAreUpToDate() throws {
        let script = try Self.root().appendingPathComponent("scripts/generate-event-format").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test("every type string is read back as its type by the fast decoder, and nothing else is")
    func typeStrings() {
        for type in EventType.allCases {
            #expect(EventType(JSONText(unescaped: Array(type.rawValue.utf8))) == type)
        }
        #expect(EventType(JSONText(unescaped: Array("case.Advanced".utf8))) == nil)
        #expect(Event.knownTypes.count == EventType.allCases.count)
    }
}
