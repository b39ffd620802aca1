/// Small text helpers shared by the value types (internal).
enum ValueText {
    /// The longest input echoed back in a message, in characters.
    static let quoteLimit = 40

    /// `text` between French guillemets, made safe for a one-line message.
    ///
    /// Control characters become U+FFFD and inputs longer than `quoteLimit` are cut with `…`,
    /// so a message stays one line whatever the input was.
    static func quoted(_ text: String) -> String {
        var shown = ""
        var count = 0
        for character in text {
            if count == quoteLimit {
                shown += "…"
                break
            }
            if character.unicodeScalars.contains(where: isControl) {
                shown += "\u{FFFD}"
            } else {
                shown.append(character)
            }
            count += 1
        }
        return "« \(shown) »"
    }

    /// `text` without leading and trailing white space (including U+00A0 and U+202F).
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }

    /// Whether `scalar` is a Unicode control character: C0 (U+0000–U+001F), DEL or C1 (U+0080–U+009F).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// Whether `character` is one of the ASCII digits 0–9.
    static func isASCIIDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 0x30 && ascii <= 0x39
    }

    /// Whether `text` is non-empty and made only of ASCII digits.
    static func isASCIIDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.allSatisfy(isASCIIDigit)
    }

    /// `number` with an ASCII space every three digits, the French way: `1 234 567`.
    static func grouped(_ number: UInt64) -> String {
        let digits = Array(String(number))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 {
                result += " "
            }
            result.append(digit)
        }
        return result
    }

    /// `number` with an ASCII space every three digits, with a leading `-` when negative.
    static func grouped(_ number: Int) -> String {
        (number < 0 ? "-" : "") + grouped(UInt64(number.magnitude))
    }

    /// Decodes a JSON string with `parse`, and refuses it unless it is already in the canonical
    /// form `canonical` gives, so that decoding then encoding gives back the same bytes.
    static func decodeCanonical<Value>(
        from decoder: any Decoder,
        parse: (String) throws -> Value,
        canonical: (Value) -> String
    ) throws -> Value {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let value: Value
        do {
            value = try parse(text)
        } catch let error as ValueError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
        let expected = canonical(value)
        guard expected == text else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Valeur non canonique \(quoted(text)) : attendu \(quoted(expected))"
            )
        }
        return value
    }

    /// Encodes `text` as a single JSON string.
    static func encode(_ text: String, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
