import AAPDomain

/// The `data` of each event type, read the way its synthesized `Decodable` conformance reads it:
/// the same keys, the same optional members (absent or `null`), members it does not know ignored,
/// and required members reported missing in declaration order.
extension LineDecoder {
    static func actorRegistered(_ reader: inout JSONReader) throws -> ActorRegistered {
        var actor: ActorID?
        var name: String??
        var roles: [Role]?
        var publicKey: String??
        try reader.readObject { reader, key in
            if key == "actor" {
                try reader.member(&actor, "actor") { try $0.readActorID() }
            } else if key == "name" {
                try reader.member(&name, "name") { try $0.readOptionalString() }
            } else if key == "roles" {
                try reader.member(&roles, "roles") { try $0.readArray { try $0.readRole() } }
            } else if key == "public_key" {
                try reader.member(&publicKey, "public_key") { try $0.readOptionalString() }
            } else {
                try reader.skipValue()
            }
        }
        return ActorRegistered(
            actor: try required(actor, "actor"), name: name ?? nil, roles: try required(roles, "roles"),
            publicKey: publicKey ?? nil
        )
    }

    static func actorKeyRotated(_ reader: inout JSONReader) throws -> ActorKeyRotated {
        var actor: ActorID?
        var publicKey: String?
        try reader.readObject { reader, key in
            if key == "actor" {
                try reader.member(&actor, "actor") { try $0.readActorID() }
            } else if key == "public_key" {
                try reader.member(&publicKey, "public_key") { try $0.readString() }
            } else {
                try reader.skipValue()
            }
        }
        return ActorKeyRotated(actor: try required(actor, "actor"), publicKey: try required(publicKey, "public_key"))
    }

    static func actorKeyRevoked(_ reader: inout JSONReader) throws -> ActorKeyRevoked {
        var actor: ActorID?
        var reason: String?
        try reader.readObject { reader, key in
            if key == "actor" {
                try reader.member(&actor, "actor") { try $0.readActorID() }
            } else if key == "reason" {
                try reader.member(&reason, "reason") { try $0.readString() }
            } else {
                try reader.skipValue()
            }
        }
        return ActorKeyRevoked(actor: try required(actor, "actor"), reason: try required(reason, "reason"))
    }

    static func authoritySet(_ reader: inout JSONReader) throws -> AuthoritySet {
        var name: String?
        var siret: Siret?
        try reader.readObject { reader, key in
            if key == "name" {
                try reader.member(&name, "name") { try $0.readString() }
            } else if key == "siret" {
                try reader.member(&siret, "siret") { try $0.readSiret() }
            } else {
                try reader.skipValue()
            }
        }
        return AuthoritySet(name: try required(name, "name"), siret: try required(siret, "siret"))
    }

    static func callCreated(_ reader: inout JSONReader) throws -> CallCreated {
        var call: CallID?
        var kind: String?
        var callWorkflow: WorkflowRef?
        var caseWorkflow: WorkflowRef?
        var title: String?
        var envelope: Money?
        var opensOn: CalendarDate?
        var closesOn: CalendarDate?
        var departements: [DepartementCode]?
        var applicantKinds: [ApplicantKind]?
        var measures: [String]?
        var fundingSource: String??
        var criteria: [Criterion]?
        var conventionThreshold: Money?
        try reader.readObject { reader, key in
            if key == "call" {
                try reader.member(&call, "call") { try $0.readCallID() }
            } else if key == "kind" {
                try reader.member(&kind, "kind") { try $0.readString() }
            } else if key == "call_workflow" {
                try reader.member(&callWorkflow, "call_workflow") { try $0.readWorkflowRef() }
            } else if key == "case_workflow" {
                try reader.member(&caseWorkflow, "case_workflow") { try $0.readWorkflowRef() }
            } else if key == "title" {
                try reader.member(&title, "title") { try $0.readString() }
            } else if key == "envelope_cents" {
                try reader.member(&envelope, "envelope_cents") { try $0.readMoney() }
            } else if key == "opens_on" {
                try reader.member(&opensOn, "opens_on") { try $0.readDate() }
            } else if key == "closes_on" {
                try reader.member(&closesOn, "closes_on") { try $0.readDate() }
            } else if key == "departements" {
                try reader.member(&departements, "departements") { try $0.readArray { try $0.readDepartement() } }
            } else if key == "applicant_kinds" {
                try reader.member(&applicantKinds, "applicant_kinds") { try $0.readArray { try $0.readApplicantKind() } }
            } else if key == "measures" {
                try reader.member(&measures, "measures") { try $0.readArray { try $0.readString() } }
            } else if key == "funding_source" {
                try reader.member(&fundingSource, "funding_source") { try $0.readOptionalString() }
            } else if key == "criteria" {
                try reader.member(&criteria, "criteria") { try $0.readArray { try $0.readCriterion() } }
            } else if key == "convention_threshold_cents" {
                try reader.member(&conventionThreshold, "convention_threshold_cents") { try $0.readMoney() }
            } else {
                try reader.skipValue()
            }
        }
        return CallCreated(
            call: try required(call, "call"),
            kind: try required(kind, "kind"),
            callWorkflow: try required(callWorkflow, "call_workflow"),
            caseWorkflow: try required(caseWorkflow, "case_workflow"),
            title: try required(title, "title"),
            envelope: try required(envelope, "envelope_cents"),
            opensOn: try required(opensOn, "opens_on"),
            closesOn: try required(closesOn, "closes_on"),
            departements: try required(departements, "departements"),
            applicantKinds: try required(applicantKinds, "applicant_kinds"),
            measures: try required(measures, "measures"),
            fundingSource: fundingSource ?? nil,
            criteria: try required(criteria, "criteria"),
            conventionThreshold: try required(conventionThreshold, "convention_threshold_cents")
        )
    }

