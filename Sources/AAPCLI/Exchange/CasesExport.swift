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

    /// The same cases as a typed sheet for `--xlsx`: French headers, amounts in euros, dates as dates,
    /// identifiers as text.
    var sheet: Workbook.Sheet {
        typealias Column = Workbook.Column
        let columns = [
            Column(header: "Dossier", width: 30), Column(header: "Appel", width: 26), Column(header: "Workflow", width: 10),
            Column(header: "Porteur", width: 40), Column(header: "Type de porteur", width: 22), Column(header: "SIRET", width: 16),
            Column(header: "RNA", width: 12), Column(header: "Département", width: 12), Column(header: "Nom du département", width: 20),
            Column(header: "Projet", width: 50), Column(header: "État", width: 14), Column(header: "Libellé de l'état", width: 30),
            Column(header: "Reçu le", width: 12), Column(header: "Demandé", width: 15), Column(header: "Proposé", width: 15),
            Column(header: "Attribué", width: 15), Column(header: "Versé", width: 15), Column(header: "Dépensé", width: 15),
            Column(header: "Reversé", width: 15), Column(header: "Note pondérée", width: 14), Column(header: "Décidé le", width: 12),
            Column(header: "Convention signée le", width: 14), Column(header: "Référence de l'acte", width: 20),
            Column(header: "Premier versement", width: 14), Column(header: "Dernier versement", width: 14), Column(header: "Version", width: 9),
            Column(header: "Référence externe", width: 16),
        ]
        let rows = calls.flatMap { call in state.cases(of: call).map { sheetRow($0, call: call) } }
        return Workbook.Sheet(name: "Dossiers", columns: columns, rows: rows)
    }

    private func sheetRow(_ c: CaseState, call: CallState) -> [Workbook.Cell] {
        typealias Cell = Workbook.Cell
        let timeline = timelines[c.id] ?? CaseTimeline()
        let paid = timeline.paymentDates
        func optional(_ text: String?) -> Cell { text.map(Cell.identifier) ?? .empty }
        func date(_ value: CalendarDate?) -> Cell { value.map(Cell.date) ?? .empty }
        return [
            .identifier(c.id.value), .identifier(c.call.value), .identifier(c.workflow.id), .text(ScdlExport.singleLine(c.applicant.name)),
            .text(c.applicant.kind.label), optional(c.applicant.siret?.value), optional(c.applicant.rna?.value),
            .identifier(c.applicant.departement.code), c.applicant.departement.name.map(Cell.text) ?? .empty,
            .text(ScdlExport.singleLine(c.title)), .identifier(c.state), .text(state.stateLabel(of: c)), .date(c.receivedOn),
            .euros(c.amounts[.requested]), .euros(c.amounts[.proposed]), .euros(c.amounts[.awarded]), .euros(c.amounts[.paid]),
            .euros(c.amounts[.spent]), .euros(c.amounts[.recovered]),
            c.weightedScore(criteria: call.criteria).map(Cell.decimal) ?? .empty,
            date(timeline.decidedOn), date(timeline.agreement?.signedOn),
            timeline.agreement?.reference.map { Cell.text(ScdlExport.singleLine($0)) } ?? .empty,
            date(paid.first), date(paid.last), .integer(c.version), optional(c.externalReference.map(ScdlExport.singleLine)),
        ]
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
