import Foundation

/// Answers of Démarches Simplifiées' GraphQL API v2, shaped as its published schema
/// (`app/graphql/schema.graphql`) returns them for
///
/// ```graphql
/// query { demarche(number: 98765) { number dossiers(first: 3, after: $cursor) {
///   pageInfo { hasNextPage endCursor }
///   nodes { number state dateDepot
///     demandeur { __typename ... on PersonneMorale { siret entreprise { raisonSociale } association { rna titre } }
///                 ... on PersonnePhysique { civilite nom prenom } }
///     champs { __typename id label stringValue } } } } }
/// ```
///
/// Every dossier of a démarche carries the same champs (an optional one has `stringValue: null`).
/// SIRETs pass INSEE's two keys (the SIREN's 9-digit Luhn and the SIRET's 14-digit Luhn).
enum DemarchesFixture {
    static let demarche = 98765

    /// The mapping of the import: submission field id → DS champ label.
    static let mapping = """
    {"title": "Intitulé du projet", "amount_requested": "Montant demandé", "departement": "Département",
     "applicant_kind": "Type de structure", "rna": "Numéro RNA", "applicant_name": "Nom de la structure"}
    """

    /// One dossier as the API returns it.
    struct Dossier {
        var number: Int
        var state = "en_construction"
        var dateDepot = "2026-04-14T10:22:31+02:00"
        var demandeur: Demandeur
        var title = "Projet"
        var amount: String? = "10000"
        var departement: String? = "31 - Haute-Garonne"
        var kind: String? = "Association"
        var rna: String?
        var name: String?
        /// Champ labels left out of this dossier (a démarche whose form changed).
        var without: Set<String> = []

        var node: [String: Any] {
            let champs: [(String, String, String?)] = [
                ("TextChamp", "Nom de la structure", name),
                ("RNAChamp", "Numéro RNA", rna),
                ("DropDownListChamp", "Type de structure", kind),
                ("TextChamp", "Intitulé du projet", title),
                ("DecimalNumberChamp", "Montant demandé", amount),
                ("DepartementChamp", "Département", departement),
            ]
            return [
                "__typename": "Dossier",
                "id": Data("Dossier-\(number)".utf8).base64EncodedString(),
                "number": number,
                "state": state,
                "dateDepot": dateDepot,
                "demandeur": demandeur.object,
                "champs": champs.enumerated().filter { !without.contains($0.element.1) }.map { index, champ in
                    [
                        "__typename": champ.0,
                        "id": Data("Champ-\(1000 + index)".utf8).base64EncodedString(),
                        "label": champ.1,
                        "stringValue": champ.2.map { $0 as Any } ?? NSNull(),
                    ] as [String: Any]
                },
            ]
        }
    }

    /// Who filed the dossier.
    enum Demandeur {
        case morale(siret: String, raisonSociale: String, association: (rna: String, titre: String)?)
        case physique(nom: String, prenom: String)

        var object: [String: Any] {
            switch self {
            case .morale(let siret, let raisonSociale, let association):
                return [
                    "__typename": "PersonneMorale",
                    "siret": siret,
                    "entreprise": ["raisonSociale": raisonSociale],
                    "association": association.map { ["rna": $0.rna, "titre": $0.titre] as Any } ?? NSNull(),
                ]
            case .physique(let nom, let prenom):
                return ["__typename": "PersonnePhysique", "civilite": "Mme", "nom": nom, "prenom": prenom]
            }
        }
    }

    /// One page: `{"data": {"demarche": {"number", "dossiers": {"pageInfo", "nodes"}}}}` (`data` left out when not `wrapped`).
    static func page(_ dossiers: [Dossier], hasNextPage: Bool = false, wrapped: Bool = true) -> [String: Any] {
        let demarche: [String: Any] = [
            "id": Data("Procedure-\(demarche)".utf8).base64EncodedString(),
            "number": demarche,
            "dossiers": [
                "pageInfo": ["hasNextPage": hasNextPage, "endCursor": hasNextPage ? "MjAyNi0wNC0xNVQwOTowMDowMC4wMDBa" : NSNull()] as [String: Any],
                "nodes": dossiers.map(\.node),
            ] as [String: Any],
        ]
        return wrapped ? ["data": ["demarche": demarche]] : ["demarche": demarche]
    }

    static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - The dossiers of the main export (AAP-MOB-2026: 2026-03-01 to 2026-05-31)

    /// An association with SIRET and RNA (from the demandeur); amount with a narrow no-break space.
    static let mobIn = Dossier(
        number: 12458701, state: "en_construction", dateDepot: "2026-04-14T10:22:31+02:00",
        demandeur: .morale(siret: "77562318400014", raisonSociale: "MOB IN OCCITANIE", association: (rna: "W313012345", titre: "Mob'In Occitanie")),
        title: "Plateforme de mobilité solidaire", amount: "38\u{202F}000", departement: "31 - Haute-Garonne", kind: "Association"
    )
    /// An association known by its RNA only (no SIRET): filed by a person, RNA and name in champs;
    /// amount with a no-break space and decimal comma.
    static let solidarite = Dossier(
        number: 12458702, state: "en_instruction", dateDepot: "2026-04-15T09:00:00+02:00",
        demandeur: .physique(nom: "Durand", prenom: "Claire"),
        title: "Domiciliation et accès aux droits", amount: "12\u{00A0}500,50", departement: "09 - Ariège", kind: "Association",
        rna: "W092001234", name: "Association Solidarité Pyrénées"
    )
    /// A CCAS, filed late at night UTC: 2026-05-30T23:30Z is 2026-05-31 in Paris.
    static let ccas = Dossier(
        number: 12458703, state: "en_construction", dateDepot: "2026-05-30T23:30:00Z",
        demandeur: .morale(siret: "26310012500016", raisonSociale: "CENTRE COMMUNAL D'ACTION SOCIALE DE TARBES", association: nil),
        title: "Épicerie sociale itinérante", amount: "9 000", departement: "65 - Hautes-Pyrénées", kind: "CCAS"
    )
    /// A commune DS has already accepted: left out unless `--import-closed`.
    static let commune = Dossier(
        number: 12458704, state: "accepte", dateDepot: "2026-03-20T14:05:00+01:00",
        demandeur: .morale(siret: "21090225000013", raisonSociale: "COMMUNE DE SAINT-GIRONS", association: nil),
        title: "Navette solidaire du Couserans", amount: "45000", departement: "09 - Ariège", kind: "Commune"
    )
    /// An association on the second page, amount with a comma and a narrow no-break space.
    static let famillesRurales = Dossier(
        number: 12458705, state: "en_instruction", dateDepot: "2026-05-02T16:45:10.123+02:00",
        demandeur: .morale(siret: "78345612200010", raisonSociale: "FEDERATION DEPARTEMENTALE FAMILLES RURALES", association: (rna: "W121000456", titre: "Familles Rurales Aveyron")),
        title: "Point conseil budget itinérant", amount: "60\u{202F}000,00", departement: "12 - Aveyron", kind: "Association"
    )

    /// The main export in two pages (a JSON array of two responses).
    static var twoPages: String {
        json([page([mobIn, solidarite, ccas], hasNextPage: true), page([commune, famillesRurales])])
    }
}
