import AAPDomain

/// Amounts and scores written as plain decimal numbers for files (`47800.20`, or `47800,20` for French spreadsheets).
enum DecimalText {
    /// Euros with two decimals and no grouping: `47800.20` (or with `separator` `,`: `47800,20`).
    static func euros(_ money: Money, separator: Character = ".") -> String {
        let sign = money.cents < 0 ? "-" : ""
        let magnitude = money.cents.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100)\(separator)\(cents < 10 ? "0" : "")\(cents)"
    }

    /// A number with two decimals: `4.33` (or `4,33`).
    static func twoDecimals(_ value: Double, separator: Character = ".") -> String {
        // Rounded in integer hundredths so that the text never depends on the platform's formatting.
        let hundredths = Int64((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100)\(separator)\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
