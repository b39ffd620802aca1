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

    var funderID: String { "FR-SIRET-\(authority.siret.value)" }

    /// The package as JSON, keys in a fixed order.
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("grants", .array(cases.map(grant))),
            ("version", .string("1.4")),
            ("title", .string(calls.count == 1 ? "Subventions de l'appel \(calls.map(\.id.value).joined()) — \(authority.name)"
                                              : "Subventions attribuées — \(authority.name)")),
            ("description", .string("Subventions attribuées sur appels à projets et à manifestation d'intérêt, tirées du journal d'événements aap jusqu'à l'événement \(head.seq) (tête \(head.hash)).")),
            ("identifier", .string("aap-\(authority.siret.value)-\(head.seq)")),
        ]
        if let lastAt { pairs.append(("modified", .string(lastAt))) }
        pairs += [
            ("publisher", .object([("identifier", .string(funderID)), ("name", .string(authority.name))])),
            ("license", .string(Self.license)),
        ]
        return .object(pairs)
    }

    func grant(_ c: CaseState) -> JSONValue {
        let timeline = timelines[c.id] ?? CaseTimeline()
        let id = Self.grantPrefix + c.id.value
        let recipient = Self.organizationID(c.applicant)
        let call = state.calls[c.call]
        var pairs: [(String, JSONValue)] = [
            ("id", .string(id)),
            ("title", .string(Self.title(c.title))),
            ("description", .string(description(c, call: call))),
            ("currency", .string("EUR")),
            ("amountAwarded", Self.euros(c.amounts.awarded)),
            ("awardDate", .string(awardDate(c, timeline))),
            ("recipientOrganization", .array([.object([
                ("id", .string(recipient)), ("name", .string(c.applicant.name)),
                ("organisationType", .string(c.applicant.kind.label)), ("addressCountry", .string("France")),
            ])])),
            ("fundingOrganization", .array([.object([("id", .string(funderID)), ("name", .string(authority.name))])])),
            ("amountAppliedFor", Self.euros(c.amounts.requested)),
            ("amountDisbursed", Self.euros(c.amounts.netPaid)),
        ]
        if let range = c.grantYears {
            pairs.append(("plannedDates", .array([.object([
                ("startDate", .string(String(range.lowerBound))), ("endDate", .string(String(range.upperBound))),
                ("duration", .int(Int64(range.count * 12))),
            ])])))
        }
        pairs.append(("beneficiaryLocation", .array([location(c.applicant.departement)])))
        if let call {
            pairs.append(("grantProgramme", .array([.object([("code", .string(call.id.value)), ("title", .string(call.title))])])))
        }
        pairs.append(("fromOpenCall", .string("Yes")))
        pairs.append(("applicationTransaction", .array([.object(transaction(
            id: "\(id)-demande", date: c.receivedOn.iso, value: c.amounts.requested, recipient: recipient,
            description: "Demande de subvention reçue"
        ))])))
        if let agreement = timeline.agreement {
            let reference = agreement.reference.map { " \($0)" } ?? ""
            let act = agreement.instrument == .decree ? "Arrêté attributif\(reference) signé" : "Convention\(reference) signée"
            pairs.append(("commitmentTransaction", .array([.object(transaction(
                id: "\(id)-engagement", date: (agreement.signedOn ?? c.receivedOn).iso, value: c.amounts.awarded, recipient: recipient,
                description: act
            ))])))
        }
        let disbursements = timeline.payments.map { p in
            transaction(id: "\(id)-versement-\(p.seq)", date: p.date?.iso, value: p.amount, recipient: recipient,
                        description: Self.paymentLabel(p))
        } + timeline.recoveries.map { r in
            transaction(id: "\(id)-reversement-\(r.seq)", date: r.date?.iso, value: Money(cents: -r.amount.cents), recipient: recipient,
                        description: "Reversement demandé")
        }
        if !disbursements.isEmpty { pairs.append(("disbursementTransaction", .array(disbursements.map(JSONValue.object)))) }
        if let lastAt = timeline.lastAt { pairs.append(("dateModified", .string(lastAt))) }
        return .object(pairs)
    }

    private func transaction(id: String, date: String?, value: Money, recipient: String, description: String) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = [("id", .string(id))]
        if let date { pairs.append(("transactionDate", .string(date))) }
        pairs += [
            ("value", Self.euros(value)), ("currency", .string("EUR")), ("description", .string(description)),
            ("provider", .string(funderID)), ("recipient", .string(recipient)),
        ]
        return pairs
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

    private func location(_ d: DepartementCode) -> JSONValue {
        if d.isRegionWide {
            return .object([("name", .string(d.name ?? "Toute la région")), ("countryCode", .string("FR"))])
        }
        return .object([
            ("name", .string(d.name ?? d.code)), ("countryCode", .string("FR")), ("geoCode", .string(d.code)),
            ("geoCodeType", .string("FR-DEP")), ("description", .string("Département (code officiel géographique INSEE)")),
        ])
    }

    /// An org-id.guide style identifier: `FR-SIRET-…`, else `FR-RNA-…`.
    static func organizationID(_ applicant: Applicant) -> String {
        if let siret = applicant.siret { return "FR-SIRET-\(siret.value)" }
        if let rna = applicant.rna { return "FR-RNA-\(rna.value)" }
        return "FR-AAP-\(applicant.name)"
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

    /// Euros as a JSON number: an integer when whole, else with its cents (`47800.2`).
    static func euros(_ money: Money) -> JSONValue {
        money.cents % 100 == 0 ? .int(money.cents / 100) : .double(Double(money.cents) / 100)
    }
}
