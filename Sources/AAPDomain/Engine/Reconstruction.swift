/// Rebuilds, from a recorded event, the command that decided it: the audit decides it again.
extension Command {
    public init(recording event: Event) {
        switch event {
        case .actorRegistered(let e):
            self = .registerActor(RegisterActor(actor: e.actor.value, name: e.name, roles: e.roles.map(\.rawValue), publicKey: e.publicKey))
        case .workflowRegistered(let e):
            self = .registerWorkflow(e.definition)
        case .callCreated(let e):
            self = .createCall(CreateCall(
                call: e.call.value, kind: e.kind, title: e.title, envelope: e.envelope.inputText, opensOn: e.opensOn.iso,
                closesOn: e.closesOn.iso, departements: e.departements.map(\.code), applicantKinds: e.applicantKinds.map(\.rawValue),
                measures: e.measures, fundingSource: e.fundingSource, criteria: e.criteria.map { "\($0.name):\($0.weight)" },
                conventionThreshold: e.conventionThreshold.inputText, dispositifAide: e.dispositifAide
            ))
        case .callAdvanced(let e):
            self = .advanceCall(AdvanceCall(call: e.call.value, action: e.action, reason: e.reason))
        case .committeeSet(let e):
            self = .setCommittee(SetCommittee(call: e.call.value, chair: e.chair.value, members: e.members.map(\.value), quorum: e.quorum, viceChair: e.viceChair?.value))
        case .caseSubmitted(let e):
            var fields: [String: String] = [
                "applicant_name": e.applicant.name, "applicant_kind": e.applicant.kind.rawValue,
                "departement": e.applicant.departement.code, "title": e.title,
                "amount_requested": e.amountRequested.inputText, "received_on": e.receivedOn.iso,
            ]
            fields["siret"] = e.applicant.siret?.value
            fields["rna"] = e.applicant.rna?.value
            fields["late_reason"] = e.lateReason
            self = .submitCase(SubmitCase(call: e.call.value, fields: fields, externalReference: e.externalReference))
        case .actorKeyRotated(let e):
            self = .rotateKey(RotateKey(actor: e.actor.value, publicKey: e.publicKey))
        case .actorKeyRevoked(let e):
            self = .revokeKey(RevokeKey(actor: e.actor.value, reason: e.reason))
        case .authoritySet(let e):
            self = .setAuthority(SetAuthority(name: e.name, siret: e.siret.value))
        case .caseAdvanced(let e):
            self = .advanceCase(AdvanceCase(
                caseID: e.caseID.value, action: e.action, fields: e.fields.values.mapValues(\.inputText), reason: e.reason
            ))
        }
    }
}
