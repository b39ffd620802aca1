/// One of the amounts a case keeps separately, from the request to the recovery.
public enum AmountSlot: String, Sendable, CaseIterable, Codable {
    case requested
    case proposed
    case awarded
    case paid
    case spent
    case recovered

    /// The French name shown to people.
    public var label: String {
        switch self {
        case .requested: "demandé"
        case .proposed: "proposé"
        case .awarded: "attribué"
        case .paid: "versé"
        case .spent: "dépensé"
        case .recovered: "reversé"
        }
    }
}
