import AAPDomain
import AAPStorage
import Foundation

/// Applications read from a spreadsheet (CSV with a header row), checked column by column against the
/// call's submission action, then submitted as `case submit` commands in one all-or-nothing write.
///
/// Columns: the fields of the workflow's submission action (`applicant_name`, `applicant_kind`, `siret`,
/// `rna`, `departement`, `title`, `amount_requested`, `received_on`, `late_reason`), in any order;
/// `departement_code` and `amount_requested_eur` (the sample file's names) are read as their fields, a
/// `call` column must name the call imported into, `measure` and `year` are informational.
struct ApplicationImport {
    /// One thing wrong with the file, named by its line (1 is the header) and its column.
    struct Problem: Sendable, Equatable {
        let line: Int
        let column: String?
        let reason: String

        /// `Ligne 4, colonne siret : …`
        var text: String { column.map { "Ligne \(line), colonne \($0) : \(reason)" } ?? "Ligne \(line) : \(reason)" }
    }

    /// One application of the file: its line and the submission fields, as typed (the kind mapped to its id).
    struct Row: Sendable, Equatable {
        let line: Int
        let fields: [String: String]
        /// False when the row has a problem of its own; it is then neither simulated nor written.
        let isValid: Bool
    }

    /// Other names accepted for a column.
    static let aliases = ["departement_code": "departement", "département": "departement", "amount_requested_eur": "amount_requested", "amount": "amount_requested"]
    /// Columns read but not recorded.
    static let informational: Set<String> = ["measure", "year"]

    let call: CallState
    let separator: Character
    let rows: [Row]
    /// Problems found by reading alone (header, values), before any decision.
    let problems: [Problem]

    /// Reads the bytes of a file (UTF-8, with or without a byte order mark).
    static func read(_ data: Data, call: CallState, in state: StoreState) -> ApplicationImport {
        guard let text = String(data: data, encoding: .utf8) else {
            return ApplicationImport(call: call, separator: ",", rows: [], problems: [
                Problem(line: 1, column: nil, reason: "le fichier n'est pas du texte UTF-8 (enregistrez-le au format « CSV UTF-8 »)"),
            ])
        }
        return read(text: text, call: call, in: state)
    }

    static func read(text: String, call: CallState, in state: StoreState) -> ApplicationImport {
        let separator = CSVReader.separator(of: text)
        func failed(_ problem: Problem) -> ApplicationImport { ApplicationImport(call: call, separator: separator, rows: [], problems: [problem]) }
        guard let action = state.workflow(call.caseWorkflow)?.creationAction else {
            return failed(Problem(line: 1, column: nil, reason: "le workflow \(call.caseWorkflow) de l'appel \(call.id) est introuvable"))
        }
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(text, separator: separator).filter { !$0.isBlank }
        } catch let open as CSVReader.UnterminatedQuote {
            return failed(Problem(line: open.line, column: nil, reason: "guillemet ouvert jamais refermé"))
        } catch {
            return failed(Problem(line: 1, column: nil, reason: "fichier CSV illisible"))
        }
        guard let header = records.first else {
            return failed(Problem(line: 1, column: nil, reason: "fichier vide : une ligne d'en-tête puis une candidature par ligne sont attendues"))
        }

