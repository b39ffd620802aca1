import Foundation
import Testing
@testable import AAPDomain

/// aap's SIRET verdict against python-stdnum's (`stdnum.fr.siret.is_valid`), over the vectors that
/// `scripts/generate-siret-vectors` wrote with it: the numbers already in the suites, hand-picked
/// ones (La Poste, the issue's) and thousands generated with each key right or wrong.
@Suite("SIRET against python-stdnum")
struct SiretVectorTests {
    struct Vector: CustomStringConvertible {
        let number: String
        let valid: Bool
        var description: String { "\(number) \(valid ? "valid" : "invalid")" }
    }

    static func vectors(filePath: String = #filePath) throws -> [Vector] {
        let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Vectors/siret-stdnum.tsv")
        return try vectors(in: url)
    }

    static func vectors(in url: URL) throws -> [Vector] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t")
            guard parts.count == 2, parts[1] == "valid" || parts[1] == "invalid" else {
                throw VectorLineError(line: String(line))
            }
            return Vector(number: String(parts[0]), valid: parts[1] == "valid")
        }
    }

    struct VectorLineError: Error { let line: String }

    /// The generator, beside the tests' package: `scripts/generate-siret-vectors`.
    static func generator(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/generate-siret-vectors")
    }

    /// Whether python3 with python-stdnum is here (`.ci/run` installs it from PyPI).
    static let stdnumAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import stdnum.fr.siret"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("stdnum itself, run now, agrees with aap on every number the generator makes (the suites' numbers included)",
          .enabled(if: stdnumAvailable, "python-stdnum absent : seuls les vecteurs enregistrés sont comparés"))
    func liveStdnum() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("siret-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.generator().path, output.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let vectors = try Self.vectors(in: output)
        #expect(vectors.count > 5000)
        let disagreements = vectors.filter { Siret.isValid($0.number) != $0.valid }
        #expect(disagreements.isEmpty, "désaccords avec stdnum : \(disagreements.prefix(10))")
    }

    @Test("every vector gets stdnum's verdict")
    func sameVerdict() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count > 5000)
        // Each kind the generator makes is well represented, so the comparison means something.
        #expect(vectors.filter(\.valid).count > 1000)
        #expect(vectors.filter { !$0.valid && Siret.isLuhnValid($0.number) }.count > 500)
        #expect(vectors.filter { $0.number.hasPrefix("356000000") }.count > 500)
        let disagreements = vectors.filter { Siret.isValid($0.number) != $0.valid }
        #expect(disagreements.isEmpty, "désaccords avec stdnum : \(disagreements.prefix(10))")
    }

    @Test("a refusal names the key that is wrong")
    func namesTheKey() throws {
        for vector in try Self.vectors() where !vector.valid {
            do {
                _ = try Siret.parse(vector.number)
                Issue.record("\(vector.number) accepted")
            } catch let error as ValueError {
                let sirenWrong = !Siret.isLuhnValid(String(vector.number.prefix(9)))
                let laPoste = vector.number.hasPrefix("356000000") && vector.number != "35600000000048"
                let sirenOnly = sirenWrong && (laPoste || Siret.isLuhnValid(vector.number))
                if sirenOnly {
                    #expect(error.message.contains("clé du SIREN"), "\(vector.number): \(error.message)")
                } else if laPoste {
                    #expect(error.message.contains("La Poste"), "\(vector.number): \(error.message)")
                } else {
                    #expect(error.message.contains("clé du SIRET"), "\(vector.number): \(error.message)")
                }
            }
        }
    }
}
