import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap {
    /// `aap demo`: builds a realistic store from the sample applications and prints the reports.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Construit un magasin de démonstration à partir des candidatures d'exemple (par défaut ./Storage/demo), puis affiche les bilans et la vérification."
        )

        @Option(help: "Répertoire du magasin de démonstration.") var store: String = "Storage/demo"
        @Flag(help: "Remplace un magasin de démonstration existant.") var force = false
        @Flag(help: "Sortie JSON (bilans et vérification).") var json = false
        @Option(help: "Répertoire des clés privées des acteurs de la démonstration (par défaut, à côté du magasin : <magasin>.keys).") var keys: String?

        func run() throws {
            let fm = FileManager.default
            let existing = Store(directory: store)
            if (try existing.exists()) || (fm.fileExists(atPath: store) && !((try? fm.contentsOfDirectory(atPath: store))?.isEmpty ?? true)) {
                guard force else {
                    throw CLIFailure(.data, "Le répertoire « \(store) » existe déjà : choisissez-en un autre (--store) ou ajoutez --force pour le remplacer")
                }
                guard (try existing.exists()) else {
                    throw CLIFailure(.data, "« \(store) » n'est pas un magasin aap : il ne sera pas effacé")
                }
                do { try fm.removeItem(atPath: store) } catch { throw CLIFailure(.io, "Impossible d'effacer « \(store) »") }
            }
            let created: Store = try Store.create(directory: store)
            var script = DemoScript(store: created, keys: KeyDirectory(path: keys ?? store + ".keys"), quiet: json)
            try script.run()
            let report: AuditReport = try Auditor.verify(created.lines)
            let state = try created.load().state
            if json {
                Console.out(try JSONValueEncoder().text(of: DemoOutput(
                    store: store,
                    calls: state.callOrder.compactMap { state.calls[$0] }.map { CallReport(call: $0, state: state).json },
                    verify: AuditVerifyOutput(ok: report.ok, events: report.events, head: report.head)
                )))
            } else {
                for id in state.callOrder {
                    guard let call = state.calls[id] else { continue }
                    Console.out("")
                    Console.out(CallReport(call: call, state: state).human)
                }
                Console.out("")
                Console.out(report.ok
                    ? "Vérification : journal intègre, \(report.events) événements, chaîne et règles vérifiées ; tête \(report.head)."
                    : "Vérification : ÉCHEC à l'événement \(report.firstBadSeq ?? 0) : \(report.reason ?? "")")
                Console.out("")
                Console.out("Pour explorer : aap case list --store \(store) ; aap case history AAP-RELANCE-ASSO-2021-0001 --store \(store) ; aap audit verify --store \(store)")
            }
            if !report.ok { throw CLIFailure(.data, "La vérification du magasin de démonstration a échoué") }
        }
    }
}
