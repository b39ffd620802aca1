/// An actor registered with its roles (`actor.registered`).
public struct ActorRegistered: Sendable, Equatable, Codable {
    public let actor: ActorID
    public let name: String?
    public let roles: [Role]
    /// The actor's Ed25519 public key (base64 of 32 bytes): their log lines must be signed by it.
    public let publicKey: String?
    public init(actor: ActorID, name: String?, roles: [Role], publicKey: String? = nil) {
        self.actor = actor; self.name = name; self.roles = roles; self.publicKey = publicKey
    }

    enum CodingKeys: String, CodingKey {
        case actor, name, roles
        case publicKey = "public_key"
    }
}

/// An actor's signing key replaced by a new one (`actor.key_rotated`); earlier lines keep the old key.
public struct ActorKeyRotated: Sendable, Equatable, Codable {
    public let actor: ActorID
    public let publicKey: String
    public init(actor: ActorID, publicKey: String) { self.actor = actor; self.publicKey = publicKey }

    enum CodingKeys: String, CodingKey {
        case actor
        case publicKey = "public_key"
    }
}

/// An actor's signing key revoked (`actor.key_revoked`): they cannot write until a new key is registered.
public struct ActorKeyRevoked: Sendable, Equatable, Codable {
    public let actor: ActorID
    public let reason: String
    public init(actor: ActorID, reason: String) { self.actor = actor; self.reason = reason }
}

/// The granting authority named in open-data exports (`authority.set`), e.g. a DREETS.
public struct AuthoritySet: Sendable, Equatable, Codable {
    public let name: String
    public let siret: Siret
    public init(name: String, siret: Siret) { self.name = name; self.siret = siret }
}

/// A workflow version registered in the log (`workflow.registered`); running cases keep theirs.
public struct WorkflowRegistered: Sendable, Equatable, Codable {
    public let definition: WorkflowDefinition
    public init(definition: WorkflowDefinition) { self.definition = definition }
}

/// One criterion of a call's scoring grid, with its weight in percent.
public struct Criterion: Sendable, Equatable, Hashable, Codable {
    public let name: String
    public let weight: Int
    public init(name: String, weight: Int) { self.name = name; self.weight = weight }
}

/// A call for projects created in draft (`call.created`).
public struct CallCreated: Sendable, Equatable, Codable {
    public let call: CallID
    public let kind: String
    public let callWorkflow: WorkflowRef
    public let caseWorkflow: WorkflowRef
    public let title: String
    public let envelope: Money
    public let opensOn: CalendarDate
    public let closesOn: CalendarDate
    public let departements: [DepartementCode]
    public let applicantKinds: [ApplicantKind]
    public let measures: [String]
    public let fundingSource: String?
    public let criteria: [Criterion]
    public let conventionThreshold: Money

    public init(
        call: CallID, kind: String, callWorkflow: WorkflowRef, caseWorkflow: WorkflowRef, title: String, envelope: Money,
        opensOn: CalendarDate, closesOn: CalendarDate, departements: [DepartementCode], applicantKinds: [ApplicantKind],
        measures: [String], fundingSource: String?, criteria: [Criterion], conventionThreshold: Money
    ) {
        self.call = call
        self.kind = kind
        self.callWorkflow = callWorkflow
        self.caseWorkflow = caseWorkflow
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
    }

    enum CodingKeys: String, CodingKey {
        case call, kind
        case callWorkflow = "call_workflow"
        case caseWorkflow = "case_workflow"
        case title
        case envelope = "envelope_cents"
        case opensOn = "opens_on"
        case closesOn = "closes_on"
        case departements
        case applicantKinds = "applicant_kinds"
        case measures
        case fundingSource = "funding_source"
        case criteria
        case conventionThreshold = "convention_threshold_cents"
    }
}

/// A call moved by an action of the call workflow (`call.advanced`).
public struct CallAdvanced: Sendable, Equatable, Codable {
    public let call: CallID
    public let action: String
    public let from: String
    public let to: String
    public let reason: String?
    public init(call: CallID, action: String, from: String, to: String, reason: String?) {
        self.call = call; self.action = action; self.from = from; self.to = to; self.reason = reason
    }
}

/// The selection committee of a call set or replaced (`committee.set`).
public struct CommitteeSet: Sendable, Equatable, Codable {
    public let call: CallID
    public let chair: ActorID
    public let members: [ActorID]
    public let quorum: Int
    public init(call: CallID, chair: ActorID, members: [ActorID], quorum: Int) {
        self.call = call; self.chair = chair; self.members = members; self.quorum = quorum
    }
}

/// Who applies: the applicant (porteur de projet) as recorded at submission.
public struct Applicant: Sendable, Equatable, Codable {
    public let name: String
    public let kind: ApplicantKind
    public let siret: Siret?
    public let rna: Rna?
    public let departement: DepartementCode
    public init(name: String, kind: ApplicantKind, siret: Siret?, rna: Rna?, departement: DepartementCode) {
        self.name = name; self.kind = kind; self.siret = siret; self.rna = rna; self.departement = departement
    }
}

/// An application logged on a call (`case.submitted`).
public struct CaseSubmitted: Sendable, Equatable, Codable {
    public let caseID: CaseID
    public let call: CallID
    public let workflow: WorkflowRef
    public let applicant: Applicant
    public let title: String
    public let amountRequested: Money
    public let receivedOn: CalendarDate
    public let lateReason: String?

    public init(
        caseID: CaseID, call: CallID, workflow: WorkflowRef, applicant: Applicant, title: String, amountRequested: Money,
        receivedOn: CalendarDate, lateReason: String?
    ) {
        self.caseID = caseID
        self.call = call
        self.workflow = workflow
        self.applicant = applicant
        self.title = title
        self.amountRequested = amountRequested
        self.receivedOn = receivedOn
        self.lateReason = lateReason
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case"
        case call, workflow, applicant, title
        case amountRequested = "amount_requested_cents"
        case receivedOn = "received_on"
        case lateReason = "late_reason"
    }
}

/// A case moved (or kept in its state) by an action of its workflow (`case.advanced`).
public struct CaseAdvanced: Sendable, Equatable, Codable {
    public let caseID: CaseID
    public let action: String
    public let from: String
    public let to: String
    public let fields: Fields
    public let reason: String?

    public init(caseID: CaseID, action: String, from: String, to: String, fields: Fields, reason: String?) {
        self.caseID = caseID; self.action = action; self.from = from; self.to = to; self.fields = fields; self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case"
        case action, from, to, fields, reason
    }
}
