import Foundation
import Testing

/// `case show` names the next steps of a case for everyone, and for the actor's own steps the
/// fields they take, as a command line that works once its placeholders are filled in.
@Suite("case show : étapes suivantes, qui peut les faire, champs et commande prête à copier")
struct NextStepsTests {
    /// Splits a command line as a POSIX shell would for the quoting `NextStepText` uses
    /// (double quotes only, no escapes inside them), dropping the leading `aap`.
    static func words(_ command: String) -> [String] {
        var words: [String] = [], word = "", quoted = false, inWord = false
        for character in command {
            switch character {
            case "\"": quoted.toggle(); inWord = true
            case " " where !quoted:
                if inWord { words.append(word) }
                word = ""; inWord = false
            default: word.append(character); inWord = true
            }
        }
        if inWord { words.append(word) }
        return words.first == "aap" ? Array(words.dropFirst()) : words
    }

    private static func step(_ doc: JSONDoc, _ action: String) -> JSONDoc? {
        doc["next_steps"].array?.first { $0["action"].string == action }
    }

    @Test("sans action pour soi, le président voit que l'instruction revient à instr.roux")
    func namesWhoIsNext() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let human = try ws.ok(["case", "show", "AAP-MOB-2026-0005"], as: Staff.chair).stdout
        #expect(human.contains("Actions possibles pour chair.durand : aucune"), "\(human)")
        #expect(human.contains("Étapes suivantes :"), "\(human)")
        #expect(human.contains("Commencer l'instruction (start-review) — agent instructeur : instr.roux"), "\(human)")
        #expect(!human.contains("Pour chair.durand —"), "\(human)")

        let json = try ws.okJSON(["case", "show", "AAP-MOB-2026-0005"], as: Staff.chair)
        let start = try #require(Self.step(json, "start-review"), "\(json)")
        #expect(start["label"].string == "Commencer l'instruction")
        #expect(start["to"].string == "in_review")
        #expect(start["roles"].strings == ["instructor"])
        #expect(start["people"].strings == [Staff.instructor])
        #expect(start["open_to_actor"].bool == false)
        #expect(!start["command"].exists, "\(start)")
        #expect(json["next_actions"].array?.isEmpty == true, "\(json)")
        // Without --as, the steps are still named.
        let anonymous = try ws.okJSON(["case", "show", "AAP-MOB-2026-0005"])
        #expect(Self.step(anonymous, "start-review")?["people"].strings == [Staff.instructor], "\(anonymous)")
    }

    @Test("les champs de l'action (libellé, type, obligatoire) et la commande, qui réussit une fois remplie")
    func fieldsAndCommand() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let submitted = try ws.okJSON(["case", "show", "AAP-MOB-2026-0005"], as: Staff.instructor)
        let start = try #require(Self.step(submitted, "start-review"), "\(submitted)")
        #expect(start["open_to_actor"].bool == true)
        #expect(start["command"].string == "aap case advance AAP-MOB-2026-0005 start-review --as instr.roux")
        try ws.ok(Self.words(try #require(start["command"].string)))

        let review = try ws.okJSON(["case", "show", "AAP-MOB-2026-0005"], as: Staff.instructor)
        let propose = try #require(Self.step(review, "propose"), "\(review)")
        let inputs = try #require(propose["inputs"].array)
        #expect(inputs.map { $0["id"].string ?? "" } == ["opinion", "proposed_amount"])
        #expect(inputs[0]["label"].string == "Avis de l'instructeur")
        #expect(inputs[0]["type"].string == "enum")
        #expect(inputs[0]["required"].bool == true)
        #expect(inputs[0]["values"].array?.map { $0["code"].string ?? "" } == ["favorable", "reserved", "unfavorable"])
        #expect(inputs[0]["values"][1]["label"].string == "Réservé")
        #expect(inputs[1]["type"].string == "money")
        #expect(inputs[1]["placeholder"].string == "MONTANT")
        #expect(propose["reason"].string == "optional")
        let command = try #require(propose["command"].string)
        #expect(command == "aap case advance AAP-MOB-2026-0005 propose --set opinion=favorable --set proposed_amount=MONTANT --as instr.roux")

        let human = try ws.ok(["case", "show", "AAP-MOB-2026-0005"], as: Staff.instructor).stdout
        #expect(human.contains("Pour instr.roux — Proposer au comité (propose) :"), "\(human)")
        #expect(human.contains("--set proposed_amount=MONTANT  Montant proposé : montant en euros ; obligatoire"), "\(human)")
        #expect(human.contains("--reason \"MOTIF\""), "\(human)")
        #expect(human.contains("      " + command), "\(human)")
        // A step that needs a reason says so, and its command carries the placeholder.
        let withdraw = try #require(Self.step(review, "withdraw"))
        #expect(withdraw["reason"].string == "required")
        #expect(withdraw["command"].string?.contains("--reason \"MOTIF\"") == true, "\(withdraw)")

        // Filled in, the command is accepted as it stands.
        try ws.ok(Self.words(command.replacingOccurrences(of: "MONTANT", with: "18000")))
        let proposed = try ws.okJSON(["case", "show", "AAP-MOB-2026-0005"], as: Staff.member1)
        #expect(proposed["state"].string == "proposed")
        // For a member, the score step lists the call's criteria as notes from 0 to 5.
        let score = try #require(Self.step(proposed, "score"), "\(proposed)")
        #expect(score["inputs"].array?.map { $0["id"].string ?? "" } == ["pertinence", "impact"])
        #expect(score["inputs"][0]["type"].string == "score")
        #expect(score["inputs"][0]["description"].string == "note de 0 à 5")
        #expect(Set(score["people"].strings ?? []) == [Staff.chair, Staff.member1, Staff.member2], "\(score)")
        let scoreCommand = try #require(score["command"].string)
        try ws.ok(Self.words(scoreCommand.replacingOccurrences(of: "NOTE", with: "4")))
        let scored = try ws.okJSON(["case", "show", "AAP-MOB-2026-0005"], as: Staff.member1)
        // Who has scored can no longer score; the others still can.
        #expect(Set(Self.step(scored, "score")?["people"].strings ?? []) == [Staff.chair, Staff.member2], "\(scored)")
        #expect(Self.step(scored, "score")?["open_to_actor"].bool == false)
    }

    @Test("un dossier clos n'a plus d'étape suivante")
    func finalState() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        try ws.advance("AAP-MOB-2026-0005", "withdraw", reason: "Le porteur renonce par courrier du 2 mai", as: Staff.instructor)
        let human = try ws.ok(["case", "show", "AAP-MOB-2026-0005"], as: Staff.instructor).stdout
        #expect(human.contains("Étapes suivantes : aucune (état final)"), "\(human)")
        let json = try ws.okJSON(["case", "show", "AAP-MOB-2026-0005"], as: Staff.instructor)
        #expect(json["next_steps"].array?.isEmpty == true, "\(json)")
    }
}
