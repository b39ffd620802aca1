import Foundation

/// The French labels of an enum field's values: how they are shown, and how typed input finds its code.
extension FieldDefinition {
    /// The French label of `value`, or the value itself when the workflow gives none.
    public func label(ofValue value: String) -> String { valueLabels[value] ?? value }

    /// A recorded value as people read it: an enum value by its label, any other value as ``FieldValue/displayText``.
    public func display(_ value: FieldValue) -> String {
        if type == .enum, case .string(let code) = value { return label(ofValue: code) }
        return value.displayText
    }

    /// The code that typed `text` stands for, or nil.
    ///
    /// Accepted, in this order: the code itself; the code or the label, ignoring case, accents, and
    /// `_`/`-` against spaces (`arrêté`, `Arrete`, `non atteint`); the first whole words of exactly one
    /// label (`partiellement` for « Partiellement atteint »).
    public func enumValue(matching text: String) -> String? {
        let values = self.values ?? []
        let trimmed = ValueText.trimmed(text)
        if values.contains(trimmed) { return trimmed }
        let typed = LooseMatch.key(trimmed)
        guard !typed.isEmpty else { return nil }
        if let exact = values.first(where: { LooseMatch.key($0) == typed || valueLabels[$0].map(LooseMatch.key) == typed }) {
            return exact
        }
        let prefixed = values.filter { value in
            guard let label = valueLabels[value].map(LooseMatch.key) else { return false }
            return label.hasPrefix(typed + " ")
        }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// The allowed values for a refusal: `convention (Convention), arrete (Arrêté)`.
    public var describedValues: String {
        (values ?? []).map { value in valueLabels[value].map { "\(value) (\($0))" } ?? value }.joined(separator: ", ")
    }
}
