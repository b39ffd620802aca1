import Foundation
import AAPDomain

/// Small helpers for French text shown to people.
enum French {
    /// A table with left-aligned columns separated by two spaces.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// An award as the ranking shows it: the amount while it counts, « libéré » once released, « — » when none.
    static func award(_ status: AwardStatus) -> String {
        switch status {
        case .counted(let amount): amount.formatted
        case .released: "libéré"
        case .none: "—"
        }
    }

    /// A score on 5 with a decimal comma.
    static func score(_ value: Double?) -> String {
        guard let value else { return "—" }
        var text = String(format: "%.2f", value)
        if text.hasSuffix("0") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",") + " / 5"
    }

    /// A member's scores in the order of the call's grid, e.g. `pertinence 4, impact 3`.
    static func scores(_ scores: [String: Int], grid: [Criterion]) -> String {
        let known = grid.compactMap { c in scores[c.name].map { "\(c.name) \($0)" } }
        let extra = scores.keys.filter { key in !grid.contains { $0.name == key } }.sorted().compactMap { k in scores[k].map { "\(k) \($0)" } }
        return (known + extra).joined(separator: ", ")
    }

    /// A whole number with a space every three digits: `1 234 567`.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += " " }
            text.append(digit)
        }
        return text
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count > 1 ? plural : singular)"
    }
}
