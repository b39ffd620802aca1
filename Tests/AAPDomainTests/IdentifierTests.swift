import Foundation
import Testing
@testable import AAPDomain

@Suite("ActorID")
struct ActorIDTests {
    @Test("accepted", arguments: [
        ("chair.durand", "chair.durand"), ("instr-01", "instr-01"), ("a", "a"), ("0", "0"),
        ("x_y.z-1", "x_y.z-1"), (" chair.durand ", "chair.durand"),
        (String(repeating: "a", count: 64), String(repeating: "a", count: 64)),
    ])
    func accepts(text: String, value: String) throws {
        let id = try ActorID.parse(text)
        #expect(id.value == value)
        #expect(id.description == value)
    }

    @Test("refused characters", arguments: ["Chair.Durand", "chair durand", "chair@x", "élodie", "a/b", "a\tb"])
    func refusesCharacters(text: String) {
        let shown = text.replacingOccurrences(of: "\t", with: "\u{FFFD}")
        #expect(throws: ValueError(code: "value.actor_id", "Identifiant d'acteur invalide « \(shown) » : lettres minuscules, chiffres, « . », « _ » ou « - »")) {
            try ActorID.parse(text)
        }
    }

    @Test("other refusals", arguments: [
        ("", "Identifiant d'acteur invalide : aucun identifiant saisi (ex. chair.durand)"),
        (".chair", "Identifiant d'acteur invalide « .chair » : le premier caractère doit être une lettre minuscule ou un chiffre"),
        ("-x", "Identifiant d'acteur invalide « -x » : le premier caractère doit être une lettre minuscule ou un chiffre"),
        ("_x", "Identifiant d'acteur invalide « _x » : le premier caractère doit être une lettre minuscule ou un chiffre"),
        (String(repeating: "a", count: 65), "Identifiant d'acteur invalide « \(String(repeating: "a", count: 40))… » : 64 caractères au plus"),
    ])
    func refuses(text: String, message: String) {
        #expect(throws: ValueError(code: "value.actor_id", message)) {
            try ActorID.parse(text)
        }
    }

    @Test("Codable and order")
    func codable() throws {
        let ids = try ["instr-01", "chair.durand"].map(ActorID.parse)
        let data = try JSONEncoder().encode(ids)
        #expect(String(decoding: data, as: UTF8.self) == #"["instr-01","chair.durand"]"#)
        #expect(try JSONDecoder().decode([ActorID].self, from: data) == ids)
        #expect(ids.sorted().map(\.value) == ["chair.durand", "instr-01"])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ActorID.self, from: Data(#""Chair""#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ActorID.self, from: Data(#"" chair""#.utf8))
        }
    }
}

@Suite("CallID")
struct CallIDTests {
    @Test("accepted and upper-cased", arguments: [
        ("AAP-MOB-2026", "AAP-MOB-2026"), ("aap-mob-2026", "AAP-MOB-2026"), ("ami-2026", "AMI-2026"),
        ("ABC", "ABC"), ("1AB", "1AB"), ("A--", "A--"), (" AAP-MOB-2026\n", "AAP-MOB-2026"),
        (String(repeating: "A", count: 64), String(repeating: "A", count: 64)),
    ])
    func accepts(text: String, value: String) throws {
        let id = try CallID.parse(text)
        #expect(id.value == value)
        #expect(id.description == value)
    }

    @Test("refused", arguments: [
        "AB", "-ABC", "AAP_MOB", "AAP MOB", "AAP.2026", "AAP-MOB-É", String(repeating: "A", count: 65),
    ])
    func refuses(text: String) {
        let shown = ValueText.quoted(text)
        #expect(throws: ValueError(code: "value.call_id", "Identifiant d'appel invalide \(shown) : 3 à 64 caractères parmi A-Z, 0-9 et « - », sans « - » au début (ex. AAP-MOB-2026)")) {
            try CallID.parse(text)
        }
    }

    @Test("exact messages")
    func messages() {
        #expect(throws: ValueError(code: "value.call_id", "Identifiant d'appel invalide « ab » : 3 à 64 caractères parmi A-Z, 0-9 et « - », sans « - » au début (ex. AAP-MOB-2026)")) {
            try CallID.parse("ab")
        }
        #expect(throws: ValueError(code: "value.call_id", "Identifiant d'appel invalide : aucun identifiant saisi (ex. AAP-MOB-2026)")) {
            try CallID.parse(" ")
        }
    }

    @Test("Codable")
    func codable() throws {
        let id = try CallID.parse("aap-mob-2026")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["AAP-MOB-2026"]"#)
        #expect(try JSONDecoder().decode([CallID].self, from: data) == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CallID.self, from: Data(#""aap-mob-2026""#.utf8))
        }
    }
}

