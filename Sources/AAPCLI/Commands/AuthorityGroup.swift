import AAPDomain
import ArgumentParser

extension Aap {
    /// `aap authority`: the granting authority named in open-data exports.
    struct AuthorityGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "authority",
            abstract: "Autorité attributaire (nom et SIRET) citée dans les exports.",
            subcommands: [SetCommand.self]
        )

        struct SetCommand: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Désigne l'autorité attributaire (administrateur).")
            @Option(help: "Nom officiel (ex. DREETS Occitanie).") var name: String
            @Option(help: "SIRET de l'autorité.") var siret: String
            @OptionGroup var global: GlobalOptions

            func domainCommands() throws -> [Command] { [.setAuthority(SetAuthority(name: name, siret: siret))] }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                guard case .authoritySet(let e)? = result.events.first?.event else { return }
                try session.output(
                    json: AuthoritySetOutput(name: e.name, siret: e.siret.value, seq: result.head.seq),
                    human: "Autorité attributaire : \(e.name) (SIRET \(e.siret.value))."
                )
            }
        }
    }
}
