import Foundation
import Testing
@testable import AAPDomain

@Suite("Rna")
struct RnaTests {
    @Test("accepted numbers", arguments: [
        ("W313012345", "W313012345", false),
        ("w313012345", "W313012345", false),
        ("W 313 012 345", "W313012345", false),
        ("W\u{00A0}313\u{202F}012345", "W313012345", false),
        ("  W313012345 ", "W313012345", false),
        ("W000000000", "W000000000", false),
        ("W2A1000123", "W2A1000123", true),
        ("w2a1000123", "W2A1000123", true),
        ("WABCDEFGHI", "WABCDEFGHI", true),
    ])
    func accepts(text: String, value: String, hasLetters: Bool) throws {
        let rna = try Rna.parse(text)
        #expect(rna.value == value)
        #expect(rna.hasLetters == hasLetters)
    }

    @Test("refused numbers", arguments: [
        ("X123", "RNA invalide « X123 » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("", "RNA invalide «  » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("W31301234", "RNA invalide « W31301234 » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("W3130123456", "RNA invalide « W3130123456 » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("313012345", "RNA invalide « 313012345 » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("V313012345", "RNA invalide « V313012345 » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("W31301234-", "RNA invalide « W31301234- » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("W31301234É", "RNA invalide « W31301234É » : attendu W suivi de 9 caractères (ex. W313012345)"),
        ("W313.012.345", "RNA invalide « W313.012.345 » : attendu W suivi de 9 caractères (ex. W313012345)"),
    ])
    func refuses(text: String, message: String) {
        #expect(throws: ValueError(code: "value.rna", message)) {
            try Rna.parse(text)
        }
    }

    @Test("Codable as its string")
    func codable() throws {
        let rna = try Rna.parse("w2a1000123")
        let data = try JSONEncoder().encode([rna])
        #expect(String(decoding: data, as: UTF8.self) == #"["W2A1000123"]"#)
        #expect(try JSONDecoder().decode([Rna].self, from: data) == [rna])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Rna.self, from: Data(#""w313012345""#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Rna.self, from: Data(#""X123""#.utf8))
        }
    }
}
