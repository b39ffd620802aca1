import AAPDomain
import ArgumentParser

extension Aap {
    /// `aap export`: open-data and spreadsheet files built from the log, reproducible with `--until`.
    struct ExportGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Exports reproductibles : SCDL (data.gouv.fr), 360Giving, tableur des dossiers.",
            discussion: """
            Chaque export écrit sur la sortie d'erreur la position du journal dont il est tiré (événement et tête) ; \
            --until SEQ reconstruit les mêmes octets à partir du même début de journal.
            """,
            subcommands: [Scdl.self, Giving.self, Cases.self]
        )

        /// The options every export takes.
        struct Selection: ParsableArguments {
            @Option(help: "Seulement les dossiers de cet appel.") var call: String?
            @Option(help: "Construit l'export sur le journal arrêté à cet événement (seq).") var until: Int?

            func validate() throws {
                if let until, until < 1 { throw ValidationError("--until attend un numéro d'événement (1 ou plus)") }
            }
        }

        struct Scdl: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "scdl",
                abstract: "Données essentielles des conventions de subvention au format SCDL 2.1.1 (CSV UTF-8, virgule).",
                discussion: """
                Une ligne par dossier dont la convention ou l'arrêté est signé et dont l'attribution compte encore ; \
                par défaut les seules subventions de plus de 23 000 € (décret 2017-779), toutes avec --all. \
                L'autorité attributaire doit être désignée (aap authority set).
                """
            )
            @OptionGroup var selection: Selection
            @Flag(help: "Toutes les subventions conventionnées, pas seulement celles de plus de 23\u{00A0}000\u{00A0}€.") var all = false
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let snapshot = try ExportSnapshot.load(Session(global: global), until: selection.until)
                let export = ScdlExport(
                    authority: try snapshot.authority(for: "SCDL"), calls: try snapshot.calls(selection.call), state: snapshot.state,
                    timelines: snapshot.timelines(), includeAll: all
                )
                Console.write(export.csv)
                let rnaOnly = export.casesWithRnaOnly
                if !rnaOnly.isEmpty {
                    Console.err("Avertissement : sans SIRET, idBeneficiaire est vide et le RNA est publié dans rnaBeneficiaire pour \(rnaOnly.map(\.value).joined(separator: ", ")) (règle du schéma pour une association sans SIRET).")
                }
                let unpublishable = export.casesWithoutSchemaIdentifier
                if !unpublishable.isEmpty {
                    Console.err("Avertissement : ni SIRET ni RNA au motif du schéma (W suivi de 9 chiffres) pour \(unpublishable.map(\.value).joined(separator: ", ")) : ces lignes ne passeront pas la validation SCDL ; renseignez le SIRET du bénéficiaire.")
                }
                Console.err(snapshot.positionLine)
            }
        }

        struct Giving: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "360giving",
                abstract: "Paquet de données 360Giving (JSON) des subventions attribuées, avec leurs transactions.",
                discussion: "Une subvention par dossier dont l'attribution compte encore ; demandes, engagements et versements tirés du journal."
            )
            @OptionGroup var selection: Selection
            @OptionGroup var global: GlobalOptions

            func run() throws {
                let snapshot = try ExportSnapshot.load(Session(global: global), until: selection.until)
                let export = GivingExport(
                    authority: try snapshot.authority(for: "360Giving"), calls: try snapshot.calls(selection.call), state: snapshot.state,
                    timelines: snapshot.timelines(), head: snapshot.head, lastAt: snapshot.loaded.events.last?.at
                )
                guard !export.cases.isEmpty else {
                    throw CLIFailure(.data, "Export 360Giving impossible : aucune subvention attribuée à publier (un paquet 360Giving en contient au moins une)")
                }
                Console.write(try JSONValueEncoder(keys: .asIs).text(of: export.json) + "\n")
                Console.err(snapshot.positionLine)
            }
        }

        struct Cases: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "cases",
                abstract: "Tous les dossiers, un par ligne (identifiants, porteur, état, montants, dates clés), en CSV.",
                discussion: """
                Montants en euros avec un point décimal ; --excel : point-virgule, virgule décimale, BOM UTF-8 et fins de \
                ligne CRLF, pour un tableur français. --xlsx FICHIER : un vrai classeur Excel (montants en nombres au \
                format €, dates en dates, identifiants en texte, ligne d'en-tête figée, largeurs de colonnes, filtre).
                """
            )
            @OptionGroup var selection: Selection
            @Flag(help: "Format tableur français : point-virgule, virgule décimale, BOM, CRLF.") var excel = false
            @Option(help: "Écrit un classeur .xlsx dans ce fichier au lieu du CSV.") var xlsx: String?
            @OptionGroup var global: GlobalOptions

            func validate() throws {
                if excel, xlsx != nil { throw ValidationError("--excel et --xlsx s'excluent : choisissez le CSV pour tableur ou le classeur .xlsx") }
            }

            func run() throws {
                let session = Session(global: global)
                let snapshot = try ExportSnapshot.load(session, until: selection.until)
                let export = CasesExport(calls: try snapshot.calls(selection.call), state: snapshot.state,
                                         timelines: snapshot.timelines(), spreadsheet: excel)
                guard let xlsx else {
                    Console.write(export.csv)
                    Console.err(snapshot.positionLine)
                    return
                }
                let sheet = export.sheet
                try WorkbookFile.write(Workbook(sheets: [sheet]), to: xlsx)
                try session.output(
                    json: WorkbookOutput(xlsx: xlsx, rows: sheet.rows.count, seq: snapshot.head.seq, head: snapshot.head.hash),
                    human: "Classeur « \(xlsx) » écrit : \(French.plural(sheet.rows.count, "dossier", "dossiers")) (journal jusqu'à l'événement \(snapshot.head.seq), tête \(snapshot.head.hash))."
                )
            }
        }
    }
}
