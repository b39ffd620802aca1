import Foundation

/// Checks a decoded workflow definition and reports the first problem, in French.
public enum WorkflowValidator {
    /// The phases a state may belong to.
    public static let phases: Set<String> = ["intake", "review", "committee", "decision", "funding", "evaluation"]

    /// The fields every case-creating action must declare, because the domain reads them.
    public static let submissionFields: [String: FieldType] = [
        "applicant_name": .text, "applicant_kind": .enum, "siret": .text, "rna": .text,
        "departement": .text, "title": .text, "amount_requested": .money, "received_on": .date,
    ]

    public static func validate(_ w: WorkflowDefinition) throws {
        if w.format > WorkflowDefinition.formatVersion { throw WorkflowError.newerFormat(w.format) }
        if w.format < 1 { throw WorkflowError("version de format \(w.format) invalide") }
        guard isIdentifier(w.id, separator: "_") else {
            throw WorkflowError("identifiant de workflow invalide « \(w.id) » (minuscules, chiffres et « _ »)")
        }
        guard w.version >= 1 else { throw WorkflowError("version \(w.version) invalide : entier ≥ 1 attendu") }
        guard !w.label.isEmpty else { throw WorkflowError("libellé du workflow vide") }
        guard !w.states.isEmpty else { throw WorkflowError("aucun état défini") }

        var stateIDs = Set<String>()
        for state in w.states {
            guard isIdentifier(state.id, separator: "_") else {
                throw WorkflowError("identifiant d'état invalide « \(state.id) » (minuscules, chiffres et « _ »)")
            }
            guard stateIDs.insert(state.id).inserted else { throw WorkflowError("état en double « \(state.id) »") }
            guard !state.label.isEmpty else { throw WorkflowError("libellé vide pour l'état « \(state.id) »") }
            if let phase = state.phase, !phases.contains(phase) {
                throw WorkflowError("phase inconnue « \(phase) » pour l'état « \(state.id) » (phases possibles : \(phases.sorted().joined(separator: ", ")))")
            }
        }

        var actionIDs = Set<String>()
        for action in w.actions {
            guard isIdentifier(action.id, separator: "-") else {
                throw WorkflowError("identifiant d'action invalide « \(action.id) » (minuscules, chiffres et « - »)")
            }
            guard actionIDs.insert(action.id).inserted else { throw WorkflowError("action en double « \(action.id) »") }
            try validate(action, in: w, stateIDs: stateIDs)
        }

        let creations = w.actions.filter(\.isCreation)
        guard let creation = creations.first else {
            throw WorkflowError("aucune action de création (une action avec « from »: [] est attendue)")
        }
        guard creations.count == 1 else {
            throw WorkflowError("plusieurs actions de création : \(creations.map(\.id).joined(separator: ", "))")
        }
        guard let initial = creation.to else {
            throw WorkflowError("l'action de création « \(creation.id) » doit indiquer son état d'arrivée « to »")
        }
        if w.kind == .case {
            for (field, type) in submissionFields.sorted(by: { $0.key < $1.key }) {
                guard let declared = creation.field(field) else {
                    throw WorkflowError("champ de dépôt « \(field) » manquant dans l'action « \(creation.id) »")
                }
                guard declared.type == type else {
                    throw WorkflowError("le champ de dépôt « \(field) » doit être de type \(type.rawValue)")
                }
            }
        }

        // Every state must be reachable from the initial one.
        var reached: Set<String> = [initial]
        var frontier = [initial]
        while let state = frontier.popLast() {
            for action in w.actions(from: state) {
                let next = action.target(from: state)
                if reached.insert(next).inserted { frontier.append(next) }
            }
        }
        if let unreachable = w.states.first(where: { !reached.contains($0.id) }) {
            throw WorkflowError("état inaccessible « \(unreachable.id) » : aucune action n'y mène depuis « \(initial) »")
        }
        // A state that is not terminal must have a way out.
        for state in w.states where !state.terminal {
            let exits = w.actions(from: state.id).filter { !$0.stays }
            if exits.isEmpty {
                throw WorkflowError("l'état « \(state.id) » n'est pas terminal mais aucune action n'en sort")
            }
        }
        if w.format >= 2 { try validateMarkers(w, initial: initial) }
    }

