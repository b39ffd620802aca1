import Testing
@testable import AAPDomain

@Suite("ValueError")
struct ValueErrorTests {
    @Test("description is the message; the code is matchable")
    func description() {
        let error = ValueError(code: "value.money", "Montant invalide « -5 » : un montant ne peut pas être négatif")
        #expect(error.message == "Montant invalide « -5 » : un montant ne peut pas être négatif")
        #expect(error.description == error.message)
        #expect("\(error)" == error.message)
        #expect(error == ValueError(code: "value.money", error.message))
        #expect(error != ValueError(code: "value.money", "autre"))
        #expect(error != ValueError(code: "value.date", error.message))
    }

    @Test("each value type refuses with its own code", arguments: [
        ("value.money", { @Sendable in _ = try Money.parse("-5") }),
        ("value.date", { @Sendable in _ = try CalendarDate.parse("2026-02-30") }),
        ("value.siret", { @Sendable in _ = try Siret.parse("123") }),
        ("value.rna", { @Sendable in _ = try Rna.parse("X1") }),
        ("value.departement", { @Sendable in _ = try DepartementCode.parse("00") }),
        ("value.call_id", { @Sendable in _ = try CallID.parse("a b") }),
        ("value.case_id", { @Sendable in _ = try CaseID.parse("x") }),
        ("value.actor_id", { @Sendable in _ = try ActorID.parse("A B") }),
        ("value.applicant_kind", { @Sendable in _ = try ApplicantKind.parse("club") }),
        ("value.role", { @Sendable in _ = try Role.parse("boss") }),
        ("value.text", { @Sendable in _ = try TextInput.validate("  ", field: "title", maxLength: 10) }),
    ] as [(String, @Sendable () throws -> Void)])
    func codes(code: String, parse: @Sendable () throws -> Void) {
        #expect { try parse() } throws: { ($0 as? ValueError)?.code == code }
    }

    @Test("quoting keeps messages on one line", arguments: [
        ("abc", "« abc »"),
        ("", "«  »"),
        ("a\nb\u{0000}c\u{0085}", "« a\u{FFFD}b\u{FFFD}c\u{FFFD} »"),
        (String(repeating: "x", count: 40), "« \(String(repeating: "x", count: 40)) »"),
        (String(repeating: "x", count: 41), "« \(String(repeating: "x", count: 40))… »"),
    ])
    func quoting(text: String, quoted: String) {
        #expect(ValueText.quoted(text) == quoted)
    }

    @Test("French grouping", arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1000, "1 000"), (2500, "2 500"), (12345, "12 345"),
        (1_234_567, "1 234 567"), (-1234, "-1 234"),
    ])
    func grouping(number: Int, text: String) {
        #expect(ValueText.grouped(number) == text)
    }
}
