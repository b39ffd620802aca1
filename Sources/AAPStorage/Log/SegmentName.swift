/// The name of one log segment, `NNNNNN.jsonl`, and its number.
struct SegmentName: Sendable, Equatable, Comparable {
    /// The segment's number, from 1.
    let number: Int

    private static let suffix = ".jsonl"

    /// The segment with this number.
    init(number: Int) {
        self.number = number
    }

    /// Parses `NNNNNN.jsonl` (six digits or more, number at least 1); `nil` for any other name.
    init?(fileName: String) {
        guard fileName.hasSuffix(SegmentName.suffix) else { return nil }
        let digits = fileName.utf8.dropLast(SegmentName.suffix.utf8.count)
        guard digits.count >= 6, digits.count <= 18,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        var value = 0
        for digit in digits {
            value = value * 10 + Int(digit &- UInt8(ascii: "0"))
        }
        guard value >= 1 else { return nil }
        // Only the canonical spelling counts: 0000001.jsonl is not segment 1.
        guard SegmentName(number: value).fileName == fileName else { return nil }
        number = value
    }

    /// The file name, the number padded with zeros to six digits.
    var fileName: String {
        let digits = String(number)
        let padding = digits.count < 6 ? String(repeating: "0", count: 6 - digits.count) : ""
        return padding + digits + SegmentName.suffix
    }

    /// The segment that follows this one.
    var next: SegmentName {
        SegmentName(number: number + 1)
    }

    static func < (lhs: SegmentName, rhs: SegmentName) -> Bool {
        lhs.number < rhs.number
    }
}
