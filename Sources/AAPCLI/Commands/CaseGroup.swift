import AAPDomain
import AAPStorage
import ArgumentParser

extension Aap {
    /// `aap case`: applications (dossiers) and their progress through the workflow.
    struct CaseGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case",
            abstract: "Dossiers : dépôt, actions, détail, liste, recherche, historique.",
            subcommands: [Submit.self, Advance.self, Show.self, List.self, Find.self, History.self]
        )

        struct Submit: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "submit", abstract: "Enregistre un dossier sur un appel (agent instructeur) ; affiche son identifiant.")
            @Argument(help: "Identifiant de l'appel.") var call: String
            @Option(help: "Nom du porteur.") var applicant: String
            @Option(name: .customLong("applicant-kind"), help: "Type de porteur (association, ccas, commune, epci…).") var applicantKind: String
            @Option(help: "SIRET (14 chiffres).") var siret: String?
            @Option(help: "Numéro RNA (W suivi de 9 caractères).") var rna: String?
            @Option(help: "Département (code INSEE, ou REG pour un projet régional).") var departement: String
            @Option(help: "Intitulé du projet.") var title: String
            @Option(parsing: .unconditional, help: "Montant demandé.") var amount: String
            @Option(help: "Date de réception (AAAA-MM-JJ).") var received: String
            @Option(name: .customLong("late-reason"), help: "Motif d'un dépôt après la clôture.") var lateReason: String?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                try global.validateActor()
                if siret == nil, rna == nil {
                    throw ValidationError("un SIRET (--siret) ou un numéro RNA (--rna) est obligatoire")
                }
            }

            func domainCommands() throws -> [Command] {
                var fields = [
                    "applicant_name": applicant, "applicant_kind": applicantKind, "departement": departement,
                    "title": title, "amount_requested": amount, "received_on": received,
                ]
                fields["siret"] = siret
                fields["rna"] = rna
                fields["late_reason"] = lateReason
                return [.submitCase(SubmitCase(call: call, fields: fields))]
            }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                guard let id = result.events.first?.event.caseID else { return }
                if let rna = result.state.cases[id]?.applicant.rna, rna.hasLetters {
                    Console.err("Avertissement : le numéro RNA \(rna.value) contient des lettres (format data.gouv.fr : W suivi de 9 chiffres).")
                }
                try session.output(json: CaseSubmittedOutput(id: id.value), human: id.value)
            }
        }

        struct Advance: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "advance", abstract: "Applique une action du workflow à un dossier (ex. start-review, propose, score, select).")
            @Argument(help: "Identifiant du dossier.") var caseID: String
            @Argument(help: "Action.") var action: String
            @Option(name: .customLong("set"), help: "Champ CLE=VALEUR déclaré par l'action (répétable).") var sets: [String] = []
            @Option(help: "Motif (obligatoire pour certaines actions).") var reason: String?
            @Option(name: .customLong("expect-version"), help: "Refuse si le dossier a changé depuis cette version.") var expectVersion: Int?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                try global.validateActor()
                _ = try Self.fields(sets)
            }

            func domainCommands() throws -> [Command] {
                [.advanceCase(AdvanceCase(caseID: caseID, action: action, fields: try Self.fields(sets), reason: reason, expectVersion: expectVersion))]
            }

            /// The `--set KEY=VALUE` options as fields; a usage error for a malformed or repeated one.
            static func fields(_ sets: [String]) throws -> [String: String] {
                var fields: [String: String] = [:]
                for pair in sets {
                    guard let (key, value) = assignment(pair) else {
                        throw ValidationError("--set attend CLE=VALEUR (reçu « \(pair) »)")
                    }
                    guard fields[key] == nil else { throw ValidationError("champ « \(key) » donné deux fois") }
                    fields[key] = value
                }
                return fields
            }

            /// `KEY=VALUE` split at the first `=`; nil without one, or with an empty key.
            static func assignment(_ pair: String) -> (key: String, value: String)? {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return nil }
                return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
            }

            func run() throws {
                let session = Session(global: global)
                let result = try session.write(try domainCommands())
                guard case .caseAdvanced(let e)? = result.events.first?.event, let c = result.state.cases[e.caseID],
                      let w = result.state.workflow(c.workflow) else { return }
                let moved = e.from == e.to
                    ? "reste « \(w.label(ofState: e.to)) »"
                    : "« \(w.label(ofState: e.from)) » → « \(w.label(ofState: e.to)) »"
                try session.output(
                    json: TransitionOutput(id: e.caseID.value, action: e.action, from: e.from, to: e.to, version: c.version, seq: result.head.seq),
                    human: "Dossier \(e.caseID) : \(moved) (\(e.action)), version \(c.version)."
                )
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Détail d'un dossier : état, porteur, montants, notes, actions possibles pour --as ; --as-of DATE : tel qu'il était ce jour-là.")
            @Argument(help: "Identifiant du dossier.") var caseID: String
            @Option(name: .customLong("as-of"), help: "Date (AAAA-MM-JJ) : le dossier tel qu'il était après le dernier événement enregistré ce jour-là ou avant.") var asOf: String?
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let state: StoreState
                if let asOf {
                    let date: CalendarDate = try CalendarDate.parse(asOf)
                    state = try Auditor.replayedState(try session.store().lines, until: nil, asOf: date).state
                } else if let id = try? CaseID.parse(caseID) {
                    state = try session.state(for: StateReads(cases: [id]))
                } else {
                    state = try session.state()
                }
                let c = try CaseView.find(caseID, in: state)
                let actor = global.actorIfGiven.flatMap { try? ActorID.parse($0) }
                try session.output(json: CaseOutput(c, in: state, actor: actor), human: CaseView.human(c, in: state, actor: actor))
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les dossiers, par appel ou par état.")
            @Option(help: "Seulement les dossiers de cet appel.") var call: String?
            @Option(help: "Seulement les dossiers dans cet état (ex. proposed).") var state: String?
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let store = try session.state()
                var calls = store.callOrder.compactMap { store.calls[$0] }
                if let call { calls = [try CallView.find(call, in: store)] }
                var cases = calls.flatMap { store.cases(of: $0) }
                if let wanted = state {
                    // By id, or by French label without case or accents (« Proposé au comité », « proposé au comité »).
                    let states = calls.compactMap { store.workflow($0.caseWorkflow) }.flatMap(\.states)
                    let known = Swift.Set(states.map(\.id))
                    let matching = known.contains(wanted) ? [wanted]
                        : Swift.Set(states.filter { LooseMatch.key($0.label) == LooseMatch.key(wanted) }.map(\.id))
                    guard !matching.isEmpty else {
                        throw CLIFailure(.data, "État inconnu « \(wanted) » (états possibles : \(known.sorted().joined(separator: ", ")), ou leur libellé)")
                    }
                    cases = cases.filter { matching.contains($0.state) }
                }
                try session.output(
                    json: cases.map { CaseListRowOutput($0, in: store) },
                    human: cases.isEmpty ? "Aucun dossier." : French.table(
                        ["Dossier", "État", "Dép.", "Demandé", "Attribué", "Porteur"],
                        cases.map { c in
                            [c.id.value, store.stateLabel(of: c), c.applicant.departement.code, c.amounts.requested.formatted,
                             c.amounts.awarded.cents > 0 ? c.amounts.awarded.formatted : "—", c.applicant.name]
                        }
                    )
                )
            }
        }

        struct History: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "history", abstract: "Historique d'un dossier : pour chaque événement, quand il a été enregistré, sa date d'effet, qui (nom et rôles), quoi, de quel état à quel état, les champs, le motif, et si sa signature est vérifiée.")
            @Argument(help: "Identifiant du dossier.") var caseID: String
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let store = try session.store()
                // One read of the log: the events folded, and the signature of each line of the case
                // checked against the key its actor had just before it.
                let target = try? CaseID.parse(caseID)
                var signatures: [Int: Auditor.SignatureStatus] = [:]
                let loaded: LoadedStore = try Auditor.replay(store.lines, until: nil, asOf: nil, each: { line, recorded, before in
                    guard let target, recorded.event.caseID == target else { return }
                    signatures[line.seq] = Auditor.signatureStatus(of: line, recorded, stateBefore: before)
                })
                let c = try CaseView.find(caseID, in: loaded.state)
                let entries = CaseHistory(of: c.id, events: loaded.events, state: loaded.state).entries
                try session.output(
                    json: entries.map { h in
                        CaseHistoryEntryOutput(h, actor: loaded.state.actors[h.actor], signature: (signatures[h.seq] ?? .absent).rawValue)
                    },
                    human: CaseView.humanHistory(entries, of: c, in: loaded.state, signatures: signatures)
                )
            }
        }
    }
}
