import Foundation
import Testing
@testable import AAPDomain

@Suite("Siret")
struct SiretTests {
    @Test("valid SIRETs", arguments: [
        // La Poste head office: passes Luhn (its digit sum, 26, is not a multiple of 5).
        ("35600000000048", "35600000000048", "356000000"),
        // A La Poste establishment: fails Luhn, digit sum 45 is a multiple of 5.
        ("35600000049837", "35600000049837", "356000000"),
        // Computed La Poste form: fails Luhn, digit sum 15.
        ("35600000000001", "35600000000001", "356000000"),
        // Apple France: Luhn-valid.
        ("73282932000074", "73282932000074", "732829320"),
        // Computed: a SIREN with its key, and the NIC key that makes the 14 digits Luhn-valid.
        ("55210055400021", "55210055400021", "552100554"),
        // Spaces (ASCII, U+00A0, U+202F) and dots are ignored.
        ("356 000 000 00048", "35600000000048", "356000000"),
        ("732\u{00A0}829\u{00A0}320\u{00A0}00074", "73282932000074", "732829320"),
        ("732\u{202F}829\u{202F}320 00074", "73282932000074", "732829320"),
        ("732.829.320.00074", "73282932000074", "732829320"),
        ("  73282932000074\n", "73282932000074", "732829320"),
    ])
    func valid(text: String, value: String, siren: String) throws {
        let siret = try Siret.parse(text)
        #expect(siret.value == value)
        #expect(siret.siren == siren)
    }

    @Test("invalid SIRETs", arguments: [
        ("1234", "SIRET invalide « 1234 » : 14 chiffres attendus"),
        ("", "SIRET invalide «  » : 14 chiffres attendus"),
        ("356000000000481", "SIRET invalide « 356000000000481 » : 14 chiffres attendus"),
        ("3560000000004", "SIRET invalide « 3560000000004 » : 14 chiffres attendus"),
        ("3560000000004A", "SIRET invalide « 3560000000004A » : 14 chiffres attendus"),
        ("35600000-000048", "SIRET invalide « 35600000-000048 » : 14 chiffres attendus"),
        ("356000000\t00048", "SIRET invalide « 356000000\u{FFFD}00048 » : 14 chiffres attendus"),
        ("3560000000004٨", "SIRET invalide « 3560000000004٨ » : 14 chiffres attendus"),
        // Luhn fails and not La Poste, even though the digit sum (55) is a multiple of 5.
        ("12345678901234", "SIRET invalide « 12345678901234 » : la clé du SIRET (14 chiffres, Luhn) est fausse"),
        // Luhn fails, SIREN 356000001 is not La Poste's, digit sum 15.
        ("35600000100000", "SIRET invalide « 35600000100000 » : la clé du SIRET (14 chiffres, Luhn) est fausse"),
        // A La Poste establishment whose digit sum (46, 27) is not a multiple of 5.
        ("35600000049838", "SIRET invalide « 35600000049838 » : pour un établissement de La Poste (SIREN 356000000), la somme des 14 chiffres doit être un multiple de 5"),
        ("35600000000049", "SIRET invalide « 35600000000049 » : pour un établissement de La Poste (SIREN 356000000), la somme des 14 chiffres doit être un multiple de 5"),
        // One digit off from valid SIRETs.
        ("73282932000075", "SIRET invalide « 73282932000075 » : la clé du SIRET (14 chiffres, Luhn) est fausse"),
        ("55210055400022", "SIRET invalide « 55210055400022 » : la clé du SIRET (14 chiffres, Luhn) est fausse"),
        ("732 829 320 00075", "SIRET invalide « 732 829 320 00075 » : la clé du SIRET (14 chiffres, Luhn) est fausse"),
        // The 14 digits pass Luhn but the SIREN does not (the issue's two numbers, and two that
        // earlier versions of this suite held valid).
        ("74836958600015", "SIRET invalide « 74836958600015 » : la clé du SIREN (les 9 premiers chiffres, 748369586) est fausse"),
        ("11655925027912", "SIRET invalide « 11655925027912 » : la clé du SIREN (les 9 premiers chiffres, 116559250) est fausse"),
        ("44206193100014", "SIRET invalide « 44206193100014 » : la clé du SIREN (les 9 premiers chiffres, 442061931) est fausse"),
        ("830 948 343 00017", "SIRET invalide « 830 948 343 00017 » : la clé du SIREN (les 9 premiers chiffres, 830948343) est fausse"),
    ])
    func invalid(text: String, message: String) {
        #expect(throws: ValueError(code: "value.siret", message)) {
            try Siret.parse(text)
        }
    }

    @Test("a recorded line's SIRET passes under the rule it was accepted by: the 14-digit key only", arguments: [
        "74836958600015", "11655925027912", "44206193100014",
    ])
    func recordedRule(text: String) throws {
        #expect(try Siret.parse(text, rule: .recorded).value == text)
        #expect(Siret(canonical: text)?.value == text)
        #expect(!Siret.isValid(text))
        #expect(throws: ValueError.self) { try Siret.parse(text) }
    }

    @Test("Luhn checksum", arguments: [
        ("35600000000048", true),
        ("73282932000074", true),
        ("55210055400021", true),
        ("79927398713", true),
        ("0", true),
        ("18", true),
        ("35600000049837", false),
        ("12345678901234", false),
        ("79927398710", false),
        ("1", false),
        ("", false),
        ("12a4", false),
        ("١٨", false),
        (" 18", false),
    ])
    func luhn(digits: String, valid: Bool) {
        #expect(Siret.isLuhnValid(digits) == valid)
    }

    @Test("Codable as the 14-digit string")
    func codable() throws {
        let siret = try Siret.parse("732 829 320 00074")
        let data = try JSONEncoder().encode([siret])
        #expect(String(decoding: data, as: UTF8.self) == #"["73282932000074"]"#)
        #expect(try JSONDecoder().decode([Siret].self, from: data) == [siret])
    }

    @Test("decoding refuses bad or non-canonical strings", arguments: [
        #""73282932000075""#, #""732 829 320 00074""#, #""1234""#, "73282932000074",
    ])
    func decodingRefuses(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Siret.self, from: Data(json.utf8))
        }
    }
}
