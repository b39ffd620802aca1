/// Rules of a submission: the call open, on time, the territory, the kind of applicant and its identifier.
extension RuleBook {
    /// The call is in its state that accepts submissions.
    static func callOpen(_ ctx: RuleContext) -> String? {
        return ctx.state.workflow(ctx.call.callWorkflow)?.state(ctx.call.state)?.acceptsSubmissions == true ? nil
            : "l'appel \(ctx.call.id) est « \(ctx.state.stateLabel(of: ctx.call)) » et ne reçoit pas de dossiers"
    }

    /// The receipt date is not in the future, not before the opening, and after the closing only with a reason.
    static func onTime(_ ctx: RuleContext) -> String? {
        guard let submission = ctx.submission else { return nil }
        let received = submission.receivedOn
        if received > ctx.today {
            return "la date de réception (\(received.french)) est dans le futur"
        }
        if received < ctx.call.opensOn {
            return "la date de réception (\(received.french)) précède l'ouverture de l'appel (\(ctx.call.opensOn.french))"
        }
        if received > ctx.call.closesOn, submission.lateReason == nil {
            return "le dossier a été reçu le \(received.french), après la clôture du \(ctx.call.closesOn.french) (motif de retard possible avec --late-reason)"
        }
        return nil
    }

    /// The applicant's département is one the call accepts.
    static func eligibleTerritory(_ ctx: RuleContext) -> String? {
        guard let submission = ctx.submission, !ctx.call.departements.isEmpty,
              !ctx.call.departements.contains(submission.applicant.departement) else { return nil }
        return "le département \(submission.applicant.departement.code) n'est pas éligible à cet appel (départements éligibles : \(ctx.call.departements.map(\.code).joined(separator: ", ")))"
    }

    /// The kind of applicant is one the call accepts.
    static func eligibleApplicantKind(_ ctx: RuleContext) -> String? {
        guard let submission = ctx.submission, !ctx.call.applicantKinds.isEmpty,
              !ctx.call.applicantKinds.contains(submission.applicant.kind) else { return nil }
        return "les porteurs de type « \(submission.applicant.kind.rawValue) » ne sont pas éligibles à cet appel (types éligibles : \(ctx.call.applicantKinds.map(\.rawValue).joined(separator: ", ")))"
    }

    /// The applicant is identified by a SIRET or an RNA number.
    static func validIdentifier(_ ctx: RuleContext) -> String? {
        guard let submission = ctx.submission else { return nil }
        return submission.applicant.siret != nil || submission.applicant.rna != nil ? nil
            : "un SIRET ou un numéro RNA est obligatoire pour identifier le porteur"
    }
}
