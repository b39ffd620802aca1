import Foundation
import Testing

/// One command that must be refused: its exit code, what its French line must contain, and nothing written.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    let actor: String?
    let code: Int32
    let contains: [String]

    init(_ name: String, _ arguments: [String], as actor: String? = nil, code: Int32, contains: [String] = []) {
        self.name = name
        self.arguments = arguments
        self.actor = actor
        self.code = code
        self.contains = contains
    }

    var testDescription: String { "\(name) → \(code)" }

    static func submit(_ name: String, code: Int32 = 65, contains: [String] = [], replacing changes: [String: String],
                       adding extra: [String] = [], removing removed: String? = nil) -> RefusalCase {
        var fields: [(String, String)] = [
            ("--applicant", "Mobil'Adour Insertion"), ("--applicant-kind", "association"), ("--siret", Ident.siret),
            ("--departement", "65"), ("--title", "Garage solidaire"), ("--amount", "38000"), ("--received", "2026-04-12"),
        ]
        fields = fields.filter { $0.0 != removed }.map { ($0.0, changes[$0.0] ?? $0.1) }
        var args = ["case", "submit", "AAP-MOB-2026"]
        for (option, value) in fields {
            // `--amount=-5`: a value starting with a dash must be attached, else it reads as an option.
            if value.hasPrefix("-") { args.append("\(option)=\(value)") } else { args += [option, value] }
        }
        return RefusalCase(name, args + extra, as: Staff.instructor, code: code, contains: contains)
    }

    static func advance(_ name: String, _ caseID: String, _ action: String, _ fields: [String] = [], reason: String? = nil,
                        as actor: String, code: Int32, contains: [String] = [], extra: [String] = []) -> RefusalCase {
        var args = ["case", "advance", caseID, action]
        for field in fields { args += ["--set", field] }
        if let reason { args += ["--reason", reason] }
        return RefusalCase(name, args + extra, as: actor, code: code, contains: contains)
    }

    static let submitted = "AAP-MOB-2026-0001"
    static let inReview = "AAP-MOB-2026-0002"
    static let proposed = "AAP-MOB-2026-0003"
    static let selectedSmall = "AAP-PETIT-2026-0001"
    static let proposedSmall = "AAP-PETIT-2026-0002"

    static let all: [RefusalCase] = [
        // Workflow rules and permissions: 1.
        advance("état : propose sur un dossier déposé", submitted, "propose", ["opinion=favorable", "proposed_amount=1000"],
                as: Staff.instructor, code: 1,
                contains: ["Refusé", "Déposé", "Actions possibles : request-documents, declare-inadmissible, start-review, withdraw"]),
        advance("état : clôture d'un dossier proposé", proposed, "close", as: Staff.finance, code: 1,
                contains: ["Refusé", "Proposé au comité", "Actions possibles"]),
        advance("rôle : le financier instruit", submitted, "start-review", as: Staff.finance, code: 1,
                contains: ["Refusé", Staff.finance, "agent instructeur"]),
        advance("rôle : un membre hors du comité de l'appel note", proposedSmall, "score", ["pertinence=3"], as: Staff.member2,
                code: 1, contains: ["Refusé", Staff.member2]),
        advance("rôle : un membre décide", proposed, "select", ["awarded_amount=30000"], as: Staff.member1, code: 1,
                contains: ["Refusé", "Actions possibles"]),
        advance("acteur inconnu", submitted, "start-review", as: "inconnu.personne", code: 1, contains: ["inconnu.personne"]),
        RefusalCase("rôle : un instructeur ajoute un acteur", ["actor", "add", "x.y", "--role", "finance"], as: Staff.instructor,
                    code: 1, contains: ["Refusé"]),
        RefusalCase("rôle : un instructeur crée un appel",
                    ["call", "create", "AAP-X-2026", "--kind", "aap", "--title", "X", "--envelope", "1000", "--opens", "2026-03-01",
                     "--closes", "2026-05-31", "--criterion", "a:100"], as: Staff.instructor, code: 1, contains: ["Refusé"]),
        advance("règle : sélection au-delà de l'enveloppe restante", proposedSmall, "select", ["awarded_amount=40000"], as: Staff.chair,
                code: 1, contains: ["Refusé", "l'enveloppe restante", "10 000,00", "40 000,00"]),
        advance("règle : sélection au-delà du montant demandé", proposed, "select", ["awarded_amount=40000"], as: Staff.chair,
                code: 1, contains: ["Refusé", "montant demandé"]),
        advance("conflit : --expect-version périmée", proposed, "select", ["awarded_amount=30000"], as: Staff.chair, code: 1,
                contains: ["Refusé", "version 5", "attendue 3"], extra: ["--expect-version", "3"]),
        advance("règle : une seule note par membre", proposed, "score", ["pertinence=5", "impact=5"], as: Staff.chair, code: 1,
                contains: ["Refusé", "déjà noté", "rescore avec --reason", "Actions possibles : declare-conflict, rescore, select"]),
        advance("règle : rescore sans note préalable", proposed, "rescore", ["pertinence=5", "impact=5"], reason: "Erreur de saisie",
                as: Staff.member2, code: 1,
                contains: ["Refusé", "« membre.lopez » n'a pas encore noté ce dossier (action score)", "Actions possibles : declare-conflict, score"]),
        advance("état : rescore après la décision", selectedSmall, "rescore", ["pertinence=5"], reason: "Erreur de saisie",
                as: Staff.chair, code: 1,
                contains: ["Refusé", "« Retenu »", "l'action « rescore » n'est pas possible dans cet état"]),
        advance("règle : arrêté au-delà de 23 000 €", selectedSmall, "sign-agreement",
                ["instrument=arrete", "reference=A-1", "signed_on=2026-07-01"], as: Staff.finance, code: 1,
                contains: ["Refusé", "convention"]),
        advance("état : versement avant la convention", selectedSmall, "pay", ["amount=1000", "kind=balance", "paid_on=2026-07-15"],
                as: Staff.finance, code: 1, contains: ["Refusé"]),

        // Unknown things: 65.
        advance("dossier inconnu", "AAP-MOB-2026-0099", "start-review", as: Staff.instructor, code: 65,
                contains: ["AAP-MOB-2026-0099"]),
        RefusalCase("dossier inconnu (show)", ["case", "show", "AAP-MOB-2026-0099"], code: 65, contains: ["AAP-MOB-2026-0099"]),
        RefusalCase("appel inconnu (show)", ["call", "show", "AAP-NOPE-2026"], code: 65, contains: ["AAP-NOPE-2026"]),
        RefusalCase("appel inconnu (dépôt)",
                    ["case", "submit", "AAP-NOPE-2026", "--applicant", "A", "--applicant-kind", "association", "--siret", Ident.siret,
                     "--departement", "31", "--title", "T", "--amount", "1000", "--received", "2026-04-12"],
                    as: Staff.instructor, code: 65, contains: ["AAP-NOPE-2026"]),
        advance("action inconnue", submitted, "teleport", as: Staff.instructor, code: 65, contains: ["teleport", "Actions possibles"]),
        RefusalCase("état inconnu pour case list --state", ["case", "list", "--state", "flying"], code: 65, contains: ["flying"]),

        // Invalid data: 65.
        submit("SIRET : clé de Luhn fausse", contains: ["SIRET", "73282932000075"], replacing: ["--siret": "73282932000075"]),
        submit("SIRET : 13 chiffres", contains: ["SIRET", "7328293200007"], replacing: ["--siret": "7328293200007"]),
        submit("SIRET : lettres", contains: ["SIRET"], replacing: ["--siret": "7328293200007A"]),
        submit("RNA : 8 chiffres", contains: ["RNA", "W12345678"], replacing: [:], adding: ["--rna", "W12345678"], removing: "--siret"),
        submit("RNA : sans W", contains: ["RNA", "X123456789"], replacing: [:], adding: ["--rna", "X123456789"], removing: "--siret"),
        submit("département 20 (la Corse est 2A / 2B)", contains: ["Département", "20"], replacing: ["--departement": "20"]),
        submit("département 99X", contains: ["Département", "99X"], replacing: ["--departement": "99X"]),
        submit("type de porteur inconnu", contains: ["licorne", "association"], replacing: ["--applicant-kind": "licorne"]),
        submit("montant négatif", contains: ["Montant", "-5"], replacing: ["--amount": "-5"]),
        submit("montant en notation scientifique", contains: ["Montant", "1e6"], replacing: ["--amount": "1e6"]),
        submit("montant à trois décimales", contains: ["Montant", "12,345"], replacing: ["--amount": "12,345"]),
        submit("montant non numérique", contains: ["Montant", "abc"], replacing: ["--amount": "abc"]),
        submit("montant nul", contains: ["zéro"], replacing: ["--amount": "0"]),
        advance("montant négatif dans --set", inReview, "propose", ["opinion=favorable", "proposed_amount=-5"], as: Staff.instructor,
                code: 65, contains: ["Montant", "-5"]),
        submit("date impossible 2026-02-30", contains: ["Date", "2026-02-30"], replacing: ["--received": "2026-02-30"]),
        submit("date illisible", contains: ["Date", "12/04/2026"], replacing: ["--received": "12/04/2026"]),
        advance("date impossible dans --set", selectedSmall, "sign-agreement",
                ["instrument=convention", "reference=C-1", "signed_on=2026-02-30"], as: Staff.finance, code: 65,
                contains: ["Date", "2026-02-30"]),
        advance("champ --set manquant", inReview, "propose", ["opinion=favorable"], as: Staff.instructor, code: 65,
                contains: ["proposed_amount"]),
        advance("champ --set inattendu", inReview, "propose", ["opinion=favorable", "proposed_amount=1000", "couleur=bleu"],
                as: Staff.instructor, code: 65, contains: ["couleur"]),
        advance("valeur hors liste", inReview, "propose", ["opinion=peut-être", "proposed_amount=1000"], as: Staff.instructor,
                code: 65, contains: ["peut-être", "favorable"]),
        advance("note hors de 0–5", proposed, "score", ["pertinence=6", "impact=3"], as: Staff.member2, code: 65,
                contains: ["pertinence"]),
        advance("motif manquant (declare-inadmissible)", submitted, "declare-inadmissible", as: Staff.instructor, code: 65,
                contains: ["--reason"]),
        advance("motif manquant (reject)", proposed, "reject", as: Staff.chair, code: 65, contains: ["--reason"]),
        advance("motif manquant (rescore)", proposed, "rescore", ["pertinence=5", "impact=5"], as: Staff.chair, code: 65,
                contains: ["Motif obligatoire pour l'action « rescore » du dossier AAP-MOB-2026-0003 (--reason)"]),
        advance("caractère de contrôle dans le motif", submitted, "declare-inadmissible", reason: "Hors\u{7} champ",
                as: Staff.instructor, code: 65, contains: ["contrôle"]),
        submit("caractère de contrôle dans l'intitulé", contains: ["title", "contrôle"], replacing: ["--title": "Garage\u{1B}[31m solidaire"]),
        submit("intitulé démesuré", contains: ["title"], replacing: ["--title": String(repeating: "Garage solidaire ", count: 400)]),
        RefusalCase("init sur un magasin existant", ["init", "--admin", Staff.admin], code: 65, contains: ["existe déjà"]),

        // Bad usage: 64.
        RefusalCase("--as manquant pour une écriture", ["case", "advance", submitted, "start-review"], code: 64, contains: ["--as"]),
        RefusalCase("--as manquant pour un dépôt", submit("", replacing: [:]).arguments, code: 64, contains: ["--as"]),
        RefusalCase("sous-commande inconnue", ["case", "frobnicate"], code: 64, contains: ["frobnicate"]),
        RefusalCase("commande inconnue", ["frobnicate"], code: 64, contains: ["frobnicate"]),
        RefusalCase("commande inconnue à deux mots", ["frobnicate", "now"], code: 64, contains: ["frobnicate", "now"]),
        RefusalCase("option inconnue", ["case", "list", "--frob"], code: 64, contains: ["--frob"]),
        RefusalCase("option inconnue proche d'une autre", ["case", "list", "--stat"], code: 64, contains: ["--stat"]),
        submit("option obligatoire manquante", code: 64, contains: ["--applicant"], replacing: [:], removing: "--applicant"),
        submit("ni SIRET ni RNA", code: 64, contains: ["SIRET"], replacing: [:], removing: "--siret"),
        advance("--set sans =", inReview, "propose", ["opinion"], as: Staff.instructor, code: 64, contains: ["--set"]),
        RefusalCase("format de schéma inconnu", ["workflow", "graph", "aap", "--format", "png"], code: 64, contains: ["png"]),
    ]
}

