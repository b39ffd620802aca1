import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap.AuditGroup {
    /// `aap audit checkpoint`: a signed checkpoint of the log (C2SP tlog-checkpoint in a signed note).
    struct CheckpointCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Écrit et affiche un point de contrôle signé du journal (note signée C2SP : origine, taille, racine Merkle RFC 6962)."
        )
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            try global.validateActor()
        }

        func run() throws {
            let session = Session(global: global)
            let actor = try global.requireActor()
            let store = try session.store()
            guard let id = try? ActorID.parse(actor) else {
                throw CLIFailure(.refused, "Refusé : « \(actor) » n'a pas de clé de signature active dans ce magasin")
            }
            let key: SigningKey = try Store.signingKey(for: id, event: nil, state: try session.state(), keys: session.keys)
            let tree: LogTree = try LogTree(reading: store.lines)
            let checkpoint = tree.checkpoint
            let note: String
            do { note = try checkpoint.signedNote(name: actor, key: key) } catch { throw CLIFailure(.io, "Signature impossible") }
            let saved = try CheckpointFiles.save(note, size: checkpoint.size, leaves: tree.leaves[...], store: session.address)
            let verifier = Checkpoint.verifierKey(name: actor, publicKey: key.publicKey)
            try session.output(
                json: CheckpointOutput(note: note, verifierKey: verifier, path: saved.note, leavesPath: saved.leaves),
                human: note + "\nClé de vérification : \(verifier)\nÉcrit dans \(saved.note) (empreintes des lignes : \(saved.leaves) ; gardez les deux hors du magasin)"
            )
        }
    }

    /// `aap audit prove`: inclusion proofs of lines in a checkpointed tree.
    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove",
            abstract: "Preuve d'inclusion (RFC 6962) d'un événement (numéro) ou de tous ceux d'un dossier dans l'arbre d'un point de contrôle."
        )
        @Argument(help: "Numéro d'événement, ou identifiant de dossier.") var target: String
        @Option(help: "Fichier du point de contrôle signé.") var checkpoint: String
        @Option(name: .customLong("key"), help: "Clé de vérification du point de contrôle (nom+id+clé) ; sinon les clés que le journal connaît à son signataire.") var verifierKey: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = Session(global: global)
            // One read of the log: the events, the tree, and the lines the proofs show.
            let seqAsked = Int(target)
            let caseAsked = try? CaseID.parse(target)
            let log = try ProvableLog.read(try session.store()) { recorded in
                recorded.seq == seqAsked || (caseAsked != nil && recorded.event.caseID == caseAsked)
            }
            let loaded = log.loaded
            let tree = log.tree
            let (note, _, signatures) = try CheckpointFiles.read(checkpoint)
            let (signed, _) = try CheckpointFiles.verifiedCheckpoint(note, signatures: signatures, verifierKey: verifierKey, events: loaded.events)
            guard signed.size <= tree.size, tree.root(size: signed.size) == signed.root else {
                throw CLIFailure(.data, "Le journal ne prolonge pas le point de contrôle (taille \(signed.size)) : preuve impossible")
            }
            let seqs: [Int]
            if let seq = Int(target) {
                seqs = [seq]
            } else {
                let c = try CaseView.find(target, in: loaded.state)
                seqs = loaded.events.filter { $0.event.caseID == c.id && $0.seq <= signed.size }.map(\.seq)
                guard !seqs.isEmpty else {
                    throw CLIFailure(.data, "Aucun événement du dossier \(c.id) n'est couvert par le point de contrôle (1 à \(signed.size))")
                }
            }
            var proofs: [InclusionProofsOutput.Proof] = []
            var human: [String] = ["Arbre de \(signed.size) événements, racine \(signed.root.base64) (\(signed.origin))"]
            for seq in seqs {
                guard seq >= 1, seq <= signed.size, seq <= tree.size, let line = log.lines[seq] else {
                    throw CLIFailure(.data, "L'événement \(seq) n'est pas couvert par le point de contrôle (1 à \(signed.size))")
                }
                let leaf = tree.leaves[seq - 1]
                let proof = tree.inclusionProof(seq: seq, size: signed.size)
                guard MerkleTree.verifyInclusion(index: seq - 1, size: signed.size, leafHash: leaf, proof: proof, root: signed.root) else {
                    throw CLIFailure(.data, "Preuve d'inclusion de l'événement \(seq) invalide")
                }
                proofs.append(.init(seq: seq, leafIndex: seq - 1, line: String(decoding: line, as: UTF8.self),
                                    leafHash: leaf.base64, proof: proof.map(\.base64)))
                human.append("  #\(seq) feuille \(leaf.base64) ; chemin : \(proof.map(\.base64).joined(separator: " "))")
            }
            try session.output(
                json: InclusionProofsOutput(origin: signed.origin, treeSize: signed.size, root: signed.root.base64, proofs: proofs),
                human: human.joined(separator: "\n")
            )
        }
    }
}
