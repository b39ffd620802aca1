import Foundation

/// How an audit reads and shares its work: the sizes only change speed and memory, never a result.
struct AuditTuning: Sendable {
    /// Bytes read from a segment at a time.
    var chunkBytes = 1 << 20
    /// Threads checking signatures besides the caller's.
    var workers = AuditTuning.defaultWorkers
    /// Signatures per batch handed to a worker.
    var batchSize = 256
    /// Batches that may wait before the caller checks one itself.
    var backlog = 2
    /// Lines between two progress reports.
    var progressEvery = 1024

    /// The tuning for a command-line audit.
    static let standard = AuditTuning()

    /// One thread per core besides the caller's, up to seven.
    static var defaultWorkers: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount - 1, 0), 7)
    }
}
