extension JSONValue: Encodable {
    /// Encodes the document through any encoder (``JSONValueEncoder`` takes it as it is).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .int(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .double(let d):
            var c = encoder.singleValueContainer()
            try c.encode(d)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let pairs):
            var c = encoder.container(keyedBy: JSONKey.self)
            for (key, value) in pairs { try c.encode(value, forKey: JSONKey(key)) }
        }
    }
}
