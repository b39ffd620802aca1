import AAPDomain

/// Every case of the selected calls, one row each: identifiers, applicant, state, amounts and key dates.
struct CasesExport {
    static let columns = [
        "case", "call", "workflow", "applicant_name", "applicant_kind", "siret", "rna", "departement", "departement_name",
        "title", "state", "state_label", "received_on", "amount_requested", "amount_proposed", "amount_awarded",
        "amount_paid", "amount_spent", "amount_recovered", "weighted_score", "decided_on", "agreement_signed_on",
        "agreement_reference", "first_paid_on", "last_paid_on", "version", "external_reference",
    ]

    /// The identifiers a spreadsheet must keep as text (leading zeros, 14 digits).
    static let textColumns = ["siret", "rna", "departement"]

    let calls: [CallState]
    let state: StoreState
    let timelines: [CaseID: CaseTimeline]
    /// Semicolons, decimal comma, BOM and CRLF, for French spreadsheets.
    let spreadsheet: Bool

    var csv: String {
        let writer = spreadsheet ? CSVWriter.spreadsheet : CSVWriter.standard
        let rows = calls.flatMap { call in state.cases(of: call).map { row($0, call: call) } }
        guard spreadsheet else { return writer.render(header: Self.columns, rows: rows) }
        // Spreadsheets would read `09` as 9 and a SIRET as a number: these cells are written as text.
        let identifiers = Set(Self.textColumns.compactMap { Self.columns.firstIndex(of: $0) })
        let textRows = rows.map { row in
            row.enumerated().map { column, text in identifiers.contains(column) ? SpreadsheetText.identifier(text) : text }
        }
        return writer.render(header: Self.columns, rows: textRows, identifierColumns: identifiers)
    }

    func row(_ c: CaseState, call: CallState) -> [String] {
        let decimal: Character = spreadsheet ? "," : "."
        func euros(_ slot: AmountSlot) -> String { DecimalText.euros(c.amounts[slot], separator: decimal) }
        let timeline = timelines[c.id] ?? CaseTimeline()
        let paid = timeline.paymentDates
        return [
            c.id.value, c.call.value, "\(c.workflow.id)", ScdlExport.singleLine(c.applicant.name), c.applicant.kind.rawValue,
            c.applicant.siret?.value ?? "", c.applicant.rna?.value ?? "", c.applicant.departement.code,
            c.applicant.departement.name ?? "", ScdlExport.singleLine(c.title), c.state, state.stateLabel(of: c), c.receivedOn.iso,
            euros(.requested), euros(.proposed), euros(.awarded), euros(.paid), euros(.spent), euros(.recovered),
            c.weightedScore(criteria: call.criteria).map { DecimalText.twoDecimals($0, separator: decimal) } ?? "",
            timeline.decidedOn?.iso ?? "", timeline.agreement?.signedOn?.iso ?? "",
            timeline.agreement?.reference.map(ScdlExport.singleLine) ?? "",
            paid.first?.iso ?? "", paid.last?.iso ?? "", String(c.version),
            c.externalReference.map(ScdlExport.singleLine) ?? "",
        ]
    }
}
