import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap {
    /// `aap store`: the store as a whole, whichever its engine.
    struct StoreGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "Le magasin entier : copie d'un moteur à l'autre (dossier, PostgreSQL).",
            subcommands: [Copy.self]
        )

        /// `aap store copy FROM TO`: the same lines, byte for byte, in another store.
        struct Copy: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "copy",
                abstract: "Copie tout le journal d'un magasin dans un autre, octet pour octet (dossier vers PostgreSQL, ou l'inverse).",
                discussion: """
                Les lignes gardent leur numéro, leur chaînage et leur signature : les têtes sont identiques et \
                « aap audit verify » passe des deux côtés. La destination doit être absente, vide, ou le début \
                de la source (une copie interrompue reprend là où elle s'était arrêtée). La source n'est jamais modifiée.
                """
            )
            @Argument(help: "Magasin source : un dossier ou postgresql://utilisateur@hôte/base.") var from: String
            @Argument(help: "Magasin de destination : un dossier ou postgresql://utilisateur@hôte/base.") var to: String
            @OptionGroup var global: GlobalOptions

            /// Lines written per transaction of the destination.
            static let linesPerWrite = 10_000

            func run() throws {
                let session = Session(global: global)
                let sourceAddress = StoreAddress(from)
                let targetAddress = StoreAddress(to)
                guard sourceAddress != targetAddress else {
                    throw CLIFailure(.usage, "La source et la destination sont le même magasin « \(from) »")
                }
                let source = try sourceAddress.open(lockTimeout: Session.lockTimeout)
                guard try source.exists() else {
                    throw CLIFailure(.io, "Magasin source introuvable « \(from) »")
                }
                let existing = try targetAddress.open(lockTimeout: Session.lockTimeout)
                let target = try existing.exists() ? existing : try targetAddress.create()
                let start = try target.engine.withWriteSession { $0.head }
                var cursor = LogCursor(from: LogStart(after: start))
                var pending: [LogLine] = []
                var pendingBytes = 0
                var copied = 0
                func flush() throws {
                    guard !pending.isEmpty else { return }
                    try target.engine.withWriteSession { session in
                        try session.appendCopied(pending)
                    }
                    copied += pending.count
                    pending.removeAll(keepingCapacity: true)
                    pendingBytes = 0
                }
                try cursor.read(source.lines) { line in
                    pending.append(line.logLine)
                    pendingBytes += line.bytes.count
                    if pending.count >= Self.linesPerWrite || pendingBytes >= 16 << 20 { try flush() }
                }
                if let problem = cursor.finish() {
                    if problem.seq <= start.seq {
                        throw CLIFailure(.data, "Le magasin « \(to) » n'est pas le début de « \(from) » (ligne \(problem.seq) : \(problem.reason)) : rien n'a été copié")
                    }
                    try flush()
                    throw CLIFailure(.data, "Le journal source est altéré à la ligne \(problem.seq) : \(problem.reason) ; les \(start.seq + copied) lignes qui la précèdent sont copiées, pas la suite")
                }
                try flush()
                // The destination's state rows, built once from its own lines.
                let head = try target.currentState().head
                let sourceHead = try source.engine.tailHead()
                guard sourceHead == nil || sourceHead == head else {
                    throw CLIFailure(.io, "La source a changé pendant la copie (tête \(sourceHead?.seq ?? 0)) : relancez la copie pour la compléter")
                }
                try session.output(
                    json: StoreCopyOutput(from: sourceAddress.text, to: targetAddress.text, events: head.seq, copied: copied, head: head.hash),
                    human: "Copie terminée : \(copied) ligne(s) écrite(s) dans « \(targetAddress.text) », qui en compte \(head.seq) ; tête identique à la source : \(head.hash)."
                )
            }
        }
    }
}
