import Foundation
import Testing

/// One byte to change in the data part of line K of the log, chosen so that the line stays plausible
/// (a digit of an amount, a letter of a name or a title).
struct Tampering: Sendable, CustomTestStringConvertible {
    let seq: Int
    /// The byte right after this marker (searched after `"data":`) is changed.
    let marker: String
    let what: String

    var testDescription: String { "ligne \(seq) : \(what)" }

    /// In the 14-event tamper store (see ``SharedStores/tamperBase``).
    static let all: [Tampering] = [
        Tampering(seq: 1, marker: "\"name\":\"", what: "nom de l'administrateur"),
        Tampering(seq: 6, marker: "\"actor\":\"", what: "identifiant d'un acteur enregistré"),
        Tampering(seq: 9, marker: "\"envelope_cents\":", what: "un chiffre de l'enveloppe"),
        Tampering(seq: 12, marker: "\"amount_requested_cents\":", what: "un chiffre du montant demandé"),
        Tampering(seq: 13, marker: "\"title\":\"", what: "une lettre de l'intitulé"),
        Tampering(seq: 14, marker: "\"case\":\"", what: "dernière ligne : l'identifiant du dossier"),
    ]

    /// Changes one byte of line `seq` (1-based) of the segment, keeping its length and its newline.
    func apply(to segment: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: segment))
        let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
        let start = seq == 1 ? 0 : newlines[seq - 2] + 1
        let end = newlines[seq - 1]
        let line = Array(bytes[start..<end])
        let data = try #require(Self.find(Array("\"data\":".utf8), in: line, from: 0), "pas de data ligne \(seq)")
        let at = try #require(Self.find(Array(marker.utf8), in: line, from: data), "marqueur \(marker) absent ligne \(seq)")
        let index = start + at + marker.utf8.count
        bytes[index] = Self.changed(bytes[index])
        try Data(bytes).write(to: segment)
    }

    static func changed(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "8"), UInt8(ascii: "a")...UInt8(ascii: "y"), UInt8(ascii: "A")...UInt8(ascii: "Y"):
            return byte + 1
        case UInt8(ascii: "9"): return UInt8(ascii: "1")
        case UInt8(ascii: "z"): return UInt8(ascii: "a")
        case UInt8(ascii: "Z"): return UInt8(ascii: "A")
        default: return byte ^ 0x01
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

@Suite("Détection des altérations du journal")
struct TamperTests {
    static let events = 14

