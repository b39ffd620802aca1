/// A refused value: one line of French, meant to be read by a person.
///
/// Thrown by every `parse` of the value types (`Money`, `CalendarDate`, `Siret`, …).
/// The message quotes the refused input between French guillemets and says what is expected,
/// e.g. `Montant invalide « -5 » : un montant ne peut pas être négatif`.
public struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The French, one-line message.
    public let message: String

    /// Creates an error carrying `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
