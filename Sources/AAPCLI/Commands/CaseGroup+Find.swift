import AAPDomain
import ArgumentParser

extension Aap.CaseGroup {
    /// `aap case find TEXT`: the cases whose applicant, title, SIRET/SIREN, RNA, id or external reference
    /// holds the text, without regard to case or accents (``CaseSearch``).
    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "Cherche des dossiers par porteur, intitulé, SIRET ou SIREN, RNA, numéro ou référence externe (sans tenir compte des accents ni des majuscules).",
            discussion: "Chaque mot doit se trouver dans l'un des champs : « garage adour » trouve « Garage solidaire » de « Mobil'Adour Insertion ». Un nombre de 9 chiffres ou plus est un SIREN ou un SIRET (espaces permis). La recherche porte sur l'état actuel des dossiers, pas sur leur historique."
        )
        @Argument(help: "Texte cherché.") var text: String
        @Option(help: "Seulement les dossiers de cet appel.") var call: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard !CaseSearch(text).isEmpty else { throw ValidationError("texte cherché vide : donnez une partie du nom, de l'intitulé ou un identifiant") }
        }

        func run() throws {
            let session = Session(global: global)
            let store = try session.state()
            var calls = store.callOrder.compactMap { store.calls[$0] }
            if let call { calls = [try CallView.find(call, in: store)] }
            let found = CaseSearch(text).matches(calls.flatMap { store.cases(of: $0) })
            try session.output(
                json: found.map { CaseFoundOutput($0, in: store) },
                human: found.isEmpty ? "Aucun dossier ne correspond à « \(text) »." : French.table(
                    ["Dossier", "État", "Porteur", "Intitulé", "Trouvé dans"],
                    found.map { m in
                        [m.c.id.value, store.stateLabel(of: m.c), m.c.applicant.name, m.c.title, m.places.map(\.label).joined(separator: ", ")]
                    }
                )
            )
        }
    }
}
