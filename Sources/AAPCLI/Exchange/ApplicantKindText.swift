import AAPDomain
import Foundation

/// Reads the kind of applicant as spreadsheets and sample files write it: the id (`epci`), the French
/// label (`Conseil départemental`), or a common variant (`EPCI`, `SIAE (ACI)`, `syndicat intercommunal`).
enum ApplicantKindText {
    /// The kind written in `text`, or nil when it names none.
    static func read(_ text: String) -> ApplicantKind? {
        let lowered = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !lowered.isEmpty else { return nil }
        if let kind = try? ApplicantKind.parse(lowered) { return kind }
        let folded = lowered.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        if let kind = ApplicantKind.allCases.first(where: { fold($0.label) == folded }) { return kind }
        let prefixes: [(String, ApplicantKind)] = [
            ("siae", .siae), ("structure d'insertion", .siae), ("syndicat", .syndicat), ("ccas", .ccas), ("cias", .ccas),
            ("communaute de communes", .epci), ("communaute d'agglomeration", .epci), ("communaute urbaine", .epci),
            ("conseil departemental", .departement), ("departement", .departement), ("conseil regional", .region),
            ("region", .region), ("mission locale", .missionLocale), ("bailleur", .bailleurSocial), ("gip", .gip),
            ("fondation", .fondation), ("universite", .universite), ("crous", .universite), ("hopital", .hopital),
            ("etablissement de sante", .hopital), ("metropole", .metropole), ("commune", .commune), ("caf", .caf),
            ("entreprise", .entreprise), ("association", .association),
        ]
        return prefixes.first { folded.hasPrefix($0.0) }?.1
    }

    private static func fold(_ text: String) -> String {
        text.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }
}
