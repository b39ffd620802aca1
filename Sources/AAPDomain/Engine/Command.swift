/// What someone asks for, with values as typed by people; `decide` parses and checks them.
public enum Command: Sendable, Equatable {
    case registerActor(RegisterActor)
    case registerWorkflow(WorkflowDefinition)
    case createCall(CreateCall)
    case advanceCall(AdvanceCall)
    case setCommittee(SetCommittee)
    case submitCase(SubmitCase)
    case advanceCase(AdvanceCase)
    case setAuthority(SetAuthority)
    case rotateKey(RotateKey)
    case revokeKey(RevokeKey)
}

/// Replace an actor's public key (`aap actor rotate-key`).
public struct RotateKey: Sendable, Equatable {
    public var actor: String
    public var publicKey: String
    public init(actor: String, publicKey: String) { self.actor = actor; self.publicKey = publicKey }
}

/// Revoke an actor's key (`aap actor revoke-key`).
public struct RevokeKey: Sendable, Equatable {
    public var actor: String
    public var reason: String
    public init(actor: String, reason: String) { self.actor = actor; self.reason = reason }
}

/// Name the granting authority of the exports (`aap authority set`).
public struct SetAuthority: Sendable, Equatable {
    public var name: String
    public var siret: String
    public init(name: String, siret: String) { self.name = name; self.siret = siret }
}

/// Register an actor with roles (`aap init`, `aap actor add`).
public struct RegisterActor: Sendable, Equatable {
    public var actor: String
    public var name: String?
    public var roles: [String]
    public var publicKey: String?
    public init(actor: String, name: String? = nil, roles: [String], publicKey: String? = nil) {
        self.actor = actor; self.name = name; self.roles = roles; self.publicKey = publicKey
    }
}

/// Create a call in draft (`aap call create`).
public struct CreateCall: Sendable, Equatable {
    public var call: String
    public var kind: String
    public var title: String
    public var envelope: String
    public var opensOn: String
    public var closesOn: String
    public var departements: [String] = []
    public var applicantKinds: [String] = []
    public var measures: [String] = []
    public var fundingSource: String?
    /// `name:weight` pairs; weights in percent summing to 100.
    public var criteria: [String] = []
    public var conventionThreshold: String?
    /// The call's id in the *schéma des dispositifs d'aide*, when it has one.
    public var dispositifAide: String?

    public init(
        call: String, kind: String, title: String, envelope: String, opensOn: String, closesOn: String,
        departements: [String] = [], applicantKinds: [String] = [], measures: [String] = [], fundingSource: String? = nil,
        criteria: [String] = [], conventionThreshold: String? = nil, dispositifAide: String? = nil
    ) {
        self.call = call
        self.kind = kind
        self.title = title
        self.envelope = envelope
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.departements = departements
        self.applicantKinds = applicantKinds
        self.measures = measures
        self.fundingSource = fundingSource
        self.criteria = criteria
        self.conventionThreshold = conventionThreshold
        self.dispositifAide = dispositifAide
    }
}

/// Move a call by an action of its workflow (`aap call advance`).
public struct AdvanceCall: Sendable, Equatable {
    public var call: String
    public var action: String
    public var reason: String?
    /// Take the call workflow's action that opens the call to applications, whatever its id
    /// (`call create --publish`); `action` then only names it in a refusal when there is none.
    public var opening = false
    public init(call: String, action: String, reason: String? = nil) { self.call = call; self.action = action; self.reason = reason }

    /// Opens the call to applications with the action its workflow marks for it.
    public static func opening(_ call: String) -> AdvanceCall {
        var command = AdvanceCall(call: call, action: "")
        command.opening = true
        return command
    }
}

/// Set the committee of a call (`aap committee set`).
public struct SetCommittee: Sendable, Equatable {
    public var call: String
    public var chair: String
    public var members: [String]
    public var quorum: Int?
    /// A member who presides over the cases on which the chair declared a conflict of interest.
    public var viceChair: String?
    public init(call: String, chair: String, members: [String], quorum: Int? = nil, viceChair: String? = nil) {
        self.call = call; self.chair = chair; self.members = members; self.quorum = quorum; self.viceChair = viceChair
    }
}

/// Log an application on a call (`aap case submit`); fields as the workflow's creation action names them.
public struct SubmitCase: Sendable, Equatable {
    public var call: String
    public var fields: [String: String]
    /// The application's reference in the system it comes from (`DS-123456`), kept on the case; no two
    /// cases of a store share one.
    public var externalReference: String?
    public init(call: String, fields: [String: String], externalReference: String? = nil) {
        self.call = call; self.fields = fields; self.externalReference = externalReference
    }
}

/// Take an action on a case (`aap case advance`).
public struct AdvanceCase: Sendable, Equatable {
    public var caseID: String
    public var action: String
    public var fields: [String: String]
    public var reason: String?
    public var expectVersion: Int?
    public init(caseID: String, action: String, fields: [String: String] = [:], reason: String? = nil, expectVersion: Int? = nil) {
        self.caseID = caseID; self.action = action; self.fields = fields; self.reason = reason; self.expectVersion = expectVersion
    }
}

/// What the CLI injects into a decision: who acts and today's date (the domain has no clock), and
/// whether the command is new or rebuilt from a recorded line (which SIRET rule it must pass).
public struct DecisionContext: Sendable, Equatable {
    public var actor: String
    public var today: CalendarDate
    public var siretRule: Siret.Rule
    public init(actor: String, today: CalendarDate, siretRule: Siret.Rule = .insee) {
        self.actor = actor; self.today = today; self.siretRule = siretRule
    }
}
