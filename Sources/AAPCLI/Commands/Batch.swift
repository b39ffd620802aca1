import AAPDomain
import AAPStorage
import ArgumentParser
import Foundation

extension Aap {
    /// `aap batch`: many write commands as one all-or-nothing write (a committee session, a bulk import).
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Exécute un lot de commandes en une seule écriture : toutes ou aucune.",
            discussion: """
            Une commande par ligne : un tableau JSON des arguments tels qu'ils suivraient « aap », options \
            globales comprises, par exemple ["case","advance","AAP-MOB-2026-0002","reject","--reason","Hors périmètre","--as","chair.durand"]. \
            Les commandes s'appliquent dans l'ordre ; si l'une est refusée, rien n'est écrit et le message \
            nomme sa ligne. Les lignes vides sont ignorées.
            """
        )

        @Argument(help: "Fichier du lot, ou - pour l'entrée standard.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = Session(global: global)
            let store = try session.store()
            let lines = try readLines()
            var items: [(line: Int, commands: [ActorCommand])] = []
            for (offset, text) in lines.enumerated() where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                let number = offset + 1
                do {
                    items.append((number, try commands(from: text)))
                } catch let failure as CLIFailure {
                    throw CLIFailure(code: failure.code, "Ligne \(number) : \(failure.message)")
                }
            }
            guard !items.isEmpty else { throw CLIFailure(.data, "Lot vide : aucune commande à exécuter") }
            var lineOfCommand: [Int] = []
            for item in items { lineOfCommand += Array(repeating: item.line, count: item.commands.count) }
            let result: WriteResult
            do {
                result = try session.execute(items.flatMap(\.commands), into: store)
            } catch let batch as BatchRefusal {
                let line = batch.index < lineOfCommand.count ? lineOfCommand[batch.index] : 0
                throw CLIFailure(ExitStatus(batch.refusal), "Ligne \(line) : \(batch.refusal.message)")
            } catch {
                throw CLIFailure.from(error) ?? error
            }
            var cursor = 0
            var rows: [(line: Int, seqs: [Int], result: String)] = []
            for item in items {
                let events = result.events[cursor ..< min(cursor + item.commands.count, result.events.count)]
                cursor += item.commands.count
                rows.append((item.line, events.map(\.seq), events.map { EventSummary.line($0.event, in: result.state) }.joined(separator: " ; ")))
            }
            session.output(
                json: .object([
                    ("events", .int(result.events.count)), ("head", .string(result.head.hash)),
                    ("results", .array(rows.map { row in
                        .object([("line", .int(row.line)), ("seq", .array(row.seqs.map { .int($0) })), ("result", .string(row.result))])
                    })),
                ]),
                human: rows.map(\.result).joined(separator: "\n")
            )
        }

        private func readLines() throws -> [String] {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: file) else {
                    throw CLIFailure(.io, "Fichier de lot illisible « \(file) »")
                }
                data = contents
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CLIFailure(.data, "Le lot n'est pas du texte UTF-8")
            }
            // "\r\n" is one Character in Swift: split on it too, or a CRLF file reads as a single line.
            return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        }

        /// Parses one line into the domain commands it asks for, with the actor who asks.
        private func commands(from text: String) throws -> [ActorCommand] {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let array = object as? [Any],
                  let arguments = array as? [String], !arguments.isEmpty else {
                throw CLIFailure(.data, "tableau JSON de chaînes attendu, par exemple [\"case\",\"advance\",\"AAP-MOB-2026-0001\",\"start-review\"]")
            }
            let parsed: any ParsableCommand
            do {
                parsed = try Aap.parseAsRoot(AapMain.globalOptionsAfterSubcommand(arguments))
            } catch {
                if let failure = CLIFailure.from(error) { throw failure }
                if Aap.exitCode(for: error) == .success { throw CLIFailure(.usage, "l'aide n'est pas une commande de lot") }
                throw CLIFailure(.usage, AapMain.usageMessage(Aap.message(for: error)))
            }
            guard let command = parsed as? any WriteCommand else {
                throw CLIFailure(.usage, "seules les commandes qui écrivent peuvent figurer dans un lot (actor add, call create, call advance, committee set, case submit, case advance, workflow register)")
            }
            if command.global.store != nil {
                throw CLIFailure(.usage, "--store n'est pas permis dans une ligne de lot : tout le lot écrit dans le magasin du lot")
            }
            guard let actor = command.global.actor ?? global.actorIfGiven else {
                throw CLIFailure(.usage, "option --as manquante : indiquez qui agit sur la ligne ou pour tout le lot")
            }
            return try command.domainCommands().map { ActorCommand($0, by: actor) }
        }
    }
}
