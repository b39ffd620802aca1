import Foundation
import Testing

/// The human output of every command of the demo session, and each export, byte for byte against
/// `Tests/AAPCLITests/Golden/` (see `GoldenSession` for the steps, `GoldenRecorder` for what is pinned).
/// After an intended change: `AAP_UPDATE_GOLDEN=1 swift test --filter GoldenTests` (or `scripts/update-golden`).
@Suite("Sorties de référence (golden)")
struct GoldenTests {
    @Test("une étape de la session : transcription et exports identiques aux fichiers de référence", arguments: GoldenSession.stepNames)
    func step(_ name: String) throws {
        let recording = try GoldenSession.recorded.get()
        if let failure = recording.failures[name] {
            Issue.record("étape « \(name) » interrompue : \(failure)")
        }
        let files = recording.files.keys.filter { ($0 as NSString).deletingPathExtension == name }.sorted()
        #expect(files.contains("\(name).txt"), "aucune transcription pour « \(name) »")
        for file in files {
            try GoldenFiles.check(file, recording.files[file] ?? Data())
        }
    }

    @Test("aucun fichier de référence sans étape, aucun nom d'étape en double")
    func noOrphanFile() throws {
        let names = GoldenSession.stepNames
        #expect(Set(names).count == names.count, "noms d'étape en double : \(names)")
        let recording = try GoldenSession.recorded.get()
        let orphans = GoldenFiles.committed().filter { recording.files[$0] == nil }
        if GoldenFiles.updating {
            for name in orphans { try FileManager.default.removeItem(at: GoldenFiles.directory.appendingPathComponent(name)) }
            return
        }
        #expect(orphans.isEmpty, "fichiers de Golden/ qu'aucune étape n'écrit : \(orphans) ; « \(GoldenFiles.updateCommand) » les retire")
    }

    @Test("la session est déterministe : deux enregistrements donnent les mêmes octets")
    func deterministic() throws {
        // Two fresh temporary directories, the first steps (init, actors, workflows): keys, clock and paths are pinned.
        let first = try GoldenTests.record(steps: 6)
        let second = try GoldenTests.record(steps: 6)
        #expect(first == second)
    }

    private static func record(steps count: Int) throws -> [String: Data] {
        let recorder = try GoldenRecorder(actors: GoldenSession.actors)
        for (name, body) in GoldenSession.steps.prefix(count) { try recorder.step(name) { try body(recorder) } }
        return recorder.files
    }
}
