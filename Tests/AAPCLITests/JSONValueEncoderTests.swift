import AAPDomain
import Foundation
import Testing
@testable import AAPCLI

/// The encoder behind every `--json` output: key order, optionals, numbers, escapes, rendered text.
@Suite("Encodeur JSONValue")
struct JSONValueEncoderTests {
    struct Inner: Encodable {
        let name: String
        let weight: Int
    }

    struct Outer: Encodable {
        let zeta: String
        let alpha: Int
        let firstBadSeq: Int64
        let ok: Bool
        let score: Double
        let envelopeCents: Money
        let items: [Inner]
        let nested: [[Int]]
        let omitted: String?
        let present: String?
        @Nullable var written: String?
        @Nullable var shown: Double?
        let byMember: KeyedValues<Int>
        let raw: JSONValue
    }

    @Test("les clés suivent l'ordre d'encodage, en snake_case, les clés de données telles quelles")
    func wholeDocument() throws {
        let value = Outer(
            zeta: "dernier \"guillemet\" \\ barre\nligne\ttab\u{01}", alpha: -3, firstBadSeq: 42, ok: true, score: 3.456,
            envelopeCents: Money(cents: 12_345_600), items: [Inner(name: "pertinence", weight: 60), Inner(name: "impact", weight: 40)],
            nested: [[1, 2], []], omitted: nil, present: "là", written: nil, shown: 2.5,
            byMember: KeyedValues([(key: "membre.fabre", value: 2), (key: "chairDurand", value: 1)]),
            raw: .object([("b", .null), ("a", .array([]))])
        )
        let expected = """
        {
          "zeta": "dernier \\"guillemet\\" \\\\ barre\\nligne\\ttab\\u0001",
          "alpha": -3,
          "first_bad_seq": 42,
          "ok": true,
          "score": 3.46,
          "envelope_cents": 12345600,
          "items": [
            {
              "name": "pertinence",
              "weight": 60
            },
            {
              "name": "impact",
              "weight": 40
            }
          ],
          "nested": [
            [
              1,
              2
            ],
            []
          ],
          "present": "là",
          "written": null,
          "shown": 2.5,
          "by_member": {
            "membre.fabre": 2,
            "chairDurand": 1
          },
          "raw": {
            "b": null,
            "a": []
          }
        }
        """
        #expect(try JSONValueEncoder().encode(value).rendered() == expected)
    }

    @Test("valeurs seules, tableaux vides, objet vide, compact")
    func scalars() throws {
        let encoder = JSONValueEncoder()
        #expect(try encoder.encode(7) == .int(7))
        #expect(try encoder.encode("x") == .string("x"))
        #expect(try encoder.encode(false) == .bool(false))
        #expect(try encoder.encode(1.0).rendered() == "1.0")
        #expect(try encoder.encode([Int]()).rendered() == "[]")
        #expect(try encoder.encode(KeyedValues<Int>([])).rendered() == "{}")
        #expect(try encoder.encode(Inner(name: "a", weight: 1)).rendered(compact: true) == #"{"name":"a","weight":1}"#)
        #expect(try encoder.encode([String?.none, "b"]).rendered(compact: true) == #"[null,"b"]"#)
    }

    @Test("asIs garde les clés telles qu'écrites (format publié)")
    func asIsKeys() throws {
        struct Grant: Encodable { let amountAwarded: Int }
        #expect(try JSONValueEncoder(keys: .asIs).encode(Grant(amountAwarded: 5)).rendered(compact: true) == #"{"amountAwarded":5}"#)
        #expect(JSONValueEncoder.snakeCased("workflowVersion") == "workflow_version")
    }

    @Test("un encode(to:) qui ajoute ses clés à celles d'un autre type n'en fait qu'un objet")
    func mergedObjects() throws {
        struct Extended: Encodable {
            let base: Inner
            let extra: Bool
            enum CodingKeys: String, CodingKey { case extra }
            func encode(to encoder: any Encoder) throws {
                try base.encode(to: encoder)
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(extra, forKey: .extra)
            }
        }
        let json = try JSONValueEncoder().encode(Extended(base: Inner(name: "n", weight: 2), extra: true))
        #expect(json.rendered(compact: true) == #"{"name":"n","weight":2,"extra":true}"#)
    }
}