@Suite("Refus : code de sortie, une ligne en français, rien d'écrit")
struct RefusalTests {
    @Test(arguments: RefusalCase.all)
    func refused(_ refusal: RefusalCase) throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let result = try ws.refused(refusal.arguments, as: refusal.actor, code: refusal.code)
        for fragment in refusal.contains {
            #expect(result.errorLine.contains(fragment), "« \(fragment) » absent : \(result)")
        }
        if refusal.code == 1 {
            #expect(result.errorLine.hasPrefix("Refusé"), "\(result)")
        }
        if refusal.code == 64 {
            #expect(!result.errorLine.contains("Did you mean"), "\(result)")
        }
    }

    @Test("Montants acceptés : 38000, « 38 000 », « 38 000,50 € » (espaces ordinaires, insécables, fines)",
          arguments: [
              ("38000", 3_800_000), ("38 000", 3_800_000), ("38 000,50 €", 3_800_050),
              ("38\u{00A0}000,50\u{00A0}€", 3_800_050), ("38\u{202F}000,50 €", 3_800_050), ("38000,5", 3_800_050), ("0,01", 1),
          ])
    func acceptedMoney(_ text: String, cents: Int) throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let id = try ws.submit(amount: text)
        #expect(id == "AAP-MOB-2026-0004")
        #expect(try ws.show(id)["amounts"]["requested_cents"].int == cents)
        let history = try #require(try ws.okJSON(["case", "history", id]).array)
        #expect(history.first?["fields"]["amount_requested_cents"].int == cents)
    }

    @Test("Magasin absent : 74, une ligne, et rien n'est créé")
    func storeMissing() throws {
        let ws = try Workspace()
        let missing = ws.path("nowhere")
        for (arguments, actor) in [(["case", "list"], nil), (["audit", "verify"], nil),
                                   (["case", "advance", "AAP-MOB-2026-0001", "start-review"], Staff.instructor),
                                   (ws.submitArguments(), Staff.instructor)] as [([String], String?)] {
            let result = try ws.run(arguments, as: actor, store: missing)
            #expect(result.code == 74, "\(result)")
            #expect(result.stderrIsOneLine, "\(result)")
            #expect(FrenchLine.looksFrench(result.errorLine), "\(result)")
            #expect(result.errorLine.contains("nowhere"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: missing.path), "\(result)")
        }
        // --store wins over AAP_STORE.
        let viaOption = try ws.run(["case", "list", "--store", missing.path], setStore: false)
        #expect(viaOption.code == 74, "\(viaOption)")
    }

    @Test("Un refus au milieu d'une session ne change rien, la suite fonctionne")
    func refusalLeavesStoreUsable() throws {
        let ws = try Workspace(copying: SharedStores.refusalBase)
        let before = try ws.logLines().count
        try ws.refused(ws.advanceArguments(RefusalCase.proposedSmall, "select", ["awarded_amount": "40000"]), as: Staff.chair, code: 1)
        // What the remaining envelope allows goes through.
        try ws.advance(RefusalCase.proposedSmall, "select", ["awarded_amount": "10 000"], as: Staff.chair)
        let call = try ws.okJSON(["call", "show", "AAP-PETIT-2026"])
        #expect(call["remaining_cents"].int == 0)
        #expect(call["awarded_cents"].int == 5_000_000)
        #expect(try ws.logLines().count == before + 1)
        #expect(try ws.okJSON(["audit", "verify"])["ok"].bool == true)
    }
}
