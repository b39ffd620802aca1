/// An object whose keys are data (member ids, state ids, criteria, case ids), in the order given.
struct KeyedValues<Value: Encodable>: Encodable {
    var pairs: [(key: String, value: Value)]

    init(_ pairs: [(key: String, value: Value)]) { self.pairs = pairs }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for (key, value) in pairs { try container.encode(value, forKey: JSONKey(key)) }
    }
}
