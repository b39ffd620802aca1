/// A JSON value for the decoder tests: keeps member order, duplicate keys and the exact text of
/// numbers, so that tests can take a log line apart, change one thing and write it back.
indirect enum TestJSON: Equatable {
    case object([Member])
    case array([TestJSON])
    case string(String)
    /// A number as written (`12`, `-0`, `1.5e3`).
    case number(String)
    case bool(Bool)
    case null

    struct Member: Equatable {
        var key: String
        var value: TestJSON
    }

    /// How strings are written back.
    struct Style {
        /// Every non-ASCII character as `\uXXXX` (surrogate pairs above U+FFFF).
        var escapeNonASCII = false
        /// Every ASCII letter and digit as `\u00XX` too.
        var escapeASCII = false
        /// `/` as `\/`.
        var escapeSlash = false
        /// White space between all tokens.
        var spaced = false
    }

    /// The value written back as JSON text.
    func text(_ style: Style = Style()) -> String {
        var output = ""
        write(to: &output, style)
        return output
    }

    private func write(to output: inout String, _ style: Style) {
        let gap = style.spaced ? " \n\t " : ""
        switch self {
        case .object(let members):
            output += "{" + gap
            for (index, member) in members.enumerated() {
                if index > 0 { output += gap + "," + gap }
                Self.writeString(member.key, to: &output, style)
                output += gap + ":" + gap
                member.value.write(to: &output, style)
            }
            output += gap + "}"
        case .array(let elements):
            output += "[" + gap
            for (index, element) in elements.enumerated() {
                if index > 0 { output += gap + "," + gap }
                element.write(to: &output, style)
            }
            output += gap + "]"
        case .string(let text): Self.writeString(text, to: &output, style)
        case .number(let text): output += text
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    private static func writeString(_ text: String, to output: inout String, _ style: Style) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "/": output += style.escapeSlash ? "\\/" : "/"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20
                    || (scalar.value >= 0x80 && style.escapeNonASCII)
                    || (style.escapeASCII && scalar.properties.isAlphabetic && scalar.isASCII)
                    || (style.escapeASCII && ("0" ... "9").contains(scalar)) {
                    for unit in String(scalar).utf16 {
                        output += "\\u" + hex4(unit)
                    }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    // MARK: Strict parsing

    /// Parses `bytes` as strict RFC 8259 JSON (no trailing comma, no lone surrogate, valid UTF-8,
    /// nothing after the value but white space); nil when it is not.
    static func parse(_ bytes: [UInt8]) -> TestJSON? {
        var parser = Parser(bytes: bytes)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhitespace()
        return parser.index == bytes.count ? value : nil
    }

    /// Whether some object in the value has two members with the same key, or some number has a
    /// fraction or an exponent: what the fast decoder may refuse where `JSONDecoder` does not.
    var hasWhatTheFastDecoderMayRefuse: Bool {
        switch self {
        case .object(let members):
            let keys = members.map(\.key)
            return Set(keys).count != keys.count
                || members.contains { $0.value.hasWhatTheFastDecoderMayRefuse }
        case .array(let elements): return elements.contains { $0.hasWhatTheFastDecoderMayRefuse }
        case .number(let text): return text.contains { $0 == "." || $0 == "e" || $0 == "E" }
        case .string, .bool, .null: return false
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func value(depth: Int) -> TestJSON? {
            guard depth < 512 else { return nil }
            skipWhitespace()
            guard let byte = peek else { return nil }
            switch byte {
            case UInt8(ascii: "{"):
                index += 1
                var members: [Member] = []
                skipWhitespace()
                if peek == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipWhitespace()
                    guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
                    skipWhitespace()
                    guard peek == UInt8(ascii: ":") else { return nil }
                    index += 1
                    guard let value = value(depth: depth + 1) else { return nil }
                    members.append(Member(key: key, value: value))
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") { index += 1; continue }
                    guard peek == UInt8(ascii: "}") else { return nil }
                    index += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [TestJSON] = []
                skipWhitespace()
                if peek == UInt8(ascii: "]") { index += 1; return .array(elements) }
                while true {
                    guard let element = value(depth: depth + 1) else { return nil }
                    elements.append(element)
                    skipWhitespace()
                    if peek == UInt8(ascii: ",") { index += 1; continue }
                    guard peek == UInt8(ascii: "]") else { return nil }
                    index += 1
                    return .array(elements)
                }
            case UInt8(ascii: "\""): return string().map(TestJSON.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ value: TestJSON) -> TestJSON? {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index ..< index + expected.count]) == expected else { return nil }
            index += expected.count
            return value
        }

        mutating func number() -> TestJSON? {
            let start = index
            func digits() -> Bool {
                let first = index
                while let byte = peek, byte >= 0x30, byte <= 0x39 { index += 1 }
                return index > first
            }
            if peek == UInt8(ascii: "-") { index += 1 }
            if peek == UInt8(ascii: "0") {
                index += 1
            } else {
                guard let byte = peek, byte >= 0x31, byte <= 0x39, digits() else { return nil }
            }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard digits() else { return nil }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard digits() else { return nil }
            }
            return .number(String(decoding: bytes[start ..< index], as: UTF8.self))
        }

        /// A string from its opening quote; nil for raw control characters, bad escapes, lone
        /// surrogates or invalid UTF-8.
        mutating func string() -> String? {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flushRaw() -> Bool {
                guard !raw.isEmpty else { return true }
                guard let text = String(validating: raw, as: UTF8.self) else { return false }
                scalars.append(contentsOf: text.unicodeScalars)
                raw.removeAll()
                return true
            }
            while let byte = peek {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard flushRaw() else { return nil }
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    guard flushRaw(), let escape = peek else { return nil }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard let first = hex4() else { return nil }
                        if (0xD800 ... 0xDBFF).contains(first) {
                            guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                            index += 2
                            guard let second = hex4(), (0xDC00 ... 0xDFFF).contains(second),
                                  let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                            else { return nil }
                            scalars.append(scalar)
                        } else {
                            guard let scalar = Unicode.Scalar(first) else { return nil }
                            scalars.append(scalar)
                        }
                    default: return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    raw.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count,
                  let value = UInt32(String(decoding: bytes[index ..< index + 4], as: UTF8.self), radix: 16),
                  bytes[index ..< index + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
            else { return nil }
            index += 4
            return value
        }
    }
}