    @Test("Le magasin de référence est intact (14 événements)")
    func baseIsIntact() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let verify = try ws.okJSON(["audit", "verify"])
        #expect(verify["ok"].bool == true)
        #expect(verify["events"].int == Self.events)
        let lines = try ws.logLines()
        #expect(lines.count == Self.events)
        try LogCheck.chain(lines)
        #expect(verify["head"].string == TestSHA256.hex(try #require(lines.last)))
    }

    @Test("Un octet changé dans la ligne K : audit verify donne 65 et first_bad_seq == K", arguments: Tampering.all)
    func flippedByte(_ tampering: Tampering) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let original = try Data(contentsOf: ws.firstSegment)
        try tampering.apply(to: ws.firstSegment)
        let altered = try Data(contentsOf: ws.firstSegment)
        #expect(altered.count == original.count)
        #expect(zip(altered, original).filter { $0 != $1 }.count == 1)

        let result = try ws.run(["audit", "verify", "--json"])
        #expect(result.code == 65, "\(result)")
        let report = try result.json
        #expect(report["ok"].bool == false, "\(result)")
        #expect(report["first_bad_seq"].int == tampering.seq, "\(result)")
        #expect(report["reason"].string?.isEmpty == false)
        #expect(result.stderrIsOneLine, "\(result)")
        #expect(FrenchLine.looksFrench(result.errorLine), "\(result)")
        // Without --json: the same verdict in one French line.
        let human = try ws.run(["audit", "verify"])
        #expect(human.code == 65, "\(human)")
        #expect(human.errorLine.contains("\(tampering.seq)"), "\(human)")
    }

    @Test("Ligne K supprimée : first_bad_seq == K", arguments: [1, 7, 14])
    func deletedLine(_ seq: Int) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logLines()
        lines.remove(at: seq - 1)
        try Data(lines.map { $0 + Data([0x0A]) }.joined()).write(to: ws.firstSegment)
        let result = try ws.run(["audit", "verify", "--json"])
        #expect(result.code == 65, "\(result)")
        #expect(try result.json["first_bad_seq"].int == seq, "\(result)")
        #expect(try result.json["ok"].bool == false)
    }

    @Test("Une ligne insérée qui se dit seq 0 : l'audit, l'historique et les exports la voient et refusent (65)")
    func lineClaimingSeqZero() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logLines()
        let copy = String(decoding: lines[4], as: UTF8.self).replacingOccurrences(of: #"{"seq":5,"#, with: #"{"seq":0,"#)
        lines.insert(Data(copy.utf8), at: 7)
        try Data(lines.map { $0 + Data([0x0A]) }.joined()).write(to: ws.firstSegment)
        let audit = try ws.run(["audit", "verify", "--json"])
        #expect(audit.code == 65, "\(audit)")
        #expect(try audit.json["first_bad_seq"].int == 8, "\(audit)")
        for arguments in [["case", "history", "AAP-MOB-2026-0001"], ["export", "cases"], ["audit", "replay"]] {
            let result = try ws.run(arguments)
            #expect(result.code == 65, "\(result)")
            #expect(result.errorLine.contains("8"), "\(result)")
        }
    }

    @Test("Deux lignes échangées : first_bad_seq est la première des deux")
    func swappedLines() throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        var lines = try ws.logLines()
        lines.swapAt(9, 10)  // seq 10 and 11
        try Data(lines.map { $0 + Data([0x0A]) }.joined()).write(to: ws.firstSegment)
        let result = try ws.run(["audit", "verify", "--json"])
        #expect(result.code == 65, "\(result)")
        #expect(try result.json["first_bad_seq"].int == 10, "\(result)")
    }

    @Test("Sur un journal altéré au milieu, toute écriture est refusée (65) sans rien écrire",
          arguments: ["flip", "delete"])
    func writesRefusedOnDamagedLog(_ damage: String) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        if damage == "flip" {
            try Tampering(seq: 9, marker: "\"envelope_cents\":", what: "enveloppe").apply(to: ws.firstSegment)
        } else {
            var lines = try ws.logLines()
            lines.remove(at: 6)
            try Data(lines.map { $0 + Data([0x0A]) }.joined()).write(to: ws.firstSegment)
        }
        let writes: [([String], String)] = [
            (ws.advanceArguments("AAP-MOB-2026-0002", "start-review"), Staff.instructor),
            (ws.submitArguments(), Staff.instructor),
            (["actor", "add", "fin.moreau", "--role", "finance"], Staff.admin),
            (["call", "advance", "AAP-MOB-2026", "close"], Staff.manager),
        ]
        for (arguments, actor) in writes {
            let result = try ws.refused(arguments, as: actor, code: 65)
            #expect(result.errorLine.contains(damage == "flip" ? "9" : "7"), "\(result)")
        }
    }

    @Test("Fin de journal déchirée : l'écriture suivante la met en quarantaine et le journal reste vérifiable",
          arguments: ["{\"seq\":15,\"prev\":\"00ab", "{\"seq\":15,\"prev\":\"é", "xx"])
    func tornTail(_ torn: String) throws {
        let ws = try Workspace(copying: SharedStores.tamperBase)
        let original = try Data(contentsOf: ws.firstSegment)
        let tornBytes = Data(torn.utf8)
        let handle = try FileHandle(forWritingTo: ws.firstSegment)
        try handle.seekToEnd()
        try handle.write(contentsOf: tornBytes)
        try handle.close()

        let result = try ws.run(ws.advanceArguments("AAP-MOB-2026-0002", "start-review"), as: Staff.instructor)
        #expect(result.code == 0, "\(result)")
        #expect(result.stderrIsOneLine, "\(result)")
        #expect(result.errorLine.contains("quarantine"), "\(result)")
        #expect(result.errorLine.contains("\(tornBytes.count) octets"), "\(result)")

        let quarantine = ws.store.appendingPathComponent("quarantine")
        let names = try FileManager.default.contentsOfDirectory(atPath: quarantine.path)
        #expect(names.count == 1, "\(names)")
        let kept = try Data(contentsOf: quarantine.appendingPathComponent(try #require(names.first)))
        #expect(kept == tornBytes)

        // The log is the intact prefix plus the new event, nothing of the torn bytes.
        let now = try Data(contentsOf: ws.firstSegment)
        #expect(now.prefix(original.count) == original)
        #expect(now.last == 0x0A)
        let lines = try ws.logLines()
        #expect(lines.count == Self.events + 1)
        try LogCheck.chain(lines)
        let verify = try ws.okJSON(["audit", "verify"])
        #expect(verify["ok"].bool == true)
        #expect(verify["events"].int == Self.events + 1)
        #expect(try ws.show("AAP-MOB-2026-0002")["state"].string == "in_review")
    }
}
