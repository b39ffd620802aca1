import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The state rows of the embedded engine in SQLite, and the same behaviour checked on the rows in memory.
@Suite struct SQLiteStateRowsTests {
    static let callA = CallID(canonical: "AAP-MOB-2026")!
    static let callB = CallID(canonical: "AAP-VERT-2026")!

    static func head(_ seq: Int) -> LogHead {
        LogHead(seq: seq, hash: String(repeating: String(seq % 10), count: 64))
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func caseID(_ call: CallID, _ number: Int) -> CaseID { CaseID(call: call, number: number) }

    /// The engines whose rows must behave alike.
    enum Engine: String, CaseIterable, CustomTestStringConvertible {
        case memory, sqlite
        var testDescription: String { rawValue }
    }

    /// Runs `body` with fresh rows of `engine` (SQLite in a temporary store directory).
    static func withRows(_ engine: Engine, _ body: (any StateRows) throws -> Void) throws {
        switch engine {
        case .memory:
            try body(InMemoryStateRows())
        case .sqlite:
            try LogTestDirectory.with { (directory: LogTestDirectory) throws in
                try body(SQLiteStateRows.open(storeDirectory: directory.store))
            }
        }
    }

    // MARK: - Both engines

    @Test(arguments: Engine.allCases)
    func emptyRowsReflectNothing(engine: Engine) throws {
        try Self.withRows(engine) { (rows: any StateRows) throws in
            #expect(try rows.reflectedHead() == nil)
            #expect(try rows.globalRow() == nil)
            #expect(try rows.callRow(Self.callA) == nil)
            #expect(try rows.caseRow(Self.caseID(Self.callA, 1)) == nil)
            #expect(try rows.caseRows(of: Self.callA).isEmpty)
        }
    }

    @Test(arguments: Engine.allCases)
    func everyRowKindRoundTrips(engine: Engine) throws {
        try Self.withRows(engine) { (rows: any StateRows) throws in
            try rows.write(StateRowUpdate(
                head: Self.head(7),
                global: Self.bytes(#"{"actors":[]}"#),
                calls: [(Self.callA, Self.bytes("call A")), (Self.callB, [])],
                cases: [
                    (Self.caseID(Self.callA, 2), Self.bytes("A-2")),
                    (Self.caseID(Self.callA, 1), Self.bytes("A-1")),
                    (Self.caseID(Self.callB, 1), [0, 255, 10, 0]),
                ]
            ))
            #expect(try rows.reflectedHead() == Self.head(7))
            #expect(try rows.globalRow() == Self.bytes(#"{"actors":[]}"#))
            #expect(try rows.callRow(Self.callA) == Self.bytes("call A"))
            #expect(try rows.callRow(Self.callB) == [])
            #expect(try rows.caseRow(Self.caseID(Self.callA, 1)) == Self.bytes("A-1"))
            #expect(try rows.caseRow(Self.caseID(Self.callB, 1)) == [0, 255, 10, 0])
            #expect(try rows.caseRow(Self.caseID(Self.callB, 2)) == nil)
            #expect(try rows.caseRows(of: Self.callA).sorted { $0.lexicographicallyPrecedes($1) } == [Self.bytes("A-1"), Self.bytes("A-2")])
            #expect(try rows.caseRows(of: Self.callB) == [[0, 255, 10, 0]])
        }
    }

    @Test(arguments: Engine.allCases)
    func aWriteKeepsTheRowsItDoesNotName(engine: Engine) throws {
        try Self.withRows(engine) { (rows: any StateRows) throws in
            try rows.write(StateRowUpdate(
                head: Self.head(1), global: Self.bytes("g1"),
                calls: [(Self.callA, Self.bytes("a1")), (Self.callB, Self.bytes("b1"))],
                cases: [(Self.caseID(Self.callA, 1), Self.bytes("c1")), (Self.caseID(Self.callA, 2), Self.bytes("c2"))]
            ))
            try rows.write(StateRowUpdate(
                head: Self.head(2),
                calls: [(Self.callA, Self.bytes("a2"))],
                cases: [(Self.caseID(Self.callA, 2), Self.bytes("c2'")), (Self.caseID(Self.callA, 3), Self.bytes("c3"))]
            ))
            #expect(try rows.reflectedHead() == Self.head(2))
            #expect(try rows.globalRow() == Self.bytes("g1"))
            #expect(try rows.callRow(Self.callA) == Self.bytes("a2"))
            #expect(try rows.callRow(Self.callB) == Self.bytes("b1"))
            #expect(try rows.caseRow(Self.caseID(Self.callA, 1)) == Self.bytes("c1"))
            #expect(try rows.caseRow(Self.caseID(Self.callA, 2)) == Self.bytes("c2'"))
            #expect(try rows.caseRows(of: Self.callA).count == 3)
        }
    }

    @Test(arguments: Engine.allCases)
    func replacingAllDeletesEveryRowFirst(engine: Engine) throws {
        try Self.withRows(engine) { (rows: any StateRows) throws in
            try rows.write(StateRowUpdate(
                head: Self.head(5), global: Self.bytes("g"),
                calls: [(Self.callA, Self.bytes("a")), (Self.callB, Self.bytes("b"))],
                cases: [(Self.caseID(Self.callA, 1), Self.bytes("c1")), (Self.caseID(Self.callB, 1), Self.bytes("d1"))]
            ))
            try rows.write(StateRowUpdate(
                head: Self.head(3), replacesAll: true,
                calls: [(Self.callB, Self.bytes("b'"))],
                cases: [(Self.caseID(Self.callB, 2), Self.bytes("d2"))]
            ))
            #expect(try rows.reflectedHead() == Self.head(3))
            #expect(try rows.globalRow() == nil)
            #expect(try rows.callRow(Self.callA) == nil)
            #expect(try rows.callRow(Self.callB) == Self.bytes("b'"))
            #expect(try rows.caseRow(Self.caseID(Self.callA, 1)) == nil)
            #expect(try rows.caseRows(of: Self.callA).isEmpty)
            #expect(try rows.caseRows(of: Self.callB) == [Self.bytes("d2")])
        }
    }

    @Test(arguments: Engine.allCases)
    func twentyThousandCasesInOneCall(engine: Engine) throws {
        try Self.withRows(engine) { (rows: any StateRows) throws in
            let count = 20_000
            let cases = (1...count).map { (Self.caseID(Self.callA, $0), Self.bytes(#"{"case":\#($0)}"#)) }
            try rows.write(StateRowUpdate(head: Self.head(count), replacesAll: true, cases: cases + [(Self.caseID(Self.callB, 1), Self.bytes("other"))]))
            let all = try rows.caseRows(of: Self.callA)
            #expect(all.count == count)
            #expect(Set(all) == Set(cases.map(\.1)))
            #expect(try rows.caseRow(Self.caseID(Self.callA, 17_777)) == Self.bytes(#"{"case":17777}"#))
            try rows.write(StateRowUpdate(head: Self.head(count + 1), cases: [(Self.caseID(Self.callA, 17_777), Self.bytes("moved"))]))
            #expect(try rows.caseRow(Self.caseID(Self.callA, 17_777)) == Self.bytes("moved"))
            #expect(try rows.caseRows(of: Self.callA).count == count)
            #expect(try rows.caseRows(of: Self.callB) == [Self.bytes("other")])
        }
    }

    @Test(arguments: Engine.allCases)
    func externalReferencesAreLookedUpAndReplacedWithTheRest(engine: Engine) throws {
        try Self.withRows(engine) { (rows: any StateRows) throws in
            #expect(try rows.caseID(forReference: "DS-12458701") == nil)
            try rows.write(StateRowUpdate(
                head: Self.head(1), cases: [(Self.caseID(Self.callA, 1), Self.bytes("c1"))],
                references: [("DS-12458701", Self.caseID(Self.callA, 1)), ("Réf « 2 »", Self.caseID(Self.callB, 7))]
            ))
            #expect(try rows.caseID(forReference: "DS-12458701") == "AAP-MOB-2026-0001")
            #expect(try rows.caseID(forReference: "Réf « 2 »") == "AAP-VERT-2026-0007")
            #expect(try rows.caseID(forReference: "DS-1245870") == nil)
            try rows.write(StateRowUpdate(head: Self.head(2), references: [("DS-12458702", Self.caseID(Self.callA, 2))]))
            #expect(try rows.caseID(forReference: "DS-12458701") == "AAP-MOB-2026-0001")
            #expect(try rows.caseID(forReference: "DS-12458702") == "AAP-MOB-2026-0002")
            try rows.write(StateRowUpdate(head: Self.head(3), replacesAll: true, references: [("DS-9", Self.caseID(Self.callB, 1))]))
            #expect(try rows.caseID(forReference: "DS-12458701") == nil)
            #expect(try rows.caseID(forReference: "DS-9") == "AAP-VERT-2026-0001")
        }
    }

    // MARK: - SQLite only

    @Test func theDatabaseIsOneFileInTheStateFolder() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            let rows = try SQLiteStateRows.open(storeDirectory: directory.store + "/")
            #expect(rows.path == directory.store + "/state/cache.sqlite")
            #expect(FileManager.default.fileExists(atPath: rows.path))
        }
    }

    @Test func aFailedWriteLeavesThePreviousRowsAndHead() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
            try rows.write(StateRowUpdate(
                head: Self.head(1), global: Self.bytes("g1"),
                calls: [(Self.callA, Self.bytes("a1"))],
                cases: [(Self.caseID(Self.callA, 1), Self.bytes("c1"))]
            ))
            // A trigger makes the insert of case 13 fail, after the global row, the call row and
            // cases 1 to 12 have been written inside the transaction.
            let saboteur = try SQLiteDatabase(path: rows.path, busyTimeoutMilliseconds: 5_000)
            try saboteur.execute("CREATE TRIGGER fail_13 BEFORE INSERT ON cases WHEN NEW.number = 13 BEGIN SELECT RAISE(ABORT, 'case 13 refused'); END")
            let cases = (1...20).map { (Self.caseID(Self.callA, $0), Self.bytes("new \($0)")) }
            for replacesAll in [false, true] {
                let error = #expect(throws: StorageError.self) {
                    try rows.write(StateRowUpdate(
                        head: Self.head(2), replacesAll: replacesAll, global: Self.bytes("g2"),
                        calls: [(Self.callA, Self.bytes("a2"))], cases: cases
                    ))
                }
                #expect(error?.description.hasPrefix("Impossible d'écrire le cache d'état « \(rows.path) » : case 13 refused") == true)
                #expect(try rows.reflectedHead() == Self.head(1))
                #expect(try rows.globalRow() == Self.bytes("g1"))
                #expect(try rows.callRow(Self.callA) == Self.bytes("a1"))
                #expect(try rows.caseRows(of: Self.callA) == [Self.bytes("c1")])
            }
            // The connection is usable again once the cause is gone.
            try saboteur.execute("DROP TRIGGER fail_13")
            try rows.write(StateRowUpdate(head: Self.head(2), cases: cases))
            #expect(try rows.reflectedHead() == Self.head(2))
            #expect(try rows.caseRows(of: Self.callA).count == 20)
        }
    }

