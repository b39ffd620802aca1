import Foundation

/// Turns any `Encodable` into a ``JSONValue``, keeping object keys in the order they are encoded.
///
/// Synthesized conformances encode properties in declaration order and omit `nil` optionals
/// (`encodeIfPresent`); a property that must appear as `null` is declared ``Nullable``. Integers
/// become `.int`, floating-point numbers `.double`, and a `JSONValue` is taken as it is. With
/// `.snakeCase` (the CLI's outputs), a Swift property name `firstBadSeq` is written `first_bad_seq`;
/// keys that are data (``JSONKey``: member ids, state ids, criteria) are written as they are.
struct JSONValueEncoder {
    /// How property names become JSON keys.
    enum KeyStyle {
        /// `firstBadSeq` → `first_bad_seq`.
        case snakeCase
        /// The coding key as it is (a published format's own spelling).
        case asIs
    }

    var keys: KeyStyle = .snakeCase

    /// The value as a JSON document.
    func encode(_ value: some Encodable) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        let encoder = TreeEncoder(codingPath: [], keys: keys)
        try value.encode(to: encoder)
        return encoder.storage.value
    }

    /// The value as JSON text, pretty-printed as ``JSONValue/rendered(compact:)`` does.
    func text(of value: some Encodable) throws -> String {
        try encode(value).rendered()
    }

    /// `firstBadSeq` → `first_bad_seq`.
    static func snakeCased(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                if !out.isEmpty { out.append("_") }
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// A mutable slot of the tree being built, shared by an encoder and the containers it hands out.
private final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case object([(String, Slot)])
        case array([Slot])
    }

    var content: Content = .empty

    var value: JSONValue {
        switch content {
        case .empty: return .object([])
        case .value(let v): return v
        case .object(let pairs): return .object(pairs.map { ($0.0, $0.1.value) })
        case .array(let items): return .array(items.map(\.value))
        }
    }

    /// A child slot under `key`, reusing an existing one (nested containers asked twice for the same key).
    func child(forKey key: String) -> Slot {
        var pairs: [(String, Slot)]
        if case .object(let existing) = content { pairs = existing } else { pairs = [] }
        if let found = pairs.first(where: { $0.0 == key }) { return found.1 }
        let slot = Slot()
        pairs.append((key, slot))
        content = .object(pairs)
        return slot
    }

    func appendChild() -> Slot {
        var items: [Slot]
        if case .array(let existing) = content { items = existing } else { items = [] }
        let slot = Slot()
        items.append(slot)
        content = .array(items)
        return slot
    }

    func becomeObject() { if case .object = content {} else { content = .object([]) } }
    func becomeArray() { if case .array = content {} else { content = .array([]) } }

    var count: Int {
        if case .array(let items) = content { return items.count }
        return 0
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) { intValue = index; stringValue = "Index \(index)" }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.init(intValue) }
}

private final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let storage: Slot
    let keys: JSONValueEncoder.KeyStyle

    init(codingPath: [any CodingKey], keys: JSONValueEncoder.KeyStyle, storage: Slot = Slot()) {
        self.codingPath = codingPath
        self.keys = keys
        self.storage = storage
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        storage.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(slot: storage, codingPath: codingPath, keys: keys))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.becomeArray()
        return UnkeyedContainer(slot: storage, codingPath: codingPath, keys: keys)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(slot: storage, codingPath: codingPath, keys: keys)
    }
}