        var problems: [Problem] = []
        // The header: which field each column fills.
        let fieldIDs = action.fields.map(\.id)
        var columnField: [Int: String] = [:]
        var callColumn: Int?
        var seen: Set<String> = []
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let canonical = aliases[name] ?? name
            guard !name.isEmpty else {
                problems.append(Problem(line: header.line, column: "n° \(index + 1)", reason: "colonne sans nom"))
                continue
            }
            guard seen.insert(canonical).inserted else {
                problems.append(Problem(line: header.line, column: name, reason: "colonne en double"))
                continue
            }
            if fieldIDs.contains(canonical) {
                columnField[index] = canonical
            } else if canonical == "call" {
                callColumn = index
            } else if !informational.contains(canonical) {
                problems.append(Problem(line: header.line, column: name,
                                        reason: "colonne inconnue (colonnes possibles : \(fieldIDs.joined(separator: ", ")))"))
            }
        }
        let present = Set(columnField.values)
        for field in action.fields where !field.optional && !present.contains(field.id) {
            problems.append(Problem(line: header.line, column: field.id, reason: "colonne obligatoire absente (\(field.label))"))
        }
        let identifiers = ["siret", "rna"].filter(fieldIDs.contains)
        if !identifiers.isEmpty, !identifiers.contains(where: present.contains) {
            problems.append(Problem(line: header.line, column: identifiers.joined(separator: " ou "),
                                    reason: "une colonne \(identifiers.joined(separator: " ou ")) est obligatoire pour identifier les porteurs"))
        }

        // The applications.
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                problems.append(Problem(line: record.line, column: nil,
                                        reason: "\(record.fields.count) champs au lieu de \(header.fields.count) (séparateur « \(separator) »)"))
                rows.append(Row(line: record.line, fields: [:], isValid: false))
                continue
            }
            var fields: [String: String] = [:]
            var rowProblems: [Problem] = []
            for (index, id) in columnField.sorted(by: { $0.key < $1.key }) {
                guard let field = action.fields.first(where: { $0.id == id }) else { continue }
                let text = record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty {
                    if !field.optional { rowProblems.append(Problem(line: record.line, column: id, reason: "valeur manquante (\(field.label))")) }
                    continue
                }
                do {
                    fields[id] = try check(text, as: field)
                } catch let error as ValueError {
                    rowProblems.append(Problem(line: record.line, column: id, reason: error.message))
                } catch {
                    rowProblems.append(Problem(line: record.line, column: id, reason: "valeur illisible"))
                }
            }
            if !identifiers.isEmpty, identifiers.allSatisfy({ fields[$0] == nil }),
               !rowProblems.contains(where: { identifiers.contains($0.column ?? "") }) {
                rowProblems.append(Problem(line: record.line, column: identifiers.joined(separator: " ou "),
                                           reason: "un SIRET ou un numéro RNA est obligatoire pour identifier le porteur"))
            }
            if let callColumn {
                let named = record.fields[callColumn].trimmingCharacters(in: .whitespacesAndNewlines)
                if (try? CallID.parse(named)) != call.id {
                    rowProblems.append(Problem(line: record.line, column: "call",
                                               reason: "la candidature vise l'appel « \(named) », pas \(call.id)"))
                }
            }
            problems += rowProblems
            rows.append(Row(line: record.line, fields: fields, isValid: rowProblems.isEmpty))
        }
        if rows.isEmpty {
            problems.append(Problem(line: header.line, column: nil, reason: "aucune candidature sous la ligne d'en-tête"))
        }
        return ApplicationImport(call: call, separator: separator, rows: rows, problems: problems)
    }

    /// Checks one value the way the submission will, and returns the text to submit.
    static func check(_ text: String, as field: FieldDefinition) throws -> String {
        switch field.type {
        case .text:
            let value = try TextInput.validate(text, field: field.id, maxLength: field.maxLength ?? 2000)
            switch field.format {
            case .siret: return try Siret.parse(value).value
            case .rna: return try Rna.parse(value).value
            case .departement: return try DepartementCode.parse(value).code
            case .keyValues, nil: return value
            }
        case .money:
            let money = try Money.parse(text)
            if field.positive, money.cents <= 0 { throw ValueError(code: "field.positive", "le montant doit être supérieur à zéro") }
            return text
        case .date:
            return try CalendarDate.parse(text).iso
        case .enum:
            let values = field.values ?? []
            if field.id == "applicant_kind", let kind = ApplicantKindText.read(text), values.contains(kind.rawValue) { return kind.rawValue }
            if let value = field.enumValue(matching: text) { return value }
            throw ValueError(code: "field.enum", "valeur « \(text) » inconnue (valeurs possibles : \(field.describedValues))")
        case .integer, .score:
            return text
        }
    }

    /// The `case submit` commands, one per row, in file order.
    var commands: [Command] {
        rows.map { .submitCase(SubmitCase(call: call.id.value, fields: $0.fields)) }
    }

    /// The problem to report when the command of row `index` is refused.
    func problem(refused refusal: Refusal, row index: Int) -> Problem {
        let line = rows.indices.contains(index) ? rows[index].line : 0
        return Problem(line: line, column: Self.column(of: refusal), reason: refusal.message)
    }

    /// The column a refusal of the submission is about, when it is about one.
    static func column(of refusal: Refusal) -> String? {
        switch refusal.code {
        case "rule.eligible_territory": "departement"
        case "rule.eligible_applicant_kind": "applicant_kind"
        case "rule.on_time": "received_on"
        case "rule.valid_identifier": "siret"
        default: nil
        }
    }

    /// Decides every valid row in order against `state` (the rows refused left out) without writing
    /// anything; returns the case ids the rows would get and every problem (reading and decisions).
    func simulate(in state: StoreState, actor: String, at: String, today: CalendarDate) -> (ids: [(line: Int, id: CaseID)], problems: [Problem]) {
        var state = state
        let valid = rows.indices.filter { rows[$0].isValid }
        let commands = self.commands
        let decisions = Decider.decide(valid.map { ActorCommand(commands[$0], by: actor) }, on: &state, at: at, today: today, afterRefusal: .skip)
        let ids = decisions.accepted.compactMap { decision in decision.event.caseID.map { (rows[valid[decision.index]].line, $0) } }
        let decided = decisions.refusals.map { problem(refused: $0.refusal, row: valid[$0.index]) }
        let all = (problems + decided).sorted { ($0.line, $0.column ?? "", $0.reason) < ($1.line, $1.column ?? "", $1.reason) }
        return (ids, all)
    }
}
