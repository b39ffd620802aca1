import Testing
@testable import AAPStorage

/// The byte-level JSON reader on its own: strings, integers, skipping, nesting.
@Suite("JSON reader")
struct JSONReaderTests {
    /// Reads one value of `text` with `read`, requiring nothing but white space after it.
    private func read<Value>(_ text: String, _ read: (inout JSONReader) throws -> Value) -> Result<Value, LineDecodingError> {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var reader = JSONReader(bytes)
            reader.start()
            do {
                let value = try read(&reader)
                try reader.finish()
                return .success(value)
            } catch let error as LineDecodingError {
                return .failure(error)
            } catch {
                return .failure(.malformed)
            }
        }
    }

    @Test("strings: every escape, surrogate pairs, raw UTF-8", arguments: [
        (#""""#, ""),
        (#""plain text""#, "plain text"),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u00E9\u20AC\u0000""#, "Aéé€\u{0}"),
        (#""\ud83d\ude00 \uD834\uDD1E""#, "😀 𝄞"),
        ("\"é€😀\u{7F}\"", "é€😀\u{7F}"),
        (#""a long string with no escape that crosses several eight-byte words""#, "a long string with no escape that crosses several eight-byte words"),
        (#""escape \n after the first words of a longer text""#, "escape \n after the first words of a longer text"),
    ])
    func strings(json: String, expected: String) {
        #expect(read(json) { try $0.readString() } == .success(expected))
    }

    @Test("strings refused", arguments: [
        #"""#, #""abc"#, #""\"#, #""\x""#, #""\u12""#, #""\u12g4""#, #""\ud800""#, #""\udc00""#,
        #""\ud800\u0041""#, #""\ud800x""#, #""\ud800\\""#, "\"a\u{1}b\"", "\"a\tb\"", "\"a\nb\"", "'a'",
    ])
    func stringsRefused(json: String) {
        #expect(throws: LineDecodingError.self) { try read(json) { try $0.readString() }.get() }
    }

    @Test("invalid UTF-8 inside a string is refused, wherever it stands", arguments: [
        [0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xE2, 0x82],
    ] as [[UInt8]])
    func invalidUTF8(sequence: [UInt8]) {
        for prefix in ["", "abcdefghijklmnop"] {
            let bytes = [UInt8(ascii: "\"")] + Array(prefix.utf8) + sequence + Array("xyz\"".utf8)
            let result = bytes.withUnsafeBufferPointer { buffer -> Bool in
                var reader = JSONReader(buffer)
                return (try? reader.readText()) != nil
            }
            #expect(!result, "\(bytes)")
        }
    }

    @Test("integers: Int64 exactly, nothing else", arguments: [
        ("0", 0), ("-0", 0), ("42", 42), ("-42", -42),
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
    ] as [(String, Int64)])
    func integers(json: String, expected: Int64) {
        #expect(read(json) { try $0.readInteger() } == .success(expected))
    }

    @Test("integers refused", arguments: [
        "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1.0", "1e2", "1E2", "-", "01", "+1",
        ".5", "1.", "\"1\"", "null", "true", "[1]",
    ])
    func integersRefused(json: String) {
        #expect(throws: LineDecodingError.self) { try read(json) { try $0.readInteger() }.get() }
    }

    @Test("skipping checks the syntax of what it skips", arguments: [
        ("{}", true), ("[]", true), (#"{"a":[1,-2.5e+3,true,false,null,"x",{"b":{}}]}"#, true), (" [ 1 , 2 ] ", true),
        ("0", true), ("-0.0E-0", true), (#""\u00e9""#, true),
        ("{", false), ("[1,]", false), (#"{"a":1,}"#, false), (#"{"a"}"#, false), (#"{a:1}"#, false), ("[1 2]", false),
        ("-", false), ("1.", false), ("1e", false), (".5", false), ("01", false), ("nul", false), ("truex", false),
        ("[}", false), ("{]", false), ("[1]]", false), ("", false), ("@", false),
    ])
    func skipping(json: String, valid: Bool) {
        let result = read(json) { try $0.skipValue() }
        #expect(((try? result.get()) != nil) == valid, "\(json)")
    }

    @Test("nesting deeper than 512 is refused without recursion", arguments: [511, 512, 513, 200_000])
    func nesting(depth: Int) {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(((try? read(arrays) { try $0.skipValue() }.get()) != nil) == (depth <= JSONReader.maximumDepth))
        let objects = String(repeating: #"{"k":"#, count: depth) + "0" + String(repeating: "}", count: depth)
        #expect(((try? read(objects) { try $0.skipValue() }.get()) != nil) == (depth <= JSONReader.maximumDepth))
    }

    @Test("objects: keys in order, escaped keys unescaped, a wrong type named by its path")
    func objects() throws {
        var keys: [String] = []
        let result = read(#" { "a" : 1 , "\u0062" : [ "x" ] , "c" : { } } "#) { reader in
            try reader.readObject { reader, key in
                keys.append(key.string)
                try reader.skipValue()
            }
        }
        #expect((try? result.get()) != nil)
        #expect(keys == ["a", "b", "c"])
        let wrong = read(#"{"roles":["admin",3]}"#) { reader in
            try reader.readObject { reader, _ in _ = try reader.readArray { try $0.readRole() } }
        }
        #expect(throws: LineDecodingError(.invalidValue, path: ["Index 1"])) { try wrong.get() }
        #expect(LineDecodingError(.invalidValue, path: ["Index 1"]).inside("roles").inside("data").message
            == "événement illisible (valeur invalide en « data.roles.Index 1 »)")
    }
}
