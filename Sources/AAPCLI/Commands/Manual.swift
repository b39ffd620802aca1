import ArgumentParser

extension Aap {
    /// `aap manual`: the manual page, generated from the command definitions.
    struct Manual: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "manual",
            abstract: "Affiche le manuel complet (page man roff, ou texte) généré à partir des définitions des commandes.",
            discussion: "Installer la page : aap manual > /usr/local/share/man/man1/aap.1 ; la lire sans l'installer : aap manual | man -l -"
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case man, text
        }

        @Option(help: "man (roff, par défaut) ou text.") var format: Format = .man
        @OptionGroup var global: GlobalOptions

        func run() throws {
            switch format {
            case .man: Console.write(ManualPage.roff)
            case .text: Console.write(ManualPage.text)
            }
        }
    }
}
