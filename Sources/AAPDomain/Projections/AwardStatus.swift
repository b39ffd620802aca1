/// Where a case's award stands against the envelope.
public enum AwardStatus: Sendable, Equatable {
    /// The case's state keeps its award counted against the envelope.
    case counted(Money)
    /// An award was recorded but the case's state no longer counts it (retracted, withdrawn…).
    case released(Money)
    /// Nothing was awarded.
    case none

    public init(of c: CaseState, in state: StoreState) {
        if state.holdsAward(c) {
            self = .counted(c.amounts.awarded)
        } else {
            self = c.amounts.awarded.cents > 0 ? .released(c.amounts.awarded) : .none
        }
    }

    /// The amount that counts against the envelope: zero unless counted.
    public var counted: Money {
        switch self {
        case .counted(let amount): amount
        case .released, .none: .zero
        }
    }
}
