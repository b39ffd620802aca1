import AAPDomain
import AAPStorage
import ArgumentParser

extension Aap {
    /// `aap due`: what is overdue or due soon, computed from the events.
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "Échéances en retard ou proches : pièces demandées, rejet implicite (2 mois sans décision), convention à signer, compte rendu financier."
        )

        @Option(help: "Date de référence (AAAA-MM-JJ ; par défaut aujourd'hui).") var on: String?
        @Option(help: "Horizon en jours des échéances « proches » (par défaut 30).") var within: Int = 30
        @Flag(help: "Toutes les échéances en cours, quel que soit l'horizon.") var all = false
        @Option(help: "Seulement les dossiers de cet appel.") var call: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if within < 0 { throw ValidationError("--within doit être positif") }
        }

        func run() throws {
            let session = Session(global: global)
            let reference: CalendarDate
            do { reference = try on.map(CalendarDate.parse) ?? Clock.now().today } catch let error as ValueError {
                throw CLIFailure(.data, error.message)
            }
            let state = try session.state()
            var deadlines = state.deadlines(dateOf: ParisCalendar.calendarDate(ofTimestamp:))
            if let call {
                let id = try CallView.find(call, in: state).id
                deadlines = deadlines.filter { $0.caseID.callID == id }
            }
            let horizon = reference.adding(days: within)
            let shown = all ? deadlines : deadlines.filter { $0.dueOn <= horizon }
            try session.output(
                json: shown.map { d in
                    DeadlineOutput(case: d.caseID.value, kind: d.kind.rawValue, dueOn: d.dueOn.iso,
                                   overdue: d.dueOn < reference, call: d.caseID.callID.value, detail: d.detail)
                },
                human: shown.isEmpty
                    ? "Aucune échéance en retard ni dans les \(within) jours au \(reference.french)."
                    : "Échéances au \(reference.french) :\n" + French.table(
                        ["  Échéance", "Dossier", "Nature", "Statut", "Détail"],
                        shown.map { d in
                            let days = reference.days(until: d.dueOn)
                            let status = days < 0 ? "en retard de \(-days) j" : (days == 0 ? "aujourd'hui" : "dans \(days) j")
                            return ["  " + d.dueOn.french, d.caseID.value, d.kind.label, status, d.detail]
                        }
                    )
            )
        }
    }
}
