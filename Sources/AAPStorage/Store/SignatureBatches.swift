import Foundation

/// Checks line signatures on other threads while the caller goes on reading and deciding, and
/// finds the first bad one in log order.
///
/// Signatures are handed over in batches of `batchSize`. Worker threads take the oldest batch
/// waiting; whenever more than `backlog` batches wait, the caller takes the oldest one back and
/// checks it itself, so that every core stays busy whichever side is slower, and the memory held
/// stays bounded. Batches may finish in any order: the result is the lowest seq found invalid,
/// the same as checking one line after the other. Lines above an invalid seq already found are
/// not checked any more (they cannot change the result).
///
/// The caller's side (``add(_:)``, ``finish()``) must be used from one thread; ``finish()`` must
/// be called once the lines are all added, or the workers keep waiting.
final class SignatureBatches: @unchecked Sendable {
    /// How many signatures make a batch.
    let batchSize: Int
    /// How many batches may wait before the caller checks one itself.
    let backlog: Int

    private let check: @Sendable (PendingSignature) -> Bool
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [[PendingSignature]] = []
    private var closed = false
    private var runningWorkers = 0
    private var firstInvalid: PendingSignature?
    // The caller's batch being filled.
    private var current: [PendingSignature] = []
    private var finished = false

    /// Starts `workers` threads (none: the caller checks everything itself).
    init(
        workers: Int,
        batchSize: Int = 256,
        backlog: Int = 2,
        check: @escaping @Sendable (PendingSignature) -> Bool = { $0.isValid }
    ) {
        self.batchSize = max(1, batchSize)
        self.backlog = max(0, backlog)
        self.check = check
        current.reserveCapacity(self.batchSize)
        runningWorkers = max(0, workers)
        for _ in 0..<runningWorkers {
            let thread = Thread { [self] in work() }
            thread.name = "aap-signatures"
            thread.start()
        }
    }

    /// The lowest seq found invalid so far (the result can only go lower until ``finish()``).
    var invalidSeq: Int? {
        condition.lock()
        defer { condition.unlock() }
        return firstInvalid?.seq
    }

    /// Adds a signature to check; lines must come in log order.
    func add(_ pending: PendingSignature) {
        current.append(pending)
        if current.count >= batchSize { submit() }
    }

    /// Checks every signature added, stops the workers, and returns the invalid one with the
    /// lowest seq.
    func finish() -> PendingSignature? {
        if !finished {
            finished = true
            if !current.isEmpty {
                condition.lock()
                waiting.append(current)
                condition.signal()
                condition.unlock()
                current = []
            }
            while let batch = take() { checkBatch(batch) }
            condition.lock()
            closed = true
            condition.broadcast()
            while runningWorkers > 0 { condition.wait() }
            condition.unlock()
        }
        condition.lock()
        defer { condition.unlock() }
        return firstInvalid
    }

    /// Hands the current batch over; checks the oldest waiting batch here when too many wait.
    private func submit() {
        condition.lock()
        waiting.append(current)
        condition.signal()
        let own = waiting.count > backlog ? waiting.removeFirst() : nil
        condition.unlock()
        current = []
        current.reserveCapacity(batchSize)
        if let own { checkBatch(own) }
    }

    /// The oldest waiting batch, if any.
    private func take() -> [PendingSignature]? {
        condition.lock()
        defer { condition.unlock() }
        return waiting.isEmpty ? nil : waiting.removeFirst()
    }

    /// Checks a batch in order up to its first invalid signature, and records that one.
    private func checkBatch(_ batch: [PendingSignature]) {
        let known = invalidSeq ?? Int.max
        guard let bad = batch.first(where: { $0.seq < known && !check($0) }) else { return }
        condition.lock()
        if firstInvalid.map({ bad.seq < $0.seq }) ?? true { firstInvalid = bad }
        condition.unlock()
    }

    /// A worker: checks waiting batches until ``finish()`` closes the queue and it is empty.
    private func work() {
        while true {
            condition.lock()
            while waiting.isEmpty, !closed { condition.wait() }
            guard !waiting.isEmpty else {
                runningWorkers -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = waiting.removeFirst()
            condition.unlock()
            checkBatch(batch)
        }
    }
}
