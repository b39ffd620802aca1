import AAPDomain
import AAPStorage
import ArgumentParser

extension Aap {
    /// `aap audit`: checking the log without trusting the program that wrote it.
    struct AuditGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Audit du journal : vérification complète, relecture à une date ou une position.",
            subcommands: [Verify.self, Replay.self, CheckpointCommand.self, Prove.self]
        )

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "verify", abstract: "Vérifie tout le journal : chaîne SHA-256, séquence sans trou, lisibilité, et légalité de chaque événement rejoué (0 si intact, 65 sinon).")
            @Option(help: "Point de contrôle signé dont le journal doit être le prolongement (preuve de cohérence RFC 6962).") var checkpoint: String?
            @Option(name: .customLong("key"), help: "Clé de vérification du point de contrôle (nom+id+clé).") var verifierKey: String?
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let store = try session.store()
                let report: AuditReport = try ProgressLine.showing("Vérification") { try Auditor.verify(store.lines, progress: $0) }
                if report.ok, let checkpoint {
                    try AuditGroup.verifyExtension(of: checkpoint, verifierKey: verifierKey, store: store, session: session, report: report)
                    return
                }
                if report.ok {
                    try session.output(
                        json: AuditVerifyOutput(ok: true, events: report.events, head: report.head),
                        human: "Journal intègre : \(report.events) événements, chaîne et règles vérifiées ; tête \(report.head)."
                    )
                    return
                }
                let seq = report.firstBadSeq ?? 0
                let reason = report.reason ?? "journal altéré"
                if global.json {
                    Console.out(try JSONValueEncoder().text(of: AuditFailureOutput(events: report.events, firstBadSeq: seq, reason: reason)))
                }
                throw CLIFailure(.data, "Journal altéré à partir de l'événement \(seq) : \(reason)")
            }
        }

        /// Proves that the log extends a signed checkpoint: signature, then the consistency proof.
        static func verifyExtension(of path: String, verifierKey: String?, store: Store, session: Session, report: AuditReport) throws {
            let (note, _, signatures) = try CheckpointFiles.read(path)
            let log = try ProvableLog.read(store)
            let tree = log.tree
            let (signed, verifier) = try CheckpointFiles.verifiedCheckpoint(note, signatures: signatures, verifierKey: verifierKey, events: log.loaded.events)
            func fail(_ seq: Int, _ reason: String) throws -> Never {
                if session.global.json {
                    Console.out(try JSONValueEncoder().text(of: AuditFailureOutput(events: report.events, firstBadSeq: seq, reason: reason)))
                }
                throw CLIFailure(.data, "Journal altéré à partir de l'événement \(seq) : \(reason)")
            }
            guard signed.origin == tree.origin else { try fail(1, "le point de contrôle est celui d'un autre journal (\(signed.origin))") }
            guard signed.size <= tree.size else {
                try fail(tree.size + 1, "le journal compte \(tree.size) événements, moins que les \(signed.size) du point de contrôle")
            }
            let proof = tree.consistencyProof(oldSize: signed.size)
            let currentRoot = tree.root(size: tree.size)
            guard MerkleTree.verifyConsistency(oldSize: signed.size, newSize: tree.size, oldRoot: signed.root, newRoot: currentRoot, proof: proof) else {
                // The signed root alone cannot tell which line changed. The leaf hashes kept beside the
                // note can, once their own root is the signed one: the first leaf that differs.
                guard let leaves = CheckpointFiles.signedLeaves(forNote: path, checkpoint: signed) else {
                    try fail(1, "le journal ne prolonge pas le point de contrôle signé (taille \(signed.size)) : la racine de ses \(signed.size) premières lignes diffère ; sans les empreintes des lignes gardées avec le point de contrôle (\(CheckpointFiles.leavesPath(forNote: String(path.split(separator: "/").last ?? Substring(path))))), la première ligne changée ne peut être située")
                }
                let first = leaves.indices.first { $0 >= tree.leaves.count || leaves[$0] != tree.leaves[$0] } ?? 0
                try fail(first + 1, "la ligne \(first + 1) n'est plus celle du point de contrôle signé (taille \(signed.size)) : le journal ne le prolonge pas")
            }
            try session.output(
                json: AuditExtensionOutput(
                    events: report.events, head: report.head,
                    checkpoint: .init(origin: signed.origin, size: signed.size, root: signed.root.base64, verifierKey: verifier,
                                      rootNow: currentRoot.base64, consistencyProof: proof.map(\.base64))
                ),
                human: "Journal intègre : \(report.events) événements ; il prolonge le point de contrôle signé de \(signed.size) événements (preuve de cohérence RFC 6962 vérifiée, \(proof.count) nœuds)."
            )
        }

        struct Replay: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "replay", abstract: "Rejoue le journal jusqu'à un événement (--until) ou une date (--as-of) et affiche l'état d'alors.")
            @Option(help: "Dernier numéro d'événement à rejouer.") var until: Int?
            @Option(name: .customLong("as-of"), help: "Date (AAAA-MM-JJ) : état après le dernier événement enregistré ce jour-là ou avant.") var asOf: String?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                if until != nil, asOf != nil { throw ValidationError("--until et --as-of s'excluent") }
                if let until, until < 0 { throw ValidationError("--until doit être positif") }
            }

            func run() throws {
                let session = Session(global: global)
                let store = try session.store()
                let date: CalendarDate? = try asOf.map(CalendarDate.parse)
                let loaded: (state: StoreState, head: LogHead) = try ProgressLine.showing("Relecture") { try Auditor.replayedState(store.lines, until: until, asOf: date, progress: $0) }
                if let until, until > loaded.head.seq {
                    throw CLIFailure(.data, "Le journal ne compte que \(loaded.head.seq) événements : --until \(until) est au-delà")
                }
                let state = loaded.state
                let calls = state.callOrder.compactMap { state.calls[$0] }
                let cases = calls.flatMap { state.cases(of: $0) }
                try session.output(
                    json: ReplayOutput(
                        events: loaded.head.seq, head: loaded.head.hash,
                        calls: KeyedValues(calls.map { c in (key: c.id.value, value: .init(state: c.state, awardedCents: state.awarded(in: c))) }),
                        cases: KeyedValues(cases.map { c in (key: c.id.value, value: .init(state: c.state, version: c.version)) })
                    ),
                    human: ([ "État après l'événement \(loaded.head.seq) (tête \(loaded.head.hash)) :" ]
                        + calls.map { c in "  Appel \(c.id) : \(state.stateLabel(of: c)), attribué \(state.awarded(in: c).formatted)" }
                        + cases.map { c in "    \(c.id) : \(state.stateLabel(of: c)) (version \(c.version))" }).joined(separator: "\n")
                )
            }
        }
    }
}
