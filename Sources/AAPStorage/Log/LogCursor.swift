/// The one reader of the log: reads a ``LogLineSource`` from a ``LogStart`` and checks every line
/// against the chain rules, in bounded memory, handing on the lines that hold.
///
/// Rules, for the line expected at seq `e`: a line without the canonical prefix, without the
/// closing `}` or with bytes that are not UTF-8 is bad at `e`; a seq above `e` means a line is
/// missing at `e`, one below means a duplicated or moved line at `e`; a `prev` that is not the
/// hash of the previous line means that previous line (`e - 1`) was altered (for seq 1, `prev`
/// must be 64 zeros). A start after a known line reads that line again: a hash that changed is
/// bad at its seq. After the last line, the source's anchor catches a removed or altered last
/// line. Only the first problem is kept; the lines after it are still counted, never handed on.
public struct LogCursor {
    /// Where reading starts.
    public let start: LogStart
    /// How many lines the source handed (from the start line on).
    public private(set) var count = 0

    /// The first problem found in the lines themselves, if any.
    private(set) var problem: ChainProblem?
    private var anchor = LogAnchor.absent
    /// The seq the anchor names, kept apart so that each line compares an integer.
    private var anchorSeq: Int?
    private var anchorDigest: LineDigest?
    private var previous: LineDigest?
    private var lastDigest: LineDigest
    private var nextSeq: Int
    private let knownDigest: LineDigest?

    /// A cursor that reads from `start` (the beginning of the log by default).
    public init(from start: LogStart = .beginning) {
        self.start = start
        nextSeq = max(start.known.seq, 1)
        knownDigest = start.known.seq > 0 ? LineDigest(hex: start.known.hash) : nil
        previous = start.known.seq > 0 ? nil : .zero
        lastDigest = .zero
    }

    /// The head of the lines read so far: the last position and its hash (the start when no line
    /// was read).
    public var head: LogHead {
        count == 0 ? start.known : LogHead(seq: nextSeq - 1, hash: lastDigest.hex)
    }

    /// Reads every line of `source` from the start and hands `body` each one after the start
    /// while no problem has been found. Throws what the source or `body` throws; problems in the
    /// lines are kept for ``finish()``.
    public mutating func read(_ source: some LogLineSource, _ body: (CheckedLine) throws -> Void) throws {
        try read(source, counting: nil, body)
    }

    /// ``read(_:_:)``, calling `counting` with the length of every line handed by the source.
    mutating func read(
        _ source: some LogLineSource, counting: ((Int) -> Void)?, _ body: (CheckedLine) throws -> Void
    ) throws {
        anchor = source.anchor()
        anchorSeq = anchor.head?.seq
        try source.forEachLine(from: max(start.known.seq, 1)) { bytes in
            counting?(bytes.count)
            if let line = feed(bytes) { try body(line) }
        } damaged: { reason in
            fail(reason)
        }
    }

    /// Reads every line of `source` from the start, then throws ``StorageError/corrupt(_:)`` with
    /// the first problem, if any.
    public mutating func readChecked(_ source: some LogLineSource, _ body: (CheckedLine) throws -> Void) throws {
        try read(source, body)
        if let problem = finish() { throw StorageError.corrupt(problem) }
    }

    /// Records a problem found outside the lines themselves, at the seq expected next.
    mutating func fail(_ reason: String) {
        record(ChainProblem(seq: nextSeq, reason: reason))
    }

    /// The first problem, including those only the end of the log and its anchor can reveal.
    public func finish() -> ChainProblem? {
        if let problem { return problem }
        let lastSeq = nextSeq - 1
        if start.known.seq > 0, count == 0 {
            return ChainProblem(
                seq: start.known.seq,
                reason: "ligne manquante : le point de départ seq \(start.known.seq) n'est pas dans le journal"
            )
        }
        switch anchor {
        case .absent:
            return nil
        case .unreadable(let reason):
            return ChainProblem(seq: max(lastSeq, 1), reason: reason)
        case .valid(let anchor):
            guard anchor.seq > 0 else { return nil }
            if anchor.seq > lastSeq {
                return ChainProblem(
                    seq: lastSeq + 1,
                    reason: "ligne manquante en fin de journal : head.json annonce seq \(anchor.seq), le journal s'arrête à seq \(lastSeq)"
                )
            }
            guard anchor.seq >= max(start.known.seq, 1) else { return nil }
            if anchorDigest == nil || anchorDigest != LineDigest(hex: anchor.hash) {
                return ChainProblem(seq: anchor.seq, reason: "ligne modifiée : son empreinte ne correspond plus à celle de head.json")
            }
            return nil
        }
    }

    /// Checks one complete line (without its newline); returns it when it is to be handed on.
    private mutating func feed(_ line: UnsafeBufferPointer<UInt8>) -> CheckedLine? {
        let expected = nextSeq
        let digest = LineDigest(hashing: line)
        nextSeq += 1
        count += 1
        lastDigest = digest
        if anchorSeq == expected { anchorDigest = digest }
        defer { previous = digest }
        guard problem == nil else { return nil }

        let prefix: LinePrefix
        switch LineShape.check(line) {
        case .failure(let reason):
            record(ChainProblem(seq: expected, reason: reason.text))
            return nil
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
        } else if expected == start.known.seq {
            if digest != knownDigest {
                record(ChainProblem(seq: expected, reason: "ligne modifiée : son empreinte ne correspond plus à celle du point de départ"))
            }
            return nil
        }
        guard problem == nil else { return nil }
        return CheckedLine(bytes: line, prefix: prefix, digest: digest)
    }

    private mutating func record(_ found: ChainProblem) {
        if problem == nil { problem = found }
    }
}
