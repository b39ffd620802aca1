import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap {
    /// `aap init`: creates the store, registers the workflows and the first administrator.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Crée le magasin, enregistre les workflows et le premier administrateur."
        )

        @Option(help: "Identifiant du premier administrateur.") var admin: String
        @Option(help: "Nom complet de l'administrateur.") var name: String?
        @Option(help: "Dossier des fichiers de workflow (par défaut ./Workflows, sinon la copie intégrée).") var workflows: String?
        @Option(name: .customLong("public-key"), help: "Clé publique Ed25519 (base64) de l'administrateur ; sinon celle du répertoire de clés, créée au besoin.") var publicKey: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = Session(global: global)
            let address = session.address
            let path = address.text
            if try address.open(lockTimeout: Session.lockTimeout).exists() {
                throw CLIFailure(.data, "Le magasin « \(path) » existe déjà : rien n'a été modifié")
            }
            _ = try ActorID.parse(admin)
            let (source, definitions) = try WorkflowFiles.loadAll(folder: workflows)
            let key = try session.publicKey(for: admin, given: publicKey, own: true)
            let created: Store = try address.create()
            let commands = [ActorCommand(.registerActor(RegisterActor(actor: admin, name: name, roles: [Role.admin.rawValue], publicKey: key)), by: admin)]
                + definitions.map { ActorCommand(.registerWorkflow($0), by: admin) }
            let result: WriteResult
            do {
                result = try session.write(commands, into: created)
            } catch {
                // Nothing was appended: leave no half-made store folder behind.
                if case .folder = address {
                    for leftover in ["log", "lock", "head.json", "quarantine", "state"] {
                        try? FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(leftover))
                    }
                }
                throw error
            }
            let names = definitions.map { "\($0.id) v\($0.version)" }.joined(separator: ", ")
            try session.output(
                json: InitOutput(store: path, admin: admin, events: result.head.seq, workflows: definitions.map(\.id), head: result.head.hash),
                human: "Magasin créé dans « \(path) » : administrateur « \(admin) », workflows \(names) (\(source))."
            )
        }
    }
}
