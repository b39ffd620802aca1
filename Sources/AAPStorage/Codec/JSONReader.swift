/// A cursor reading JSON values straight from the bytes of one log line, without building a tree.
///
/// The caller drives it with the shape it expects (`openObject`, `nextKey`, `readString`,
/// `readInteger`, …) and skips what it does not read with `skipValue`, which still checks the
/// syntax of what it skips. It is strict RFC 8259 JSON, and never stricter than that except where
/// `LineDecoder` documents it:
///
/// - strings: every escape (`\" \\ \/ \b \f \n \r \t \uXXXX`, surrogate pairs joined); a lone
///   surrogate, an unknown escape, a raw control character (below U+0020) or invalid UTF-8 is refused;
/// - integers: `-?(0|[1-9][0-9]*)` within `Int64`; a fraction or an exponent is refused where an
///   integer is read, even `1.0` or `1e2`, which `JSONDecoder` would take as 1 and 100;
/// - skipped numbers follow the full grammar (`-`, `1.`, `.5`, `01` are refused, `JSONDecoder`
///   lets a lone `-` through when no one reads it);
/// - no trailing comma (`JSONDecoder` accepts `{"a":1,}`), no byte-order mark, nothing but
///   white space after the top-level value;
/// - nesting deeper than ``maximumDepth`` objects and arrays is refused, as `JSONDecoder` does;
///   nothing here recurses, so hostile nesting cannot exhaust the stack.
///
/// Every read past the end sees a 0 byte, which no JSON token accepts, so a truncated line is
/// refused wherever it stops.
struct JSONReader {
    /// The deepest nesting of objects and arrays accepted, the top-level object included
    /// (the same limit as Foundation's `JSONDecoder`).
    static let maximumDepth = 512

    /// The whole JSON text.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    private(set) var position = 0
    /// How many objects and arrays are open around `position`.
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Bytes

    /// The byte at `index`, or 0 at or past the end.
    @inline(__always)
    private func byte(at index: Int) -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    /// The byte at `position` (0 at the end).
    @inline(__always)
    private var current: UInt8 { byte(at: position) }

    @inline(__always)
    private mutating func skipWhitespace() {
        while true {
            switch current {
            case .space, .tab, .lineFeed, .carriageReturn: position += 1
            default: return
            }
        }
    }

    /// The error for a value that is not of the type read: `invalidValue` when a JSON value starts
    /// here (the caller adds where), `malformed` when nothing valid does.
    private var wrongType: LineDecodingError {
        switch current {
        case .openBrace, .openBracket, .quote, .minus, .zero ... .nine, .letterT, .letterF, .letterN: .invalidValue
        default: .malformed
        }
    }

    // MARK: Document

    /// Moves to the first value of the text (after leading white space).
    mutating func start() {
        skipWhitespace()
    }

    /// Checks that nothing but white space follows the top-level value.
    func finish() throws(LineDecodingError) {
        var copy = self
        copy.skipWhitespace()
        guard copy.position == bytes.count else { throw .malformed }
    }

    /// Moves back to `mark`, a position this reader was at before, with the nesting it had then.
    mutating func rewind(to mark: Mark) {
        position = mark.position
        depth = mark.depth
    }

    /// A position to come back to with `rewind(to:)`.
    struct Mark {
        fileprivate let position: Int
        fileprivate let depth: Int
    }

    /// Where the reader is now.
    var mark: Mark { Mark(position: position, depth: depth) }

    // MARK: Objects and arrays

    /// Reads `{` and gets ready for the first key.
    mutating func openObject() throws(LineDecodingError) -> ContainerState {
        guard current == .openBrace else { throw wrongType }
        try enter()
        return ContainerState()
    }

    /// Reads `[` and gets ready for the first element.
    mutating func openArray() throws(LineDecodingError) -> ContainerState {
        guard current == .openBracket else { throw wrongType }
        try enter()
        return ContainerState()
    }

    /// Where a container being read stands: before its first member or after one.
    struct ContainerState {
        fileprivate var isFirst = true
    }