/// Writes one value (of any kind) into a slot.
private func put(_ value: some Encodable, into slot: Slot, codingPath: [any CodingKey], keys: JSONValueEncoder.KeyStyle) throws {
    if let json = value as? JSONValue { slot.content = .value(json); return }
    let encoder = TreeEncoder(codingPath: codingPath, keys: keys, storage: slot)
    try value.encode(to: encoder)
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]
    let keys: JSONValueEncoder.KeyStyle

    /// The slot of a key, named as the key style says (data keys as they are).
    private func child(_ key: Key) -> Slot {
        let name = keys == .snakeCase && !(key is JSONKey) ? JSONValueEncoder.snakeCased(key.stringValue) : key.stringValue
        return slot.child(forKey: name)
    }

    func encodeNil(forKey key: Key) throws { child(key).content = .value(.null) }
    func encode(_ value: Bool, forKey key: Key) throws { child(key).content = .value(.bool(value)) }
    func encode(_ value: String, forKey key: Key) throws { child(key).content = .value(.string(value)) }
    func encode(_ value: Double, forKey key: Key) throws { child(key).content = .value(.double(value)) }
    func encode(_ value: Float, forKey key: Key) throws { child(key).content = .value(.double(Double(value))) }
    func encode(_ value: Int, forKey key: Key) throws { child(key).content = .value(.int(Int64(value))) }
    func encode(_ value: Int64, forKey key: Key) throws { child(key).content = .value(.int(value)) }
    func encode(_ value: Int8, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: Int16, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: Int32, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt8, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt16, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt32, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt64, forKey key: Key) throws { try SingleContainer(slot: child(key), codingPath: codingPath, keys: keys).encode(value) }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try put(value, into: child(key), codingPath: codingPath + [key], keys: keys)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = child(key)
        child.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(slot: child, codingPath: codingPath + [key], keys: keys))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = child(key)
        child.becomeArray()
        return UnkeyedContainer(slot: child, codingPath: codingPath + [key], keys: keys)
    }

    func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath, keys: keys, storage: slot.child(forKey: "super")) }
    func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(codingPath: codingPath + [key], keys: keys, storage: child(key))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    let keys: JSONValueEncoder.KeyStyle
    var count: Int { slot.count }

    private var nextPath: [any CodingKey] { codingPath + [IndexKey(count)] }

    func encodeNil() throws { slot.appendChild().content = .value(.null) }
    func encode(_ value: Bool) throws { slot.appendChild().content = .value(.bool(value)) }
    func encode(_ value: String) throws { slot.appendChild().content = .value(.string(value)) }
    func encode(_ value: Double) throws { slot.appendChild().content = .value(.double(value)) }
    func encode(_ value: Float) throws { slot.appendChild().content = .value(.double(Double(value))) }
    func encode(_ value: Int) throws { slot.appendChild().content = .value(.int(Int64(value))) }
    func encode(_ value: Int64) throws { slot.appendChild().content = .value(.int(value)) }
    func encode(_ value: Int8) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: Int16) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: Int32) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt8) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt16) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt32) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode(_ value: UInt64) throws { try SingleContainer(slot: slot.appendChild(), codingPath: codingPath, keys: keys).encode(value) }
    func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try put(value, into: slot.appendChild(), codingPath: path, keys: keys)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        let child = slot.appendChild()
        child.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(slot: child, codingPath: path, keys: keys))
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        let child = slot.appendChild()
        child.becomeArray()
        return UnkeyedContainer(slot: child, codingPath: path, keys: keys)
    }

    func superEncoder() -> any Encoder {
        let path = nextPath
        return TreeEncoder(codingPath: path, keys: keys, storage: slot.appendChild())
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    let keys: JSONValueEncoder.KeyStyle

    func encodeNil() throws { slot.content = .value(.null) }
    func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    func encode(_ value: Double) throws { slot.content = .value(.double(value)) }
    func encode(_ value: Float) throws { slot.content = .value(.double(Double(value))) }
    func encode(_ value: Int) throws { slot.content = .value(.int(Int64(value))) }
    func encode(_ value: Int8) throws { slot.content = .value(.int(Int64(value))) }
    func encode(_ value: Int16) throws { slot.content = .value(.int(Int64(value))) }
    func encode(_ value: Int32) throws { slot.content = .value(.int(Int64(value))) }
    func encode(_ value: Int64) throws { slot.content = .value(.int(value)) }
    func encode(_ value: UInt) throws { slot.content = .value(.int(Int64(clamping: value))) }
    func encode(_ value: UInt8) throws { slot.content = .value(.int(Int64(value))) }
    func encode(_ value: UInt16) throws { slot.content = .value(.int(Int64(value))) }
    func encode(_ value: UInt32) throws { slot.content = .value(.int(Int64(value))) }
    func encode(_ value: UInt64) throws { slot.content = .value(.int(Int64(clamping: value))) }
    func encode<T: Encodable>(_ value: T) throws { try put(value, into: slot, codingPath: codingPath, keys: keys) }
}
