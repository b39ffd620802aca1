import Foundation
import Testing

/// A forged committee line, well chained (seq, prev, head.json all right) and signed with the
/// actor's own private key (so its signature is valid): `audit verify` decides it again against the
/// state before it and names it when its rules refuse it.
struct ForgedDecision: Sendable, CustomTestStringConvertible {
    let name: String
    let actor: String
    let caseID: String
    let awardedCents: Int
    /// Nil for the legal control line; else a fragment of the reason audit gives.
    let reason: String?

    var testDescription: String { name }

    /// The unsigned line, in the shape the store writes a `case.advanced` select (keys in this order, data keys sorted).
    func line(seq: Int, prev: String) -> String {
        #"{"seq":\#(seq),"prev":"\#(prev)","at":"2026-06-15T10:00:00Z","actor":"\#(actor)","type":"case.advanced","#
            + #""data":{"action":"select","case":"\#(caseID)","fields":{"awarded_amount_cents":\#(awardedCents)},"from":"proposed","to":"selected"}}"#
    }

    static let all: [ForgedDecision] = [
        ForgedDecision(name: "témoin : une sélection légale ajoutée à la main passe l'audit", actor: Staff.chair,
                       caseID: CommitteeFixture.garage, awardedCents: 3_000_000, reason: nil),
        ForgedDecision(name: "sélection sans quorum", actor: Staff.chair, caseID: CommitteeFixture.covoit, awardedCents: 2_000_000,
                       reason: "quorum non atteint : 1 membre(s) sans conflit d'intérêts ont noté ce dossier, 2 requis"),
        ForgedDecision(name: "sélection par un membre qui ne préside pas", actor: Staff.member1, caseID: CommitteeFixture.garage,
                       awardedCents: 3_000_000,
                       reason: "« membre.fabre » n'a pas le rôle président(e) du comité (au comité de l'appel AAP-MOB-2026) requis pour « select »"),
        ForgedDecision(name: "sélection au-delà de l'enveloppe", actor: Staff.chair, caseID: CommitteeFixture.garage,
                       awardedCents: 4_800_000, reason: "l'enveloppe restante (45 000,00 €) ne couvre pas 48 000,00 €"),
    ]
}

@Suite("Audit : chaque décision du comité est redécidée")
struct AuditRedecideTests {
    typealias F = CommitteeFixture

    @Test("Une ligne de sélection forgée mais bien chaînée : audit verify donne 65 et first_bad_seq = sa ligne",
          arguments: ForgedDecision.all)
    func forgedSelect(_ forged: ForgedDecision) throws {
        let ws = try Workspace(copying: F.committeeBase)
        // 24–26: the garage has its quorum (chair and member 1), the carpool only the chair's score.
        let setup = [F.score(F.garage, 4, 4), F.score(F.garage, 5, 3) + ["--as", Staff.member1], F.score(F.covoit, 5, 4)]
        try ws.ok(["batch", "-"], as: Staff.chair, stdin: Data((setup.map(BatchTests.jsonLine).joined(separator: "\n") + "\n").utf8))
        try ws.expectAuditPasses(events: 26)

        let lines = try ws.logLines()
        let previous = try #require(lines.last)
        // Signed by the actor it names, with their private key: only the rules can tell it apart.
        let line = try Forge.sign(forged.line(seq: 27, prev: TestSHA256.hex(previous)), as: forged.actor)
        #expect(Forge.unsigned(line) == forged.line(seq: 27, prev: TestSHA256.hex(previous)))
        // The shape is the store's own: the last line written by the product has the same keys in the same order.
        let real = String(decoding: previous, as: UTF8.self)
        #expect(real.hasPrefix(#"{"seq":26,"prev":""#) && real.contains(#"","at":"2026-06-15T10:00:00Z","actor":"chair.durand","type":"case.advanced","data":{"action":"score","case":"#),
                "\(real)")
        #expect(real.hasSuffix(#""}"#) && real.contains(#"},"sig":""#), "\(real)")
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: ws.logDirectory.path)
            .filter { $0.hasSuffix(".jsonl") }.sorted().last)
        let handle = try FileHandle(forWritingTo: ws.logDirectory.appendingPathComponent(segment))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
        try handle.close()
        let head = #"{"seq":27,"hash":"\#(TestSHA256.hex(Data(line.utf8)))"}"#
        try Data(head.utf8).write(to: ws.store.appendingPathComponent("head.json"))
        try LogCheck.chain(try ws.logLines())

        guard let reason = forged.reason else {
            try ws.expectAuditPasses(events: 27)
            #expect(try ws.show(F.garage)["state"].string == "selected")
            return
        }
        let result = try ws.run(["audit", "verify", "--json"])
        #expect(result.code == 65, "\(result)")
        let report = try result.json
        #expect(report["ok"].bool == false, "\(result)")
        #expect(report["events"].int == 27, "\(result)")
        #expect(report["first_bad_seq"].int == 27, "\(result)")
        let text = try #require(report["reason"].string)
        #expect(text.contains(reason), "\(text)")
        #expect(text.contains("27"), "\(text)")
        #expect(result.stderrIsOneLine, "\(result)")
        #expect(FrenchLine.looksFrench(result.errorLine), "\(result)")
        let human = try ws.run(["audit", "verify"])
        #expect(human.code == 65, "\(human)")
        #expect(human.errorLine.contains("27"), "\(human)")
    }
}
