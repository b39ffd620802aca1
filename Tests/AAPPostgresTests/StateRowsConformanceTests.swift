import AAPDomain
import AAPStorage
import Testing
@testable import AAPPostgres

/// The same checks for every ``StateRows``: in memory (the reference), PostgreSQL read outside a
/// transaction, and PostgreSQL inside a write session.
@Suite(
    "State rows: every engine keeps the rows as the in-memory reference does",
    .enabled(if: PostgresTestDatabase.available, PostgresTestDatabase.skipNote)
)
struct StateRowsConformanceTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, postgres, postgresInWriteSession
        var testDescription: String { rawValue }
    }

    /// Runs `body` with empty rows of `kind`.
    static func withRows(_ kind: Kind, _ body: (any StateRows) throws -> Void) throws {
        switch kind {
        case .memory:
            try body(InMemoryStateRows())
        case .postgres:
            try PostgresTestDatabase.with { database in
                let engine = try database.engine()
                defer { engine.close() }
                try body(try #require(try engine.readRows()))
            }
        case .postgresInWriteSession:
            try PostgresTestDatabase.with { database in
                let engine = try database.engine()
                defer { engine.close() }
                try engine.withWriteSession { session in try body(try #require(session.rows)) }
            }
        }
    }

    static let mob = callID("AAP-MOB-2026")
    /// A call whose id starts with the other's: its cases are not the other's.
    static let mobLong = callID("AAP-MOB-2026-BIS")
    static func callID(_ text: String) -> CallID { try! CallID.parse(text) }  // Fixed ids, all valid.
    static func head(_ seq: Int) -> LogHead { LogHead(seq: seq, hash: String(repeating: String(seq % 10), count: 64)) }
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: Kind.allCases)
    func emptyRowsHaveNothing(kind: Kind) throws {
        try Self.withRows(kind) { (rows: any StateRows) throws in
            #expect(try rows.reflectedHead() == nil)
            #expect(try rows.globalRow() == nil)
            #expect(try rows.callRow(Self.mob) == nil)
            #expect(try rows.caseRow(CaseID(call: Self.mob, number: 1)) == nil)
            #expect(try rows.caseRows(of: Self.mob).isEmpty)
        }
    }

    @Test(arguments: Kind.allCases)
    func externalReferencesAreLookedUpAndReplacedWithTheRest(kind: Kind) throws {
        try Self.withRows(kind) { (rows: any StateRows) throws in
            #expect(try rows.caseID(forReference: "DS-12458701") == nil)
            try rows.write(StateRowUpdate(
                head: Self.head(1),
                references: [("DS-12458701", CaseID(call: Self.mob, number: 1)), ("Réf « 2 »", CaseID(call: Self.mobLong, number: 7)),
                             ("DS-12458701", CaseID(call: Self.mob, number: 1))]
            ))
            #expect(try rows.caseID(forReference: "DS-12458701") == "AAP-MOB-2026-0001")
            #expect(try rows.caseID(forReference: "Réf « 2 »") == "AAP-MOB-2026-BIS-0007")
            #expect(try rows.caseID(forReference: "DS-1245870") == nil)
            try rows.write(StateRowUpdate(head: Self.head(2), replacesAll: true, references: [("DS-9", CaseID(call: Self.mob, number: 9))]))
            #expect(try rows.caseID(forReference: "DS-12458701") == nil)
            #expect(try rows.caseID(forReference: "DS-9") == "AAP-MOB-2026-0009")
        }
    }

    @Test(arguments: Kind.allCases)
    func writtenRowsReadBackWithTheirHead(kind: Kind) throws {
        try Self.withRows(kind) { (rows: any StateRows) throws in
            let binary: [UInt8] = [0, 255, 10, 13, 0x22, 0x5C, 0]
            try rows.write(StateRowUpdate(
                head: Self.head(7), global: Self.bytes(#"{"g":1}"#),
                calls: [(Self.mob, Self.bytes("mob")), (Self.mobLong, binary)],
                cases: [
                    (CaseID(call: Self.mob, number: 2), Self.bytes("c2")),
                    (CaseID(call: Self.mob, number: 1), []),
                    (CaseID(call: Self.mobLong, number: 1), Self.bytes("long-1")),
                ]
            ))
            #expect(try rows.reflectedHead() == Self.head(7))
            #expect(try rows.globalRow() == Self.bytes(#"{"g":1}"#))
            #expect(try rows.callRow(Self.mob) == Self.bytes("mob"))
            #expect(try rows.callRow(Self.mobLong) == binary)
            #expect(try rows.callRow(Self.callID("AAP-AUTRE-2026")) == nil)
            #expect(try rows.caseRow(CaseID(call: Self.mob, number: 1)) == [])
            #expect(try rows.caseRow(CaseID(call: Self.mob, number: 2)) == Self.bytes("c2"))
            #expect(try rows.caseRow(CaseID(call: Self.mob, number: 3)) == nil)
            #expect(try rows.caseRow(CaseID(call: Self.mobLong, number: 1)) == Self.bytes("long-1"))
            #expect(try rows.caseRows(of: Self.mob).sorted { $0.lexicographicallyPrecedes($1) } == [[], Self.bytes("c2")])
            #expect(try rows.caseRows(of: Self.mobLong) == [Self.bytes("long-1")])
        }
    }

    @Test(arguments: Kind.allCases)
    func anUpdateKeepsTheRowsItDoesNotName(kind: Kind) throws {
        try Self.withRows(kind) { (rows: any StateRows) throws in
            try rows.write(StateRowUpdate(
                head: Self.head(1), global: Self.bytes("g1"), calls: [(Self.mob, Self.bytes("call-1"))],
                cases: [(CaseID(call: Self.mob, number: 1), Self.bytes("a1")), (CaseID(call: Self.mob, number: 2), Self.bytes("b1"))]
            ))
            try rows.write(StateRowUpdate(head: Self.head(2), cases: [(CaseID(call: Self.mob, number: 2), Self.bytes("b2"))]))
            #expect(try rows.reflectedHead() == Self.head(2))
            #expect(try rows.globalRow() == Self.bytes("g1"))
            #expect(try rows.callRow(Self.mob) == Self.bytes("call-1"))
            #expect(try rows.caseRow(CaseID(call: Self.mob, number: 1)) == Self.bytes("a1"))
            #expect(try rows.caseRow(CaseID(call: Self.mob, number: 2)) == Self.bytes("b2"))
            // Only the head moves.
            try rows.write(StateRowUpdate(head: Self.head(3)))
            #expect(try rows.reflectedHead() == Self.head(3))
            #expect(try rows.caseRows(of: Self.mob).count == 2)
        }
    }

    @Test(arguments: Kind.allCases)
    func aRowNamedTwiceInOneUpdateKeepsItsLastBytes(kind: Kind) throws {
        try Self.withRows(kind) { (rows: any StateRows) throws in
            let first = CaseID(call: Self.mob, number: 1)
            try rows.write(StateRowUpdate(
                head: Self.head(4),
                calls: [(Self.mob, Self.bytes("x")), (Self.mob, Self.bytes("y"))],
                cases: [(first, Self.bytes("1")), (CaseID(call: Self.mob, number: 2), Self.bytes("2")), (first, Self.bytes("3"))]
            ))
            #expect(try rows.callRow(Self.mob) == Self.bytes("y"))
            #expect(try rows.caseRow(first) == Self.bytes("3"))
            #expect(try rows.caseRows(of: Self.mob).count == 2)
        }
    }

    @Test(arguments: Kind.allCases)
    func anUpdateThatReplacesAllDeletesEveryOtherRow(kind: Kind) throws {
        try Self.withRows(kind) { (rows: any StateRows) throws in
            try rows.write(StateRowUpdate(
                head: Self.head(5), global: Self.bytes("old"),
                calls: [(Self.mob, Self.bytes("mob")), (Self.mobLong, Self.bytes("long"))],
                cases: [(CaseID(call: Self.mob, number: 1), Self.bytes("a")), (CaseID(call: Self.mobLong, number: 1), Self.bytes("b"))]
            ))
            try rows.write(StateRowUpdate(
                head: Self.head(9), replacesAll: true,
                calls: [(Self.mobLong, Self.bytes("long-2"))],
                cases: [(CaseID(call: Self.mobLong, number: 2), Self.bytes("c"))]
            ))
            #expect(try rows.reflectedHead() == Self.head(9))
            #expect(try rows.globalRow() == nil)
            #expect(try rows.callRow(Self.mob) == nil)
            #expect(try rows.callRow(Self.mobLong) == Self.bytes("long-2"))
            #expect(try rows.caseRows(of: Self.mob).isEmpty)
            #expect(try rows.caseRows(of: Self.mobLong) == [Self.bytes("c")])
        }
    }
}
