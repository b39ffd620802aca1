/// The `seq` and `prev` read from the canonical start `{"seq":N,"prev":"<64 hex>",` of a line.
struct LinePrefix: Sendable, Equatable {
    /// The seq written in the line.
    let seq: Int
    /// The previous line's digest written in the line.
    let prev: LineDigest
    /// How many bytes the canonical prefix takes.
    let length: Int

    private static let opening: [UInt8] = Array(#"{"seq":"#.utf8)
    private static let middle: [UInt8] = Array(#","prev":""#.utf8)
    private static let closing: [UInt8] = Array(#"","#.utf8)
    /// At most 18 digits, so that the value always fits an `Int`.
    private static let maximumDigits = 18

    /// Reads the canonical prefix; `nil` when the line does not start with it.
    ///
    /// The seq is a decimal number without sign or leading zero; `prev` is 64 lowercase hex
    /// digits. Only the prefix is checked: a truncated line may still have one.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> LinePrefix? {
        var index = 0
        guard match(opening, in: line, at: &index) else { return nil }
        let digitsStart = index
        var seq = 0
        while index < line.count, line[index] >= UInt8(ascii: "0"), line[index] <= UInt8(ascii: "9") {
            seq = seq * 10 + Int(line[index] &- UInt8(ascii: "0"))
            index += 1
            if index - digitsStart > maximumDigits { return nil }
        }
        let digitCount = index - digitsStart
        guard digitCount > 0 else { return nil }
        guard digitCount == 1 || line[digitsStart] != UInt8(ascii: "0") else { return nil }
        guard match(middle, in: line, at: &index) else { return nil }
        guard index + 64 <= line.count,
              let prev = LineDigest(hex: UnsafeBufferPointer(rebasing: line[index..<(index + 64)]))
        else { return nil }
        index += 64
        guard match(closing, in: line, at: &index) else { return nil }
        return LinePrefix(seq: seq, prev: prev, length: index)
    }

    private static func match(_ expected: [UInt8], in line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Bool {
        guard index + expected.count <= line.count else { return false }
        for byte in expected {
            guard line[index] == byte else { return false }
            index += 1
        }
        return true
    }
}
