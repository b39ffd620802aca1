import AAPDomain
import Foundation

/// The SCDL « Subventions » 2.1.1 open-data file (décret 2017-779): one row per case with a signed
/// agreement whose award still counts, by default only awards above 23 000 €.
struct ScdlExport {
    /// The 16 columns of SCDL 2.1.1, in order.
    static let columns = [
        "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire",
        "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE",
        "notificationUE", "pourcentageSubvention", "dispositifAide",
    ]

    /// Publication is required above this amount (strictly).
    static let publicationThreshold = Money(cents: 2_300_000)
    /// The longest `objet` SCDL allows.
    static let objectMaxLength = 256

    let authority: AuthoritySet
    let calls: [CallState]
    let state: StoreState
    let timelines: [CaseID: CaseTimeline]
    /// Every award with a signed agreement, not only those above the threshold.
    let includeAll: Bool

    /// The cases published, in call then submission order.
    var cases: [CaseState] {
        calls.flatMap { MoneyView(call: $0, in: state).committedCaseIDs }.compactMap { state.cases[$0] }.filter { c in
            includeAll || c.amounts.awarded > Self.publicationThreshold
        }
    }

    /// Cases published without a SIRET whose RNA follows the schema's pattern (`^W\d{9}$`): the
    /// schema's rule for an association without SIRET, `rnaBeneficiaire` instead of `idBeneficiaire`.
    var casesWithRnaOnly: [CaseID] {
        cases.filter { $0.applicant.siret == nil && $0.applicant.rna.map(Self.fitsSchema) == true }.map(\.id)
    }

    /// Cases published with neither a SIRET nor an RNA the schema accepts (an RNA with letters, such
    /// as Corsica's `W2A…`): their row fails the schema's `one-of-required` or RNA pattern check.
    var casesWithoutSchemaIdentifier: [CaseID] {
        cases.filter { $0.applicant.siret == nil && $0.applicant.rna.map(Self.fitsSchema) != true }.map(\.id)
    }

    /// Whether an RNA number fits SCDL 2.1.1's `rnaBeneficiaire` pattern, `^W\d{9}$`.
    static func fitsSchema(_ rna: Rna) -> Bool { !rna.hasLetters }

    /// The CSV text: UTF-8, comma, RFC 4180 quoting, decimal point.
    var csv: String {
        CSVWriter.standard.render(header: Self.columns, rows: cases.map(row))
    }

    func row(_ c: CaseState) -> [String] {
        let timeline = timelines[c.id] ?? CaseTimeline()
        let agreementDate = timeline.agreement?.signedOn
        return [
            Self.singleLine(authority.name),
            authority.siret.value,
            agreementDate?.iso ?? "",
            timeline.agreement?.reference.map(Self.singleLine) ?? "",
            Self.singleLine(c.applicant.name),
            c.applicant.siret?.value ?? "",
            // The schema's rule for an association without SIRET: its RNA. An RNA with letters is
            // written as it is (the schema's pattern refuses it; the warning on stderr says so).
            c.applicant.siret == nil ? c.applicant.rna?.value ?? "" : c.applicant.rna.flatMap { $0.hasLetters ? nil : $0.value } ?? "",
            Self.object(c.title),
            DecimalText.euros(c.amounts.awarded),
            "aide en numéraire",
            Self.paymentCondition(c, timeline),
            Self.paymentDates(c, timeline),
            "",
            "non",
            "1.00",
            state.calls[c.call]?.dispositifAide ?? "",
        ]
    }

    /// `unique` for one payment, `échelonné` for several or for a grant spread over years.
    static func paymentCondition(_ c: CaseState, _ timeline: CaseTimeline) -> String {
        c.years > 1 || timeline.payments.count > 1 ? "échelonné" : "unique"
    }

    /// The date of a single payment (the agreement date when nothing is paid yet); for a staggered
    /// payment (`échelonné`), the period `first/last` the schema asks for: from the first payment (or
    /// the agreement) to the last payment, or to the end of the last year the grant covers when that
    /// is later, so that a staggered grant always has a period, even with one payment made so far.
    static func paymentDates(_ c: CaseState, _ timeline: CaseTimeline) -> String {
        let dates = timeline.paymentDates
        guard let first = dates.first ?? timeline.agreement?.signedOn else { return "" }
        let last = dates.last ?? first
        guard paymentCondition(c, timeline) == "échelonné" else { return first.iso }
        var end = last
        if c.years > 1 {
            let grantEnd = c.grantYears.flatMap { CalendarDate(year: $0.upperBound, month: 12, day: 31) }
                ?? first.adding(months: 12 * c.years).adding(days: -1)
            if end < grantEnd { end = grantEnd }
        }
        return end == first ? first.iso : "\(first.iso)/\(end.iso)"
    }

    /// The purpose on one line, at most 256 characters.
    static func object(_ title: String) -> String {
        let text = singleLine(title)
        guard text.count > objectMaxLength else { return text }
        return String(text.prefix(objectMaxLength - 1)) + "…"
    }

    /// Text with line breaks and tabs turned into spaces.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
