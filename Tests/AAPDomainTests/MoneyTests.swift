import Foundation
import Testing
@testable import AAPDomain

@Suite("Money")
struct MoneyTests {
    @Test("accepted forms", arguments: [
        ("38000", Int64(3_800_000)),
        ("38 000", 3_800_000),
        ("38000,50", 3_800_050),
        ("38 000,50", 3_800_050),
        ("38 000,50 €", 3_800_050),
        ("38000€", 3_800_000),
        ("38 000 €", 3_800_000),
        ("38000,5", 3_800_050),
        ("38000.50", 3_800_050),
        ("38000.5", 3_800_050),
        ("38\u{00A0}000,50", 3_800_050),
        ("38\u{202F}000,50\u{00A0}€", 3_800_050),
        ("1\u{202F}234\u{202F}567,89", 123_456_789),
        ("  38 000  ", 3_800_000),
        ("\t38000,50 €\n", 3_800_050),
        ("0", 0),
        ("0,00", 0),
        ("0,5", 50),
        ("0,05", 5),
        ("007", 700),
        ("999", 99_900),
        ("1 000", 100_000),
        ("12,34", 1_234),
        ("1 000 000 000", 100_000_000_000),
        ("1000000000,00 €", 100_000_000_000),
    ])
    func accepts(text: String, cents: Int64) throws {
        #expect(try Money.parse(text) == Money(cents: cents))
    }

