/// Small inline SVG charts for the HTML reports: no script, no external asset, readable printed.
///
/// Every chart carries its figures as text (labels and values), a `<title>` and an `aria-label`, so
/// that it reads without colours and the same figures can be checked in the page's tables.
enum SVGChart {
    /// One bar: its label, its value (cents, counts…) and the text shown beside it.
    struct Bar: Sendable {
        let label: String
        let value: Int64
        let display: String
        let color: String
    }

    /// The width of a chart that has a line of its own.
    static let wide = 720
    /// The width of a chart set beside its table.
    static let narrow = 560
    static let valueWidth = 130
    static let barHeight = 22
    static let gap = 10

    /// Horizontal bars, one per line, scaled to the largest value (or to `scale` when given).
    static func bars(_ bars: [Bar], title: String, scale: Int64? = nil, width: Int = wide) -> String {
        let labelWidth = 230
        let top = 8
        let height = top * 2 + max(1, bars.count) * (barHeight + gap) - gap
        let maximum = max(scale ?? 0, bars.map(\.value).max() ?? 0, 1)
        let area = width - labelWidth - valueWidth - 10
        var svg = open(title: title, width: width, height: height)
        for (index, bar) in bars.enumerated() {
            let y = top + index * (barHeight + gap)
            let length = bar.value <= 0 ? 0 : max(2, Int((Double(bar.value) / Double(maximum) * Double(area)).rounded()))
            svg += "<g><title>\(HTMLText.escape(bar.label)) : \(HTMLText.escape(bar.display))</title>"
            svg += text(short(bar.label, labelWidth / 9), x: labelWidth - 8, y: y + barHeight / 2, anchor: "end")
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(length)\" height=\"\(barHeight)\" rx=\"3\" fill=\"\(bar.color)\"/>"
            svg += text(bar.display, x: labelWidth + length + 6, y: y + barHeight / 2, anchor: "start", bold: true)
            svg += "</g>"
        }
        if bars.isEmpty { svg += text("Aucune donnée", x: width / 2, y: top + barHeight / 2, anchor: "middle") }
        return svg + "</svg>"
    }

    /// One bar split in segments (e.g. awarded and remaining of an envelope), with a legend under it.
    static func stacked(_ segments: [Bar], title: String, width: Int = wide) -> String {
        let barTop = 8
        let legendTop = barTop + 40 + 12
        let height = legendTop + segments.count * 24 + 4
        let total = max(segments.reduce(Int64(0)) { $0 + max($1.value, 0) }, 1)
        let area = width - 2
        var svg = open(title: title, width: width, height: height)
        var x = 1
        for (index, segment) in segments.enumerated() where segment.value > 0 {
            let isLast = !segments[(index + 1)...].contains { $0.value > 0 }
            let length = isLast ? area + 1 - x : Int((Double(segment.value) / Double(total) * Double(area)).rounded())
            svg += "<g><title>\(HTMLText.escape(segment.label)) : \(HTMLText.escape(segment.display))</title>"
            svg += "<rect x=\"\(x)\" y=\"\(barTop)\" width=\"\(max(length, 0))\" height=\"40\" fill=\"\(segment.color)\"/>"
            let percent = Int((Double(segment.value) / Double(total) * 100).rounded())
            if length > 60 {
                svg += text("\(percent) %", x: x + length / 2, y: barTop + 20, anchor: "middle", bold: true, color: isLight(segment.color) ? "#1b1b1b" : "#ffffff")
            }
            svg += "</g>"
            x += length
        }
        svg += "<rect x=\"1\" y=\"\(barTop)\" width=\"\(area)\" height=\"40\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\"/>"
        for (index, segment) in segments.enumerated() {
            let y = legendTop + index * 24
            svg += "<rect x=\"1\" y=\"\(y)\" width=\"16\" height=\"16\" fill=\"\(segment.color)\" stroke=\"#555\" stroke-width=\"0.5\"/>"
            svg += text("\(segment.label) : \(segment.display)", x: 24, y: y + 8, anchor: "start")
        }
        return svg + "</svg>"
    }

    private static func open(title: String, width: Int, height: Int) -> String {
        let label = HTMLText.escape(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(label)\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" font-size=\"13\"><title>\(label)</title>"
    }

    private static func text(_ content: String, x: Int, y: Int, anchor: String, bold: Bool = false, color: String = "#1b1b1b") -> String {
        let weight = bold ? " font-weight=\"bold\"" : ""
        return "<text x=\"\(x)\" y=\"\(y)\" dominant-baseline=\"central\" text-anchor=\"\(anchor)\" fill=\"\(color)\"\(weight)>\(HTMLText.escape(content))</text>"
    }

    /// Whether a `#rrggbb` colour is light enough to need dark text on it.
    static func isLight(_ hex: String) -> Bool {
        let digits = hex.dropFirst()
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return false }
        let (r, g, b) = (Double((value >> 16) & 0xFF), Double((value >> 8) & 0xFF), Double(value & 0xFF))
        return 0.299 * r + 0.587 * g + 0.114 * b > 160
    }

    /// A label cut to `limit` characters with an ellipsis (the full text stays in the bar's `<title>`).
    private static func short(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
