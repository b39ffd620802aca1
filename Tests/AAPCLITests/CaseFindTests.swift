import Foundation
import Testing

/// `aap case find TEXT`: what a clerk remembers of a case finds it, accents and case left out.
@Suite("case find : chercher un dossier par porteur, intitulé ou identifiant")
struct CaseFindTests {
    private static func ids(_ ws: Workspace, _ arguments: [String]) throws -> [String] {
        (try ws.okJSON(["case", "find"] + arguments).array ?? []).compactMap { $0["id"].string }
    }

    @Test("sans accents ni majuscules, mot à mot, dans le nom ou l'intitulé ; par SIRET, SIREN, numéro ; --call")
    func finds() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        // « Vélo Solidaire » (Atelier vélo) and « Roue Libre Ariège » (Prêt de vélos électriques).
        #expect(try Self.ids(ws, ["velo"]) == ["AAP-MOB-2026-0002", "AAP-MOB-2026-0004"])
        #expect(try Self.ids(ws, ["ARIEGE"]) == ["AAP-MOB-2026-0004"])
        // Words may fall in different fields: « Garage solidaire » by « Mobil'Adour Insertion ».
        let garage = try ws.okJSON(["case", "find", "garage adour"])
        #expect(garage.array?.count == 1)
        #expect(garage[0]["id"].string == "AAP-MOB-2026-0001")
        #expect(garage[0]["matched"].strings == ["applicant", "title"])
        #expect(garage[0]["siret"].string == ExchangeFixture.sirets[0])
        // A SIRET, or its SIREN typed in groups; a short number is a case number.
        #expect(try Self.ids(ws, [ExchangeFixture.sirets[2]]) == ["AAP-MOB-2026-0003"])
        #expect(try Self.ids(ws, ["412 000 002"]).count == 5)
        #expect(try Self.ids(ws, ["mob-2026-0005"]) == ["AAP-MOB-2026-0005"])
        #expect(try Self.ids(ws, ["solidaire", "--call", "AAP-TERR-2026"]) == [])

        let human = try ws.ok(["case", "find", "velo"]).stdout
        #expect(human.contains("Trouvé dans"), "\(human)")
        #expect(human.contains("AAP-MOB-2026-0002"), "\(human)")
        let none = try ws.ok(["case", "find", "piscine"]).stdout
        #expect(none.trimmingCharacters(in: .newlines) == "Aucun dossier ne correspond à « piscine ».")
    }

    @Test("texte vide : erreur d'usage (64) ; appel inconnu : 65 ; rien d'écrit")
    func badInput() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let empty = try ws.refused(["case", "find", "  "], code: 64)
        #expect(empty.errorLine.contains("texte cherché vide"), "\(empty)")
        let call = try ws.refused(["case", "find", "velo", "--call", "AAP-NOPE-2026"], code: 65)
        #expect(call.errorLine.contains("AAP-NOPE-2026"), "\(call)")
    }

    @Test("la référence externe d'un dossier importé de Démarches Simplifiées le retrouve")
    func externalReference() throws {
        let ws = try Workspace(copying: ExchangeFixture.base)
        let export = ws.path("ds.json"), mapping = ws.path("correspondance.json")
        try Data(DemarchesFixture.twoPages.utf8).write(to: export)
        try Data(DemarchesFixture.mapping.utf8).write(to: mapping)
        try ws.ok(["import", "demarches-simplifiees", export.path, "--call", "AAP-MOB-2026", "--mapping", mapping.path], as: Staff.instructor)
        for typed in ["DS-12458702", "ds 12458702", "12458702"] {
            let found = try ws.okJSON(["case", "find", typed])
            #expect(found.array?.count == 1, "\(typed): \(found)")
            #expect(found[0]["id"].string == "AAP-MOB-2026-0007")
            #expect(found[0]["external_reference"].string == "DS-12458702")
            #expect(found[0]["matched"].strings == ["external_reference"])
        }
        // An RNA, in any case.
        #expect(try Self.ids(ws, ["w092001234"]) == ["AAP-MOB-2026-0007"])
    }
}