@Suite("CaseID")
struct CaseIDTests {
    @Test("built from a call and a number", arguments: [
        (0, "AAP-MOB-2026-0000"), (3, "AAP-MOB-2026-0003"), (42, "AAP-MOB-2026-0042"),
        (9999, "AAP-MOB-2026-9999"), (10000, "AAP-MOB-2026-10000"), (123_456_789, "AAP-MOB-2026-123456789"),
    ])
    func built(number: Int, value: String) throws {
        let call = try CallID.parse("AAP-MOB-2026")
        let id = CaseID(call: call, number: number)
        #expect(id.value == value)
        #expect(id.description == value)
        #expect(id.callID == call)
        #expect(id.number == number)
        #expect(try CaseID.parse(value) == id)
    }

    @Test("parsed by splitting on the last dash", arguments: [
        ("AAP-MOB-2026-0003", "AAP-MOB-2026", 3),
        ("aap-mob-2026-0003", "AAP-MOB-2026", 3),
        ("AMI-2026-0001", "AMI-2026", 1),
        ("ABC-12345", "ABC", 12345),
        ("2026-0001", "2026", 1),
        // A call id alone may read as a case id: the last dash decides.
        ("AAP-MOB-2026", "AAP-MOB", 2026),
        ("AAP-MOB-2026--0003", "AAP-MOB-2026-", 3),
        (" AAP-MOB-2026-0003 ", "AAP-MOB-2026", 3),
    ])
    func parses(text: String, call: String, number: Int) throws {
        let id = try CaseID.parse(text)
        #expect(id.callID == (try CallID.parse(call)))
        #expect(id.number == number)
        #expect(id == CaseID(call: try CallID.parse(call), number: number))
    }

    @Test("refused", arguments: [
        "AAP-MOB-26", "AAP-MOB-2026-003", "AAP-MOB-2026-", "AAP-MOB-2026-00A3", "0003", "-0003",
        "AB-0003", "AAP_MOB-0003", "AAP-MOB-2026-1234567890", "AAP-MOB-2026-١٢٣٤",
    ])
    func refuses(text: String) {
        #expect(throws: ValueError(code: "value.case_id", "Identifiant de dossier invalide \(ValueText.quoted(text)) : attendu l'identifiant de l'appel, « - » et un numéro d'au moins 4 chiffres (ex. AAP-MOB-2026-0003)")) {
            try CaseID.parse(text)
        }
    }

    @Test("exact messages")
    func messages() {
        #expect(throws: ValueError(code: "value.case_id", "Identifiant de dossier invalide « AAP-MOB-X » : attendu l'identifiant de l'appel, « - » et un numéro d'au moins 4 chiffres (ex. AAP-MOB-2026-0003)")) {
            try CaseID.parse("AAP-MOB-X")
        }
        #expect(throws: ValueError(code: "value.case_id", "Identifiant de dossier invalide « AAP-MOB-2026-00003 » : zéro de tête en trop, écrire « AAP-MOB-2026-0003 »")) {
            try CaseID.parse("AAP-MOB-2026-00003")
        }
        #expect(throws: ValueError(code: "value.case_id", "Identifiant de dossier invalide : aucun identifiant saisi (ex. AAP-MOB-2026-0003)")) {
            try CaseID.parse("")
        }
    }

    @Test("ordered by call then number")
    func order() throws {
        let ids = try ["AAP-B-10000", "AAP-B-9999", "AAP-A-0002", "AAP-B-0001"].map(CaseID.parse)
        #expect(ids.sorted().map(\.value) == ["AAP-A-0002", "AAP-B-0001", "AAP-B-9999", "AAP-B-10000"])
    }

    @Test("Codable")
    func codable() throws {
        let id = try CaseID.parse("aap-mob-2026-0003")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["AAP-MOB-2026-0003"]"#)
        let decoded = try JSONDecoder().decode([CaseID].self, from: data)
        #expect(decoded == [id])
        #expect(decoded.first?.number == 3)
        #expect(decoded.first?.callID.value == "AAP-MOB-2026")
        for json in [#""aap-mob-2026-0003""#, #""AAP-MOB-2026-00003""#, #""AAP-MOB""#, "3"] {
            #expect(throws: DecodingError.self, "\(json)") {
                try JSONDecoder().decode(CaseID.self, from: Data(json.utf8))
            }
        }
    }
}