    private static func validate(_ action: ActionDefinition, in w: WorkflowDefinition, stateIDs: Set<String>) throws {
        let name = "l'action « \(action.id) »"
        guard !action.label.isEmpty else { throw WorkflowError("libellé vide pour \(name)") }
        for state in action.from {
            guard stateIDs.contains(state) else { throw WorkflowError("état inconnu « \(state) » dans « from » de \(name)") }
            if w.isTerminal(state) {
                throw WorkflowError("\(name) part de l'état terminal « \(state) »")
            }
        }
        if Set(action.from).count != action.from.count {
            throw WorkflowError("état en double dans « from » de \(name)")
        }
        switch (action.to, action.stays) {
        case (.some(let to), false):
            guard stateIDs.contains(to) else { throw WorkflowError("état inconnu « \(to) » dans « to » de \(name)") }
        case (nil, true):
            if action.isCreation { throw WorkflowError("\(name) crée un dossier et ne peut pas « rester » dans un état") }
        case (.some, true):
            throw WorkflowError("\(name) indique à la fois « to » et « stays »")
        case (nil, false):
            throw WorkflowError("\(name) n'indique ni « to » ni « stays »")
        }
        guard !action.roles.isEmpty else { throw WorkflowError("aucun rôle pour \(name)") }
        for role in action.roles + action.rolesFrom.values.flatMap({ $0 }) where Role(rawValue: role) == nil {
            throw WorkflowError("rôle inconnu « \(role) » dans \(name) (rôles possibles : \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        for state in action.rolesFrom.keys.sorted() where !action.from.contains(state) {
            throw WorkflowError("« roles_from » de \(name) cite l'état « \(state) » absent de « from »")
        }
        for rule in action.rules {
            guard let known = RuleName(rawValue: rule) else {
                throw WorkflowError("règle inconnue « \(rule) » dans \(name)")
            }
            guard known.appliesTo == w.kind else {
                throw WorkflowError("la règle « \(rule) » ne s'applique pas à un workflow de type \(w.kind.rawValue) (\(name))")
            }
        }
        if action.effect != nil, w.kind != .case {
            throw WorkflowError("\(name) : un effet n'est possible que dans un workflow de dossier")
        }
        if action.effect == .score, !action.fields.isEmpty {
            throw WorkflowError("\(name) note selon la grille de l'appel et ne déclare donc aucun champ")
        }
        var fieldIDs = Set<String>()
        for field in action.fields {
            try validate(field, in: name)
            guard fieldIDs.insert(field.id).inserted else {
                throw WorkflowError("champ en double « \(field.id) » dans \(name)")
            }
        }
    }

    /// Labels only for values of the list, none empty, and no two values that typed input could confuse
    /// (their codes and labels compared without case and accents, as ``FieldDefinition/enumValue(matching:)`` reads them).
    private static func validateValueLabels(_ field: FieldDefinition, name: String) throws {
        guard !field.valueLabels.isEmpty else { return }
        guard field.type == .enum, let values = field.values else {
            throw WorkflowError("« value_labels » n'a de sens que pour un champ enum (\(name))")
        }
        var owner: [String: String] = [:]
        for value in values {
            owner[LooseMatch.key(value)] = value
        }
        for value in values {
            guard let label = field.valueLabels[value] else { continue }
            guard !ValueText.trimmed(label).isEmpty, label.count <= 100 else {
                throw WorkflowError("libellé vide ou trop long (100 caractères au plus) pour la valeur « \(value) » de \(name)")
            }
            let key = LooseMatch.key(label)
            if let other = owner[key], other != value {
                throw WorkflowError("le libellé « \(label) » de la valeur « \(value) » se confond avec la valeur « \(other) » de \(name) (casse et accents ignorés)")
            }
            owner[key] = value
        }
        if let stray = field.valueLabels.keys.sorted().first(where: { !values.contains($0) }) {
            throw WorkflowError("« value_labels » de \(name) cite la valeur « \(stray) » absente de « values »")
        }
    }

    private static func validate(_ field: FieldDefinition, in action: String) throws {
        let name = "le champ « \(field.id) » de \(action)"
        guard isIdentifier(field.id, separator: "_"), !field.id.hasSuffix("_cents") else {
            throw WorkflowError("identifiant de champ invalide « \(field.id) » dans \(action)")
        }
        guard !field.label.isEmpty else { throw WorkflowError("libellé vide pour \(name)") }
        if field.type == .enum {
            guard let values = field.values, !values.isEmpty else {
                throw WorkflowError("\(name) est une liste sans valeurs (« values »)")
            }
            if Set(values).count != values.count { throw WorkflowError("valeur en double dans \(name)") }
        } else if field.values != nil {
            throw WorkflowError("« values » n'a de sens que pour un champ enum (\(name))")
        }
        try validateValueLabels(field, name: name)
        if field.format != nil, field.type != .text {
            throw WorkflowError("« format » n'a de sens que pour un champ text (\(name))")
        }
        if (field.min != nil || field.max != nil), field.type != .integer {
            throw WorkflowError("« min » et « max » n'ont de sens que pour un champ integer (\(name))")
        }
        if let min = field.min, let max = field.max, min > max {
            throw WorkflowError("« min » supérieur à « max » pour \(name)")
        }
        if let maxLength = field.maxLength, maxLength < 1 || field.type != .text {
            throw WorkflowError("« max_length » invalide pour \(name)")
        }
        if field.positive, field.type != .money {
            throw WorkflowError("« positive » n'a de sens que pour un montant (\(name))")
        }
        if field.sets != nil, field.addsTo != nil {
            throw WorkflowError("\(name) ne peut à la fois fixer (« sets ») et ajouter (« adds_to »)")
        }
        if let target = field.sets {
            switch field.type {
            case .money:
                guard AmountSlot(rawValue: target) != nil else {
                    throw WorkflowError("montant inconnu « \(target) » dans « sets » du champ « \(field.id) » de \(action) (montants possibles : \(AmountSlot.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            case .text:
                guard target == "title" else { throw WorkflowError("« sets » d'un texte ne peut viser que « title » (\(name))") }
            case .date, .enum, .integer, .score:
                throw WorkflowError("« sets » n'a de sens que pour un montant ou le titre (\(name))")
            }
        }
        if let target = field.addsTo {
            guard field.type == .money, AmountSlot(rawValue: target) != nil else {
                throw WorkflowError("« adds_to » invalide « \(target) » pour \(name)")
            }
        }
    }

    static func isIdentifier(_ text: String, separator: Character) -> Bool {
        guard let first = text.first, first.isASCII, first.isLowercase, text.count <= 64 else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == separator }
    }
}
