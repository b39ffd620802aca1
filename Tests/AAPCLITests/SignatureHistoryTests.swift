import Foundation
import Testing

/// What a reader sees of the signatures and of time: `case history` gives each event's signature
/// status, and `case show --as-of DATE` the case as it was after the last event recorded that day
/// (Paris time).
@Suite("Confiance : statut des signatures dans l'historique, état d'un dossier à une date")
struct SignatureHistoryTests {
    static func statuses(_ ws: Workspace, _ caseID: String = "AAP-MOB-2026-0001") throws -> [String] {
        let history = try #require(try ws.okJSON(["case", "history", caseID]).array)
        return history.map { "\($0["seq"].int ?? 0) \($0["action"].string ?? "?") \($0["signature"].string ?? "?")" }
    }

    /// Line `seq` with one base64 character of its signature changed (same length, still valid base64).
    static func corruptingSignature(_ line: String) -> String {
        var characters = Array(line)
        let index = characters.count - 10
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    @Test("case history --json : chaque événement du dossier a une signature « valid »")
    func everyEventValid() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        #expect(try Self.statuses(ws) == ["12 submit valid", "14 start-review valid"])
        #expect(try Self.statuses(ws, "AAP-MOB-2026-0002") == ["13 submit valid"])
        let human = try ws.ok(["case", "history", "AAP-MOB-2026-0001"])
        #expect(human.stdout.components(separatedBy: "— signature vérifiée").count == 3, "\(human)")
    }

    @Test("Signature de la dernière ligne corrompue (head.json recalculé) : « invalid » pour elle seule ; audit verify échoue en 14")
    func corruptedLastSignature() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines[13] = Self.corruptingSignature(lines[13])
        try ws.writeLog(lines)
        #expect(try Self.statuses(ws) == ["12 submit valid", "14 start-review invalid"])
        let human = try ws.ok(["case", "history", "AAP-MOB-2026-0001"])
        #expect(human.stdout.contains("#14 enregistré le 2026-06-15T10:00:00Z — instr.roux [agent instructeur] : start-review « Déposé » → « En instruction » — SIGNATURE INVALIDE"),
                "\(human)")
        try ws.expectAuditFails(at: 14, events: 14, reasonContains: "ligne 14 : signature invalide pour la clé de « instr.roux »")
    }

    @Test("Signature de la ligne 12 corrompue, chaîne recalculée : 12 « invalid », et 13, 14 aussi (leur prev a changé) ; audit verify échoue en 12")
    func corruptedMiddleSignature() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines[11] = Self.corruptingSignature(lines[11])
        try ws.writeLog(Forge.rechained(lines))
        #expect(try Self.statuses(ws) == ["12 submit invalid", "14 start-review invalid"])
        #expect(try Self.statuses(ws, "AAP-MOB-2026-0002") == ["13 submit invalid"])
        try ws.expectAuditFails(at: 12, events: 14, reasonContains: "ligne 12 : signature invalide pour la clé de « instr.roux »")
    }

    @Test("Signature retirée de la dernière ligne : « absent », « non signé » ; audit verify échoue en 14")
    func strippedSignature() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logText()
        lines[13] = Forge.unsigned(lines[13])
        try ws.writeLog(lines)
        #expect(try Self.statuses(ws) == ["12 submit valid", "14 start-review absent"])
        #expect(try ws.ok(["case", "history", "AAP-MOB-2026-0001"]).stdout.contains("« En instruction » — non signé"))
        try ws.expectAuditFails(at: 14, events: 14, reasonContains: "ligne 14 : signature absente")
    }

    @Test("case show --as-of DATE : le dossier tel qu'il était après le dernier événement enregistré ce jour-là (heure de Paris)")
    func showAsOf() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)  // everything recorded on 2026-06-15 (Paris)
        let caseID = "AAP-MOB-2026-0002"
        try ws.advance(caseID, "start-review", as: Staff.instructor, env: ["AAP_NOW": "2026-06-16T09:00:00Z"])
        try ws.advance(caseID, "propose", ["opinion": "favorable", "proposed_amount": "15 000"], as: Staff.instructor,
                       env: ["AAP_NOW": "2026-06-18T08:00:00Z"])
        // 22:30 UTC on the 18th is already the 19th in Paris (UTC+2).
        try ws.advance(caseID, "score", ["pertinence": "4"], as: Staff.chair, env: ["AAP_NOW": "2026-06-18T22:30:00Z"])

        func state(asOf day: String?) throws -> String {
            let doc = try ws.okJSON(["case", "show", caseID] + (day.map { ["--as-of", $0] } ?? []))
            return "\(doc["state"].string ?? "?") v\(doc["version"].int ?? 0) proposé \(doc["amounts"]["proposed_cents"].int ?? -1) notes \(doc["scores"].keys.sorted())"
        }
        #expect(try state(asOf: "2026-06-15") == "submitted v1 proposé 0 notes []")
        #expect(try state(asOf: "2026-06-16") == "in_review v2 proposé 0 notes []")
        #expect(try state(asOf: "2026-06-17") == "in_review v2 proposé 0 notes []")
        #expect(try state(asOf: "2026-06-18") == "proposed v3 proposé 1500000 notes []")
        #expect(try state(asOf: "2026-06-19") == "proposed v4 proposé 1500000 notes [\"chair.durand\"]")
        #expect(try state(asOf: nil) == "proposed v4 proposé 1500000 notes [\"chair.durand\"]")

        // Before it was submitted, the case did not exist; a date that is not one: 65.
        let before = try ws.refused(["case", "show", caseID, "--as-of", "2026-06-14"], code: 65)
        #expect(before.errorLine.contains(caseID), "\(before)")
        try ws.refused(["case", "show", caseID, "--as-of", "2026-13-01"], code: 65)
        try ws.refused(["case", "show", caseID, "--as-of", "hier"], code: 65)

        // The history shows when each event was recorded.
        let history = try #require(try ws.okJSON(["case", "history", caseID]).array)
        #expect(history.map { $0["at"].string ?? "" } == ["2026-06-15T10:00:00Z", "2026-06-16T09:00:00Z", "2026-06-18T08:00:00Z", "2026-06-18T22:30:00Z"])
        #expect(history.allSatisfy { $0["signature"].string == "valid" })
        // The whole log replays as of each day like the case does.
        #expect(try ws.okJSON(["audit", "replay", "--as-of", "2026-06-18"])["cases"][caseID]["version"].int == 3)
        try ws.expectAuditPasses(events: 17)
    }
}
