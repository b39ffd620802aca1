import AAPDomain
import ArgumentParser

extension Aap {
    /// `aap call`: calls for projects (AAP) and for expressions of interest (AMI).
    struct CallGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "call",
            abstract: "Appels : création, publication, clôture, détail, liste.",
            subcommands: [Create.self, Advance.self, Show.self, List.self]
        )

        struct Create: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "create", abstract: "Crée un appel en brouillon (responsable de l'appel) ; --publish l'ouvre aussitôt.")

            @Argument(help: "Identifiant de l'appel (ex. AAP-MOB-2026).") var call: String
            @Option(help: "Type : aap ou ami.") var kind: String
            @Option(help: "Intitulé.") var title: String
            @Option(parsing: .unconditional, help: "Enveloppe (ex. 250 000 ou 250000,00 €).") var envelope: String
            @Option(help: "Date d'ouverture (AAAA-MM-JJ).") var opens: String
            @Option(help: "Date de clôture (AAAA-MM-JJ).") var closes: String
            @Option(name: .customLong("departement"), help: "Département éligible (répétable ; appel fermé).") var departements: [String] = []
            @Option(name: .customLong("applicant-kind"), help: "Type de porteur éligible (répétable).") var applicantKinds: [String] = []
            @Option(name: .customLong("measure"), help: "Mesure (SN… 2019–2023, PS… 2024–2027 ; répétable).") var measures: [String] = []
            @Option(name: .customLong("funding-source"), help: "Source de financement (ex. P304).") var fundingSource: String?
            @Option(name: .customLong("criterion"), help: "Critère de la grille NOM:POIDS (répétable ; poids en % totalisant 100).") var criteria: [String] = []
            @Option(name: .customLong("convention-threshold"), help: "Seuil au-delà duquel une convention est obligatoire (par défaut 23 000 €).") var conventionThreshold: String?
            @Option(name: .customLong("dispositif-aide"), help: "Identifiant de l'appel dans le schéma des dispositifs d'aide (publié en dispositifAide dans l'export SCDL).") var dispositifAide: String?
            @Flag(help: "Publie l'appel dans la même écriture.") var publish = false
            @OptionGroup var global: GlobalOptions

            func domainCommands() throws -> [Command] {
                var commands: [Command] = [.createCall(CreateCall(
                    call: call, kind: kind, title: title, envelope: envelope, opensOn: opens, closesOn: closes,
                    departements: departements, applicantKinds: applicantKinds, measures: measures,
                    fundingSource: fundingSource, criteria: criteria, conventionThreshold: conventionThreshold,
                    dispositifAide: dispositifAide
                ))]
                if publish { commands.append(.advanceCall(.opening(call))) }
                return commands
            }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                guard let id = result.events.first?.event.callID, let created = result.state.calls[id] else { return }
                try session.output(
                    json: CallOutput(created, in: result.state),
                    human: "Appel \(id) créé (« \(result.state.stateLabel(of: created)) ») : \(created.title), enveloppe \(created.envelope.formatted)."
                )
            }
        }

        struct Advance: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "advance", abstract: "Fait avancer un appel : publish, close, publish-results, archive.")
            @Argument(help: "Identifiant de l'appel.") var call: String
            @Argument(help: "Action du workflow d'appel.") var action: String
            @Option(help: "Motif.") var reason: String?
            @OptionGroup var global: GlobalOptions

            func domainCommands() throws -> [Command] { [.advanceCall(AdvanceCall(call: call, action: action, reason: reason))] }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                guard case .callAdvanced(let e)? = result.events.first?.event, let updated = result.state.calls[e.call],
                      let w = result.state.workflow(updated.callWorkflow) else { return }
                try session.output(
                    json: TransitionOutput(id: e.call.value, action: e.action, from: e.from, to: e.to, version: nil, seq: result.head.seq),
                    human: "Appel \(e.call) : « \(w.label(ofState: e.from)) » → « \(w.label(ofState: e.to)) » (\(e.action))."
                )
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Détail d'un appel : paramètres, comité, dossiers par état, montants.")
            @Argument(help: "Identifiant de l'appel.") var call: String
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let id = try? CallID.parse(call)
                let state = try id.map { try session.state(allCasesOf: [$0]) } ?? session.state()
                let found = try CallView.find(call, in: state)
                try session.output(json: CallOutput(found, in: state), human: CallView.human(found, in: state))
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les appels.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let state = try session.state()
                let calls = state.callOrder.compactMap { state.calls[$0] }
                try session.output(
                    json: calls.map { CallOutput($0, in: state) },
                    human: calls.isEmpty ? "Aucun appel." : French.table(
                        ["Appel", "Type", "État", "Dossiers", "Enveloppe", "Attribué", "Intitulé"],
                        calls.map { c in
                            [c.id.value, c.kind.uppercased(), state.stateLabel(of: c), String(c.caseIDs.count), c.envelope.formatted,
                             state.awarded(in: c).formatted, c.title]
                        }
                    )
                )
            }
        }
    }

    /// `aap committee`: the selection committee of a call.
    struct CommitteeGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "committee",
            abstract: "Comité de sélection d'un appel.",
            subcommands: [SetCommand.self]
        )

        struct SetCommand: WriteCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Désigne le comité d'un appel (responsable de l'appel), modifiable jusqu'à la première décision ; la vice-présidence peut être désignée ensuite."
            )
            @Argument(help: "Identifiant de l'appel.") var call: String
            @Option(help: "Président(e) du comité.") var chair: String
            @Option(name: .customLong("member"), help: "Membre (répétable).") var members: [String] = []
            @Option(help: "Quorum (par défaut la majorité des sièges).") var quorum: Int?
            @Option(name: .customLong("vice-chair"), help: "Vice-président(e) : un membre, avec le rôle committee_chair, qui préside les dossiers où le président a déclaré un conflit d'intérêts.")
            var viceChair: String?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                try global.validateActor()
                guard !members.isEmpty else { throw ValidationError("option --member manquante : au moins un membre est requis") }
            }

            func domainCommands() throws -> [Command] {
                return [.setCommittee(SetCommittee(call: call, chair: chair, members: members, quorum: quorum, viceChair: viceChair))]
            }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                guard case .committeeSet(let e)? = result.events.first?.event else { return }
                try session.output(
                    json: CommitteeSetOutput(call: e.call.value, chair: e.chair.value, members: e.members.map(\.value), quorum: e.quorum,
                                             viceChair: e.viceChair?.value),
                    human: "Comité de \(e.call) : présidence \(e.chair)" + (e.viceChair.map { ", vice-présidence \($0)" } ?? "")
                        + ", membres \(e.members.map(\.value).joined(separator: ", ")), quorum \(e.quorum)."
                )
            }
        }
    }
}