    private mutating func enter() throws(LineDecodingError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw .malformed }
        position += 1
        skipWhitespace()
    }

    /// The next key of the object and moves to its value, or nil after reading the closing `}`.
    mutating func nextKey(_ state: inout ContainerState) throws(LineDecodingError) -> JSONText? {
        guard try continues(&state, closer: .closeBrace) else { return nil }
        guard current == .quote else { throw .malformed }
        let key = try readText()
        skipWhitespace()
        guard current == .colon else { throw .malformed }
        position += 1
        skipWhitespace()
        return key
    }

    /// Whether the array has a next element (the reader is then on it); false after reading `]`.
    mutating func nextElement(_ state: inout ContainerState) throws(LineDecodingError) -> Bool {
        try continues(&state, closer: .closeBracket)
    }

    /// Reads the `,` before a member or the closer after the last one.
    private mutating func continues(_ state: inout ContainerState, closer: UInt8) throws(LineDecodingError) -> Bool {
        skipWhitespace()
        if current == closer {
            // Right after `{`/`[` (empty) or after a member: a closer right after a `,` never
            // gets here, since the member it lacks is read (and refused) first.
            position += 1
            depth -= 1
            return false
        }
        if state.isFirst {
            state.isFirst = false
            return true
        }
        guard current == .comma else { throw .malformed }
        position += 1
        skipWhitespace()
        return true
    }

    // MARK: Scalars

    /// Reads `null` if it is the next value.
    mutating func readNull() -> Bool {
        guard current == .letterN else { return false }
        guard matches(literal: "null") else { return false }
        position += 4
        return true
    }

    /// Reads a string.
    mutating func readString() throws(LineDecodingError) -> String {
        try readText().string
    }

    /// Reads a string without making a `String` of it.
    mutating func readText() throws(LineDecodingError) -> JSONText {
        guard current == .quote else { throw wrongType }
        position += 1
        let start = position
        try scanPlainString()
        if current == .quote {
            let text = JSONText(inLine: UnsafeBufferPointer(rebasing: bytes[start ..< position]))
            position += 1
            return text
        }
        // At a backslash: copy what was read, then unescape the rest.
        var unescaped = Array(bytes[start ..< position])
        try readEscapedString(into: &unescaped)
        return JSONText(unescaped: unescaped)
    }

    /// Reads an integer within `Int64`: no fraction, no exponent, no leading zero.
    mutating func readInteger() throws(LineDecodingError) -> Int64 {
        let negative = current == .minus
        guard negative || isDigit(current) else { throw wrongType }
        if negative { position += 1 }
        guard isDigit(current) else { throw .malformed }
        // The magnitude, which may reach 2^63 for the smallest negative number.
        var magnitude: UInt64 = 0
        if current == .zero {
            position += 1
            guard !isDigit(current) else { throw .malformed }
        } else {
            while isDigit(current) {
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(current &- .zero))
                guard !overflow1, !overflow2 else { throw .invalidValue }
                magnitude = sum
                position += 1
            }
        }
        if current == .dot || current == .letterE || current == .capitalE {
            // A fraction or an exponent: refused even when its value is whole (stricter than JSONDecoder).
            throw .invalidValue
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw .invalidValue }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw .invalidValue }
        return Int64(magnitude)
    }

    /// Whether the next value is a number (or starts like one).
    var isAtNumber: Bool { current == .minus || isDigit(current) }

    // MARK: Skipping

    /// Skips one value of any type, checking its syntax, nesting included.
    mutating func skipValue() throws(LineDecodingError) {
        switch current {
        case .openBrace, .openBracket: try skipContainer()
        default: try skipScalar()
        }
    }

    private mutating func skipScalar() throws(LineDecodingError) {
        switch current {
        case .quote: _ = try readText()
        case .minus, .zero ... .nine: try skipNumber()
        case .letterT: try skipLiteral("true")
        case .letterF: try skipLiteral("false")
        case .letterN: try skipLiteral("null")
        default: throw .malformed
        }
    }

    /// Skips an object or an array with an explicit stack of the closers expected, so that
    /// the depth of the input never becomes the depth of the call stack.
    private mutating func skipContainer() throws(LineDecodingError) {
        var closers: [UInt8] = []
        var opening = true
        while true {
            if opening {
                let closer: UInt8 = current == .openBrace ? .closeBrace : .closeBracket
                try enter()
                closers.append(closer)
                if current == closer {
                    position += 1
                    depth -= 1
                    closers.removeLast()
                } else {
                    opening = try skipMemberStart(isObject: closer == .closeBrace)
                    if opening { continue }
                }
            }
            opening = false
            guard let closer = closers.last else { return }
            skipWhitespace()
            if current == closer {
                position += 1
                depth -= 1
                closers.removeLast()
            } else if current == .comma {
                position += 1
                skipWhitespace()
                opening = try skipMemberStart(isObject: closer == .closeBrace)
            } else {
                throw .malformed
            }
        }
    }

    /// Reads the key and colon of an object member (when `isObject`), then either skips a scalar
    /// value and returns false, or stops on a nested container and returns true.
    private mutating func skipMemberStart(isObject: Bool) throws(LineDecodingError) -> Bool {
        if isObject {
            guard current == .quote else { throw .malformed }
            _ = try readText()
            skipWhitespace()
            guard current == .colon else { throw .malformed }
            position += 1
            skipWhitespace()
        }
        if current == .openBrace || current == .openBracket { return true }
        try skipScalar()
        return false
    }

    /// Skips a number written in the full JSON grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func skipNumber() throws(LineDecodingError) {
        if current == .minus { position += 1 }
        if current == .zero {
            position += 1
        } else {
            guard isDigit(current) else { throw .malformed }
            while isDigit(current) { position += 1 }
        }
        if current == .dot {
            position += 1
            guard isDigit(current) else { throw .malformed }
            while isDigit(current) { position += 1 }
        }
        if current == .letterE || current == .capitalE {
            position += 1
            if current == .plus || current == .minus { position += 1 }
            guard isDigit(current) else { throw .malformed }
            while isDigit(current) { position += 1 }
        }
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(LineDecodingError) {
        guard matches(literal: literal) else { throw .malformed }
        position += literal.utf8CodeUnitCount
    }

    private func matches(literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let expected = literal.utf8Start
        for offset in 0 ..< count where bytes[position + offset] != expected[offset] {
            return false
        }
        return true
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- .zero < 10
    }

    // MARK: Strings

    /// Moves over string content up to the closing quote or a backslash, refusing control
    /// characters and invalid UTF-8; stops on the quote or the backslash (or throws at the end).
    private mutating func scanPlainString() throws(LineDecodingError) {
        let count = bytes.count
        while true {
            // Eight bytes at a time, up to the first quote, backslash, control character or
            // non-ASCII byte.
            while position + 8 <= count {
                let word = UInt64(
                    littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: position, as: UInt64.self)
                )
                let attention = Self.attentionMask(word)
                guard attention == 0 else {
                    position += attention.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            let byte = current
            switch byte {
            case .quote, .backslash: return
            case 0 ..< 0x20: throw .malformed  // a raw control character, or the end of the text
            case 0x20 ..< 0x80: position += 1
            default: position += try utf8SequenceLength(at: position)
            }
        }
    }

    /// The high bit of each byte of `word` (first byte lowest) that is a quote, a backslash, a control
    /// character or non-ASCII; only the lowest bit set is exact (borrows may flag bytes after it).
    @inline(__always)
    private static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8.quote))
        let backslashes = word ^ (ones &* UInt64(UInt8.backslash))
        // For each test, a byte's high bit is set when that byte is 0 (or below 0x20).
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl | word) & highs
    }

    /// The length of the valid UTF-8 sequence starting at `index` with a non-ASCII byte; throws if invalid
    /// (overlong forms, surrogates and code points above U+10FFFF included).
    private func utf8SequenceLength(at index: Int) throws(LineDecodingError) -> Int {
        let lead = byte(at: index)
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1 ... 0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw .malformed
        }
        let second = byte(at: index + 1)
        guard second >= low, second <= high else { throw .malformed }
        for offset in 2 ..< length where byte(at: index + offset) & 0xC0 != 0x80 {
            throw .malformed
        }
        return length
    }

    /// Reads the rest of a string from a backslash to the closing quote, appending its unescaped UTF-8.
    private mutating func readEscapedString(into output: inout [UInt8]) throws(LineDecodingError) {
        while true {
            let start = position
            try scanPlainString()
            output.append(contentsOf: bytes[start ..< position])
            if current == .quote {
                position += 1
                return
            }
            // A backslash.
            position += 1
            let escape = current
            position += 1
            switch escape {
            case .quote, .backslash, .slash: output.append(escape)
            case .letterB: output.append(0x08)
            case .letterF: output.append(0x0C)
            case .letterN: output.append(0x0A)
            case .letterR: output.append(0x0D)
            case .letterT: output.append(0x09)
            case .letterU: appendUTF8(try readUnicodeEscape(), to: &output)
            default: throw .malformed
            }
        }
    }

    /// Reads the four hex digits after `\u` (and a second `\uXXXX` for a surrogate pair).
    private mutating func readUnicodeEscape() throws(LineDecodingError) -> Unicode.Scalar {
        let first = try readHex4()
        switch first {
        case 0xD800 ... 0xDBFF:
            guard current == .backslash, byte(at: position + 1) == .letterU else { throw .malformed }
            position += 2
            let second = try readHex4()
            guard (0xDC00 ... 0xDFFF).contains(second) else { throw .malformed }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw .malformed }
            return scalar
        case 0xDC00 ... 0xDFFF:
            throw .malformed
        default:
            guard let scalar = Unicode.Scalar(first) else { throw .malformed }
            return scalar
        }
    }

    private mutating func readHex4() throws(LineDecodingError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0 ..< 4 {
            let digit: UInt8
            switch current {
            case .zero ... .nine: digit = current &- .zero
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = current &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = current &- UInt8(ascii: "A") &+ 10
            default: throw .malformed
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        if let encoded = UTF8.encode(scalar) {
            output.append(contentsOf: encoded)
        }
    }
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let zero = UInt8(ascii: "0")
    fileprivate static let nine = UInt8(ascii: "9")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let capitalE = UInt8(ascii: "E")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let letterB = UInt8(ascii: "b")
    fileprivate static let letterE = UInt8(ascii: "e")
    fileprivate static let letterF = UInt8(ascii: "f")
    fileprivate static let letterN = UInt8(ascii: "n")
    fileprivate static let letterR = UInt8(ascii: "r")
    fileprivate static let letterT = UInt8(ascii: "t")
    fileprivate static let letterU = UInt8(ascii: "u")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let closeBrace = UInt8(ascii: "}")
}
