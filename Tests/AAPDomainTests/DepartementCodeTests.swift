import Foundation
import Testing
@testable import AAPDomain

@Suite("DepartementCode")
struct DepartementCodeTests {
    @Test("normalisation", arguments: [
        ("09", "09"), ("9", "09"), ("1", "01"), ("2", "02"), ("01", "01"), ("19", "19"), ("21", "21"),
        ("31", "31"), ("95", "95"), ("2A", "2A"), ("2a", "2A"), ("2b", "2B"),
        ("971", "971"), ("972", "972"), ("973", "973"), ("974", "974"), ("976", "976"),
        ("REG", "REG"), ("reg", "REG"), ("Reg", "REG"), (" 31 ", "31"),
    ])
    func normalises(text: String, code: String) throws {
        #expect(try DepartementCode.parse(text).code == code)
    }

    @Test("refused codes", arguments: [
        "20", "0", "00", "96", "99", "100", "975", "977", "978", "2C", "", "A", "REGION", "3 1", "031", "9.0", "٣١",
    ])
    func refuses(text: String) {
        let shown = text
        #expect(throws: ValueError(code: "value.departement", "Département invalide « \(shown) » : code INSEE attendu (ex. 09, 2A, 31, 971) ou REG")) {
            try DepartementCode.parse(text)
        }
    }

    @Test("exact message")
    func message() {
        #expect(throws: ValueError(code: "value.departement", "Département invalide « 20 » : code INSEE attendu (ex. 09, 2A, 31, 971) ou REG")) {
            try DepartementCode.parse("20")
        }
    }

    @Test("every metropolitan and overseas code parses, 101 in all")
    func allCodes() throws {
        var codes = (1...19).map { $0 < 10 ? "0\($0)" : "\($0)" }
        codes += ["2A", "2B"]
        codes += (21...95).map { "\($0)" }
        codes += ["971", "972", "973", "974", "976"]
        #expect(codes.count == 101)
        for code in codes {
            let parsed = try DepartementCode.parse(code)
            #expect(parsed.code == code)
            #expect(!parsed.isRegionWide)
            #expect(parsed.name != nil, "no name for \(code)")
        }
        #expect(DepartementCode.all.count == 102)
    }

    @Test("French names", arguments: [
        ("09", "Ariège"), ("11", "Aude"), ("12", "Aveyron"), ("30", "Gard"), ("31", "Haute-Garonne"),
        ("32", "Gers"), ("34", "Hérault"), ("46", "Lot"), ("48", "Lozère"), ("65", "Hautes-Pyrénées"),
        ("66", "Pyrénées-Orientales"), ("81", "Tarn"), ("82", "Tarn-et-Garonne"),
        ("REG", "Toute la région"),
        ("01", "Ain"), ("2A", "Corse-du-Sud"), ("2B", "Haute-Corse"), ("21", "Côte-d'Or"),
        ("75", "Paris"), ("90", "Territoire de Belfort"), ("95", "Val-d'Oise"),
        ("971", "Guadeloupe"), ("974", "La Réunion"), ("976", "Mayotte"),
    ])
    func names(code: String, name: String) throws {
        #expect(try DepartementCode.parse(code).name == name)
    }

    @Test("region-wide")
    func regionWide() throws {
        #expect(DepartementCode.regionWide.code == "REG")
        #expect(DepartementCode.regionWide.isRegionWide)
        #expect(try DepartementCode.parse("reg") == .regionWide)
        #expect(try !DepartementCode.parse("31").isRegionWide)
    }

    @Test("INSEE order, REG last")
    func order() throws {
        let codes = try ["REG", "971", "95", "2B", "21", "2A", "19", "09", "31", "976"].map(DepartementCode.parse)
        #expect(codes.sorted().map(\.code) == ["09", "19", "2A", "2B", "21", "31", "95", "971", "976", "REG"])
    }

    @Test("Codable as its code")
    func codable() throws {
        let codes = try ["9", "2a", "reg", "971"].map(DepartementCode.parse)
        let data = try JSONEncoder().encode(codes)
        #expect(String(decoding: data, as: UTF8.self) == #"["09","2A","REG","971"]"#)
        #expect(try JSONDecoder().decode([DepartementCode].self, from: data) == codes)
    }

    @Test("decoding refuses bad or non-canonical codes", arguments: [#""9""#, #""2a""#, #""20""#, "31"])
    func decodingRefuses(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DepartementCode.self, from: Data(json.utf8))
        }
    }
}
