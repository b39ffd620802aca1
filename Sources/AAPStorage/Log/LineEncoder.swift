/// Writes log lines in their exact on-disk form.
///
/// `{"seq":N,"prev":"<hex>","at":"<at>","actor":"<actor>","type":"<type>","data":<data>}`
enum LineEncoder {
    /// Appends the bytes of one line (without its newline) to `buffer`.
    static func appendLine(seq: Int, prev: LineDigest, record: NewRecord, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"seq":"#.utf8)
        appendDecimal(seq, to: &buffer)
        buffer.append(contentsOf: #","prev":""#.utf8)
        prev.appendHex(to: &buffer)
        buffer.append(contentsOf: #"","at":"#.utf8)
        appendJSONString(record.at, to: &buffer)
        buffer.append(contentsOf: #","actor":"#.utf8)
        appendJSONString(record.actor, to: &buffer)
        buffer.append(contentsOf: #","type":"#.utf8)
        appendJSONString(record.type, to: &buffer)
        buffer.append(contentsOf: #","data":"#.utf8)
        buffer.append(contentsOf: record.data)
        buffer.append(UInt8(ascii: "}"))
    }

    /// Appends `text` as a quoted JSON string: `"` and `\` are escaped with a backslash, and
    /// control characters (below U+0020) as `\u00XX` with lowercase hex digits.
    static func appendJSONString(_ text: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case 0x00..<0x20:
                buffer.append(contentsOf: #"\u00"#.utf8)
                buffer.append(hexDigit(byte >> 4))
                buffer.append(hexDigit(byte & 0xF))
            default:
                buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends a non-negative decimal number.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0"))
            rest /= 10
        } while rest > 0
        buffer.append(contentsOf: digits.reversed())
    }

    /// The French reason why `data` cannot be written verbatim into a line, or `nil` if it can.
    ///
    /// The bytes must be valid UTF-8, start with `{`, end with `}` and hold no line break:
    /// a raw newline would split the event in two on disk.
    static func problem(with data: [UInt8]) -> String? {
        guard data.first == UInt8(ascii: "{"), data.last == UInt8(ascii: "}") else {
            return "les données ne sont pas un objet JSON (« { … } »)"
        }
        if data.contains(0x0A) || data.contains(0x0D) {
            return "les données contiennent un saut de ligne"
        }
        if let offset = UTF8Check.firstInvalidOffset(in: data) {
            return "les données contiennent un octet UTF-8 invalide à la position \(offset)"
        }
        return nil
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble &+ UInt8(ascii: "0") : nibble &+ (UInt8(ascii: "a") &- 10)
    }
}
