import Foundation
import Testing
@testable import AAPDomain

/// One broken fixture per validation error: a small valid workflow, mutated once.
@Suite("Workflow validation")
struct WorkflowValidationTests {
    /// A small valid case workflow: submitted → in_review → done.
    static let valid = #"""
    {
      "format": 1,
      "id": "mini",
      "version": 1,
      "kind": "case",
      "label": "Mini",
      "states": [
        { "id": "submitted", "label": "Déposé", "phase": "intake" },
        { "id": "in_review", "label": "En instruction", "phase": "review" },
        { "id": "done", "label": "Terminé", "terminal": true }
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
          ],
          "rules": ["call_open"]
        },
        { "id": "start-review", "label": "Instruire", "from": ["submitted"], "to": "in_review", "roles": ["instructor"] },
        { "id": "finish", "label": "Terminer", "from": ["in_review"], "to": "done", "roles": ["committee_chair"], "reason": "required" }
      ]
    }
    """#

    /// A small valid call workflow.
    static let validCall = #"""
    {
      "format": 1, "id": "mini_call", "version": 1, "kind": "call", "label": "Appel",
      "states": [
        { "id": "draft", "label": "Brouillon" },
        { "id": "archived", "label": "Archivé", "terminal": true }
      ],
      "actions": [
        { "id": "create", "label": "Créer", "from": [], "to": "draft", "roles": ["manager"] },
        { "id": "archive", "label": "Archiver", "from": ["draft"], "to": "archived", "roles": ["manager"], "rules": ["all_cases_terminal"] }
      ]
    }
    """#

    /// `base` with `old` (which must occur exactly once) replaced by `new`.
    static func mutated(_ base: String, replacing old: String, with new: String) throws -> String {
        let parts = base.components(separatedBy: old)
        try #require(parts.count == 2, "the fixture must contain « \(old) » exactly once")
        return parts.joined(separator: new)
    }

    static func loadError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> WorkflowError? {
        #expect(throws: WorkflowError.self, sourceLocation: sourceLocation) {
            try WorkflowDefinition.load(Data(text.utf8))
        }
    }

    @Test("the unmutated fixtures load")
    func validFixtures() throws {
        let mini = try WorkflowDefinition.load(Data(Self.valid.utf8))
        #expect(mini.states.map(\.id) == ["submitted", "in_review", "done"])
        #expect(mini.actions.map(\.id) == ["submit", "start-review", "finish"])
        let call = try WorkflowDefinition.load(Data(Self.validCall.utf8))
        #expect(call.kind == .call)
    }

    /// (what breaks, text replaced, replacement, expected message fragment)
    static let caseMutations: [(String, String, String, String)] = [
        ("unknown state in from",
         #""from": ["in_review"]"#, #""from": ["in_reveiw"]"#,
         "état inconnu « in_reveiw » dans « from » de l'action « finish »"),
        ("unknown state in to",
         #""to": "done""#, #""to": "finished""#,
         "état inconnu « finished » dans « to » de l'action « finish »"),
        ("unreachable state",
         #"{ "id": "done", "label": "Terminé", "terminal": true }"#,
         #"{ "id": "done", "label": "Terminé", "terminal": true }, { "id": "orphan", "label": "Orphelin", "terminal": true }"#,
         "état inaccessible « orphan » : aucune action n'y mène depuis « submitted »"),
        ("action from a terminal state",
         #""reason": "required" }"#,
         #""reason": "required" }, { "id": "reopen", "label": "Rouvrir", "from": ["done"], "to": "in_review", "roles": ["instructor"] }"#,
         "l'action « reopen » part de l'état terminal « done »"),
        ("unknown role",
         #""roles": ["committee_chair"]"#, #""roles": ["chairman"]"#,
         "rôle inconnu « chairman » dans l'action « finish » (rôles possibles : admin, manager, instructor, committee_member, committee_chair, finance, auditor)"),
        ("unknown role in roles_from",
         #""roles": ["committee_chair"]"#, #""roles": ["committee_chair"], "roles_from": { "in_review": ["boss"] }"#,
         "rôle inconnu « boss » dans l'action « finish »"),
        ("roles_from naming a state absent from from",
         #""roles": ["committee_chair"]"#, #""roles": ["committee_chair"], "roles_from": { "submitted": ["instructor"] }"#,
         "« roles_from » de l'action « finish » cite l'état « submitted » absent de « from »"),
        ("unknown rule",
         #""reason": "required" }"#, #""reason": "required", "rules": ["quorom"] }"#,
         "règle inconnue « quorom » dans l'action « finish »"),
        ("rule of the wrong kind",
         #""reason": "required" }"#, #""reason": "required", "rules": ["all_cases_terminal"] }"#,
         "la règle « all_cases_terminal » ne s'applique pas à un workflow de type case (l'action « finish »)"),
        ("duplicate state id",
         #"{ "id": "done", "label": "Terminé", "terminal": true }"#,
         #"{ "id": "done", "label": "Terminé", "terminal": true }, { "id": "done", "label": "Fini", "terminal": true }"#,
         "état en double « done »"),
        ("duplicate action id",
         #""reason": "required" }"#,
         #""reason": "required" }, { "id": "start-review", "label": "Bis", "from": ["in_review"], "to": "done", "roles": ["instructor"] }"#,
         "action en double « start-review »"),
        ("duplicate field id",
         #"{ "id": "title", "label": "Intitulé", "type": "text" },"#,
         #"{ "id": "title", "label": "Intitulé", "type": "text" }, { "id": "title", "label": "Titre", "type": "text" },"#,
         "champ en double « title » dans l'action « submit »"),
        ("newer format version",
         #""format": 1"#, #""format": 4"#,
         "format de fichier 4 plus récent que celui que ce programme connaît (3) : mettez aap à jour"),
        ("format zero",
         #""format": 1"#, #""format": 0"#,
         "version de format 0 invalide"),
        ("missing format",
         #""format": 1,"#, "",
         "clé « format » manquante ou non entière"),
        ("unknown top-level key",
         #""label": "Mini","#, #""label": "Mini", "colour": "blue","#,
         "clé inconnue « colour » dans le fichier"),
        ("unknown key in a state",
         #"{ "id": "in_review", "label": "En instruction", "phase": "review" }"#,
         #"{ "id": "in_review", "label": "En instruction", "phase": "review", "termnial": true }"#,
         "clé inconnue « termnial » dans l'état « in_review »"),
        ("unknown key in an action",
         #""reason": "required" }"#, #""reason": "required", "role": "admin" }"#,
         "clé inconnue « role » dans l'action « finish »"),
        ("unknown key in a field",
         #"{ "id": "title", "label": "Intitulé", "type": "text" }"#,
         #"{ "id": "title", "label": "Intitulé", "type": "text", "maxlength": 10 }"#,
         "clé inconnue « maxlength » dans le champ « title »"),
        ("unknown field type",
         #"{ "id": "received_on", "label": "Reçu le", "type": "date" }"#,
         #"{ "id": "received_on", "label": "Reçu le", "type": "datetime" }"#,
         "type inconnu « datetime » pour le champ « received_on » (types possibles : text, money, date, enum, integer, score)"),
        ("enum with an empty list of values",
         #""values": ["association", "commune"]"#, #""values": []"#,
         "le champ « applicant_kind » de l'action « submit » est une liste sans valeurs (« values »)"),
        ("enum without values",
         #", "values": ["association", "commune"]"#, "",
         "le champ « applicant_kind » de l'action « submit » est une liste sans valeurs (« values »)"),
        ("missing creation action",
         #""from": [], "to": "submitted""#, #""from": ["in_review"], "to": "submitted""#,
         "aucune action de création (une action avec « from »: [] est attendue)"),
        ("two creation actions",
         #""reason": "required" }"#,
         #""reason": "required" }, { "id": "import", "label": "Importer", "from": [], "to": "in_review", "roles": ["admin"] }"#,
         "plusieurs actions de création : submit, import"),
        ("both to and stays",
         #""to": "done","#, #""to": "done", "stays": true,"#,
         "l'action « finish » indique à la fois « to » et « stays »"),
        ("neither to nor stays",
         #""to": "done","#, "",
         "l'action « finish » n'indique ni « to » ni « stays »"),
        ("non-terminal dead-end state",
         #"{ "id": "done", "label": "Terminé", "terminal": true }"#, #"{ "id": "done", "label": "Terminé" }"#,
         "l'état « done » n'est pas terminal mais aucune action n'en sort"),
        ("missing submission field in a case workflow",
         #"{ "id": "received_on", "label": "Reçu le", "type": "date" }"#, #"{ "id": "received_at", "label": "Reçu le", "type": "date" }"#,
         "champ de dépôt « received_on » manquant dans l'action « submit »"),
        ("submission field of the wrong type",
         #"{ "id": "amount_requested", "label": "Montant", "type": "money", "sets": "requested" }"#,
         #"{ "id": "amount_requested", "label": "Montant", "type": "text" }"#,
         "le champ de dépôt « amount_requested » doit être de type money"),
        ("unknown effect",
         #""reason": "required" }"#, #""reason": "required", "effect": "celebrate" }"#,
         "effet inconnu « celebrate » dans l'action « finish »"),
        ("unknown reason requirement",
         #""reason": "required" }"#, #""reason": "mandatory" }"#,
         "valeur « mandatory » inconnue pour « reason » dans l'action « finish » (required, optional ou none)"),
        ("unknown phase",
         #""phase": "review""#, #""phase": "reviewing""#,
         "phase inconnue « reviewing » pour l'état « in_review »"),
        ("invalid state id",
         #"{ "id": "done", "label": "Terminé", "terminal": true }"#, #"{ "id": "Done", "label": "Terminé", "terminal": true }"#,
         "identifiant d'état invalide « Done » (minuscules, chiffres et « _ »)"),
        ("money field setting an unknown amount",
         #""sets": "requested""#, #""sets": "wanted""#,
         "montant inconnu « wanted » dans « sets »"),
        ("missing label",
         #""label": "Mini","#, "",
         "clé obligatoire « label » manquante"),
        ("invalid JSON",
         #""actions": ["#, #""actions": [["#,
         "JSON illisible"),
    ]

    @Test("each broken case fixture is refused with its message", arguments: caseMutations)
    func brokenCaseFixture(what: String, old: String, new: String, message: String) throws {
        let text = try Self.mutated(Self.valid, replacing: old, with: new)
        let error = try #require(Self.loadError(text), "\(what)")
        #expect(error.message.contains(message), "\(what): \(error.message)")
    }

    @Test("newer format is refused before anything else, mentioning « plus récent »")
    func newerFormatFirst() throws {
        // Format 4 may have keys this program does not know: they must not be reported first.
        var text = try Self.mutated(Self.valid, replacing: #""format": 1"#, with: #""format": 4"#)
        text = try Self.mutated(text, replacing: #""label": "Mini","#, with: #""label": "Mini", "colour": "blue","#)
        let error = try #require(Self.loadError(text))
        #expect(error.message.contains("plus récent"))
        #expect(error == WorkflowError("format de fichier 4 plus récent que celui que ce programme connaît (3) : mettez aap à jour"))
    }

    @Test("invalid JSON and non-object JSON", arguments: [
        ("", "JSON illisible"),
        ("{", "JSON illisible"),
        ("not json", "JSON illisible"),
        ("[1, 2]", "le fichier doit contenir un objet JSON"),
        (#"{"format": "1"}"#, "clé « format » manquante ou non entière"),
    ])
    func unreadable(text: String, message: String) throws {
        let error = try #require(Self.loadError(text))
        #expect(error.message.contains(message), "\(error.message)")
    }

    static let callMutations: [(String, String, String, String)] = [
        ("case rule in a call workflow",
         #""rules": ["all_cases_terminal"]"#, #""rules": ["quorum"]"#,
         "la règle « quorum » ne s'applique pas à un workflow de type call (l'action « archive »)"),
        ("effect in a call workflow",
         #""rules": ["all_cases_terminal"]"#, #""rules": ["all_cases_terminal"], "effect": "decision""#,
         "l'action « archive » : un effet n'est possible que dans un workflow de dossier"),
        ("unknown workflow kind",
         #""kind": "call""#, #""kind": "grant""#,
         "genre de workflow inconnu « grant » (call ou case)"),
    ]

    @Test("each broken call fixture is refused with its message", arguments: callMutations)
    func brokenCallFixture(what: String, old: String, new: String, message: String) throws {
        let text = try Self.mutated(Self.validCall, replacing: old, with: new)
        let error = try #require(Self.loadError(text), "\(what)")
        #expect(error.message.contains(message), "\(what): \(error.message)")
    }

    @Test("a call workflow needs no submission fields")
    func callWithoutSubmissionFields() throws {
        let call = try WorkflowDefinition.load(Data(Self.validCall.utf8))
        #expect(call.creationAction?.fields == [])
    }
}
