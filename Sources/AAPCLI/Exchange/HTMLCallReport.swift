import AAPDomain
import AAPStorage

/// The report of a call as one self-contained French HTML page: inline CSS and inline SVG charts, each
/// chart followed by a table with the same figures, readable on screen and printed. No clock: the
/// footer gives the log position it was built from.
struct HTMLCallReport {
    let report: CallReport
    let head: LogHead

    private var call: CallState { report.call }
    private var state: StoreState { report.state }

    enum Palette {
        static let awarded = "#1f5fa8"
        static let remaining = "#b9cde5"
        static let committed = "#2e7d4f"
        static let paid = "#c7801a"
        static let recovered = "#b23b3b"
        static let requested = "#7d8793"
        static let score = "#5b4b9a"
    }

    var html: String {
        let title = "Bilan de l'appel \(call.id)"
        return """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="aap">
        <title>\(HTMLText.escape(title)) — \(HTMLText.escape(call.title))</title>
        <style>
        \(Self.css)
        </style>
        </head>
        <body>
        <header>
        <h1>\(HTMLText.escape(title))</h1>
        <p class="subtitle">\(HTMLText.escape(call.title))</p>
        \(facts)
        </header>
        <main>
        \(envelopeSection)
        \(moneySection)
        \(departementSection)
        \(stateSection)
        \(rankingSection)
        </main>
        <footer>
        <p>Appel <strong>\(HTMLText.escape(call.id.value))</strong> — rapport construit sur le journal d'événements jusqu'à l'événement <strong id="log-seq">\(head.seq)</strong> (tête <code id="log-head">\(head.hash)</code>). Le même journal redonne le même rapport, octet pour octet.</p>
        </footer>
        </body>
        </html>

        """
    }

    // MARK: - Sections

    private var facts: String {
        let items: [(String, String)] = [
            ("Appel", call.id.value), ("Type", call.kind.uppercased()), ("État", state.stateLabel(of: call)),
            ("Période", "du \(call.opensOn.french) au \(call.closesOn.french)"),
            ("Enveloppe", call.envelope.formatted), ("Dossiers", String(call.caseIDs.count)),
        ]
        let cells = items.map { "<div><dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd></div>" }.joined()
        return "<dl class=\"facts\">\(cells)</dl>"
    }

