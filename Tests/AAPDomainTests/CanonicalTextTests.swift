import Testing
@testable import AAPDomain

/// `init?(canonical:)` of the value types accepts exactly the text that `parse` accepts and gives
/// back unchanged (what decoding a stored value accepts), and gives the same value.
@Suite("Reading values from their canonical text")
struct CanonicalTextTests {
    /// What `init(from:)` does with `text`: parse it, then refuse it unless it is already canonical.
    private static func decoded<Value>(_ text: String, _ parse: (String) throws -> Value, _ canonical: (Value) -> String) -> Value? {
        guard let value = try? parse(text), canonical(value) == text else { return nil }
        return value
    }

    /// Texts around each type's rules: valid ids, near misses, white space, case, non-ASCII look-alikes.
    private static func texts(seed: UInt64, count: Int) -> [String] {
        let pieces = [
            "a", "z", "A", "Z", "0", "9", "-", ".", "_", " ", "\u{A0}", "\u{202F}", "\t", "é", "É", "e\u{301}",
            "\u{212A}", "W", "REG", "2A", "09", "971", "AAP-MOB-2026", "-0003", "-0000", "-00003", "-123456789",
            "-1234567890", "admin.dreets", "35600000000048", "73282932000074", "\r\n", "\n", "€",
        ]
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var texts = pieces + [String(repeating: "a", count: 64), String(repeating: "a", count: 65),
                              String(repeating: "A", count: 64), String(repeating: "A", count: 65) + "-0001", ""]
        for _ in 0 ..< count {
            texts.append((0 ..< next(6)).map { _ in pieces[next(pieces.count)] }.joined())
        }
        return texts
    }

    @Test("ActorID", arguments: [1, 2, 3] as [UInt64])
    func actorID(seed: UInt64) {
        for text in Self.texts(seed: seed, count: 3_000) {
            #expect(ActorID(canonical: text) == Self.decoded(text, ActorID.parse, \.value), "\(text.debugDescription)")
        }
    }

    @Test("CallID", arguments: [1, 2, 3] as [UInt64])
    func callID(seed: UInt64) {
        for text in Self.texts(seed: seed, count: 3_000) {
            #expect(CallID(canonical: text) == Self.decoded(text, CallID.parse, \.value), "\(text.debugDescription)")
        }
    }

    @Test("CaseID", arguments: [1, 2, 3] as [UInt64])
    func caseID(seed: UInt64) {
        var texts = Self.texts(seed: seed, count: 3_000)
        texts += ["AAP-MOB-2026-0003", "AAP-MOB-2026-0000", "AAP-MOB-2026-00003", "AAP-MOB-2026-10003",
                  "AAP-MOB-2026-999999999", "AAP-MOB-2026-0999999999", "AAP-MOB-2026-003", "aap-mob-2026-0003",
                  "AB-0003", "ABC-0003", "-ABC-0003", "ABC--0003", "ABC-0003-", "ABC-00\u{301}03"]
        for text in texts {
            #expect(CaseID(canonical: text) == Self.decoded(text, CaseID.parse, \.value), "\(text.debugDescription)")
        }
    }

    @Test("Siret", arguments: [1, 2, 3] as [UInt64])
    func siret(seed: UInt64) {
        var texts = Self.texts(seed: seed, count: 1_000)
        texts += (0 ..< 2_000).map { index in String(String(index &* 7_919 &+ Int(seed) &* 104_729).suffix(5)) }
            .map { "732829320" + $0 }
        texts += ["35600000000048", "35600000000049", "35600000000050", "356 000 000 00048", "3560000000004", "356000000000489"]
        for text in texts {
            #expect(Siret(canonical: text) == Self.decoded(text, { try Siret.parse($0, rule: .recorded) }, \.value), "\(text.debugDescription)")
        }
    }

    @Test("DepartementCode", arguments: [1, 2, 3] as [UInt64])
    func departement(seed: UInt64) {
        var texts = Self.texts(seed: seed, count: 3_000)
        texts += DepartementCode.all.map(\.code) + ["9", "2a", "reg", "975", "20", "00", " 09"]
        for text in texts {
            #expect(DepartementCode(canonical: text) == Self.decoded(text, DepartementCode.parse, \.code), "\(text.debugDescription)")
        }
    }
}
