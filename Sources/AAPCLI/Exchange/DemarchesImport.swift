import AAPDomain
import AAPStorage
import Foundation

/// Dossiers exported from Démarches Simplifiées (the JSON of its GraphQL API v2 for
/// `demarche { dossiers { pageInfo nodes { number state dateDepot demandeur champs } } }`, one or more
/// pages), turned into `case submit` commands by a mapping file, then written all or nothing like
/// ``ApplicationImport``.
///
/// The mapping names, for each submission field, the label of the DS champ that holds it
/// (`{"amount_requested": "Montant demandé", "departement": "Département"}`). Without one, the applicant's
/// name comes from `demandeur.association.titre` (else `demandeur.entreprise.raisonSociale`), the SIRET
/// from `demandeur.siret`, the RNA from `demandeur.association.rna` and the received date from
/// `dateDepot` (its calendar date in Europe/Paris). Each case keeps `DS-<number>` as its external
/// reference, so a dossier is never imported twice.
struct DemarchesImport {
    /// One thing wrong with a dossier, named by its DS number and the champ (or demandeur member) it is about.
    struct Problem: Sendable, Equatable {
        /// The dossier's place in the file (0-based, across pages): problems are listed in file order.
        let position: Int
        let dossier: Int
        let field: String?
        let reason: String

        /// `Dossier 123456, champ « Montant demandé » : valeur manquante`
        var text: String { field.map { "Dossier \(dossier), champ « \($0) » : \(reason)" } ?? "Dossier \(dossier) : \(reason)" }
    }

    /// A DS dossier state (`DossierState` of the schema).
    enum DossierState: String, Sendable, CaseIterable {
        case enConstruction = "en_construction"
        case enInstruction = "en_instruction"
        case accepte
        case refuse
        case sansSuite = "sans_suite"

        /// The label DS shows.
        var label: String {
            switch self {
            case .enConstruction: "En construction"
            case .enInstruction: "En instruction"
            case .accepte: "Accepté"
            case .refuse: "Refusé"
            case .sansSuite: "Classé sans suite"
            }
        }

        /// Whether DS has closed the dossier with a decision (imported only with `--import-closed`).
        var isClosed: Bool {
            switch self {
            case .enConstruction, .enInstruction: false
            case .accepte, .refuse, .sansSuite: true
            }
        }
    }

    /// A dossier to submit: its number, its DS state and the submission fields, as checked.
    struct Row: Sendable, Equatable {
        let position: Int
        let dossier: Int
        let state: DossierState
        let fields: [String: String]
        /// False when the dossier has a problem of its own; it is then neither simulated nor written.
        let isValid: Bool

        var reference: String { DemarchesImport.reference(of: dossier) }
    }

    /// A closed dossier left out (without `--import-closed`).
    struct Skipped: Sendable, Equatable {
        let dossier: Int
        let state: DossierState
    }

    let call: CallState
    let mapping: Mapping
    /// The démarche's number, when the file gives it.
    let demarche: Int?
    let rows: [Row]
    let skipped: [Skipped]
    /// Problems found by reading alone, before any decision.
    let problems: [Problem]
    /// The last page says more dossiers follow (`pageInfo.hasNextPage`): the file is not the whole démarche.
    let hasMorePages: Bool

    /// The bytes without a leading UTF-8 byte order mark.
    static func withoutByteOrderMark(_ data: Data) -> Data {
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? Data(data.dropFirst(3)) : data
    }

    /// The external reference kept on the case of a DS dossier.
    static func reference(of dossier: Int) -> String { "DS-\(dossier)" }

    // MARK: - The mapping file

    /// Which DS champ label fills each submission field.
    struct Mapping: Sendable, Equatable {
        /// Field id → champ label.
        let labels: [String: String]

        /// The submission fields that DS gives without a champ: they need no mapping.
        static let fromDemandeur: Set<String> = ["applicant_name", "siret", "rna", "received_on"]

