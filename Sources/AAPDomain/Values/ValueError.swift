/// A refused value: a stable code for programs and one line of French for people.
///
/// Thrown by every `parse` of the value types (`Money`, `CalendarDate`, `Siret`, …) and by the
/// field parser. The message quotes the refused input between French guillemets and says what is
/// expected, e.g. `Montant invalide « -5 » : un montant ne peut pas être négatif`; the code names
/// the kind of value (`value.money`, `value.siret`, `field.enum`, …) and is the one a refusal built
/// from this error carries.
public struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, matchable code: `value.<kind>` for a value type, `field.<check>` for a field.
    public let code: String
    /// The French, one-line message.
    public let message: String

    /// Creates an error with its code and message.
    public init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
