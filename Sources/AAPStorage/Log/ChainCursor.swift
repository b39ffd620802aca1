/// Checks lines one at a time against the chain rules, so that a whole log can be verified
/// segment by segment without holding it in memory.
///
/// Rules, for the line expected at seq `e`: a line without the canonical prefix, without the
/// closing `}` or with bytes that are not UTF-8 is bad at `e`; a seq above `e` means a line is
/// missing at `e`, one below means a duplicated or moved line at `e`; a `prev` that is not the
/// hash of the previous line means that previous line (`e - 1`) was altered (for seq 1, `prev`
/// must be 64 zeros). After the last line, the anchor from `head.json` catches a removed or
/// altered last line. Only the first problem is kept.
struct ChainCursor {
    /// How many lines were fed.
    private(set) var count = 0
    /// The first problem found, if any.
    private(set) var problem: ChainProblem?
    /// The digest of the last line fed.
    private(set) var lastDigest = LineDigest.zero

    private let firstSeq: Int
    private let anchor: LogHead?
    private var anchorDigest: LineDigest?
    private var previous: LineDigest?
    private var nextSeq: Int

    /// A cursor for lines starting at `firstSeq`, chained to `previous` (`nil`: not checked for the
    /// first line), checked at the end against `anchor`.
    init(firstSeq: Int = 1, previous: LineDigest? = .zero, anchor: LogHead?) {
        self.firstSeq = firstSeq
        self.previous = previous
        self.anchor = anchor
        self.nextSeq = firstSeq
    }

    /// The seq the next line should carry.
    var expectedSeq: Int { nextSeq }

    /// The head of the lines fed so far: the last position and its hash.
    var head: LogHead {
        count == 0 && firstSeq == 1 ? .empty : LogHead(seq: nextSeq - 1, hash: lastDigest.hex)
    }

    /// Checks one complete line (without its newline) and returns its digest, with its parsed
    /// prefix while no problem has been found.
    @discardableResult
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>) -> (digest: LineDigest, prefix: LinePrefix?) {
        let expected = nextSeq
        let digest = LineDigest(hashing: line)
        nextSeq += 1
        count += 1
        lastDigest = digest
        if let anchor, anchor.seq == expected { anchorDigest = digest }
        defer { previous = digest }
        guard problem == nil else { return (digest, nil) }

        let prefix: LinePrefix
        switch LineShape.check(line) {
        case .failure(let reason):
            record(ChainProblem(seq: expected, reason: reason.text))
            return (digest, nil)
        case .success(let parsed):
            prefix = parsed
        }
        if prefix.seq > expected {
            record(ChainProblem(seq: expected, reason: "ligne manquante : seq \(expected) attendu, \(prefix.seq) trouvé"))
        } else if prefix.seq < expected {
            record(ChainProblem(seq: expected, reason: "ligne dupliquée ou déplacée : seq \(expected) attendu, \(prefix.seq) trouvé"))
        } else if let previous, prefix.prev != previous {
            if expected == 1 {
                record(ChainProblem(seq: 1, reason: "première ligne : « prev » doit valoir 64 zéros"))
            } else {
                record(ChainProblem(
                    seq: expected - 1,
                    reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq \(expected)"
                ))
            }
        }
        return (digest, prefix)
    }

    /// Records a problem found outside the lines themselves, at the seq expected next.
    mutating func fail(_ reason: String) {
        record(ChainProblem(seq: nextSeq, reason: reason))
    }

    /// The first problem, including those only the anchor can reveal.
    func finish() -> ChainProblem? {
        if let problem { return problem }
        guard let anchor, anchor.seq > 0 else { return nil }
        let lastSeq = nextSeq - 1
        if anchor.seq > lastSeq {
            return ChainProblem(
                seq: lastSeq + 1,
                reason: "ligne manquante en fin de journal : head.json annonce seq \(anchor.seq), le journal s'arrête à seq \(lastSeq)"
            )
        }
        guard anchor.seq >= firstSeq else { return nil }
        if anchorDigest == nil || anchorDigest != LineDigest(hex: anchor.hash) {
            return ChainProblem(
                seq: anchor.seq,
                reason: "ligne modifiée : son empreinte ne correspond plus à celle de head.json"
            )
        }
        return nil
    }

    private mutating func record(_ found: ChainProblem) {
        if problem == nil { problem = found }
    }
}
