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

    /// Cases published without a SIRET (an association known only by its RNA number).
    var casesWithoutSiret: [CaseID] { cases.filter { $0.applicant.siret == nil }.map(\.id) }

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
            c.applicant.rna.flatMap { $0.hasLetters ? nil : $0.value } ?? "",
            Self.object(c.title),
            DecimalText.euros(c.amounts.awarded),
            "aide en numéraire",
            Self.paymentCondition(c, timeline),
            Self.paymentDates(timeline),
            "",
            "non",
            "1.00",
            c.call.value,
        ]
    }

    /// `unique` for one payment, `échelonné` for several or for a grant spread over years.
    static func paymentCondition(_ c: CaseState, _ timeline: CaseTimeline) -> String {
        c.years > 1 || timeline.payments.count > 1 ? "échelonné" : "unique"
    }

    /// The payment date, or the period from the first to the last payment; the agreement date when
    /// nothing is paid yet.
    static func paymentDates(_ timeline: CaseTimeline) -> String {
        let dates = timeline.paymentDates
        guard let first = dates.first, let last = dates.last else { return timeline.agreement?.signedOn?.iso ?? "" }
        return first == last ? first.iso : "\(first.iso)/\(last.iso)"
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
