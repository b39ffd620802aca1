/// The hashes an audit may have to report as the last good head once the chain is known to break:
/// those of the last lines read before the break, and of the line before the one `head.json`
/// names, without keeping every line.
struct DecidedLines {
    /// How many lines were read before the first break of the chain (they are lines 1…count).
    private(set) var count = 0
    private var last = LineDigest.zero
    private var beforeLast = LineDigest.zero
    private let anchorSeq: Int?
    private var beforeAnchor: LineDigest?

    /// Tracks the lines for a log anchored at `anchor`.
    init(anchor: LogHead?) {
        anchorSeq = anchor?.seq
    }

    /// Records the next line read while the chain holds (its seq is its position).
    mutating func record(_ prefix: LinePrefix, digest: LineDigest) {
        count = prefix.seq
        beforeLast = prefix.prev
        last = digest
        if prefix.seq == anchorSeq { beforeAnchor = prefix.prev }
    }

    /// The hash of line `position` (64 zeros for 0) when it is one of those kept, else nil.
    func hash(ofLine position: Int) -> String? {
        if position == 0 { return LogHead.empty.hash }
        if position == count { return last.hex }
        if position == count - 1 { return beforeLast.hex }
        if let anchorSeq, let beforeAnchor, position == anchorSeq - 1 { return beforeAnchor.hex }
        return nil
    }
}
