/// A French, one-line reason waiting for the seq it applies to.
struct ChainProblemReason: Error, Sendable, Equatable {
    /// The reason, in one line of French.
    let text: String

    /// Wraps a reason.
    init(_ text: String) {
        self.text = text
    }
}
