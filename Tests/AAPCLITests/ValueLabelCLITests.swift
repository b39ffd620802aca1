import Foundation
import Testing

/// Enum values in French, through the binary: typed as their label (with or without accents), shown
/// by their label in every French text, kept as their code in the log and in JSON.
@Suite("Valeurs en français : saisie et affichage par libellé, code dans le journal")
struct ValueLabelCLITests {
    private typealias F = CommitteeFixture

    /// `-0002` (Atelier vélo) selected at 15 000 € by the chair after two scores.
    private static func selected() throws -> Workspace {
        let ws = try Workspace(copying: F.committeeBase)
        try ws.score(F.velo, 4, 4, as: Staff.member1)
        try ws.score(F.velo, 4, 4, as: Staff.chair)
        try ws.ok(ws.advanceArguments(F.velo, "select", ["awarded_amount": "15000"]), as: Staff.chair)
        return ws
    }

    @Test("arrêté, Avance, partiellement : acceptés et enregistrés sous leur code ; case show et l'historique les disent en français")
    func typedAsLabels() throws {
        let ws = try Self.selected()
        try ws.ok(ws.advanceArguments(F.velo, "sign-agreement", ["instrument": "arrêté", "reference": "AR-2026-17", "signed_on": "2026-06-10"]),
                  as: Staff.finance)
        try ws.ok(ws.advanceArguments(F.velo, "pay", ["amount": "15000", "kind": "Avance", "paid_on": "2026-06-12"]), as: Staff.finance)
        try ws.ok(ws.advanceArguments(F.velo, "receive-report", ["received_on": "2026-06-14", "spent_amount": "15000"]), as: Staff.instructor)
        try ws.ok(ws.advanceArguments(F.velo, "evaluate", ["outcome": "partiellement", "note": "Moitié des ateliers tenus"]), as: Staff.instructor)

        // The log and JSON keep the codes.
        let log = String(decoding: try ws.logBytes(), as: UTF8.self)
        #expect(log.contains(#""instrument":"arrete""#), "code absent du journal")
        #expect(log.contains(#""kind":"advance""#))
        #expect(log.contains(#""outcome":"partial""#))
        let json = try ws.show(F.velo)
        #expect(json["state"].string == "evaluated")

        let shown = try ws.ok(["case", "show", F.velo]).stdout
        #expect(shown.contains("acte attributif Arrêté"), "\(shown)")
        #expect(shown.contains("nature du versement Avance"), "\(shown)")
        #expect(shown.contains("résultat Partiellement atteint"), "\(shown)")
        #expect(!shown.contains(" arrete") && !shown.contains(" advance") && !shown.contains(" partial"), "\(shown)")
        let history = try ws.ok(["case", "history", F.velo]).stdout
        #expect(history.contains("instrument = Arrêté"), "\(history)")
        #expect(history.contains("kind = Avance"), "\(history)")
        #expect(history.contains("opinion = Favorable"), "\(history)")
        try ws.ok(["audit", "verify"])
    }

    @Test("une valeur inconnue est refusée (65, rien d'écrit), avec les codes et leurs libellés")
    func unknownValue() throws {
        let ws = try Self.selected()
        let refused = try ws.refused(ws.advanceArguments(F.velo, "sign-agreement", ["instrument": "décret", "reference": "AR-1", "signed_on": "2026-06-10"]),
                                     as: Staff.finance, code: 65)
        #expect(refused.errorLine.contains("Valeur « décret » invalide pour « instrument » (valeurs possibles : convention (Convention), arrete (Arrêté))"), "\(refused)")
    }

    @Test("le procès-verbal donne l'avis de l'instructeur en français ; workflow show liste les valeurs et leurs libellés")
    func minutesAndWorkflow() throws {
        let ws = try Workspace(copying: F.committeeBase)
        let minutes = try ws.ok(["report", "committee", F.call]).stdout
        #expect(minutes.contains("avis de l'instructeur : Favorable"), "\(minutes)")
        let json = try ws.okJSON(["report", "committee", F.call])
        #expect(json["cases"][0]["opinion"].string == "favorable")
        let workflow = try ws.ok(["workflow", "show", "aap"]).stdout
        #expect(workflow.contains("valeurs de kind : advance (Avance), instalment (Acompte), balance (Solde)"), "\(workflow)")
        #expect(workflow.contains("valeurs de opinion : favorable (Favorable), reserved (Réservé), unfavorable (Défavorable)"), "\(workflow)")
    }

    @Test("case list --state accepte le libellé de l'état, sans casse ni accents")
    func listByStateLabel() throws {
        let ws = try Workspace(copying: F.committeeBase)
        for typed in ["proposed", "Proposé au comité", "propose au comite"] {
            let rows = try ws.okJSON(["case", "list", "--state", typed]).array ?? []
            #expect(rows.count == 3, "\(typed): \(rows)")
        }
        let unknown = try ws.refused(["case", "list", "--state", "Au placard"], code: 65)
        #expect(unknown.errorLine.contains("État inconnu « Au placard »"), "\(unknown)")
    }
}
