/// What a field means to the domain (`means` of a field), so that rules and exports read it by
/// meaning rather than by its id.
public enum FieldMeaning: String, Sendable, Codable, CaseIterable {
    /// The date requested documents are due (a date, on the documents request).
    case dueOn = "due_on"
    /// The list of the documents requested (text, on the documents request).
    case missingDocuments = "missing_documents"
    /// The date something was received: documents, a detailed proposal, a report (a date).
    case receivedOn = "received_on"
    /// The date of the committee's session that decided (a date, on a decision).
    case decidedOn = "decided_on"
    /// The date the agreement was signed (a date, on the agreement).
    case signedOn = "signed_on"
    /// The reference of the agreement or decree (text, on the agreement).
    case reference
    /// The kind of act: convention or arrêté (an enum whose values are marked, on the agreement).
    case instrument
    /// Advance, instalment or balance (an enum whose values are marked, on a payment).
    case paymentKind = "payment_kind"
    /// The year of the tranche a payment or a report belongs to (an integer).
    case year
    /// The number of yearly tranches of a grant (an integer, on the award).
    case years
    /// The first year of a multi-year grant (an integer, on the award).
    case firstYear = "first_year"
    /// The instructor's opinion shown to the committee (on the proposal).
    case opinion

    /// The field types this meaning accepts.
    public var types: [FieldType] {
        switch self {
        case .dueOn, .receivedOn, .decidedOn, .signedOn: [.date]
        case .missingDocuments, .reference: [.text]
        case .instrument, .paymentKind: [.enum]
        case .year, .years, .firstYear: [.integer]
        case .opinion: [.enum, .text]
        }
    }

    /// The value meanings an enum field of this meaning may mark.
    public var valueMeanings: [ValueMeaning] {
        switch self {
        case .instrument: [.convention, .decree]
        case .paymentKind: [.advance, .instalment, .balance]
        case .dueOn, .missingDocuments, .receivedOn, .decidedOn, .signedOn, .reference, .year, .years, .firstYear, .opinion: []
        }
    }
}
