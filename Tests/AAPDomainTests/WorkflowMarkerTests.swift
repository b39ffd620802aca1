import Foundation
import Testing
@testable import AAPDomain

/// The semantic markers of format 2: one broken fixture per marker error, and the format-1 reading
/// that infers them from the v1 ids without changing a byte of what it writes back.
@Suite("Workflow markers")
struct WorkflowMarkerTests {
    /// A small valid format-2 case workflow with every marker the domain reads.
    static let validCase = #"""
    {
      "format": 2, "id": "mini", "version": 1, "kind": "case", "label": "Mini",
      "states": [
        { "id": "submitted", "label": "Déposé", "phase": "intake" },
        { "id": "proposed", "label": "Proposé", "phase": "committee" },
        { "id": "selected", "label": "Retenu", "phase": "decision", "holds_award": true },
        { "id": "rejected", "label": "Non retenu", "terminal": true },
        { "id": "granted", "label": "Attribué", "phase": "funding", "holds_award": true, "reports_due": true },
        { "id": "evaluated", "label": "Évalué", "phase": "evaluation", "holds_award": true, "reports_due": true },
        { "id": "done", "label": "Soldé", "terminal": true, "holds_award": true }
      ],
      "actions": [
        {
          "id": "submit", "label": "Déposer", "from": [], "to": "submitted", "roles": ["instructor"], "reason": "none",
          "fields": [
            { "id": "applicant_name", "label": "Nom", "type": "text" },
            { "id": "applicant_kind", "label": "Type", "type": "enum", "values": ["association", "commune"] },
            { "id": "siret", "label": "SIRET", "type": "text", "optional": true, "format": "siret" },
            { "id": "rna", "label": "RNA", "type": "text", "optional": true, "format": "rna" },
            { "id": "departement", "label": "Département", "type": "text", "format": "departement" },
            { "id": "title", "label": "Intitulé", "type": "text" },
            { "id": "amount_requested", "label": "Montant", "type": "money", "sets": "requested" },
            { "id": "received_on", "label": "Reçu le", "type": "date" }
          ]
        },
        {
          "id": "proposer", "label": "Proposer", "from": ["submitted"], "to": "proposed", "roles": ["instructor"], "effect": "proposal",
          "fields": [{ "id": "avis", "label": "Avis", "type": "enum", "values": ["oui", "non"], "means": "opinion" }]
        },
        {
          "id": "retenir", "label": "Retenir", "from": ["proposed"], "to": "selected", "roles": ["committee_chair"],
          "effect": "decision", "outcome": "award", "rules": ["separation_of_duties", "multi_year_dates"],
          "fields": [
            { "id": "montant", "label": "Montant attribué", "type": "money", "sets": "awarded" },
            { "id": "annees", "label": "Années", "type": "integer", "optional": true, "means": "years" },
            { "id": "debut", "label": "Première année", "type": "integer", "optional": true, "means": "first_year" },
            { "id": "seance", "label": "Séance", "type": "date", "optional": true, "means": "decided_on" }
          ]
        },
        {
          "id": "ecarter", "label": "Écarter", "from": ["proposed"], "to": "rejected", "roles": ["committee_chair"],
          "effect": "decision", "outcome": "rejection", "reason": "required"
        },
        {
          "id": "signer", "label": "Signer", "from": ["selected"], "to": "granted", "roles": ["finance"], "effect": "agreement",
          "rules": ["convention_above_threshold"],
          "fields": [{ "id": "acte", "label": "Acte", "type": "enum", "values": ["conv", "arr"], "means": "instrument", "value_means": { "conv": "convention", "arr": "decree" } }]
        },
        {
          "id": "verser", "label": "Verser", "from": ["granted", "evaluated"], "stays": true, "roles": ["finance"],
          "rules": ["balance_after_evaluation"],
          "fields": [
            { "id": "somme", "label": "Somme", "type": "money", "adds_to": "paid" },
            { "id": "nature", "label": "Nature", "type": "enum", "values": ["avance", "solde"], "means": "payment_kind", "value_means": { "avance": "advance", "solde": "balance" } }
          ]
        },
        { "id": "evaluer", "label": "Évaluer", "from": ["granted"], "to": "evaluated", "roles": ["instructor"], "effect": "evaluation" },
        { "id": "solder", "label": "Solder", "from": ["evaluated"], "to": "done", "roles": ["finance"] }
      ]
    }
    """#

    /// A small valid format-2 call workflow.
    static let validCall = #"""
    {
      "format": 2, "id": "mini_call", "version": 1, "kind": "call", "label": "Appel",
      "states": [
        { "id": "draft", "label": "Brouillon" },
        { "id": "open", "label": "Ouvert", "accepts_submissions": true },
        { "id": "decided", "label": "Résultats publiés", "results_published": true },
        { "id": "archived", "label": "Archivé", "terminal": true }
      ],
      "actions": [
        { "id": "create", "label": "Créer", "from": [], "to": "draft", "roles": ["manager"] },
        { "id": "publier", "label": "Publier", "from": ["draft"], "to": "open", "roles": ["manager"] },
        { "id": "resultats", "label": "Résultats", "from": ["open"], "to": "decided", "roles": ["manager"] },
        { "id": "archive", "label": "Archiver", "from": ["decided"], "to": "archived", "roles": ["manager"] }
      ]
    }
    """#

    @Test("the unmutated format-2 fixtures load, and their markers are read")
    func validFixtures() throws {
        let mini = try WorkflowDefinition.load(Data(Self.validCase.utf8))
        #expect(mini.action(withEffect: .agreement)?.id == "signer")
        #expect(mini.decision(.award)?.id == "retenir")
        #expect(mini.action(withEffect: .proposal)?.field(meaning: .opinion)?.id == "avis")
        #expect(mini.action("verser")?.field(meaning: .paymentKind)?.meaning(ofValue: "solde") == .balance)
        #expect(mini.states.filter(\.reportsDue).map(\.id) == ["granted", "evaluated"])
        let call = try WorkflowDefinition.load(Data(Self.validCall.utf8))
        #expect(call.openingAction(from: "draft")?.id == "publier")
        #expect(call.states.filter(\.resultsPublished).map(\.id) == ["decided"])
    }

    /// (what breaks, text replaced, replacement, expected message fragment)
    static let caseMutations: [(String, String, String, String)] = [
        ("decision without outcome",
         #""outcome": "rejection", "#, "",
         "l'action « ecarter » est une décision : son issue « outcome » est obligatoire"),
        ("outcome on an action that is not a decision",
         #""effect": "agreement","#, #""effect": "agreement", "outcome": "award","#,
         "« outcome » n'a de sens que pour une décision (l'action « signer »)"),
        ("unknown outcome",
         #""outcome": "rejection""#, #""outcome": "dismissal""#,
         "issue de décision inconnue « dismissal » dans l'action « ecarter »"),
        ("two agreement actions",
         #""roles": ["instructor"], "effect": "evaluation""#, #""roles": ["instructor"], "effect": "agreement""#,
         "plusieurs actions ont l'effet « agreement » : signer, evaluer"),
        ("no agreement action",
         #""effect": "agreement","#, "",
         "aucune action ne signe la convention ou l'arrêté"),
        ("no award decision",
         #""outcome": "award""#, #""outcome": "waitlist""#,
         "aucune décision n'attribue la subvention"),
        ("two award decisions",
         #""outcome": "rejection""#, #""outcome": "award""#,
         "plusieurs décisions ont l'issue « award » : retenir, ecarter"),
        ("withdrawal that stays",
         #""rules": ["balance_after_evaluation"],"#, #""rules": ["balance_after_evaluation"], "effect": "withdrawal","#,
         "l'action « verser » (effet « withdrawal ») doit mener à un état (« to »)"),
        ("meaning on a field of the wrong type",
         #""type": "date", "optional": true, "means": "decided_on""#, #""type": "text", "optional": true, "means": "decided_on""#,
         "le champ « seance » de l'action « retenir » est de type text ; le sens « decided_on » attend date"),
        ("two fields with the same meaning",
         #""means": "opinion" }]"#, #""means": "opinion" }, { "id": "avis2", "label": "Avis 2", "type": "text", "means": "opinion" }]"#,
         "plusieurs champs de l'action « proposer » ont le sens « opinion »"),
        ("unknown meaning",
         #""means": "decided_on""#, #""means": "deadline""#,
         "sens inconnu « deadline » pour le champ « seance »"),
        ("unknown value meaning",
         #""arr": "decree""#, #""arr": "gift""#,
         "sens inconnu « gift » pour la valeur « arr » du champ « acte »"),
        ("value meaning for a value the field does not list",
         #""arr": "decree""#, #""arrete": "decree""#,
         "« value_means » du champ « acte » de l'action « signer » cite la valeur « arrete » absente de « values »"),
        ("value meaning that the field's meaning does not allow",
         #""avance": "advance""#, #""avance": "convention""#,
         "la valeur « avance » du champ « nature » de l'action « verser » ne peut avoir le sens « convention »"),
        ("two values with the same meaning",
         #""avance": "advance""#, #""avance": "balance""#,
         "plusieurs valeurs du champ « nature » de l'action « verser » ont le sens « balance »"),
        ("rule reading an unmarked value",
         #", "value_means": { "conv": "convention", "arr": "decree" }"#, "",
         "la règle « convention_above_threshold » de l'action « signer » lit la valeur de sens « convention » du champ « acte »"),
        ("rule reading an unmarked field",
         #", "means": "years""#, "",
         "la règle « multi_year_dates » de l'action « retenir » lit un champ de sens « years » (« means »), absent"),
        ("separation of duties without a proposal",
         #""effect": "proposal","#, "",
         "la règle « separation_of_duties » de l'action « retenir » lit qui a proposé le dossier : aucune action n'a l'effet « proposal »"),
        ("balance rule without an evaluation",
         #", "effect": "evaluation""#, "",
         "la règle « balance_after_evaluation » de l'action « verser » lit si le dossier est évalué : aucune action n'a l'effet « evaluation »"),
        ("call flag on a case state",
         #""phase": "intake""#, #""phase": "intake", "accepts_submissions": true"#,
         "« accepts_submissions » et « results_published » n'ont de sens que dans un workflow d'appel (l'état « submitted »)"),
        ("format-2 marker in a format-1 file",
         #""format": 2"#, #""format": 1"#,
         "« reports_due » dans l'état « granted » n'existe qu'à partir du format 2"),
    ]

    @Test("each broken format-2 case fixture is refused with its message", arguments: caseMutations)
    func brokenCaseFixture(what: String, old: String, new: String, message: String) throws {
        let text = try WorkflowValidationTests.mutated(Self.validCase, replacing: old, with: new)
        let error = try #require(WorkflowValidationTests.loadError(text), "\(what)")
        #expect(error.message.contains(message), "\(what): \(error.message)")
    }

    static let callMutations: [(String, String, String, String)] = [
        ("no state accepting submissions",
         #", "accepts_submissions": true"#, "",
         "aucun état ne reçoit les dossiers (« accepts_submissions »: true attendu sur un état)"),
        ("two states accepting submissions",
         #""results_published": true"#, #""results_published": true, "accepts_submissions": true"#,
         "plusieurs états ont « accepts_submissions » : open, decided"),
        ("no state of published results",
         #", "results_published": true"#, "",
         "aucun état ne marque les résultats publiés"),
        ("reports due in a call workflow",
         #""label": "Brouillon""#, #""label": "Brouillon", "reports_due": true"#,
         "« reports_due » n'a de sens que dans un workflow de dossier (l'état « draft »)"),
        ("decision outcome in a call workflow",
         #""to": "archived", "roles": ["manager"]"#, #""to": "archived", "roles": ["manager"], "effect": "decision", "outcome": "award""#,
         "l'action « archive » : un effet n'est possible que dans un workflow de dossier"),
    ]

    @Test("each broken format-2 call fixture is refused with its message", arguments: callMutations)
    func brokenCallFixture(what: String, old: String, new: String, message: String) throws {
        let text = try WorkflowValidationTests.mutated(Self.validCall, replacing: old, with: new)
        let error = try #require(WorkflowValidationTests.loadError(text), "\(what)")
        #expect(error.message.contains(message), "\(what): \(error.message)")
    }

    @Test("a call workflow whose open state is not reached from the initial one is refused")
    func openingActionRequired() throws {
        var text = try WorkflowValidationTests.mutated(Self.validCall, replacing: #""Ouvert", "accepts_submissions": true }"#, with: #""Ouvert" }"#)
        text = try WorkflowValidationTests.mutated(text, replacing: #""terminal": true }"#, with: #""terminal": true, "accepts_submissions": true }"#)
        let error = try #require(WorkflowValidationTests.loadError(text))
        #expect(error.message == "aucune action ne mène de l'état initial « draft » à l'état « archived » qui reçoit les dossiers (publication de l'appel)")
    }

    /// The shipped file without the value labels of format 3 (labels are not markers: format 1 never had them).
    static func unlabelled(_ name: String) throws -> WorkflowDefinition {
        var object = try #require(try JSONSerialization.jsonObject(with: WorkflowFiles.data(name)) as? [String: Any])
        object["format"] = 2
        object["actions"] = (object["actions"] as? [[String: Any]] ?? []).map { action in
            var action = action
            if let fields = action["fields"] as? [[String: Any]] { action["fields"] = fields.map { $0.filter { $0.key != "value_labels" } } }
            return action
        }
        return try WorkflowDefinition.load(try JSONSerialization.data(withJSONObject: object))
    }

    /// The shipped file as format 1 wrote it: without any format-2 marker.
    static func formatOneText(_ name: String) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: WorkflowFiles.data(name)) as? [String: Any])
        object["format"] = 1
        object["states"] = (object["states"] as? [[String: Any]] ?? []).map { state in
            state.filter { !["accepts_submissions", "results_published", "reports_due"].contains($0.key) }
        }
        object["actions"] = (object["actions"] as? [[String: Any]] ?? []).map { action in
            var action = action.filter { $0.key != "outcome" }
            if let effect = action["effect"] as? String, !["score", "conflict", "decision"].contains(effect) { action["effect"] = nil }
            if let fields = action["fields"] as? [[String: Any]] {
                action["fields"] = fields.map { $0.filter { !["means", "value_means", "value_labels"].contains($0.key) } }
            }
            return action
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test("a format-1 file reads with the markers of the shipped file, and writes back without them", arguments: ["call", "aap", "ami"])
    func formatOneInference(name: String) throws {
        let shipped = try Self.unlabelled(name)
        let old = try WorkflowDefinition.load(try Self.formatOneText(name))
        #expect(old.format == 1)
        #expect(old.states == shipped.states)
        #expect(old.actions == shipped.actions)

        // Written back, a format-1 definition has no marker of format 2, and reads again the same.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let written = try encoder.encode(old)
        let text = String(decoding: written, as: UTF8.self)
        for key in ["accepts_submissions", "results_published", "reports_due", "outcome\":\"", "means", "\"effect\":\"agreement\""] {
            #expect(!text.contains(key), "\(key)")
        }
        #expect(try JSONDecoder().decode(WorkflowDefinition.self, from: written) == old)
        #expect(try encoder.encode(try JSONDecoder().decode(WorkflowDefinition.self, from: written)) == written)
    }
}