        /// Reads a mapping file against the call's submission action; refuses (65) an invalid file,
        /// an unknown field id, or a required field that nothing fills.
        static func read(_ data: Data, file: String, action: ActionDefinition) throws -> Mapping {
            func refused(_ reason: String) -> CLIFailure {
                CLIFailure(.data, errorCode: "import.mapping", "Correspondance « \(file) » refusée : \(reason) ; rien n'est écrit")
            }
            guard let object = try? JSONSerialization.jsonObject(with: withoutByteOrderMark(data)), let entries = object as? [String: Any] else {
                throw refused("un objet JSON est attendu, {\"<champ aap>\": \"<libellé du champ DS>\", …}, par exemple {\"amount_requested\": \"Montant demandé\"}")
            }
            let known = action.fields.map(\.id)
            var labels: [String: String] = [:]
            for key in entries.keys.sorted() {
                let value = entries[key]
                if key == "version" {
                    guard let version = value as? Int else { throw refused("« version » doit être un entier") }
                    guard version <= 1 else { throw refused("version \(version) plus récente que ce programme (1)") }
                    continue
                }
                guard known.contains(key) else {
                    throw refused("champ « \(key) » inconnu (champs possibles : \(known.joined(separator: ", ")))")
                }
                guard let label = value as? String, !label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw refused("le champ « \(key) » doit être associé au libellé d'un champ DS (texte non vide)")
                }
                labels[key] = label.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            for field in action.fields where !field.optional && labels[field.id] == nil && !fromDemandeur.contains(field.id) {
                throw refused("le champ « \(field.id) » (\(field.label)) n'est associé à aucun champ DS (ajoutez \"\(field.id)\": \"<libellé du champ DS>\")")
            }
            return Mapping(labels: labels)
        }
    }

    // MARK: - The DS answer

    /// The members of DS's GraphQL answer the import reads; every other member is ignored.
    enum Answer {
        struct Response: Decodable {
            let data: Payload?
            let demarche: Demarche?
            let errors: [Message]?
        }
        struct Payload: Decodable {
            let demarche: Demarche?
        }
        struct Message: Decodable {
            let message: String?
        }
        struct Demarche: Decodable {
            let number: Int?
            let dossiers: Connection?
        }
        struct Connection: Decodable {
            let pageInfo: PageInfo?
            let nodes: [Dossier]?
        }
        struct PageInfo: Decodable {
            let hasNextPage: Bool?
        }
        struct Dossier: Decodable {
            let number: Int
            let state: String
            let dateDepot: String?
            let demandeur: Demandeur?
            let champs: [Champ]?
        }
        struct Demandeur: Decodable {
            let typename: String?
            let siret: String?
            let entreprise: Entreprise?
            let association: Association?

            enum CodingKeys: String, CodingKey {
                case typename = "__typename"
                case siret, entreprise, association
            }
        }
        struct Entreprise: Decodable {
            let raisonSociale: String?
        }
        struct Association: Decodable {
            let rna: String?
            let titre: String?
        }
        struct Champ: Decodable {
            let label: String
            let stringValue: String?
        }
    }

