import ArgumentParser

/// One French line for an error of the argument parser (unknown option, missing value…).
///
/// The parser's errors are internal types with English text. Which error it is comes from the
/// error's structure (the name of its case, read by reflection), not from its English wording; the
/// option or value it names is the text the parser quotes. An error this table does not know keeps
/// the parser's English text behind the French line, so a new version of the parser never loses the
/// message.
enum UsageMessage {
    /// The line printed on stderr for a usage error (exit 64).
    static func line(for error: any Error) -> String {
        let english = Aap.message(for: error)
        let first = english.split(separator: "\n").first.map(String.init) ?? english
        switch parserCase(of: error) {
        case .validation(let message):
            return "Usage incorrect : \(message) (voir « aap --help »)"
        case .named(let name):
            if let french = french(name, quoted: quotedTexts(in: first)) {
                return "Usage incorrect : \(french) (voir « aap --help »)"
            }
        case nil:
            break
        }
        let detail = first.hasPrefix("Error: ") ? String(first.dropFirst("Error: ".count)) : first
        return "Usage incorrect (voir « aap --help ») : \(detail)"
    }

    private enum ParserCase {
        /// A `ValidationError` thrown by one of our `validate()`: its message is already French.
        case validation(String)
        /// The name of the parser's error case (`unknownOption`, `noValue`…).
        case named(String)
    }

    /// The case of the parser error wrapped in `error`, found by reflection.
    private static func parserCase(of error: any Error) -> ParserCase? {
        if let validation = error as? ValidationError { return .validation(validation.message) }
        let wrapped = Mirror(reflecting: error).children.first { $0.label == "parserError" }?.value ?? error
        let mirror = Mirror(reflecting: wrapped)
        guard mirror.displayStyle == .enum else { return nil }
        guard let payload = mirror.children.first else { return .named(String(describing: wrapped)) }
        if payload.label == "userValidationError" {
            // The payload is the error thrown by `validate()`, alone or in a one-element tuple.
            let inner = Mirror(reflecting: payload.value).children.first?.value ?? payload.value
            if let validation = (inner as? ValidationError) ?? (payload.value as? ValidationError) {
                return .validation(validation.message)
            }
        }
        return payload.label.map(ParserCase.named)
    }

    /// The French text of a parser error case, with the option or value it quotes.
    private static func french(_ name: String, quoted: [String]) -> String? {
        let first = quoted.first
        switch name {
        case "unknownOption", "invalidOption", "nonAlphanumericShortOption":
            guard let option = first else { return "option inconnue" }
            return quoted.count > 1 ? "option inconnue : \(option) (vouliez-vous dire \(quoted[1]) ?)" : "option inconnue : \(option)"
        case "missingValueForOption", "missingValueOrUnknownCompositeOption":
            return first.map { "valeur manquante pour \($0)" } ?? "valeur manquante"
        case "unexpectedValueForOption":
            return first.map { "valeur inattendue pour \($0)" } ?? "valeur inattendue"
        case "unexpectedExtraValues":
            guard !quoted.isEmpty else { return "arguments inattendus" }
            return quoted.count == 1 ? "argument inattendu : \(quoted[0])" : "arguments inattendus : \(quoted.joined(separator: ", "))"
        case "duplicateExclusiveValues":
            return first.map { "option répétée : \($0)" } ?? "option répétée"
        case "noValue":
            return first.map { "argument obligatoire manquant : \($0)" } ?? "argument obligatoire manquant"
        case "unableToParseValue":
            guard quoted.count >= 2 else { return first.map { "valeur « \($0) » invalide" } }
            return "valeur « \(quoted[0]) » invalide pour \(quoted[1])"
        case "missingSubcommand":
            return "sous-commande manquante"
        default:
            return nil
        }
    }

    /// The texts the parser quotes between apostrophes, in order (`Unknown option '--bogus'`).
    static func quotedTexts(in line: String) -> [String] {
        var texts: [String] = []
        var current: String?
        for character in line {
            if character == "'" {
                if let text = current {
                    texts.append(text)
                    current = nil
                } else {
                    current = ""
                }
            } else if current != nil {
                current?.append(character)
            }
        }
        return texts
    }
}
