/// What a committee decision does to the case (`outcome` of an action whose effect is `decision`).
public enum DecisionOutcome: String, Sendable, Codable, CaseIterable {
    /// The case is retained and its award set (`select`).
    case award
    /// The case goes on the waitlist (`waitlist`).
    case waitlist
    /// The case is not retained (`reject`).
    case rejection
    /// A decision already taken is withdrawn (`retract-decision`, CRPA L242-1).
    case retraction
}
