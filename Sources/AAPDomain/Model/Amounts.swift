/// The amounts a case keeps separately, each in cents.
public struct Amounts: Sendable, Equatable, Codable {
    public var requested = Money.zero
    public var proposed = Money.zero
    public var awarded = Money.zero
    public var paid = Money.zero
    public var spent = Money.zero
    public var recovered = Money.zero

    public init() {}

    public subscript(_ slot: AmountSlot) -> Money {
        get {
            switch slot {
            case .requested: requested
            case .proposed: proposed
            case .awarded: awarded
            case .paid: paid
            case .spent: spent
            case .recovered: recovered
            }
        }
        set {
            switch slot {
            case .requested: requested = newValue
            case .proposed: proposed = newValue
            case .awarded: awarded = newValue
            case .paid: paid = newValue
            case .spent: spent = newValue
            case .recovered: recovered = newValue
            }
        }
    }

    /// What the beneficiary is owed in the end: the award, or what was spent if less was spent
    /// once a financial report has been received.
    public func owed(reportReceived: Bool) -> Money {
        reportReceived ? Swift.min(awarded, spent) : awarded
    }

    /// Paid net of recoveries.
    public var netPaid: Money { paid - recovered }

    /// What may be asked back: what was paid (net) beyond what was spent within the award.
    public var recoverable: Money { netPaid - Swift.min(awarded, spent) }
}
