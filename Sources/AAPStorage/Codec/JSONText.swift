/// A JSON string (a key or a value) as the reader found it, before any `String` is made.
///
/// Without escapes it is the very bytes of the line between the quotes; with escapes it is the
/// unescaped UTF-8, held in its own array. Either way the bytes are valid UTF-8.
struct JSONText {
    private enum Storage {
        case inLine(UnsafeBufferPointer<UInt8>)
        case unescaped([UInt8])
    }

    private let storage: Storage

    /// Text lying in the line's bytes as it is (no escape); valid only while those bytes are.
    init(inLine bytes: UnsafeBufferPointer<UInt8>) {
        storage = .inLine(bytes)
    }

    /// Text that had escapes, in its unescaped form.
    init(unescaped bytes: [UInt8]) {
        storage = .unescaped(bytes)
    }

    /// Calls `body` with the UTF-8 bytes of the text.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .inLine(let bytes): body(bytes)
        case .unescaped(let bytes): bytes.withUnsafeBufferPointer(body)
        }
    }

    /// The text as a Swift string.
    var string: String {
        withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the text is exactly `literal`, byte for byte.
    static func == (text: JSONText, literal: StaticString) -> Bool {
        text.withUTF8 { bytes in
            let count = literal.utf8CodeUnitCount
            guard bytes.count == count else { return false }
            let expected = literal.utf8Start
            var index = 0
            while index < count {
                guard bytes[index] == expected[index] else { return false }
                index += 1
            }
            return true
        }
    }
}