    private var envelopeSection: String {
        let awarded = report.money.awarded
        let remaining = report.money.remaining
        let chart = SVGChart.stacked([
            .init(label: "Attribué", value: awarded.cents, display: awarded.formatted, color: Palette.awarded),
            .init(label: "Reste disponible", value: max(remaining.cents, 0), display: remaining.formatted, color: Palette.remaining),
        ], title: "Enveloppe de \(call.envelope.formatted) : attribué et reste disponible", width: SVGChart.narrow)
        let share = call.envelope.cents > 0 ? DecimalText.twoDecimals(Double(awarded.cents) / Double(call.envelope.cents) * 100, separator: ",") + " %" : "—"
        let table = Self.table(
            caption: "Enveloppe", header: ["Poste", "Montant"], numeric: [1],
            rows: [["Enveloppe", call.envelope.formatted], ["Attribué", awarded.formatted], ["Reste disponible", remaining.formatted],
                   ["Part attribuée", share]]
        )
        return Self.section(id: "enveloppe", title: "Enveloppe", body: "<div class=\"pair\">\(Self.figure(chart, caption: "Part de l'enveloppe attribuée (décisions du comité qui comptent encore)."))\(table)</div>")
    }

    private var moneySection: String {
        let money = report.money
        let awarded = money.awarded
        let committed = money.committed
        let paid = money.paid
        let recovered = money.recovered
        let chart = SVGChart.bars([
            .init(label: "Attribué", value: awarded.cents, display: awarded.formatted, color: Palette.awarded),
            .init(label: "Engagé (actes signés)", value: committed.cents, display: committed.formatted, color: Palette.committed),
            .init(label: "Versé", value: paid.cents, display: paid.formatted, color: Palette.paid),
            .init(label: "Reversé", value: recovered.cents, display: recovered.formatted, color: Palette.recovered),
        ], title: "Attributions et versements", scale: call.envelope.cents)
        let rows = money.rows.map { c in
            [c.caseID.value, report.theCase(c.caseID)?.applicant.name ?? "", c.awarded.formatted, c.committed.formatted,
             c.paid.formatted, c.recovered.formatted, c.toPay.formatted, report.stateLabel(c.caseID)]
        }
        let total = ["Total", "", awarded.formatted, committed.formatted, paid.formatted, recovered.formatted,
                     money.toPay.formatted, ""]
        let table = rows.isEmpty
            ? "<p class=\"empty\">Aucun dossier retenu pour l'instant.</p>"
            : Self.table(caption: "Suivi financier des dossiers retenus",
                         header: ["Dossier", "Porteur", "Attribué", "Engagé", "Versé", "Reversé", "Reste à verser", "État"],
                         numeric: [2, 3, 4, 5, 6], rows: rows, footer: total)
        return Self.section(id: "finances", title: "Attributions et versements",
                            body: Self.figure(chart, caption: "Montants cumulés de l'appel, à l'échelle de l'enveloppe.") + table)
    }

    private var departementSection: String {
        var groups: [DepartementCode: (count: Int, requested: Money, awarded: Money, paid: Money)] = [:]
        for c in state.cases(of: call) {
            var g = groups[c.applicant.departement] ?? (0, .zero, .zero, .zero)
            g.count += 1
            g.requested = g.requested + c.amounts.requested
            g.awarded = g.awarded + AwardStatus(of: c, in: state).counted
            g.paid = g.paid + c.amounts.paid
            groups[c.applicant.departement] = g
        }
        let ordered = groups.keys.sorted()
        func name(_ d: DepartementCode) -> String { d.isRegionWide ? "Toute la région" : "\(d.code) \(d.name ?? "")" }
        let chart = SVGChart.bars(ordered.compactMap { d in
            groups[d].map { SVGChart.Bar(label: name(d), value: $0.awarded.cents, display: $0.awarded.formatted, color: Palette.awarded) }
        }, title: "Montants attribués par département")
        let rows = ordered.compactMap { d in
            groups[d].map { [name(d), String($0.count), $0.requested.formatted, $0.awarded.formatted, $0.paid.formatted] }
        }
        let table = Self.table(caption: "Montants par département", header: ["Département", "Dossiers", "Demandé", "Attribué", "Versé"],
                               numeric: [1, 2, 3, 4], rows: rows)
        return Self.section(id: "departements", title: "Montants par département",
                            body: Self.figure(chart, caption: "Montants attribués (décisions qui comptent encore), par département du porteur.") + table)
    }

    private var stateSection: String {
        let counts = state.stateCounts(in: call)
        let workflow = state.workflow(call.caseWorkflow)
        let states = workflow?.states ?? []
        let withdrawn = workflow?.action(withEffect: .withdrawal)
        let present = states.filter { counts[$0.id] != nil }
        let chart = SVGChart.bars(present.map { s in
            let n = counts[s.id] ?? 0
            return SVGChart.Bar(label: s.label, value: Int64(n), display: French.plural(n, "dossier", "dossiers"), color: Self.color(of: s, withdrawn: workflow?.isReached(s.id, by: withdrawn) ?? false))
        }, title: "Dossiers par état", width: SVGChart.narrow)
        let table = Self.table(caption: "Dossiers par état", header: ["État", "Identifiant", "Dossiers"], numeric: [2],
                               rows: present.map { [$0.label, $0.id, String(counts[$0.id] ?? 0)] },
                               footer: ["Total", "", String(call.caseIDs.count)])
        return Self.section(id: "etats", title: "Dossiers par état",
                            body: "<div class=\"pair\">\(Self.figure(chart, caption: "Nombre de dossiers dans chaque état du workflow \(call.caseWorkflow.id)."))\(table)</div>")
    }

    private var rankingSection: String {
        let ranked = report.ranking.entries.compactMap { e in report.theCase(e.caseID).map { (e, $0) } }
        var body = ""
        if ranked.isEmpty {
            body += "<p class=\"empty\">Aucun dossier noté par le comité pour l'instant.</p>"
        } else {
            body += Self.figure(SVGChart.bars(ranked.map { e, c in
                SVGChart.Bar(label: "\(c.id.value.dropFirst(c.call.value.count + 1)) · \(c.applicant.name)", value: Int64((e.weightedScore * 100).rounded()), display: French.score(e.weightedScore), color: Palette.score)
            }, title: "Classement : moyenne pondérée des notes (sur 5)", scale: 500), caption: "Moyenne pondérée des notes des membres non déportés, sur 5.")
            body += Self.table(
                caption: "Classement", header: ["Rang", "Dossier", "Porteur", "Note", "État", "Attribué"], numeric: [0, 3, 5],
                rows: ranked.enumerated().map { index, item in
                    let (e, c) = item
                    return [String(index + 1), c.id.value, c.applicant.name, French.score(e.weightedScore), state.stateLabel(of: c), French.award(e.award)]
                }
            )
        }
        let waiting = report.waitlist.entries
        body += "<h3>Liste complémentaire</h3>"
        if waiting.isEmpty {
            body += "<p class=\"empty\">Aucun dossier en liste complémentaire.</p>"
        } else {
            body += Self.table(
                caption: "Liste complémentaire, par rang (reste de l'enveloppe \(report.waitlist.remaining.formatted))",
                header: ["Rang", "Dossier", "Porteur", "Proposé", "Finançable avec le reste"], numeric: [0, 3],
                rows: waiting.enumerated().map { index, item in
                    let fits = item.fundable ? "oui" : "non (il manquerait \(item.shortfall.formatted))"
                    return [String(index + 1), item.caseID.value, report.theCase(item.caseID)?.applicant.name ?? "", item.proposed.formatted, fits]
                }
            )
        }
        return Self.section(id: "classement", title: "Classement et liste complémentaire", body: body)
    }

    // MARK: - Pieces

    private static func color(of s: StateDefinition, withdrawn: Bool) -> String {
        if s.holdsAward { return s.phase == "decision" ? Palette.committed : Palette.awarded }
        if s.terminal { return withdrawn ? "#8c8c8c" : Palette.recovered }
        switch s.phase {
        case "committee": return Palette.score
        case "review": return "#4d7fb3"
        default: return Palette.requested
        }
    }

    private static func section(id: String, title: String, body: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(HTMLText.escape(title))</h2>\n\(body)\n</section>"
    }

    private static func figure(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(HTMLText.escape(caption))</figcaption></figure>"
    }

    private static func table(caption: String, header: [String], numeric: Set<Int>, rows: [[String]], footer: [String]? = nil) -> String {
        func cells(_ row: [String], tag: String) -> String {
            row.enumerated().map { index, cell in
                let kind = numeric.contains(index) ? " class=\"num\"" : (header.indices.contains(index) && header[index] == "Dossier" ? " class=\"id\"" : "")
                // A spreadsheet opening the report would run a text cell starting with `=`: neutralised as in CSV.
                let text = numeric.contains(index) ? cell : SpreadsheetText.neutralised(cell)
                return "<\(tag)\(kind)>\(HTMLText.escape(text))</\(tag)>"
            }.joined()
        }
        var out = "<table><caption>\(HTMLText.escape(caption))</caption><thead><tr>\(cells(header, tag: "th"))</tr></thead><tbody>"
        out += rows.map { "<tr>\(cells($0, tag: "td"))</tr>" }.joined(separator: "\n")
        out += "</tbody>"
        if let footer { out += "<tfoot><tr>\(cells(footer, tag: "td"))</tr></tfoot>" }
        return out + "</table>"
    }

    static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f3f4f6; color: #1b1b1b; font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.45; }
    header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
    header { padding-top: 24px; }
    h1 { font-size: 1.7em; margin: 0 0 2px; color: #13335a; }
    h2 { font-size: 1.25em; margin: 0 0 12px; color: #13335a; }
    h3 { font-size: 1.05em; margin: 18px 0 8px; color: #13335a; }
    .subtitle { margin: 0 0 14px; color: #3d4550; font-size: 1.05em; }
    dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: 0 0 20px; }
    dl.facts div { background: #fff; border: 1px solid #d5d9df; border-radius: 6px; padding: 8px 12px; }
    dt { font-size: .78em; color: #555; text-transform: uppercase; letter-spacing: .04em; }
    dd { margin: 0; font-weight: bold; }
    section { background: #fff; border: 1px solid #d5d9df; border-radius: 8px; padding: 16px 20px; margin: 0 0 20px; }
    .pair { display: grid; grid-template-columns: minmax(0, 560px) minmax(0, 1fr); gap: 28px; align-items: start; }
    figure { margin: 0 0 14px; }
    figure svg { display: block; width: 100%; height: auto; max-width: 720px; }
    .pair figure svg { max-width: 560px; }
    figcaption { font-size: .85em; color: #555; margin-top: 4px; }
    table { border-collapse: collapse; width: 100%; font-size: .92em; }
    caption { text-align: left; font-weight: bold; padding: 0 0 6px; color: #3d4550; }
    th, td { border-bottom: 1px solid #e3e6ea; padding: 5px 8px; text-align: left; vertical-align: top; }
    th { background: #eef1f5; }
    .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .id { white-space: nowrap; }
    tfoot td { font-weight: bold; border-top: 2px solid #8c95a0; }
    .empty { color: #555; font-style: italic; }
    footer { color: #555; font-size: .85em; padding-bottom: 24px; overflow-wrap: anywhere; }
    @media (max-width: 900px) { .pair { grid-template-columns: minmax(0, 1fr); } }
    @media print {
      @page { size: A4; margin: 14mm; }
      body { background: #fff; font-size: 9.5pt; }
      header, main, footer { max-width: none; padding: 0; }
      section { border: none; border-radius: 0; padding: 0; margin: 0 0 8mm; }
      .pair { grid-template-columns: minmax(0, 1fr); gap: 4mm; }
      figure, tr, dl.facts { break-inside: avoid; }
      h2, h3, caption { break-after: avoid; }
      figure svg { max-width: 160mm; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
