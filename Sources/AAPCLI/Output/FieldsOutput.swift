import AAPDomain

/// A case's or an event's fields as JSON, by name, money under `<field>_cents` as in the log.
struct FieldsOutput: Encodable {
    let fields: [String: FieldValue]

    init(_ fields: [String: FieldValue]) { self.fields = fields }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for key in fields.keys.sorted() {
            switch fields[key] {
            case .money(let m)?: try container.encode(m, forKey: JSONKey(key + "_cents"))
            case .integer(let n)?: try container.encode(n, forKey: JSONKey(key))
            case .string(let s)?: try container.encode(s, forKey: JSONKey(key))
            case nil: break
            }
        }
    }
}