    @Test("refused forms", arguments: [
        ("", "Montant invalide : aucun montant saisi (ex. 38 000,50)"),
        ("   ", "Montant invalide : aucun montant saisi (ex. 38 000,50)"),
        ("€", "Montant invalide « € » : aucun chiffre (ex. 38 000,50)"),
        ("-5", "Montant invalide « -5 » : un montant ne peut pas être négatif"),
        ("-5 €", "Montant invalide « -5 € » : un montant ne peut pas être négatif"),
        ("\u{2212}5", "Montant invalide « \u{2212}5 » : un montant ne peut pas être négatif"),
        ("1e6", "Montant invalide « 1e6 » : la notation scientifique n'est pas acceptée (écrire 1 000 000 plutôt que 1e6)"),
        ("2,5E+3", "Montant invalide « 2,5E+3 » : la notation scientifique n'est pas acceptée (écrire 1 000 000 plutôt que 1e6)"),
        ("12,345", "Montant invalide « 12,345 » : plus de 2 décimales (les centimes s'écrivent avec 2 chiffres au plus)"),
        ("38.000", "Montant invalide « 38.000 » : point ambigu (milliers ou décimales ?) : écrire les milliers avec une espace et les décimales avec une virgule, ex. 38 000,50"),
        ("38.", "Montant invalide « 38. » : point ambigu (milliers ou décimales ?) : écrire les milliers avec une espace et les décimales avec une virgule, ex. 38 000,50"),
        ("38,", "Montant invalide « 38, » : chiffres attendus après la virgule (ex. 38 000,50)"),
        ("38, 50", "Montant invalide « 38, 50 » : chiffres attendus après la virgule (ex. 38 000,50)"),
        (",50", "Montant invalide « ,50 » : chiffre attendu avant la virgule (ex. 0,50)"),
        ("abc", "Montant invalide « abc » : caractère « a » non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)"),
        ("38000 EUR", "Montant invalide « 38000 EUR » : caractère « E » non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)"),
        ("12abc", "Montant invalide « 12abc » : caractère « a » non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)"),
        ("+5", "Montant invalide « +5 » : caractère « + » non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)"),
        ("€38000", "Montant invalide « €38000 » : caractère « € » non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)"),
        ("1,2,3", "Montant invalide « 1,2,3 » : plusieurs séparateurs décimaux (une seule virgule, ex. 38 000,50)"),
        ("1.000,50", "Montant invalide « 1.000,50 » : plusieurs séparateurs décimaux (une seule virgule, ex. 38 000,50)"),
        ("3 8000", "Montant invalide « 3 8000 » : groupes de chiffres mal placés (par groupes de 3 chiffres, ex. 38 000)"),
        ("3800 0", "Montant invalide « 3800 0 » : groupes de chiffres mal placés (par groupes de 3 chiffres, ex. 38 000)"),
        ("1234 567", "Montant invalide « 1234 567 » : groupes de chiffres mal placés (par groupes de 3 chiffres, ex. 38 000)"),
        ("38  000", "Montant invalide « 38  000 » : groupes de chiffres mal placés (par groupes de 3 chiffres, ex. 38 000)"),
        ("38 000 ,50", "Montant invalide « 38 000 ,50 » : groupes de chiffres mal placés (par groupes de 3 chiffres, ex. 38 000)"),
        ("1 000 000 000,01", "Montant invalide « 1 000 000 000,01 » : montant absurde (plus de 1 000 000 000 €)"),
        ("1000000001", "Montant invalide « 1000000001 » : montant absurde (plus de 1 000 000 000 €)"),
        ("99999999999999999999999", "Montant invalide « 99999999999999999999999 » : montant absurde (plus de 1 000 000 000 €)"),
    ])
    func refuses(text: String, message: String) {
        #expect(throws: ValueError(code: "value.money", message)) {
            try Money.parse(text)
        }
    }

    @Test("a message stays on one line whatever the input")
    func messageIsOneLine() {
        #expect(throws: ValueError(code: "value.money", "Montant invalide « 12\u{FFFD}34 » : caractère « \u{FFFD} » non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)")) {
            try Money.parse("12\n34")
        }
        let long = String(repeating: "9", count: 60) + "x"
        #expect(throws: ValueError(code: "value.money", "Montant invalide « \(String(repeating: "9", count: 40))… » : caractère « x » non autorisé (chiffres, espaces et une virgule, ex. 38 000,50)")) {
            try Money.parse(long)
        }
    }

    @Test("French display", arguments: [
        (Int64(3_800_000), "38 000,00 €"),
        (0, "0,00 €"),
        (5, "0,05 €"),
        (50, "0,50 €"),
        (99_900, "999,00 €"),
        (100_000, "1 000,00 €"),
        (123_456_789, "1 234 567,89 €"),
        (100_000_000_000, "1 000 000 000,00 €"),
        (-123_456, "-1 234,56 €"),
        (-5, "-0,05 €"),
        (Int64.min, "-92 233 720 368 547 758,08 €"),
    ])
    func formatted(cents: Int64, text: String) {
        #expect(Money(cents: cents).formatted == text)
    }

    @Test("canonical input text", arguments: [
        (Int64(3_800_050), "38000,50"),
        (3_800_000, "38000,00"),
        (0, "0,00"),
        (7, "0,07"),
        (123_456_789, "1234567,89"),
        (-250, "-2,50"),
    ])
    func inputText(cents: Int64, text: String) {
        #expect(Money(cents: cents).inputText == text)
    }

    @Test("parse(inputText) gives back the amount", arguments: [
        Int64(0), 1, 9, 10, 99, 100, 3_800_050, 123_456_789, 99_999_999_999, 100_000_000_000,
    ])
    func roundTrip(cents: Int64) throws {
        let money = Money(cents: cents)
        #expect(try Money.parse(money.inputText) == money)
        #expect(try Money.parse(money.formatted) == money)
    }

    @Test("Codable as a bare integer of cents")
    func codable() throws {
        let money = Money(cents: 3_800_050)
        let data = try JSONEncoder().encode(money)
        #expect(String(decoding: data, as: UTF8.self) == "3800050")
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
        #expect(try JSONDecoder().decode([Money].self, from: Data("[0,-5,12]".utf8))
            == [Money(cents: 0), Money(cents: -5), Money(cents: 12)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Money.self, from: Data(#""38000""#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Money.self, from: Data("12.5".utf8))
        }
    }

    @Test("arithmetic and order")
    func arithmetic() {
        let a = Money(cents: 1_000)
        let b = Money(cents: 250)
        #expect(a + b == Money(cents: 1_250))
        #expect(a - b == Money(cents: 750))
        #expect(b - a == Money(cents: -750))
        #expect(a + .zero == a)
        #expect(Money.zero.cents == 0)
        #expect(b < a)
        #expect(!(a < a))
        #expect([a, .zero, b].sorted() == [.zero, b, a])
        #expect(Money(cents: -1) < .zero)
    }
}
