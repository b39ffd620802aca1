import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap.ImportGroup {
    /// `aap import demarches-simplifiees FILE --call CALL --mapping MAPPING`: the dossiers of a DS export.
    struct DemarchesSimplifiees: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demarches-simplifiees",
            abstract: "Enregistre les dossiers d'une démarche Démarches Simplifiées (réponse JSON de l'API GraphQL) sur un appel (agent instructeur).",
            discussion: """
            FICHIER : la réponse JSON de l'API GraphQL v2 de DS pour demarche { number dossiers { pageInfo \
            nodes { number state dateDepot demandeur { … on PersonneMorale { siret entreprise { raisonSociale } \
            association { rna titre } } } champs { id label stringValue } } } }, enregistrée telle quelle : une \
            réponse, ou un tableau JSON de réponses (une par page) ; l'enveloppe « data » est facultative. \
            CORRESPONDANCE : un objet JSON qui associe à chaque champ du dépôt le libellé du champ DS qui le \
            contient, par exemple {"title": "Intitulé du projet", "amount_requested": "Montant demandé", \
            "departement": "Département", "applicant_kind": "Type de structure"}. Sans correspondance, le nom \
            du porteur vient de association.titre (sinon entreprise.raisonSociale), le SIRET de demandeur.siret, \
            le RNA de association.rna et la date de réception de dateDepot (date à Paris). Un département « 31 - \
            Haute-Garonne » donne 31 ; un montant « 38 000,50 » (espaces, espaces insécables, virgule) est \
            accepté. Chaque dossier garde sa référence DS-<numéro> : un dossier déjà importé est refusé \
            (« déjà importé »). États : en_construction et en_instruction deviennent des dossiers déposés ; \
            accepte, refuse et sans_suite sont listés et non importés, sauf avec --import-closed : ils sont \
            alors déposés eux aussi, et la décision reste à prendre dans aap (une décision DS n'est pas celle \
            du comité). Tout ou rien : un refus nomme le dossier DS et le champ, et rien n'est écrit ; \
            --dry-run vérifie tous les dossiers, liste chaque problème et n'écrit rien.
            """
        )
        @Argument(help: "Fichier JSON de la réponse de l'API Démarches Simplifiées (une ou plusieurs pages).") var file: String
        @Option(help: "Identifiant de l'appel.") var call: String
        @Option(help: "Fichier JSON de correspondance : {\"<champ du dépôt>\": \"<libellé du champ DS>\", …}.") var mapping: String
        @Flag(name: .customLong("dry-run"), help: "Vérifie tous les dossiers et liste chaque problème, sans rien écrire.") var dryRun = false
        @Flag(name: .customLong("import-closed"), help: "Importe aussi les dossiers acceptés, refusés ou classés sans suite sur DS (la décision reste à prendre dans aap).") var importClosed = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try global.validateActor()
        }

        func run() throws {
            let session = Session(global: global)
            let actor = try global.requireActor()
            let store = try session.store()
            let loaded: LoadedStore = try store.load()
            let target = try CallView.find(call, in: loaded.state)
            guard let action = loaded.state.workflow(target.caseWorkflow)?.creationAction else {
                throw CLIFailure(.data, "Workflow \(target.caseWorkflow) introuvable pour l'appel \(target.id)")
            }
            guard let mappingData = FileManager.default.contents(atPath: mapping) else {
                throw CLIFailure(.io, "Fichier de correspondance illisible « \(mapping) »")
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIFailure(.io, "Fichier Démarches Simplifiées illisible « \(file) »")
            }
            let fields = try DemarchesImport.Mapping.read(mappingData, file: mapping, action: action)
            let pages = try DemarchesImport.pages(data, file: file)
            let parsed = DemarchesImport.read(pages, mapping: fields, call: target, action: action, in: loaded.state, importClosed: importClosed)
            if dryRun {
                try simulate(parsed, state: loaded.state, actor: actor, session: session)
                return
            }
            if let first = parsed.problems.first {
                let more = parsed.problems.count > 1 ? " (et \(parsed.problems.count - 1) autre(s) problème(s) : --dry-run les liste tous)" : ""
                throw CLIFailure(.data, errorCode: "import.dossier", "Import refusé, rien n'est écrit : \(first.text)\(more)")
            }
            var created: [CaseID] = []
            var events = 0
            var head = (seq: loaded.head.seq, hash: loaded.head.hash)
            if !parsed.rows.isEmpty {
                let result: WriteResult
                do {
                    result = try session.execute(parsed.commands.map { ActorCommand($0, by: actor) }, into: store)
                } catch let batch as BatchRefusal {
                    let problem = parsed.problem(refused: batch.refusal, row: batch.index)
                    throw CLIFailure(ExitStatus(batch.refusal), errorCode: batch.refusal.code, "Import refusé, rien n'est écrit : \(problem.text)")
                }
                created = result.events.compactMap(\.event.caseID)
                events = result.events.count
                head = (result.head.seq, result.head.hash)
            }
            let imported = zip(parsed.rows, created).map(Self.output)
            try session.output(
                json: DemarchesImportOutput(demarche: parsed.demarche, imported: imported, skipped: parsed.skipped.map(Self.output),
                                            events: events, seq: head.seq, head: head.hash),
                human: Self.human(imported: imported, skipped: parsed.skipped, simulated: false)
            )
            warnOfMorePages(parsed)
        }

        /// Said only on success: a refusal keeps its one line on stderr.
        private func warnOfMorePages(_ parsed: DemarchesImport) {
            guard parsed.hasMorePages else { return }
            Console.err("Avertissement : la dernière page du fichier annonce d'autres dossiers (pageInfo.hasNextPage) : ils ne sont pas dans « \(file) » ; demandez la page suivante (after: endCursor)")
        }

        private func simulate(_ parsed: DemarchesImport, state: StoreState, actor: String, session: Session) throws {
            let clock = try Clock.now()
            let outcome = parsed.simulate(in: state, actor: actor, at: clock.at, today: clock.today)
            let imported = outcome.problems.isEmpty ? outcome.ids.map(Self.output) : []
            try session.output(
                json: DemarchesDryRunOutput(ok: outcome.problems.isEmpty, demarche: parsed.demarche, problems: outcome.problems,
                                            imported: imported, skipped: parsed.skipped.map(Self.output)),
                human: outcome.problems.isEmpty
                    ? Self.human(imported: imported, skipped: parsed.skipped, simulated: true)
                    : outcome.problems.map(\.text).joined(separator: "\n")
            )
            guard outcome.problems.isEmpty else {
                throw CLIFailure(.data, errorCode: "import.dossier", "Simulation : \(French.plural(outcome.problems.count, "problème", "problèmes")) dans « \(file) » (listés sur la sortie standard) ; rien n'a été écrit")
            }
            warnOfMorePages(parsed)
        }

        private static func output(_ row: DemarchesImport.Row, _ id: CaseID) -> DemarchesImportedOutput {
            DemarchesImportedOutput(dossier: row.dossier, case: id.value, externalReference: row.reference,
                                    dsState: row.state.rawValue, closedOnDs: row.state.isClosed)
        }

        private static func output(_ skipped: DemarchesImport.Skipped) -> DemarchesSkippedOutput {
            DemarchesSkippedOutput(dossier: skipped.dossier, dsState: skipped.state.rawValue, dsStateLabel: skipped.state.label)
        }

        /// One line per dossier (`Dossier 123456 : AAP-MOB-2026-0006`), the closed ones left out, then a summary.
        private static func human(imported: [DemarchesImportedOutput], skipped: [DemarchesImport.Skipped], simulated: Bool) -> String {
            var lines = imported.map { item in
                let closed = item.closedOnDs ? " (clos sur DS : « \(DemarchesImport.DossierState(rawValue: item.dsState)?.label ?? item.dsState) » ; la décision reste à prendre dans aap)" : ""
                return "Dossier \(item.dossier) : \(item.case)\(closed)"
            }
            lines += skipped.map { "Dossier \($0.dossier) : non importé, « \($0.state.label) » sur DS (\($0.state.rawValue)) ; --import-closed pour l'importer" }
            let count = simulated
                ? French.plural(imported.count, "dossier serait importé", "dossiers seraient importés")
                : French.plural(imported.count, "dossier importé", "dossiers importés")
            let left = skipped.isEmpty ? "" : " ; \(French.plural(skipped.count, "dossier clos laissé de côté", "dossiers clos laissés de côté"))"
            lines.append("\(simulated ? "Simulation : " : "")\(count)\(left)\(simulated ? " ; rien n'a été écrit" : "").")
            return lines.joined(separator: "\n")
        }
    }
}
