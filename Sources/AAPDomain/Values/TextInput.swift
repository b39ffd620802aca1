/// Checks free text typed by a person (titles, comments) before it enters an event.
public enum TextInput {
    /// Returns `text` trimmed of leading and trailing white space, or throws if it is empty,
    /// contains a control character (C0 including tab, newline and CR, DEL, C1) or has more
    /// than `maxLength` characters.
    ///
    /// `field` names the field in the message: `Le champ « title » est vide`.
    public static func validate(_ text: String, field: String, maxLength: Int = 2000) throws -> String {
        let trimmed = ValueText.trimmed(text)
        guard !trimmed.isEmpty else {
            throw ValueError(code: "value.text", "Le champ « \(field) » est vide")
        }
        guard !trimmed.unicodeScalars.contains(where: ValueText.isControl) else {
            throw ValueError(code: "value.text", "Le champ « \(field) » contient un caractère de contrôle")
        }
        let length = trimmed.count
        guard length <= maxLength else {
            throw ValueError(
                code: "value.text", "Le champ « \(field) » est trop long (\(ValueText.grouped(length)) caractères, \(ValueText.grouped(maxLength)) au plus)"
            )
        }
        return trimmed
    }
}