    /// Reads the pages of a file: one response object, or an array of them; `data` may be left out.
    static func pages(_ data: Data, file: String) throws -> [Answer.Demarche] {
        func refused(_ reason: String) -> CLIFailure {
            CLIFailure(.data, errorCode: "import.file", "Fichier Démarches Simplifiées « \(file) » refusé : \(reason) ; rien n'est écrit")
        }
        let data = withoutByteOrderMark(data)
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw refused("JSON invalide (la réponse de l'API GraphQL de DS, enregistrée telle quelle, est attendue)")
        }
        let decoder = JSONDecoder()
        let responses: [Answer.Response]
        do {
            let first = data.first { !" \t\r\n".utf8.contains($0) }
            if first == UInt8(ascii: "[") {
                responses = try decoder.decode([Answer.Response].self, from: data)
            } else {
                responses = [try decoder.decode(Answer.Response.self, from: data)]
            }
        } catch let error as DecodingError {
            throw refused(describe(error))
        }
        var pages: [Answer.Demarche] = []
        for (index, response) in responses.enumerated() {
            let page = responses.count > 1 ? "page \(index + 1) : " : ""
            if let errors = response.errors, !errors.isEmpty {
                let messages = errors.compactMap(\.message).joined(separator: " ; ")
                throw refused("\(page)la réponse de l'API contient des erreurs (\(messages.isEmpty ? "sans message" : messages))")
            }
            guard let demarche = response.data?.demarche ?? response.demarche else {
                throw refused("\(page)« data.demarche » absent (la requête doit porter sur demarche { dossiers { nodes { … } } })")
            }
            guard demarche.dossiers?.nodes != nil else {
                throw refused("\(page)« demarche.dossiers.nodes » absent (la requête doit demander dossiers { nodes { … } })")
            }
            pages.append(demarche)
        }
        let numbers = Set(pages.compactMap(\.number))
        if numbers.count > 1 {
            throw refused("les pages viennent de démarches différentes (\(numbers.sorted().map(String.init).joined(separator: ", ")))")
        }
        guard pages.contains(where: { !($0.dossiers?.nodes ?? []).isEmpty }) else {
            throw refused("aucun dossier dans le fichier")
        }
        return pages
    }

    /// Where a JSON member the import needs is missing or of the wrong type, in French.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "racine" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "« \(path(context.codingPath + [key])) » absent"
        case .valueNotFound(_, let context): return "« \(path(context.codingPath)) » vaut null"
        case .typeMismatch(_, let context): return "« \(path(context.codingPath)) » n'a pas le type attendu"
        case .dataCorrupted(let context): return "« \(path(context.codingPath)) » illisible"
        @unknown default: return "structure inattendue"
        }
    }

    // MARK: - Reading

    /// Reads the file's pages into the submissions of the call's creation action.
    static func read(_ pages: [Answer.Demarche], mapping: Mapping, call: CallState, action: ActionDefinition,
                     in state: StoreState, importClosed: Bool) -> DemarchesImport {
        let dossiers = pages.flatMap { $0.dossiers?.nodes ?? [] }
        var rows: [Row] = []
        var skipped: [Skipped] = []
        var problems: [Problem] = []
        var seen: Set<Int> = []
        for (position, dossier) in dossiers.enumerated() {
            func problem(_ field: String?, _ reason: String) -> Problem {
                Problem(position: position, dossier: dossier.number, field: field, reason: reason)
            }
            guard seen.insert(dossier.number).inserted else {
                problems.append(problem(nil, "présent plusieurs fois dans le fichier (pages qui se recouvrent ?) : refusé en double, déjà importé plus haut dans ce fichier"))
                continue
            }
            guard let dsState = DossierState(rawValue: dossier.state) else {
                let known = DossierState.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(problem("state", "état « \(dossier.state) » inconnu (états possibles : \(known))"))
                continue
            }
            if dsState.isClosed, !importClosed {
                skipped.append(Skipped(dossier: dossier.number, state: dsState))
                continue
            }
            var rowProblems: [Problem] = []
            if let existing = state.externalReferences[reference(of: dossier.number)] {
                rowProblems.append(problem(nil, "déjà importé : c'est le dossier \(existing)"))
            }
            let values = submissionFields(of: dossier, mapping: mapping, action: action) { field, reason in
                rowProblems.append(problem(field, reason))
            }
            problems += rowProblems
            rows.append(Row(position: position, dossier: dossier.number, state: dsState, fields: values, isValid: rowProblems.isEmpty))
        }
        return DemarchesImport(call: call, mapping: mapping, demarche: pages.lazy.compactMap(\.number).first, rows: rows,
                               skipped: skipped, problems: problems, hasMorePages: pages.last?.dossiers?.pageInfo?.hasNextPage == true)
    }

    /// The submission fields of one dossier, each checked as `case submit` will; `report` receives
    /// each problem with the champ (or demandeur member) it is about.
    private static func submissionFields(of dossier: Answer.Dossier, mapping: Mapping, action: ActionDefinition,
                                         report: (String, String) -> Void) -> [String: String] {
        let champs = dossier.champs ?? []
        var values: [String: String] = [:]
        for field in action.fields {
            var source: String
            var text: String?
            if let label = mapping.labels[field.id] {
                source = label
                guard let champ = champs.first(where: { $0.label.trimmingCharacters(in: .whitespacesAndNewlines) == label }) else {
                    report(label, "champ absent du dossier (vérifiez le libellé dans la correspondance, pour \(field.id))")
                    continue
                }
                text = nonEmpty(champ.stringValue)
            } else {
                source = ""
            }
            if text == nil, let fallback = fromDemandeur(field.id, of: dossier) {
                source = fallback.source
                text = nonEmpty(fallback.text)
            }
            guard var value = text else {
                if !field.optional {
                    report(source.isEmpty ? field.id : source, "valeur manquante (\(field.label))")
                }
                continue
            }
            if field.format == .departement { value = departementCode(value) }
            if field.id == "received_on", source == "dateDepot" {
                guard let date = parisDate(value) else {
                    report(source, "date de dépôt « \(value) » illisible (date et heure ISO 8601 attendues, ex. 2026-04-14T10:22:31+02:00)")
                    continue
                }
                value = date.iso
            }
            do {
                values[field.id] = try ApplicationImport.check(value, as: field)
            } catch let error as ValueError {
                report(source, error.message)
            } catch {
                report(source, "valeur illisible")
            }
        }
        let identifiers = ["siret", "rna"].filter { id in action.fields.contains { $0.id == id } }
        if !identifiers.isEmpty, identifiers.allSatisfy({ values[$0] == nil }) {
            let mapped = identifiers.compactMap { mapping.labels[$0] }
            report(mapped.first ?? "demandeur.siret", "ni SIRET ni numéro RNA : le porteur ne peut pas être identifié")
        }
        return values
    }

    /// What DS gives outside the champs for a submission field, and where it comes from (for problems).
    private static func fromDemandeur(_ field: String, of dossier: Answer.Dossier) -> (text: String?, source: String)? {
        let demandeur = dossier.demandeur
        switch field {
        case "applicant_name":
            if let titre = nonEmpty(demandeur?.association?.titre) { return (titre, "demandeur.association.titre") }
            return (demandeur?.entreprise?.raisonSociale, "demandeur.entreprise.raisonSociale")
        case "siret": return (demandeur?.siret, "demandeur.siret")
        case "rna": return (demandeur?.association?.rna, "demandeur.association.rna")
        case "received_on": return (dossier.dateDepot, "dateDepot")
        default: return nil
        }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// The code of a département as DS writes it: `31 - Haute-Garonne` → `31`.
    static func departementCode(_ text: String) -> String {
        for separator in [" - ", " – ", " — "] {
            if let range = text.range(of: separator) {
                return text[..<range.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return text
    }

    /// The calendar date in Europe/Paris of a DS `ISO8601DateTime` (`2026-04-14T10:22:31+02:00`): the
    /// date as written when its offset is Paris's (+01:00 or +02:00), else the instant converted.
    static func parisDate(_ text: String) -> CalendarDate? {
        let parisOffset = /(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?\+0[12]:00/
        if let match = text.wholeMatch(of: parisOffset) {
            return try? CalendarDate.parse(String(match.1))
        }
        return ParisCalendar.calendarDate(ofTimestamp: text)
    }

    // MARK: - Deciding

    /// The `case submit` commands, one per dossier to import, in file order.
    var commands: [Command] {
        rows.map { .submitCase(SubmitCase(call: call.id.value, fields: $0.fields, externalReference: $0.reference)) }
    }

    /// The problem to report when the command of row `index` is refused.
    func problem(refused refusal: Refusal, row index: Int) -> Problem {
        guard rows.indices.contains(index) else { return Problem(position: 0, dossier: 0, field: nil, reason: refusal.message) }
        let row = rows[index]
        let field = ApplicationImport.column(of: refusal).map { mapping.labels[$0] ?? Self.demandeurSource(of: $0) }
        return Problem(position: row.position, dossier: row.dossier, field: field, reason: refusal.message)
    }

    private static func demandeurSource(of field: String) -> String {
        switch field {
        case "siret": "demandeur.siret"
        case "rna": "demandeur.association.rna"
        case "received_on": "dateDepot"
        case "applicant_name": "demandeur"
        default: field
        }
    }

    /// Decides every valid row in order against `state` (the refused ones left out) without writing;
    /// returns the case ids the rows would get and every problem (reading and decisions), in file order.
    func simulate(in state: StoreState, actor: String, at: String, today: CalendarDate) -> (ids: [(row: Row, id: CaseID)], problems: [Problem]) {
        var state = state
        let valid = rows.indices.filter { rows[$0].isValid }
        let commands = self.commands
        let decisions = Decider.decide(valid.map { ActorCommand(commands[$0], by: actor) }, on: &state, at: at, today: today, afterRefusal: .skip)
        let ids = decisions.accepted.compactMap { decision in decision.event.caseID.map { (rows[valid[decision.index]], $0) } }
        let decided = decisions.refusals.map { problem(refused: $0.refusal, row: valid[$0.index]) }
        let all = (problems + decided).enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
        return (ids, all)
    }
}
