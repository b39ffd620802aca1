import Foundation
import ArgumentParser

/// The manual of `aap`, generated from the command definitions: every command's help, as a man page
/// (roff, `man -l aap.1`) or as plain text.
enum ManualPage {
    /// Every command of the tree under `root`, depth first, with its full name (`aap case submit`).
    static func commands(_ root: any ParsableCommand.Type, prefix: [String] = []) -> [(name: String, type: any ParsableCommand.Type)] {
        let path = prefix + [root._commandName]
        return [(path.joined(separator: " "), root)] + root.configuration.subcommands.flatMap { commands($0, prefix: path) }
    }

    /// The help of one command, with the argument parser's English headings in French.
    static func help(_ type: any ParsableCommand.Type) -> String {
        let text = type == Aap.self ? Aap.helpMessage(columns: 100) : Aap.helpMessage(for: type, columns: 100)
        let headings = [
            ("OVERVIEW:", "RÉSUMÉ :"), ("USAGE:", "UTILISATION :"), ("ARGUMENTS:", "ARGUMENTS :"), ("OPTIONS:", "OPTIONS :"),
            ("SUBCOMMANDS:", "SOUS-COMMANDES :"), ("Show help information.", "Affiche l'aide."),
            ("See 'aap help <subcommand>' for detailed help.", "Aide détaillée : « aap help <sous-commande> »."),
            ("(default: ", "(par défaut : "),
        ]
        return headings.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// Plain text: each command's help under its name.
    static var text: String {
        commands(Aap.self).map { "\($0.name)\n\(String(repeating: "=", count: $0.name.count))\n\n\(help($0.type).trimmingCharacters(in: .newlines))\n" }
            .joined(separator: "\n")
    }

    /// A roff man page (section 1); no date, so that it is reproducible.
    static var roff: String {
        var lines = [
            ".TH AAP 1 \"\" \"aap\" \"Commandes de aap\"",
            ".SH NOM",
            "aap \\- " + escape(Aap.configuration.abstract),
            ".SH SYNOPSIS",
            ".B aap",
            ".I commande",
            "[\\fIoptions\\fR]",
            ".SH DESCRIPTION",
            escape(Aap.configuration.discussion),
            ".PP",
            "Chaque commande est décrite ci-dessous telle que l'affiche « aap help \\fIcommande\\fR ».",
            ".SH COMMANDES",
        ]
        for command in commands(Aap.self).dropFirst() {
            lines.append(".SS \"\(escape(command.name))\"")
            lines.append(".nf")
            lines += help(command.type).trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
            lines.append(".fi")
        }
        lines += [
            ".SH ENVIRONNEMENT",
            "AAP_STORE, AAP_ACTOR, AAP_NOW, AAP_LOCK_TIMEOUT.",
            ".SH CODES DE SORTIE",
            "0 fait ; 1 refusé par une règle ou un droit ; 64 usage incorrect ; 65 donnée invalide ; 74 erreur d'entrée-sortie.",
            ".SH VOIR AUSSI",
            "Complétion du shell : aap \\-\\-generate\\-completion\\-script bash|zsh|fish.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line of text made safe for roff: backslashes doubled, a leading `.` or `'` neutralised.
    static func escape(_ line: String) -> String {
        let text = line.replacingOccurrences(of: "\\", with: "\\e")
        return text.hasPrefix(".") || text.hasPrefix("'") ? "\\&" + text : text
    }
}
