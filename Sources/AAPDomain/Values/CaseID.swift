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

    /// The call this case answers.
    public var callID: CallID { storedCallID }

    /// The case number within its call.
    public var number: Int { storedNumber }

    /// Reads a case id, upper-casing it (surrounding white space ignored), by splitting on the last `-`.
    public static func parse(_ text: String) throws -> CaseID {
        let trimmed = ValueText.trimmed(text)
        guard !trimmed.isEmpty else {
            throw ValueError("Identifiant de dossier invalide : aucun identifiant saisi (ex. AAP-MOB-2026-0003)")
        }
        let refusal = ValueError(
            "Identifiant de dossier invalide \(ValueText.quoted(trimmed)) : attendu l'identifiant de l'appel, « - » et un numéro d'au moins 4 chiffres (ex. AAP-MOB-2026-0003)"
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
                "Identifiant de dossier invalide \(ValueText.quoted(trimmed)) : zéro de tête en trop, écrire \(ValueText.quoted(caseID.value))"
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
