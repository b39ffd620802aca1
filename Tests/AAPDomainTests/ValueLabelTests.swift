import Foundation
import Testing
@testable import AAPDomain

/// The French labels of enum values (`value_labels`, format 3): what input they accept, how they
/// show, and the files the validator refuses.
@Suite("Libellés des valeurs")
struct ValueLabelTests {
    /// The mini workflow of the marker tests, at format 3, with labels on its two enums.
    static let labelled: String = WorkflowMarkerTests.validCase
        .replacingOccurrences(of: #""format": 2"#, with: #""format": 3"#)
        .replacingOccurrences(
            of: #""values": ["avance", "solde"], "means": "payment_kind""#,
            with: #""values": ["avance", "solde"], "value_labels": { "avance": "Avance", "solde": "Solde final" }, "means": "payment_kind""#)
        .replacingOccurrences(
            of: #""values": ["conv", "arr"], "means": "instrument""#,
            with: #""values": ["conv", "arr"], "value_labels": { "conv": "Convention", "arr": "Arrêté" }, "means": "instrument""#)

    static func field(_ id: String) throws -> FieldDefinition {
        let w = try WorkflowDefinition.load(Data(labelled.utf8))
        return try #require(w.actions.flatMap(\.fields).first { $0.id == id })
    }

    @Test("la saisie accepte le code, le libellé, sans accents ni casse, ou le début du libellé ; rien d'autre")
    func input() throws {
        let acte = try Self.field("acte")
        for typed in ["arr", "Arrêté", "arrete", "ARRETE", " arrêté ", "ARR"] {
            #expect(acte.enumValue(matching: typed) == "arr", "\(typed)")
        }
        #expect(acte.enumValue(matching: "convention") == "conv")
        for typed in ["", "arrêtée", "décret", "con"] {
            #expect(acte.enumValue(matching: typed) == nil, "\(typed)")
        }
        let nature = try Self.field("nature")
        #expect(nature.enumValue(matching: "solde") == "solde")
        #expect(nature.enumValue(matching: "Solde final") == "solde")
        #expect(nature.enumValue(matching: "solde-final") == "solde")
        #expect(nature.describedValues == "avance (Avance), solde (Solde final)")
    }

    @Test("les valeurs se lisent par leur libellé ; sans libellé, le code")
    func display() throws {
        let acte = try Self.field("acte")
        #expect(acte.display(.string("arr")) == "Arrêté")
        #expect(acte.label(ofValue: "inconnu") == "inconnu")
        let avis = try Self.field("avis")
        #expect(avis.display(.string("oui")) == "oui")
    }

    @Test("le code reste ce que le journal enregistre : la saisie « Arrêté » donne arr")
    func parsedToCode() throws {
        let w = try WorkflowDefinition.load(Data(Self.labelled.utf8))
        let signer = try #require(w.action("signer"))
        let value = try FieldParser.parse("Arrêté", as: try Self.field("acte"), action: signer)
        #expect(value == .string("arr"))
        #expect(throws: Refusal.self) { try FieldParser.parse("décret", as: try Self.field("acte"), action: signer) }
        do {
            _ = try FieldParser.parse("décret", as: try Self.field("acte"), action: signer)
        } catch let refusal as Refusal {
            #expect(refusal.message == "Valeur « décret » invalide pour « acte » (valeurs possibles : conv (Convention), arr (Arrêté))")
        }
    }

    static let broken: [(String, String, String, String)] = [
        ("labels before format 3", #""format": 3"#, #""format": 2"#,
         "« value_labels » dans le champ « acte » de l'action « signer » n'existe qu'à partir du format 3"),
        ("label of an unknown value", #""arr": "Arrêté""#, #""arr": "Arrêté", "autre": "Autre""#,
         "cite la valeur « autre » absente de « values »"),
        ("empty label", #""arr": "Arrêté""#, #""arr": " ""#, "libellé vide ou trop long"),
        ("label that folds onto another code", #""arr": "Arrêté""#, #""arr": "CONV""#,
         "le libellé « CONV » de la valeur « arr » se confond avec la valeur « conv »"),
        ("two labels alike without accents", #""arr": "Arrêté""#, #""arr": "convention""#,
         "se confond avec la valeur « conv »"),
    ]

    @Test("le validateur refuse des libellés mal formés", arguments: broken)
    func refused(what: String, old: String, new: String, message: String) throws {
        let text = try WorkflowValidationTests.mutated(Self.labelled, replacing: old, with: new)
        let error = try #require(WorkflowValidationTests.loadError(text), "\(what)")
        #expect(error.message.contains(message), "\(what): \(error.message)")
    }

    @Test("un libellé sur un champ qui n'est pas une liste est refusé")
    func labelsOnText() throws {
        let text = try WorkflowValidationTests.mutated(
            Self.labelled, replacing: #"{ "id": "title", "label": "Intitulé", "type": "text" }"#,
            with: #"{ "id": "title", "label": "Intitulé", "type": "text", "value_labels": { "a": "A" } }"#)
        let error = try #require(WorkflowValidationTests.loadError(text))
        #expect(error.message.contains("« value_labels » n'a de sens que pour un champ enum"), "\(error.message)")
    }

    @Test("les libellés survivent à l'encodage du workflow enregistré")
    func roundTrip() throws {
        let w = try WorkflowDefinition.load(Data(Self.labelled.utf8))
        let again = try JSONDecoder().decode(WorkflowDefinition.self, from: try JSONEncoder().encode(w))
        #expect(again == w)
        #expect(again.actions.flatMap(\.fields).first { $0.id == "acte" }?.valueLabels == ["conv": "Convention", "arr": "Arrêté"])
    }
}
