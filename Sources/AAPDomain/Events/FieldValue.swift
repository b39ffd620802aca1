import Foundation

/// A value recorded by an action, self-describing on disk without the workflow file.
///
/// Money is written as integer cents under the key `<field>_cents`; integers and scores as JSON
/// numbers; text, enum values and dates as strings.
public enum FieldValue: Sendable, Equatable, Hashable, Codable {
    case string(String)
    case integer(Int64)
    case money(Money)

    /// The text that `--set` would take to record this value again (used by the audit).
    public var inputText: String {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        case .money(let money): money.inputText
        }
    }

    /// The value as people read it.
    public var displayText: String {
        switch self {
        case .string(let text): CalendarDate.isISO(text).map(\.french) ?? text
        case .integer(let number): String(number)
        case .money(let money): money.formatted
        }
    }

    public var money: Money? { if case .money(let m) = self { m } else { nil } }

    private enum CodingKeys: String, CodingKey { case string, integer, money }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try c.decodeIfPresent(String.self, forKey: .string) {
            self = .string(text)
        } else if let number = try c.decodeIfPresent(Int64.self, forKey: .integer) {
            self = .integer(number)
        } else {
            self = .money(try c.decode(Money.self, forKey: .money))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .string(let text): try c.encode(text, forKey: .string)
        case .integer(let number): try c.encode(number, forKey: .integer)
        case .money(let money): try c.encode(money, forKey: .money)
        }
    }
    public var integer: Int64? { if case .integer(let n) = self { n } else { nil } }
    public var string: String? { if case .string(let s) = self { s } else { nil } }
}

extension CalendarDate {
    /// The date written in `text` when it is an ISO date, else nil.
    static func isISO(_ text: String) -> CalendarDate? {
        guard text.count == 10 else { return nil }
        return try? CalendarDate.parse(text)
    }
}

/// The fields an event records, keyed by field id.
public struct Fields: Sendable, Equatable, Codable {
    public var values: [String: FieldValue]

    public init(_ values: [String: FieldValue] = [:]) { self.values = values }

    public subscript(_ id: String) -> FieldValue? {
        get { values[id] }
        set { values[id] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var values: [String: FieldValue] = [:]
        for key in container.allKeys {
            let name = key.stringValue
            if name.hasSuffix("_cents") {
                let cents = try container.decode(Int64.self, forKey: key)
                values[String(name.dropLast("_cents".count))] = .money(Money(cents: cents))
            } else if let number = try? container.decode(Int64.self, forKey: key) {
                values[name] = .integer(number)
            } else {
                values[name] = .string(try container.decode(String.self, forKey: key))
            }
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for (name, value) in values {
            switch value {
            case .string(let text): try container.encode(text, forKey: AnyCodingKey(stringValue: name))
            case .integer(let number): try container.encode(number, forKey: AnyCodingKey(stringValue: name))
            case .money(let money): try container.encode(money.cents, forKey: AnyCodingKey(stringValue: name + "_cents"))
            }
        }
    }
}
