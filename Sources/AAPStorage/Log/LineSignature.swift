import Foundation

/// Signs a line: given the record's index in the append and the line's bytes without signature,
/// returns the 64-byte Ed25519 signature.
public typealias LineSigner = (_ index: Int, _ unsignedLine: [UInt8]) throws -> [UInt8]

/// The signature member of a signed line: `…,"data":{…},"sig":"<88 base64 characters>"}`.
///
/// The signed bytes are the line without that member, which is the line as an unsigned log
/// would have written it: `{"seq":…,"data":{…}}`. The chain (`prev`) covers the whole signed line.
public enum LineSignature {
    static let opening = Array(#","sig":""#.utf8)
    static let closing = Array(#""}"#.utf8)
    /// Base64 of 64 bytes, with padding.
    static let encodedLength = 88

    /// Replaces the closing `}` of an unsigned line in `buffer` by the signature member.
    static func attach(_ signature: [UInt8], to buffer: inout [UInt8]) {
        guard buffer.last == UInt8(ascii: "}") else { return }
        buffer.removeLast()
        buffer.append(contentsOf: opening)
        buffer.append(contentsOf: Data(signature).base64EncodedString().utf8)
        buffer.append(contentsOf: closing)
    }

    /// Splits a signed line into the bytes that were signed and the signature; nil when the line has no signature member.
    public static func split(_ line: [UInt8]) -> (signed: [UInt8], signature: [UInt8])? {
        let suffixLength = opening.count + encodedLength + closing.count
        guard line.count > suffixLength + 2 else { return nil }
        let suffixStart = line.count - suffixLength
        guard Array(line[suffixStart ..< suffixStart + opening.count]) == opening,
              Array(line[(line.count - closing.count)...]) == closing else { return nil }
        let encoded = line[(suffixStart + opening.count) ..< (line.count - closing.count)]
        guard let signature = Data(base64Encoded: Data(encoded)), signature.count == 64 else { return nil }
        var signed = Array(line[..<suffixStart])
        signed.append(UInt8(ascii: "}"))
        return (signed, Array(signature))
    }
}
