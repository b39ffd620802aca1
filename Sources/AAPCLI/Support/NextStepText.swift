import AAPDomain
import Foundation

/// How the next steps of a case read in French (`aap case show`, `aap todo`): who may take each step,
/// and for the steps the person asking may take, the fields to type as one command line to copy.
enum NextStepText {
    /// Most people named on one line before « et N autres ».
    static let peopleShown = 6

    /// « Proposer au comité (propose) — agent instructeur : instr.roux, instr.vidal ».
    static func summary(_ step: NextStep) -> String {
        let roles = step.roles.map(\.label).joined(separator: " ou ")
        let people: String
        if step.people.isEmpty {
            people = "personne n'a ce rôle pour cet appel"
        } else {
            let named = step.people.prefix(peopleShown).map(\.value).joined(separator: ", ")
            let more = step.people.count - peopleShown
            people = more > 0 ? "\(named) et \(French.plural(more, "autre", "autres"))" : named
        }
        return "\(step.action.label) (\(step.action.id)) — \(roles) : \(people)"
    }

    /// The lines under a step the person may take: one per field, the reason, then the command.
    static func detail(_ step: NextStep, case c: CaseState, actor: ActorID) -> [String] {
        var rows = step.inputs.map { input in
            (option: "--set \(input.id)=\(placeholder(input))", text: "\(input.label) : \(typeDescription(input)) ; \(input.required ? "obligatoire" : "facultatif")")
        }
        switch step.action.reason {
        case .required: rows.append((option: "--reason \"MOTIF\"", text: "motif : obligatoire"))
        case .optional: rows.append((option: "--reason \"MOTIF\"", text: "motif : facultatif"))
        case .none: break
        }
        let width = rows.map(\.option.count).max() ?? 0
        return rows.map { $0.option.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.text }
            + [command(step, case: c, actor: actor)]
    }

    /// The command line of the step, with its required fields and a placeholder for each value.
    static func command(_ step: NextStep, case c: CaseState, actor: ActorID) -> String {
        var words = ["aap", "case", "advance", shellWord(c.id.value), shellWord(step.action.id)]
        for input in step.inputs where input.required {
            words.append("--set \(shellWord(input.id))=\(placeholder(input))")
        }
        if step.action.reason == .required { words.append("--reason \"MOTIF\"") }
        words.append("--as \(shellWord(actor.value))")
        return words.joined(separator: " ")
    }

    /// What to type in place of the value: the first code of an enum, else a French placeholder.
    static func placeholder(_ input: NextStep.Input) -> String {
        switch input.type {
        case .text:
            switch input.format {
            case .siret: return "SIRET"
            case .rna: return "RNA"
            case .departement: return "DEPARTEMENT"
            case .keyValues: return "\"cle=valeur; cle=valeur\""
            case nil: return "\"TEXTE\""
            }
        case .money: return "MONTANT"
        case .date: return "AAAA-MM-JJ"
        case .enum: return input.values.first.map { shellWord($0.code) } ?? "VALEUR"
        case .integer: return "NOMBRE"
        case .score: return "NOTE"
        }
    }

    /// The type of a field in French, with its values or bounds.
    static func typeDescription(_ input: NextStep.Input) -> String {
        switch input.type {
        case .text:
            switch input.format {
            case .siret: return "SIRET (14 chiffres)"
            case .rna: return "numéro RNA (W suivi de 9 caractères)"
            case .departement: return "code de département"
            case .keyValues: return "indicateurs clé=valeur séparés par « ; »"
            case nil: return "texte"
            }
        case .money: return "montant en euros"
        case .date: return "date (AAAA-MM-JJ)"
        case .enum:
            let values = input.values.map { choice in choice.label.map { "\(choice.code) (\($0))" } ?? choice.code }
            return "une valeur parmi \(values.joined(separator: ", "))"
        case .integer:
            switch (input.min, input.max) {
            case let (min?, max?): return "nombre entier de \(min) à \(max)"
            case let (min?, nil): return "nombre entier, au moins \(min)"
            case let (nil, max?): return "nombre entier, au plus \(max)"
            case (nil, nil): return "nombre entier"
            }
        case .score: return "note de \(input.min ?? 0) à \(input.max ?? 5)"
        }
    }

    /// A word the shell reads as it is: quoted when it holds anything but letters, digits and `._-`.
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
