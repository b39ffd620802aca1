/// The identifier of a case (dossier): its call id, `-`, and a number on at least 4 digits: `AAP-MOB-2026-0003`.
///
/// The number is written on 4 digits at least, with no extra leading zero, so each
/// (call, number) pair has exactly one text. Ordered by call, then by number. Stored in JSON as
/// its string.
public struct CaseID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The full identifier: `AAP-MOB-2026-0003`.
    public let value: String
    private let storedCallID: CallID
    private let storedNumber: Int

    /// The largest case number (9 digits).
    static let maximumNumber = 999_999_999

    /// Creates the id of case `number` of `call`; the number is written on 4 digits at least.
    ///
    /// `number` must be in 0…999 999 999 (traps otherwise).
    public init(call: CallID, number: Int) {
        precondition((0...Self.maximumNumber).contains(number), "CaseID number out of range: \(number)")
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        self.value = "\(call.value)-\(padded)"
        self.storedCallID = call
        self.storedNumber = number
    }

    /// The id whose text is exactly `text`, or nil: what decoding a stored id accepts (`parse`
    /// succeeds and changes nothing). Plain ASCII text is checked byte by byte, without `parse`.
    public init?(canonical text: String) {
        if let (callLength, number) = text.utf8.withContiguousStorageIfAvailable(Self.plainCanonicalParts) ?? nil {
            self.value = text
            self.storedCallID = CallID(checkedValue: String(decoding: text.utf8.prefix(callLength), as: UTF8.self))
            self.storedNumber = number
        } else if let id = try? Self.parse(text), id.value == text {
            self = id
        } else {
            return nil
        }
    }

    /// The length of the call id and the number when `bytes` are a plain canonical case id
    /// (a plain canonical call id, `-`, 4 to 9 digits without an extra leading zero): text that
    /// `parse` accepts and keeps as it is. Nil otherwise.
    private static func plainCanonicalParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (callLength: Int, number: Int)? {
        guard let dash = bytes.lastIndex(of: 0x2D) else { return nil }
        let digits = UnsafeBufferPointer(rebasing: bytes[(dash + 1)...])
        guard (4 ... 9).contains(digits.count), digits.count == 4 || digits[0] != 0x30,
              CallID.isPlainCanonical(UnsafeBufferPointer(rebasing: bytes[..<dash]))
        else { return nil }
        var number = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            number = number * 10 + Int(digit - 0x30)
        }
        return (dash, number)
    }

    /// The call this case answers.
    public var callID: CallID { storedCallID }

    /// The case number within its call.
    public var number: Int { storedNumber }

    /// Reads a case id, upper-casing it (surrounding white space ignored), by splitting on the last `-`.
    public static func parse(_ text: String) throws -> CaseID {
        let trimmed = ValueText.trimmed(text)
        guard !trimmed.isEmpty else {
            throw ValueError(code: "value.case_id", "Identifiant de dossier invalide : aucun identifiant saisi (ex. AAP-MOB-2026-0003)")
        }
        let refusal = ValueError(
            code: "value.case_id", "Identifiant de dossier invalide \(ValueText.quoted(trimmed)) : attendu l'identifiant de l'appel, « - » et un numéro d'au moins 4 chiffres (ex. AAP-MOB-2026-0003)"
        )
        let candidate = trimmed.uppercased()
        guard let dash = candidate.lastIndex(of: "-") else { throw refusal }
        let callText = String(candidate[..<dash])
        let digits = candidate[candidate.index(after: dash)...]
        guard CallID.isValid(callText),
              digits.count >= 4, digits.count <= 9,
              ValueText.isASCIIDigits(digits),
              let number = Int(digits),
              let call = try? CallID.parse(callText)
        else { throw refusal }
        let caseID = CaseID(call: call, number: number)
        guard caseID.value == candidate else {
            throw ValueError(
                code: "value.case_id", "Identifiant de dossier invalide \(ValueText.quoted(trimmed)) : zéro de tête en trop, écrire \(ValueText.quoted(caseID.value))"
            )
        }
        return caseID
    }

    public var description: String { value }

    public static func < (lhs: CaseID, rhs: CaseID) -> Bool {
        (lhs.storedCallID.value, lhs.storedNumber) < (rhs.storedCallID.value, rhs.storedNumber)
    }

    public init(from decoder: any Decoder) throws {
        self = try ValueText.decodeCanonical(from: decoder, parse: Self.parse, canonical: \.value)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(value, to: encoder)
    }
}
