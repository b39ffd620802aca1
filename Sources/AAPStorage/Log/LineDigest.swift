import Crypto

/// A SHA-256 digest held as four words, compared and hex-encoded without allocating.
struct LineDigest: Sendable, Equatable {
    private var w0: UInt64
    private var w1: UInt64
    private var w2: UInt64
    private var w3: UInt64

    /// The 32 zero bytes that stand for "no previous line".
    static let zero = LineDigest(w0: 0, w1: 0, w2: 0, w3: 0)

    private init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// Hashes `bytes` with swift-crypto's SHA-256.
    init(hashing bytes: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        let digest = hasher.finalize()
        self = digest.withUnsafeBytes { raw in
            LineDigest(
                w0: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                w1: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                w2: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                w3: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            )
        }
    }

    /// Hashes `bytes` with swift-crypto's SHA-256.
    init(hashing bytes: UnsafeBufferPointer<UInt8>) {
        self.init(hashing: UnsafeRawBufferPointer(bytes))
    }

    /// Hashes `bytes` with swift-crypto's SHA-256.
    init(hashing bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { LineDigest(hashing: $0) }
    }

    /// Decodes exactly 64 lowercase hex digits; `nil` for anything else.
    init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64, let base = hex.baseAddress else { return nil }
        let decoded: LineDigest? = LineDigest.nibbles.withUnsafeBufferPointer { table in
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var invalid: UInt8 = 0
            for wordIndex in 0..<4 {
                var word: UInt64 = 0
                let start = base + wordIndex * 16
                for index in 0..<16 {
                    let nibble = table[Int(start[index])]
                    invalid |= nibble
                    word = (word << 4) | UInt64(nibble & 0x0F)
                }
                switch wordIndex {
                case 0: words.0 = word
                case 1: words.1 = word
                case 2: words.2 = word
                default: words.3 = word
                }
            }
            guard invalid & 0xF0 == 0 else { return nil }
            return LineDigest(w0: words.0, w1: words.1, w2: words.2, w3: words.3)
        }
        guard let decoded else { return nil }
        self = decoded
    }

    /// Decodes exactly 64 lowercase hex digits; `nil` for anything else.
    init?(hex: String) {
        var text = hex
        guard let digest = text.withUTF8({ LineDigest(hex: $0) }) else { return nil }
        self = digest
    }

    /// The 64 lowercase hex digits.
    var hex: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            writeHex(into: buffer)
            return 64
        }
    }

    /// Appends the 64 lowercase hex digits to `bytes`.
    func appendHex(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 64))
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            writeHex(into: UnsafeMutableBufferPointer(start: base + start, count: 64))
        }
    }

    private func writeHex(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        LineDigest.writeWord(w0, into: buffer, at: 0)
        LineDigest.writeWord(w1, into: buffer, at: 16)
        LineDigest.writeWord(w2, into: buffer, at: 32)
        LineDigest.writeWord(w3, into: buffer, at: 48)
    }

    private static func writeWord(_ word: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        for index in 0..<16 {
            let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * index)) & 0xF
            buffer[start + index] = nibble < 10 ? nibble &+ UInt8(ascii: "0") : nibble &+ (UInt8(ascii: "a") &- 10)
        }
    }

    /// The value of each lowercase hex digit, and 0xFF for every other byte.
    private static let nibbles: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) &- UInt8(ascii: "a") &+ 10
        default: 0xFF
        }
    }
}
