/// What one value of an enum field means to the domain (`value_means` of a field).
public enum ValueMeaning: String, Sendable, Codable, CaseIterable {
    /// A convention (an instrument).
    case convention
    /// An arrêté attributif (an instrument).
    case decree
    /// An advance (avance, a payment kind).
    case advance
    /// An instalment (acompte, a payment kind).
    case instalment
    /// The balance (solde, a payment kind): paid once the case is evaluated.
    case balance
}
