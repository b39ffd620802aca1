import Testing
@testable import AAPDomain

@Suite("ValueError")
struct ValueErrorTests {
    @Test("description is the message")
    func description() {
        let error = ValueError("Montant invalide « -5 » : un montant ne peut pas être négatif")
        #expect(error.message == "Montant invalide « -5 » : un montant ne peut pas être négatif")
        #expect(error.description == error.message)
        #expect("\(error)" == error.message)
        #expect(error == ValueError(error.message))
        #expect(error != ValueError("autre"))
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
