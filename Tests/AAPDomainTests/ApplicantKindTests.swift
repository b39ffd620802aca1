import Foundation
import Testing
@testable import AAPDomain

@Suite("ApplicantKind")
struct ApplicantKindTests {
    static let expected: [(String, String)] = [
        ("association", "Association"),
        ("ccas", "CCAS / CIAS"),
        ("commune", "Commune"),
        ("epci", "EPCI : communauté de communes, d'agglomération, urbaine"),
        ("syndicat", "Syndicat intercommunal"),
        ("departement", "Conseil départemental"),
        ("metropole", "Métropole"),
        ("region", "Conseil régional"),
        ("gip", "GIP"),
        ("siae", "Structure d'insertion par l'activité économique"),
        ("mission_locale", "Mission locale"),
        ("caf", "CAF"),
        ("hopital", "Établissement de santé"),
        ("universite", "Université / CROUS"),
        ("fondation", "Fondation"),
        ("bailleur_social", "Bailleur social"),
        ("entreprise", "Entreprise"),
        ("autre", "Autre"),
    ]

    @Test("exactly these ids and labels, in this order")
    func idsAndLabels() {
        #expect(ApplicantKind.allCases.map(\.rawValue) == Self.expected.map(\.0))
        #expect(ApplicantKind.allCases.map(\.label) == Self.expected.map(\.1))
    }

    @Test("parse accepts the id in any case", arguments: [
        ("association", ApplicantKind.association),
        ("Association", .association),
        ("CCAS", .ccas),
        ("mission_locale", .missionLocale),
        ("Mission_Locale", .missionLocale),
        ("bailleur_social", .bailleurSocial),
        (" epci ", .epci),
        ("autre", .autre),
    ])
    func parses(text: String, kind: ApplicantKind) throws {
        #expect(try ApplicantKind.parse(text) == kind)
    }

    @Test("every id parses to itself")
    func everyID() throws {
        for kind in ApplicantKind.allCases {
            #expect(try ApplicantKind.parse(kind.rawValue) == kind)
            #expect(try ApplicantKind.parse(kind.rawValue.uppercased()) == kind)
        }
    }

    @Test("unknown kinds are refused with the list", arguments: [
        "xyz", "", "mission locale", "mission-locale", "Association loi 1901", "CCAS / CIAS",
    ])
    func refuses(text: String) {
        let list = "association, ccas, commune, epci, syndicat, departement, metropole, region, gip, siae, mission_locale, caf, hopital, universite, fondation, bailleur_social, entreprise, autre"
        #expect(throws: ValueError(code: "value.applicant_kind", "Type de porteur inconnu « \(text) » : valeurs possibles \(list)")) {
            try ApplicantKind.parse(text)
        }
    }

    @Test("Codable as the id")
    func codable() throws {
        let data = try JSONEncoder().encode([ApplicantKind.missionLocale, .ccas])
        #expect(String(decoding: data, as: UTF8.self) == #"["mission_locale","ccas"]"#)
        #expect(try JSONDecoder().decode([ApplicantKind].self, from: data) == [.missionLocale, .ccas])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ApplicantKind.self, from: Data(#""missionLocale""#.utf8))
        }
    }
}
