import Foundation

/// A role an actor may hold; what each may do is written in the workflow files.
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    case admin
    case manager
    case instructor
    case committeeMember = "committee_member"
    case committeeChair = "committee_chair"
    case finance
    case auditor

    /// The French name shown to people.
    public var label: String {
        switch self {
        case .admin: "administrateur"
        case .manager: "responsable de l'appel"
        case .instructor: "agent instructeur"
        case .committeeMember: "membre du comité de sélection"
        case .committeeChair: "président(e) du comité"
        case .finance: "gestionnaire financier"
        case .auditor: "auditeur"
        }
    }

    /// Whether holding the role also requires a seat on the call's committee.
    public var isCommitteeRole: Bool {
        switch self {
        case .committeeMember, .committeeChair: true
        case .admin, .manager, .instructor, .finance, .auditor: false
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        let order = Role.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }

    /// Parses a role id, refusing unknown ones with the list of known ids.
    public static func parse(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ValueError(code: "value.role", "Rôle inconnu « \(text) » : rôles possibles \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }
}
