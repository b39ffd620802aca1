import AAPDomain

/// The money view of `report call` as a workbook: the envelope, one row per award, the ranking.
extension CallReport {
    var workbook: Workbook {
        typealias Column = Workbook.Column
        typealias Cell = Workbook.Cell
        let summary = Workbook.Sheet(
            name: "Bilan",
            columns: [Column(header: "Appel \(call.id) — \(call.title)", width: 60), Column(header: "Montant", width: 18)],
            rows: [
                [.text("Enveloppe"), .euros(money.envelope)],
                [.text("Demandé"), .euros(money.requested)],
                [.text("Attribué"), .euros(money.awarded)],
                [.text("Engagé (conventions ou arrêtés signés)"), .euros(money.committed)],
                [.text("Versé"), .euros(money.paid)],
                [.text("Reversé"), .euros(money.recovered)],
                [.text("Reste à verser"), .euros(money.toPay)],
                [.text("Reste sur l'enveloppe"), .euros(money.remaining)],
            ]
        )
        let awards = Workbook.Sheet(
            name: "Attributions",
            columns: [
                Column(header: "Dossier", width: 30), Column(header: "Porteur", width: 40), Column(header: "Département", width: 12),
                Column(header: "État", width: 30), Column(header: "Attribué", width: 15), Column(header: "Engagé", width: 15),
                Column(header: "Versé", width: 15), Column(header: "Dépensé", width: 15), Column(header: "Reversé", width: 15),
                Column(header: "Reste à verser", width: 15),
            ],
            rows: money.rows.map { row -> [Cell] in
                let c = theCase(row.caseID)
                return [
                    .identifier(row.caseID.value), c.map { .text(ScdlExport.singleLine($0.applicant.name)) } ?? .empty,
                    c.map { .identifier($0.applicant.departement.code) } ?? .empty, .text(stateLabel(row.caseID)),
                    .euros(row.awarded), .euros(row.committed), .euros(row.paid), .euros(row.spent), .euros(row.recovered), .euros(row.toPay),
                ]
            }
        )
        let ranked = Workbook.Sheet(
            name: "Classement",
            columns: [
                Column(header: "Rang", width: 7), Column(header: "Dossier", width: 30), Column(header: "Porteur", width: 40),
                Column(header: "Note pondérée", width: 14), Column(header: "État", width: 30), Column(header: "Attribution", width: 15),
                Column(header: "Liste complémentaire finançable", width: 16),
            ],
            rows: ranking.entries.enumerated().map { index, entry -> [Cell] in
                [
                    .integer(index + 1), .identifier(entry.caseID.value),
                    theCase(entry.caseID).map { .text(ScdlExport.singleLine($0.applicant.name)) } ?? .empty,
                    .decimal(entry.weightedScore), .text(stateLabel(entry.caseID)), .euros(entry.award.counted),
                    .text(waitlist.caseIDs.contains(entry.caseID) ? "oui" : ""),
                ]
            }
        )
        return Workbook(sheets: [summary, awards, ranked])
    }
}