    static func callAdvanced(_ reader: inout JSONReader) throws -> CallAdvanced {
        var call: CallID?
        var action: String?
        var from: String?
        var to: String?
        var reason: String??
        try reader.readObject { reader, key in
            if key == "call" {
                try reader.member(&call, "call") { try $0.readCallID() }
            } else if key == "action" {
                try reader.member(&action, "action") { try $0.readString() }
            } else if key == "from" {
                try reader.member(&from, "from") { try $0.readString() }
            } else if key == "to" {
                try reader.member(&to, "to") { try $0.readString() }
            } else if key == "reason" {
                try reader.member(&reason, "reason") { try $0.readOptionalString() }
            } else {
                try reader.skipValue()
            }
        }
        return CallAdvanced(
            call: try required(call, "call"), action: try required(action, "action"),
            from: try required(from, "from"), to: try required(to, "to"), reason: reason ?? nil
        )
    }

    static func committeeSet(_ reader: inout JSONReader) throws -> CommitteeSet {
        var call: CallID?
        var chair: ActorID?
        var members: [ActorID]?
        var quorum: Int?
        try reader.readObject { reader, key in
            if key == "call" {
                try reader.member(&call, "call") { try $0.readCallID() }
            } else if key == "chair" {
                try reader.member(&chair, "chair") { try $0.readActorID() }
            } else if key == "members" {
                try reader.member(&members, "members") { try $0.readArray { try $0.readActorID() } }
            } else if key == "quorum" {
                try reader.member(&quorum, "quorum") { try $0.readInt() }
            } else {
                try reader.skipValue()
            }
        }
        return CommitteeSet(
            call: try required(call, "call"), chair: try required(chair, "chair"),
            members: try required(members, "members"), quorum: try required(quorum, "quorum")
        )
    }

    static func caseSubmitted(_ reader: inout JSONReader) throws -> CaseSubmitted {
        var caseID: CaseID?
        var call: CallID?
        var workflow: WorkflowRef?
        var applicant: Applicant?
        var title: String?
        var amountRequested: Money?
        var receivedOn: CalendarDate?
        var lateReason: String??
        try reader.readObject { reader, key in
            if key == "case" {
                try reader.member(&caseID, "case") { try $0.readCaseID() }
            } else if key == "call" {
                try reader.member(&call, "call") { try $0.readCallID() }
            } else if key == "workflow" {
                try reader.member(&workflow, "workflow") { try $0.readWorkflowRef() }
            } else if key == "applicant" {
                try reader.member(&applicant, "applicant") { try $0.readApplicant() }
            } else if key == "title" {
                try reader.member(&title, "title") { try $0.readString() }
            } else if key == "amount_requested_cents" {
                try reader.member(&amountRequested, "amount_requested_cents") { try $0.readMoney() }
            } else if key == "received_on" {
                try reader.member(&receivedOn, "received_on") { try $0.readDate() }
            } else if key == "late_reason" {
                try reader.member(&lateReason, "late_reason") { try $0.readOptionalString() }
            } else {
                try reader.skipValue()
            }
        }
        return CaseSubmitted(
            caseID: try required(caseID, "case"),
            call: try required(call, "call"),
            workflow: try required(workflow, "workflow"),
            applicant: try required(applicant, "applicant"),
            title: try required(title, "title"),
            amountRequested: try required(amountRequested, "amount_requested_cents"),
            receivedOn: try required(receivedOn, "received_on"),
            lateReason: lateReason ?? nil
        )
    }

    static func caseAdvanced(_ reader: inout JSONReader) throws -> CaseAdvanced {
        var caseID: CaseID?
        var action: String?
        var from: String?
        var to: String?
        var fields: Fields?
        var reason: String??
        try reader.readObject { reader, key in
            if key == "case" {
                try reader.member(&caseID, "case") { try $0.readCaseID() }
            } else if key == "action" {
                try reader.member(&action, "action") { try $0.readString() }
            } else if key == "from" {
                try reader.member(&from, "from") { try $0.readString() }
            } else if key == "to" {
                try reader.member(&to, "to") { try $0.readString() }
            } else if key == "fields" {
                try reader.member(&fields, "fields") { try $0.readFields() }
            } else if key == "reason" {
                try reader.member(&reason, "reason") { try $0.readOptionalString() }
            } else {
                try reader.skipValue()
            }
        }
        return CaseAdvanced(
            caseID: try required(caseID, "case"), action: try required(action, "action"),
            from: try required(from, "from"), to: try required(to, "to"),
            fields: try required(fields, "fields"), reason: reason ?? nil
        )
    }
}
