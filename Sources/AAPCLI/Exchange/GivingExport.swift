import AAPDomain
import AAPStorage

/// A 360Giving data package (standard 1.4): every award that still counts, with its application,
/// commitment and disbursement transactions taken from the log.
struct GivingExport {
    /// The publisher prefix of grant identifiers.
    static let grantPrefix = "360G-aap-"
    /// Licence Ouverte / Open Licence 2.0 (Etalab), the licence of French public open data.
    static let license = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    /// The longest title 360Giving recommends (under 140 characters).
    static let titleMaxLength = 139

    let authority: AuthoritySet
    let calls: [CallState]
    let state: StoreState
    let timelines: [CaseID: CaseTimeline]
    let head: LogHead
    /// The `at` of the last event of the prefix: the package's modification instant.
    let lastAt: String?

    /// The cases published: those whose award still counts against the envelope.
    var cases: [CaseState] { calls.flatMap { MoneyView(call: $0, in: state).rows }.compactMap { state.cases[$0.caseID] } }

    /// The funder as org-id.guide registers French legal entities: `FR-RCS-<SIREN>`.
    var funderID: String { "FR-RCS-\(authority.siret.siren)" }

    /// The package, keys in the schema's order.
    var json: GivingPackage {
        GivingPackage(
            grants: cases.map(grant),
            title: calls.count == 1 ? "Subventions de l'appel \(calls.map(\.id.value).joined()) — \(authority.name)"
                                    : "Subventions attribuées — \(authority.name)",
            description: "Subventions attribuées sur appels à projets et à manifestation d'intérêt, tirées du journal d'événements aap jusqu'à l'événement \(head.seq) (tête \(head.hash)).",
            identifier: "aap-\(authority.siret.value)-\(head.seq)",
            modified: lastAt,
            publisher: .init(identifier: funderID, name: authority.name),
            license: Self.license
        )
    }

    func grant(_ c: CaseState) -> GivingPackage.Grant {
        let timeline = timelines[c.id] ?? CaseTimeline()
        let id = Self.grantPrefix + c.id.value
        let recipient = Self.organizationID(c.applicant)
        let call = state.calls[c.call]
        let commitment = timeline.agreement.map { agreement in
            let reference = agreement.reference.map { " \($0)" } ?? ""
            let act = agreement.instrument == .decree ? "Arrêté attributif\(reference) signé" : "Convention\(reference) signée"
            return [transaction(
                id: "\(id)-engagement", date: (agreement.signedOn ?? c.receivedOn).iso, value: c.amounts.awarded, recipient: recipient,
                description: act
            )]
        }
        let disbursements = timeline.payments.map { p in
            transaction(id: "\(id)-versement-\(p.seq)", date: p.date?.iso, value: p.amount, recipient: recipient,
                        description: Self.paymentLabel(p))
        } + timeline.recoveries.map { r in
            transaction(id: "\(id)-reversement-\(r.seq)", date: r.date?.iso, value: Money(cents: -r.amount.cents), recipient: recipient,
                        description: "Reversement demandé")
        }
        return GivingPackage.Grant(
            id: id,
            title: Self.title(c.title),
            description: description(c, call: call),
            amountAwarded: .init(c.amounts.awarded),
            awardDate: awardDate(c, timeline),
            recipientOrganization: [.init(id: recipient, name: c.applicant.name, organisationType: c.applicant.kind.label, addressCountry: "France")],
            fundingOrganization: [.init(id: funderID, name: authority.name)],
            amountAppliedFor: .init(c.amounts.requested),
            amountDisbursed: .init(c.amounts.netPaid),
            plannedDates: c.grantYears.map { range in
                [.init(startDate: String(range.lowerBound), endDate: String(range.upperBound), duration: range.count * 12)]
            },
            beneficiaryLocation: [location(c.applicant.departement)],
            grantProgramme: call.map { [.init(code: $0.id.value, title: $0.title)] },
            applicationTransaction: [transaction(
                id: "\(id)-demande", date: c.receivedOn.iso, value: c.amounts.requested, recipient: recipient,
                description: "Demande de subvention reçue"
            )],
            commitmentTransaction: commitment,
            disbursementTransaction: disbursements.isEmpty ? nil : disbursements,
            dateModified: timeline.lastAt
        )
    }

    private func transaction(id: String, date: String?, value: Money, recipient: String, description: String) -> GivingPackage.Transaction {
        GivingPackage.Transaction(id: id, transactionDate: date, value: .init(value), description: description, provider: funderID, recipient: recipient)
    }

    private func description(_ c: CaseState, call: CallState?) -> String {
        let place = c.applicant.departement.isRegionWide ? "toute la région" : (c.applicant.departement.name ?? c.applicant.departement.code)
        let programme = call.map { " Appel \($0.id) : \($0.title)." } ?? ""
        return "\(c.title) — projet porté par \(c.applicant.name) (\(place)).\(programme)"
    }

    /// The committee's decision date, else the date the case was received.
    private func awardDate(_ c: CaseState, _ timeline: CaseTimeline) -> String {
        (timeline.decidedOn ?? timeline.agreement?.signedOn ?? c.receivedOn).iso
    }

    private func location(_ d: DepartementCode) -> GivingPackage.Location {
        if d.isRegionWide {
            return .init(name: d.name ?? "Toute la région", countryCode: "FR")
        }
        return .init(name: d.name ?? d.code, countryCode: "FR", geoCode: d.code,
                     geoCodeType: "FR-DEP", description: "Département (code officiel géographique INSEE)")
    }

    /// The recipient's org id. org-id.guide registers `FR-RCS`, whose identifier is the SIREN (the
    /// legal entity, so every establishment of one entity has the same id); it has no list for the
    /// RNA, so an association known only by its RNA gets an id minted under the publisher's prefix,
    /// as 360Giving's guidance asks for organisations without a registered identifier.
    static func organizationID(_ applicant: Applicant) -> String {
        if let siret = applicant.siret { return "FR-RCS-\(siret.siren)" }
        if let rna = applicant.rna { return "\(grantPrefix)RNA-\(rna.value)" }
        return "\(grantPrefix)\(applicant.name)"
    }

    static func title(_ text: String) -> String {
        let line = ScdlExport.singleLine(text)
        guard line.count > titleMaxLength else { return line }
        return String(line.prefix(titleMaxLength - 1)) + "…"
    }

    static func paymentLabel(_ p: CaseTimeline.Payment) -> String {
        let kind: String
        switch p.kind {
        case .advance: kind = "Avance"
        case .instalment: kind = "Acompte"
        case .balance: kind = "Solde"
        case .convention, .decree, nil: kind = "Versement"
        }
        return p.year.map { "\(kind) (tranche \($0))" } ?? kind
    }
}
