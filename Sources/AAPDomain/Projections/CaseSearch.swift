/// Finding cases by what a clerk remembers of them (`aap case find`): part of the applicant's name or
/// the title, typed without accents, a SIRET or SIREN, an RNA number, a case id or an external reference.
///
/// Every word of the query must be found in one of the case's fields (words may fall in different
/// fields: `garage adour` finds « Garage solidaire » by « Mobil'Adour Insertion »). Fields are compared
/// by ``LooseMatch/key(_:)``; a query of 9 digits or more (spaces allowed) is a SIREN or SIRET, compared
/// with the SIRET's digits, so `412 000 002` finds the SIREN; shorter numbers are words (`0003`, a case
/// number; `12345`, a DS dossier). The current state is searched, not the history.
public struct CaseSearch: Sendable {
    /// Where a word of the query was found.
    public enum Place: String, Sendable, CaseIterable {
        case applicant, title, siret, rna, caseID = "case", externalReference = "external_reference"

        public var label: String {
            switch self {
            case .applicant: "porteur"
            case .title: "intitulé"
            case .siret: "SIRET"
            case .rna: "RNA"
            case .caseID: "dossier"
            case .externalReference: "référence externe"
            }
        }
    }

    public struct Match: Sendable {
        public let c: CaseState
        /// The places where the query's words were found, in ``Place`` order.
        public let places: [Place]
    }

    /// The query's words, loosely keyed (empty for a query of spaces).
    public let words: [String]
    /// The query's digits when it is 9 digits or more, spaces allowed (a SIREN or SIRET typed in groups).
    public let digits: String?

    public init(_ query: String) {
        let trimmed = ValueText.trimmed(query)
        let onlyDigits = !trimmed.isEmpty && trimmed.allSatisfy { $0.isASCII && ($0.isNumber || $0 == " ") }
        let number = trimmed.filter(\.isNumber)
        digits = onlyDigits && number.count >= 9 ? number : nil
        words = digits != nil ? [] : LooseMatch.key(trimmed).split(separator: " ").map(String.init)
    }

    public var isEmpty: Bool { words.isEmpty && (digits?.isEmpty ?? true) }

    /// The cases that match, in the order given, with where they matched.
    public func matches(_ cases: [CaseState]) -> [Match] {
        guard !isEmpty else { return [] }
        return cases.compactMap(match)
    }

    public func match(_ c: CaseState) -> Match? {
        if let digits {
            guard let siret = c.applicant.siret?.value, siret.contains(digits) else { return nil }
            return Match(c: c, places: [.siret])
        }
        return wordsMatch(c, words: words)
    }

    private func wordsMatch(_ c: CaseState, words: [String]) -> Match? {
        let raw: [(Place, String)] = [
            (Place.applicant, c.applicant.name), (Place.title, c.title), (Place.siret, c.applicant.siret?.value ?? ""),
            (Place.rna, c.applicant.rna?.value ?? ""), (Place.caseID, c.id.value), (Place.externalReference, c.externalReference ?? ""),
        ]
        let fields = raw.map { place, text in (place, LooseMatch.key(text)) }
        var found = Set<Place>()
        for word in words {
            let hits = fields.filter { !$0.1.isEmpty && $0.1.contains(word) }.map(\.0)
            guard !hits.isEmpty else { return nil }
            found.formUnion(hits)
        }
        return Match(c: c, places: Place.allCases.filter(found.contains))
    }
}
