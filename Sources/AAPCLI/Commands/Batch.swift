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
            var made: [MadeKey] = []
            for (offset, text) in lines.enumerated() where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                let number = offset + 1
                do {
                    let line = try commands(from: text)
                    items.append((number, line.commands))
                    made += line.keys
                } catch {
                    guard let failure = CLIFailure.from(error) else { throw error }
                    throw failure.prefixed("Ligne \(number) : ")
                }
            }
            guard !items.isEmpty else { throw CLIFailure(.data, "Lot vide : aucune commande à exécuter") }
            var lineOfCommand: [Int] = []
            for item in items { lineOfCommand += Array(repeating: item.line, count: item.commands.count) }
            let result: WriteResult
            do {
                result = try session.execute(items.flatMap(\.commands), into: store, making: made)
            } catch let batch as BatchRefusal {
                let line = batch.index < lineOfCommand.count ? lineOfCommand[batch.index] : 0
                throw CLIFailure(ExitStatus(batch.refusal), errorCode: batch.refusal.code, "Ligne \(line) : \(batch.refusal.message)")
            }
            var cursor = 0
            var rows: [(line: Int, seqs: [Int], result: String)] = []
            for item in items {
                let events = result.events[cursor ..< min(cursor + item.commands.count, result.events.count)]
                cursor += item.commands.count
                rows.append((item.line, events.map(\.seq), events.map { EventSummary.line($0.event, in: result.state) }.joined(separator: " ; ")))
            }
            try session.output(
                json: BatchOutput(events: result.events.count, head: result.head.hash,
                                  results: rows.map { BatchOutput.Line(line: $0.line, seq: $0.seqs, result: $0.result) }),
                human: rows.map(\.result).joined(separator: "\n")
            )
        }

        /// The commands a line may name, by their path of names ("case advance"): parsing a line with
        /// its own command alone costs a fraction of parsing it from the root, whose whole tree of
        /// subcommands ArgumentParser rebuilds for every line.
        private static let commandsByPath: [String: any ParsableCommand.Type] = {
            var paths: [String: any ParsableCommand.Type] = [:]
            func walk(_ command: any ParsableCommand.Type, _ prefix: String) {
                for sub in command.configuration.subcommands {
                    guard let name = sub.configuration.commandName else { continue }
                    let path = prefix.isEmpty ? name : prefix + " " + name
                    if sub.configuration.subcommands.isEmpty { paths[path] = sub } else { walk(sub, path) }
                }
            }
            walk(Aap.self, "")
            return paths
        }()

        /// Parses one line's arguments: with its command alone when the first words name one (the
        /// root parser only gives the error message when that fails), else from the root.
        private static func parse(_ arguments: [String]) throws -> any ParsableCommand {
            for depth in [2, 1] where arguments.count >= depth {
                guard let command = commandsByPath[arguments.prefix(depth).joined(separator: " ")] else { continue }
                if let parsed = try? command.parseAsRoot(Array(arguments.dropFirst(depth))), parsed is any WriteCommand {
                    return parsed
                }
                break
            }
            return try Aap.parseAsRoot(arguments)
        }

        /// A plain `case advance` line, the bulk of any batch, read without ArgumentParser: the case,
        /// the action, `--set K=V`, `--reason R`, `--expect-version N`, `--as A` and `--json`, each in
        /// its spaced form. Nil for anything else (other spellings, a value that starts with "-", a
        /// field given twice…), which then goes through ArgumentParser and its messages.
        static func caseAdvance(_ arguments: [String]) -> (command: AdvanceCase, actor: String?)? {
            guard arguments.count >= 4, arguments[0] == "case", arguments[1] == "advance",
                  !arguments[2].hasPrefix("-"), !arguments[3].hasPrefix("-") else { return nil }
            var fields: [String: String] = [:]
            var reason: String?
            var expectVersion: Int?
            var actor: String?
            var index = 4
            while index < arguments.count {
                let option = arguments[index]
                if option == "--json" {
                    index += 1
                    continue
                }
                guard index + 1 < arguments.count else { return nil }
                let value = arguments[index + 1]
                guard !value.hasPrefix("-") else { return nil }
                switch option {
                case "--set":
                    guard let (key, field) = Aap.CaseGroup.Advance.assignment(value), fields[key] == nil else { return nil }
                    fields[key] = field
                case "--reason" where reason == nil:
                    reason = value
                case "--expect-version" where expectVersion == nil:
                    guard let number = Int(value) else { return nil }
                    expectVersion = number
                case "--as" where actor == nil:
                    actor = value
                default:
                    return nil
                }
                index += 2
            }
            return (AdvanceCase(caseID: arguments[2], action: arguments[3], fields: fields, reason: reason, expectVersion: expectVersion), actor)
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

        /// Parses a line's arguments; a line without --as acts for the batch's actor (the command's
        /// `validate()` refuses a write without an actor, so the line is parsed again with it).
        private func parse(_ arguments: [String]) throws -> any ParsableCommand {
            do {
                return try Self.parse(AapMain.globalOptionsAfterSubcommand(arguments))
            } catch {
                let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
                guard !arguments[..<end].contains(where: { $0 == "--as" || $0.hasPrefix("--as=") }) else { throw error }
                guard let actor = global.actorIfGiven else {
                    if (try? Self.parse(AapMain.globalOptionsAfterSubcommand(arguments + ["--as", "x"]))) != nil {
                        throw CLIFailure(.usage, "option --as manquante : indiquez qui agit sur la ligne ou pour tout le lot")
                    }
                    throw error
                }
                var acting = arguments
                acting.insert(contentsOf: ["--as", actor], at: end)
                return try Self.parse(AapMain.globalOptionsAfterSubcommand(acting))
            }
        }

        /// Parses one line into the domain commands it asks for, with the actor who asks, and the
        /// keys made for them (saved only if the whole batch is written).
        private func commands(from text: String) throws -> (commands: [ActorCommand], keys: [MadeKey]) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let array = object as? [Any],
                  let arguments = array as? [String], !arguments.isEmpty else {
                throw CLIFailure(.data, "tableau JSON de chaînes attendu, par exemple [\"case\",\"advance\",\"AAP-MOB-2026-0001\",\"start-review\"]")
            }
            if let quick = Self.caseAdvance(arguments), let actor = quick.actor ?? global.actorIfGiven {
                return ([ActorCommand(.advanceCase(quick.command), by: actor)], [])
            }
            let parsed: any ParsableCommand
            do {
                parsed = try parse(arguments)
            } catch {
                if let failure = CLIFailure.from(error) { throw failure }
                if Aap.exitCode(for: error) == .success { throw CLIFailure(.usage, "l'aide n'est pas une commande de lot") }
                throw CLIFailure(.usage, UsageMessage.line(for: error))
            }
            guard let command = parsed as? any WriteCommand else {
                throw CLIFailure(.usage, "seules les commandes qui écrivent peuvent figurer dans un lot (actor add, call create, call advance, committee set, case submit, case advance, workflow register)")
            }
            if command.global.store != nil {
                throw CLIFailure(.usage, "--store n'est pas permis dans une ligne de lot : tout le lot écrit dans le magasin du lot")
            }
            let actor = try command.global.requireActor()
            let planned = try command.plannedWrite()
            return (planned.commands.map { ActorCommand($0, by: actor) }, planned.keys)
        }
    }
}
