import AAPDomain
import AAPStorage
import ArgumentParser

extension Aap {
    /// `aap audit`: checking the log without trusting the program that wrote it.
    struct AuditGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Audit du journal : vérification complète, relecture à une date ou une position.",
            subcommands: [Verify.self, Replay.self]
        )

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Vérifie tout le journal : chaîne SHA-256, séquence sans trou, lisibilité, et légalité de chaque événement rejoué (0 si intact, 65 sinon).")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let session = Session(global: global)
                let store = try session.store()
                let report: AuditReport
                do { report = try Auditor.verify(store.log) } catch { throw CLIFailure.from(error) ?? error }
                if report.ok {
                    session.output(
                        json: .object([("ok", .bool(true)), ("events", .int(report.events)), ("head", .string(report.head))]),
                        human: "Journal intègre : \(report.events) événements, chaîne et règles vérifiées ; tête \(report.head)."
                    )
                    return
                }
                let seq = report.firstBadSeq ?? 0
                let reason = report.reason ?? "journal altéré"
                if global.json {
                    Console.out(JSONValue.object([
                        ("ok", .bool(false)), ("events", .int(report.events)), ("first_bad_seq", .int(seq)), ("reason", .string(reason)),
                    ]).rendered())
                }
                throw CLIFailure(.data, "Journal altéré à partir de l'événement \(seq) : \(reason)")
            }
        }

        struct Replay: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Rejoue le journal jusqu'à un événement (--until) ou une date (--as-of) et affiche l'état d'alors.")
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
                let date: CalendarDate?
                do { date = try asOf.map(CalendarDate.parse) } catch let error as ValueError { throw CLIFailure(.data, error.message) }
                let loaded: LoadedStore
                do { loaded = try Auditor.replay(store.log, until: until, asOf: date) } catch { throw CLIFailure.from(error) ?? error }
                if let until, until > loaded.head.seq {
                    throw CLIFailure(.data, "Le journal ne compte que \(loaded.head.seq) événements : --until \(until) est au-delà")
                }
                let state = loaded.state
                let calls = state.callOrder.compactMap { state.calls[$0] }
                let cases = calls.flatMap { state.cases(of: $0) }
                session.output(
                    json: .object([
                        ("events", .int(loaded.head.seq)), ("head", .string(loaded.head.hash)),
                        ("calls", .object(calls.map { c in
                            (c.id.value, .object([("state", .string(c.state)), ("awarded_cents", .int(state.awarded(in: c).cents))]))
                        })),
                        ("cases", .object(cases.map { c in
                            (c.id.value, .object([("state", .string(c.state)), ("version", .int(c.version))]))
                        })),
                    ]),
                    human: ([ "État après l'événement \(loaded.head.seq) (tête \(loaded.head.hash)) :" ]
                        + calls.map { c in "  Appel \(c.id) : \(state.stateLabel(of: c)), attribué \(state.awarded(in: c).formatted)" }
                        + cases.map { c in "    \(c.id) : \(state.stateLabel(of: c)) (version \(c.version))" }).joined(separator: "\n")
                )
            }
        }
    }
}
