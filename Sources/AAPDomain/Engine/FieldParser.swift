import Foundation

/// Turns the `--set KEY=VALUE` texts of an action into typed values, per the workflow's declaration.
enum FieldParser {
    static func parse(
        _ raw: [String: String], for action: ActionDefinition, criteria: [Criterion], subject: String,
        siretRule: Siret.Rule = .insee
    ) throws -> Fields {
        if action.effect == .score {
            return try parseScores(raw, criteria: criteria, action: action, subject: subject)
        }
        let declared = action.fields.map(\.id)
        if let unexpected = raw.keys.sorted().first(where: { !declared.contains($0) }) {
            let possible = declared.isEmpty ? "aucun" : declared.joined(separator: ", ")
            throw Refusal.invalid("field.unexpected", "Champ inattendu « \(unexpected) » pour l'action « \(action.id) » \(subject) (champs possibles : \(possible))")
        }
        var fields = Fields()
        for field in action.fields {
            guard let text = raw[field.id], !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                if field.optional { continue }
                throw Refusal.invalid("field.missing", "Champ manquant « \(field.id) » (\(field.label)) pour l'action « \(action.id) » \(subject)")
            }
            fields[field.id] = try parse(text, as: field, action: action, siretRule: siretRule)
        }
        return fields
    }

    static func parse(_ text: String, as field: FieldDefinition, action: ActionDefinition, siretRule: Siret.Rule = .insee) throws -> FieldValue {
        do {
            switch field.type {
            case .text:
                let value = try TextInput.validate(text, field: field.id, maxLength: field.maxLength ?? 2000)
                switch field.format {
                case .siret: return .string(try Siret.parse(value, rule: siretRule).value)
                case .rna: return .string(try Rna.parse(value).value)
                case .departement: return .string(try DepartementCode.parse(value).code)
                case .keyValues: return .string(try keyValues(value, field: field.id))
                case nil: return .string(value)
                }
            case .money:
                let money = try Money.parse(text)
                if field.positive, money.cents <= 0 {
                    throw ValueError(code: "field.positive", "Le montant « \(field.id) » doit être supérieur à zéro")
                }
                return .money(money)
            case .date:
                return .string(try CalendarDate.parse(text).iso)
            case .enum:
                guard let value = field.enumValue(matching: text) else {
                    throw ValueError(code: "field.enum", "Valeur \(ValueText.quoted(ValueText.trimmed(text))) invalide pour « \(field.id) » (valeurs possibles : \(field.describedValues))")
                }
                return .string(value)
            case .integer:
                let number = try integer(text, field: field.id)
                if let min = field.min, number < min {
                    throw ValueError(code: "field.min", "« \(field.id) » doit être au moins \(min) (reçu \(number))")
                }
                if let max = field.max, number > max {
                    throw ValueError(code: "field.max", "« \(field.id) » doit être au plus \(max) (reçu \(number))")
                }
                return .integer(number)
            case .score:
                return .integer(try score(text, field: field.id))
            }
        } catch let error as ValueError {
            throw Refusal.invalid(error)
        }
    }

    private static func parseScores(_ raw: [String: String], criteria: [Criterion], action: ActionDefinition, subject: String) throws -> Fields {
        let names = criteria.map(\.name)
        if let unexpected = raw.keys.sorted().first(where: { !names.contains($0) }) {
            throw Refusal.invalid("field.unexpected", "Critère inconnu « \(unexpected) » pour l'action « \(action.id) » \(subject) (critères de la grille : \(names.joined(separator: ", ")))")
        }
        var fields = Fields()
        for name in names {
            guard let text = raw[name] else {
                throw Refusal.invalid("field.missing", "Note manquante pour le critère « \(name) » (action « \(action.id) » \(subject)) : une note de 0 à 5 par critère de la grille (\(names.joined(separator: ", ")))")
            }
            do {
                fields[name] = .integer(try score(text, field: name))
            } catch let error as ValueError {
                throw Refusal.invalid(error)
            }
        }
        return fields
    }

    /// Normalises `a=1;b = deux` into `a=1; b=deux`, refusing pairs without a key or a value.
    static func keyValues(_ text: String, field: String) throws -> String {
        var pairs: [String] = []
        var keys = Set<String>()
        for part in text.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ValueError(code: "field.indicators", "Indicateur invalide « \(trimmed) » dans « \(field) » : attendu clé=valeur (ex. beneficiaires=120; ateliers=14)")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard WorkflowValidator.isIdentifier(key, separator: "_"), !value.isEmpty else {
                throw ValueError(code: "field.indicators", "Indicateur invalide « \(trimmed) » dans « \(field) » : clé en minuscules (lettres, chiffres, « _ ») et valeur non vide")
            }
            guard keys.insert(key).inserted else { throw ValueError(code: "field.indicators", "Indicateur en double « \(key) » dans « \(field) »") }
            pairs.append("\(key)=\(value)")
        }
        guard !pairs.isEmpty else { throw ValueError(code: "field.indicators", "Aucun indicateur dans « \(field) » : attendu clé=valeur; clé=valeur") }
        return pairs.joined(separator: "; ")
    }

    private static func integer(_ text: String, field: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 12, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) || (trimmed.first == "-" && trimmed.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) && trimmed.count > 1),
              let number = Int64(trimmed) else {
            throw ValueError(code: "field.integer", "Nombre entier invalide « \(text) » pour « \(field) »")
        }
        return number
    }

    private static func score(_ text: String, field: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count == 1, let number = Int64(trimmed), (0...5).contains(number) else {
            throw ValueError(code: "field.score", "Note invalide « \(text) » pour « \(field) » : un entier de 0 à 5 est attendu")
        }
        return number
    }
}
