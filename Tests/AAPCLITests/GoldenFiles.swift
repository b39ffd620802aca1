import Foundation
import Testing

/// The committed golden files (`Tests/AAPCLITests/Golden/`) and how a recorded output is held against them.
///
/// `AAP_UPDATE_GOLDEN=1 swift test --filter GoldenTests` (or `scripts/update-golden`) rewrites them from
/// the current program instead of comparing, and removes the files no step writes any more.
enum GoldenFiles {
    static let directory = PackagePaths.packageRoot.appendingPathComponent("Tests/AAPCLITests/Golden")

    static let updateCommand = "AAP_UPDATE_GOLDEN=1 swift test --filter GoldenTests"

    static var updating: Bool { ProcessInfo.processInfo.environment["AAP_UPDATE_GOLDEN"] == "1" }

    /// The names of the committed golden files.
    static func committed() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Compares `actual` with the golden file `name` (or rewrites it when updating); records an issue
    /// showing the first differing lines otherwise.
    static func check(_ name: String, _ actual: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if (try? Data(contentsOf: url)) != actual { try actual.write(to: url) }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("Fichier de référence absent : Golden/\(name) ; créez-le avec « \(updateCommand) »", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record(Comment(rawValue: difference(name, expected: expected, actual: actual)), sourceLocation: sourceLocation)
        }
    }

    /// A failure message: the first differing line, with two lines of context, from both sides.
    static func difference(_ name: String, expected: Data, actual: Data) -> String {
        let old = lines(expected), new = lines(actual)
        let common = min(old.count, new.count)
        let first = (0 ..< common).first { old[$0] != new[$0] } ?? common
        let context = max(0, first - 2) ..< first + 3
        func excerpt(_ lines: [String], _ marker: String) -> String {
            context.filter { $0 < lines.count }.map { "\($0 == first ? marker : " ") \($0 + 1): \(lines[$0])" }.joined(separator: "\n")
        }
        return """
        Golden/\(name) diffère à la ligne \(first + 1) (attendu \(old.count) lignes, obtenu \(new.count)).
        attendu :
        \(excerpt(old, "-"))
        obtenu :
        \(excerpt(new, "+"))
        Si le changement est voulu : \(updateCommand)
        """
    }

    /// The lines of a file, carriage returns and a byte-order mark made visible.
    private static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "\u{FEFF}", with: "<BOM>")
            .replacingOccurrences(of: "\r\n", with: "␍\n")
            .replacingOccurrences(of: "\r", with: "␍")
            .components(separatedBy: "\n")
    }
}
