/// The kind of organisation carrying a project (porteur de projet), by stable lowercase id.
///
/// The raw value is the id stored in JSON and typed on the command line (`association`, `ccas`, …).
public enum ApplicantKind: String, Sendable, CaseIterable, Codable {
    case association
    case ccas
    case commune
    case epci
    case syndicat
    case departement
    case metropole
    case region
    case gip
    case siae
    case missionLocale = "mission_locale"
    case caf
    case hopital
    case universite
    case fondation
    case bailleurSocial = "bailleur_social"
    case entreprise
    case autre

    /// The French label shown to people: `CCAS / CIAS` for `ccas`.
    public var label: String {
        switch self {
        case .association: "Association"
        case .ccas: "CCAS / CIAS"
        case .commune: "Commune"
        case .epci: "EPCI : communauté de communes, d'agglomération, urbaine"
        case .syndicat: "Syndicat intercommunal"
        case .departement: "Conseil départemental"
        case .metropole: "Métropole"
        case .region: "Conseil régional"
        case .gip: "GIP"
        case .siae: "Structure d'insertion par l'activité économique"
        case .missionLocale: "Mission locale"
        case .caf: "CAF"
        case .hopital: "Établissement de santé"
        case .universite: "Université / CROUS"
        case .fondation: "Fondation"
        case .bailleurSocial: "Bailleur social"
        case .entreprise: "Entreprise"
        case .autre: "Autre"
        }
    }

    /// Reads a kind by its id, in any case (`Association`, `MISSION_LOCALE`); refuses anything else with the list.
    public static func parse(_ text: String) throws -> ApplicantKind {
        let trimmed = ValueText.trimmed(text)
        guard let kind = ApplicantKind(rawValue: trimmed.lowercased()) else {
            let ids = allCases.map(\.rawValue).joined(separator: ", ")
            throw ValueError(code: "value.applicant_kind", "Type de porteur inconnu \(ValueText.quoted(trimmed)) : valeurs possibles \(ids)")
        }
        return kind
    }
}
