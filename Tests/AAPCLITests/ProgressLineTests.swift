import AAPStorage
import Testing
@testable import AAPCLI

/// The progress line `audit verify` and `audit replay` draw on a terminal's stderr.
@Suite("Ligne de progression de l'audit")
struct ProgressLineTests {
    @Test("Compte, total annoncé par head.json et pourcentage, les milliers séparés par une espace")
    func withTheAnchorTotal() {
        let progress = AuditProgress(events: 412_000, expectedEvents: 1_000_000, bytes: 190_000_000, totalBytes: 450_000_000)
        #expect(ProgressLine.text("Vérification", progress) == "Vérification : 412 000 / 1 000 000 événements (41 %)")
    }

    @Test("Sans total (pas de head.json, ou un journal déjà plus long) : le pourcentage vient des octets lus")
    func withoutTotal() {
        let noAnchor = AuditProgress(events: 3_072, expectedEvents: 0, bytes: 1_000, totalBytes: 4_000)
        #expect(ProgressLine.text("Relecture", noAnchor) == "Relecture : 3 072 événements (25 %)")
        let lagging = AuditProgress(events: 12_288, expectedEvents: 10_000, bytes: 3_900, totalBytes: 4_000)
        #expect(ProgressLine.text("Vérification", lagging) == "Vérification : 12 288 événements (97 %)")
    }

    @Test func frenchGrouping() {
        #expect([0, 7, 999, 1_000, 12_345, 1_000_000, -4_500].map(French.grouped) == ["0", "7", "999", "1 000", "12 345", "1 000 000", "-4 500"])
    }
}
