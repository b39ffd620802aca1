import Foundation

/// Everything that can happen, as written in the log; each case has a frozen `type` string.
///
/// Add cases, never rename them: the type strings are on disk.
public enum Event: Sendable, Equatable {
    case actorRegistered(ActorRegistered)
    case workflowRegistered(WorkflowRegistered)
    case callCreated(CallCreated)
    case callAdvanced(CallAdvanced)
    case committeeSet(CommitteeSet)
    case caseSubmitted(CaseSubmitted)
    case caseAdvanced(CaseAdvanced)
    case authoritySet(AuthoritySet)
    case actorKeyRotated(ActorKeyRotated)
    case actorKeyRevoked(ActorKeyRevoked)

    /// The frozen type string written to disk.
    public var type: String {
        switch self {
        case .actorRegistered: "actor.registered"
        case .workflowRegistered: "workflow.registered"
        case .callCreated: "call.created"
        case .callAdvanced: "call.advanced"
        case .committeeSet: "committee.set"
        case .caseSubmitted: "case.submitted"
        case .caseAdvanced: "case.advanced"
        case .authoritySet: "authority.set"
        case .actorKeyRotated: "actor.key_rotated"
        case .actorKeyRevoked: "actor.key_revoked"
        }
    }

    /// Every type string this program reads.
    public static let knownTypes: Set<String> = [
        "actor.registered", "workflow.registered", "call.created", "call.advanced", "committee.set",
        "case.submitted", "case.advanced", "authority.set", "actor.key_rotated", "actor.key_revoked",
    ]

    /// The call the event concerns, if any.
    public var callID: CallID? {
        switch self {
        case .actorRegistered, .workflowRegistered, .authoritySet, .actorKeyRotated, .actorKeyRevoked: nil
        case .callCreated(let e): e.call
        case .callAdvanced(let e): e.call
        case .committeeSet(let e): e.call
        case .caseSubmitted(let e): e.call
        case .caseAdvanced(let e): e.caseID.callID
        }
    }

    /// The case the event concerns, if any.
    public var caseID: CaseID? {
        switch self {
        case .actorRegistered, .workflowRegistered, .callCreated, .callAdvanced, .committeeSet, .authoritySet,
             .actorKeyRotated, .actorKeyRevoked: nil
        case .caseSubmitted(let e): e.caseID
        case .caseAdvanced(let e): e.caseID
        }
    }

    /// The payload as compact JSON with sorted keys (the `data` of a log line).
    public func encodedData() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch self {
        case .actorRegistered(let e): data = try encoder.encode(e)
        case .workflowRegistered(let e): data = try encoder.encode(e)
        case .callCreated(let e): data = try encoder.encode(e)
        case .callAdvanced(let e): data = try encoder.encode(e)
        case .committeeSet(let e): data = try encoder.encode(e)
        case .caseSubmitted(let e): data = try encoder.encode(e)
        case .caseAdvanced(let e): data = try encoder.encode(e)
        case .authoritySet(let e): data = try encoder.encode(e)
        case .actorKeyRotated(let e): data = try encoder.encode(e)
        case .actorKeyRevoked(let e): data = try encoder.encode(e)
        }
        return Array(data)
    }

    /// Decodes the payload stored under `key` according to its type string.
    public static func decode<Key: CodingKey>(type: String, from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Event {
        switch type {
        case "actor.registered": return .actorRegistered(try container.decode(ActorRegistered.self, forKey: key))
        case "workflow.registered": return .workflowRegistered(try container.decode(WorkflowRegistered.self, forKey: key))
        case "call.created": return .callCreated(try container.decode(CallCreated.self, forKey: key))
        case "call.advanced": return .callAdvanced(try container.decode(CallAdvanced.self, forKey: key))
        case "committee.set": return .committeeSet(try container.decode(CommitteeSet.self, forKey: key))
        case "case.submitted": return .caseSubmitted(try container.decode(CaseSubmitted.self, forKey: key))
        case "case.advanced": return .caseAdvanced(try container.decode(CaseAdvanced.self, forKey: key))
        case "authority.set": return .authoritySet(try container.decode(AuthoritySet.self, forKey: key))
        case "actor.key_rotated": return .actorKeyRotated(try container.decode(ActorKeyRotated.self, forKey: key))
        case "actor.key_revoked": return .actorKeyRevoked(try container.decode(ActorKeyRevoked.self, forKey: key))
        default: throw ValueError(code: "event.type", "Type d'événement inconnu « \(type) »")
        }
    }
}

/// An event with the actor who recorded it and when: what a log line holds beside its chain fields.
public struct RecordedEvent: Sendable, Equatable {
    public let seq: Int
    public let at: String
    public let actor: ActorID
    public let event: Event
    public init(seq: Int, at: String, actor: ActorID, event: Event) {
        self.seq = seq; self.at = at; self.actor = actor; self.event = event
    }
}