    @Test func rowsSurviveReopening() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            do {
                let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
                try rows.write(StateRowUpdate(head: Self.head(4), global: Self.bytes("g"), cases: [(Self.caseID(Self.callB, 9), Self.bytes("c"))]))
            }
            let reopened = try SQLiteStateRows.open(storeDirectory: directory.store)
            #expect(try reopened.reflectedHead() == Self.head(4))
            #expect(try reopened.globalRow() == Self.bytes("g"))
            #expect(try reopened.caseRow(Self.caseID(Self.callB, 9)) == Self.bytes("c"))
        }
    }

    @Test func aReaderSeesCommittedWritesAndIsNotBlockedByAWriter() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            let writer = try SQLiteStateRows.open(storeDirectory: directory.store)
            let reader = try SQLiteStateRows.open(storeDirectory: directory.store)
            try writer.write(StateRowUpdate(head: Self.head(1), calls: [(Self.callA, Self.bytes("a1"))]))
            #expect(try reader.reflectedHead() == Self.head(1))
            #expect(try reader.callRow(Self.callA) == Self.bytes("a1"))

            // Another connection holds the write lock with an uncommitted change: the reader
            // still reads, and sees the last committed state.
            let other = try SQLiteDatabase(path: writer.path, busyTimeoutMilliseconds: 5_000)
            try other.execute("BEGIN IMMEDIATE")
            try other.execute("UPDATE meta SET head_seq = 99")
            #expect(try reader.reflectedHead() == Self.head(1))
            try other.execute("ROLLBACK")

            try writer.write(StateRowUpdate(head: Self.head(2), calls: [(Self.callA, Self.bytes("a2"))]))
            #expect(try reader.reflectedHead() == Self.head(2))
            #expect(try reader.callRow(Self.callA) == Self.bytes("a2"))
        }
    }

    @Test(arguments: [
        Array("not a database at all, just text".utf8),
        Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0xAB, count: 8_192),
    ])
    func aFileThatIsNotADatabaseIsRecreatedEmpty(garbage: [UInt8]) throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            let path = SQLiteStateRows.path(ofStore: directory.store)
            try FileManager.default.createDirectory(atPath: directory.store + "/state", withIntermediateDirectories: true)
            try directory.write(garbage, to: path)
            let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
            #expect(try rows.reflectedHead() == nil)
            try rows.write(StateRowUpdate(head: Self.head(1), global: Self.bytes("g")))
            #expect(try SQLiteStateRows.open(storeDirectory: directory.store).reflectedHead() == Self.head(1))
        }
    }

    @Test func damageFoundAfterOpeningThrowsAndEmptiesTheCache() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            let count = 2_000
            let note = String(repeating: "x", count: 300)
            do {
                let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
                let cases = (1...count).map { (Self.caseID(Self.callA, $0), Self.bytes(#"{"case":\#($0),"note":"\#(note)"}"#)) }
                try rows.write(StateRowUpdate(head: Self.head(count), replacesAll: true, calls: [(Self.callA, Self.bytes("a"))], cases: cases))
            }
            // The last connection closed: the write-ahead log is folded into the file. Its second
            // half (pages of the cases table) is overwritten; the header and `meta` stay intact.
            let path = SQLiteStateRows.path(ofStore: directory.store)
            var bytes = try directory.bytes(path)
            #expect(bytes.count > 200_000)
            for index in (bytes.count / 2)..<bytes.count { bytes[index] = 0xFF }
            try directory.write(bytes, to: path)

            let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
            let error = #expect(throws: StorageError.self) { try rows.caseRows(of: Self.callA) }
            #expect(error?.description.hasPrefix("Le cache d'état « \(path) » était endommagé") == true)
            #expect(try rows.reflectedHead() == nil)
            #expect(try rows.caseRows(of: Self.callA).isEmpty)
            try rows.write(StateRowUpdate(head: Self.head(1), replacesAll: true, cases: [(Self.caseID(Self.callA, 1), Self.bytes("c"))]))
            #expect(try SQLiteStateRows.open(storeDirectory: directory.store).caseRows(of: Self.callA) == [Self.bytes("c")])
        }
    }

    @Test func aDatabaseOfAnotherFormatIsEmptied() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            do {
                let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
                try rows.write(StateRowUpdate(head: Self.head(3), global: Self.bytes("g"), calls: [(Self.callA, Self.bytes("a"))]))
            }
            let path = SQLiteStateRows.path(ofStore: directory.store)
            do {
                let database = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: 5_000)
                try database.execute("UPDATE meta SET format = ?", [.integer(SQLiteStateRows.format + 1)])
                try database.execute("CREATE TABLE stray(x)")
            }
            let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
            #expect(try rows.reflectedHead() == nil)
            #expect(try rows.globalRow() == nil)
            #expect(try rows.callRow(Self.callA) == nil)
            let database = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: 5_000)
            var tables: [String] = []
            try database.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") { tables.append($0.text(0) ?? "") }
            #expect(tables == ["calls", "cases", "global", "meta", "refs"])
        }
    }

    @Test func aDatabaseOfAnUnknownLayoutIsEmptied() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            let path = SQLiteStateRows.path(ofStore: directory.store)
            try FileManager.default.createDirectory(atPath: directory.store + "/state", withIntermediateDirectories: true)
            do {
                let database = try SQLiteDatabase(path: path, busyTimeoutMilliseconds: 5_000)
                try database.execute("CREATE TABLE meta(version TEXT)")
                try database.execute("CREATE TABLE cases(id TEXT)")
            }
            let rows = try SQLiteStateRows.open(storeDirectory: directory.store)
            #expect(try rows.reflectedHead() == nil)
            try rows.write(StateRowUpdate(head: Self.head(1), cases: [(Self.caseID(Self.callA, 1), Self.bytes("c"))]))
            #expect(try rows.caseRow(Self.caseID(Self.callA, 1)) == Self.bytes("c"))
        }
    }

    @Test func aCacheThatCannotBeOpenedNamesItsFileInFrench() throws {
        try LogTestDirectory.with { (directory: LogTestDirectory) throws in
            let path = directory.path + "/absent/cache.sqlite"
            let error = #expect(throws: StorageError.self) { try SQLiteStateRows.open(path: path) }
            #expect(error?.description.hasPrefix("Impossible d'ouvrir le cache d'état « \(path) » : ") == true)
        }
    }
}
