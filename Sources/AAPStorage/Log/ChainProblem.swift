/// The first place where the log's bytes break the hash chain or the line format.
public struct ChainProblem: Sendable, Equatable, Error, CustomStringConvertible {
    /// The first bad seq: the line that was altered, removed, duplicated or unreadable.
    public let seq: Int
    /// What is wrong, in one line of French.
    public let reason: String

    /// Makes a problem report.
    public init(seq: Int, reason: String) {
        self.seq = seq
        self.reason = reason
    }

    /// A one-line French message naming the seq and the reason.
    public var description: String {
        "Journal corrompu à la ligne seq \(seq) : \(reason)"
    }
}
