import Foundation
import Testing
@testable import AAPStorage

@Suite("Creating and opening a store")
struct LogStoreLifecycleTests {
    @Test func aMissingStoreIsReportedAndNeverCreated() throws {
        try LogTestDirectory.with { directory in
            let log = FileEventLog(directory: directory.store)
            let missing = StorageError.storeMissing(path: directory.store)
            #expect(!log.exists)
            #expect(throws: missing) { try log.readLines() }
            #expect(throws: missing) { try log.readHead() }
            #expect(throws: missing) { try log.withWriteLock { try $0.append([LogTestDirectory.record(1)], signer: nil) } }
            #expect(log.verify().problem?.seq == 0)
            #expect(!FileManager.default.fileExists(atPath: directory.store))
            #expect(missing.description == "Le magasin « \(directory.store) » n'existe pas : lancez d'abord « aap init »")
        }
    }

    @Test func createMakesTheDirectoryAndItsParents() throws {
        try LogTestDirectory.with { directory in
            let nested = directory.path + "/a/b/store"
            let log = try FileEventLog.create(directory: nested)
            #expect(log.exists)
            #expect(log.directory == nested)
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: nested + "/log", isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
            #expect(try log.readLines().isEmpty)
            #expect(try log.readHead() == nil)
            #expect(log.verify().problem == nil)
        }
    }

    @Test func createReusesAnEmptyStoreButRefusesOneWithEvents() throws {
        try LogTestDirectory.with { directory in
            _ = try FileEventLog.create(directory: directory.store)
            let again = try FileEventLog.create(directory: directory.store)
            try again.withWriteLock { _ = try $0.append([LogTestDirectory.record(1)], signer: nil) }
            #expect(throws: StorageError.alreadyExists(path: directory.store)) {
                try FileEventLog.create(directory: directory.store)
            }
            #expect(try again.readLines().count == 1)
        }
    }

    @Test func aTrailingSlashNamesTheSameStore() throws {
        try LogTestDirectory.with { directory in
            let log = try directory.makeLog(count: 2)
            let slashed = FileEventLog(directory: directory.store + "/")
            #expect(try slashed.readLines() == log.readLines())
            #expect(try slashed.withWriteLock { try $0.append([LogTestDirectory.record(3)], signer: nil) }.map(\.seq) == [3])
        }
    }

    @Test func errorMessagesAreOneLineOfFrench() {
        let errors: [StorageError] = [
            .storeMissing(path: "/x"),
            .alreadyExists(path: "/x"),
            .lockTimeout(path: "/x"),
            .corrupt(ChainProblem(seq: 4, reason: "ligne manquante : seq 4 attendu, 5 trouvé")),
            .io("Impossible d'écrire « /x » : plus d'espace sur le disque"),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(error.description.first?.isUppercase == true)
            #expect(error.description.contains("/x") || error.description.contains("seq 4"))
        }
        #expect(StorageError.corrupt(ChainProblem(seq: 4, reason: "ligne manquante : seq 4 attendu, 5 trouvé")).description
            == "Journal corrompu à la ligne seq 4 : ligne manquante : seq 4 attendu, 5 trouvé")
    }
}
