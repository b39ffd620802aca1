/// The lines of one append, in their exact bytes: seq and `prev` assigned after the log's last
/// line, each line signed and hashed. The file log, the in-memory log and the PostgreSQL log all
/// write these bytes, so that the same records give the same lines and the same head on each.
public struct EncodedBatch: Sendable {
    /// The lines, each followed by its newline, as one buffer to write.
    public internal(set) var bytes: [UInt8] = []
    /// The lines as appended.
    public internal(set) var lines: [LogLine] = []
    /// The seq of the last line.
    public internal(set) var lastSeq: Int
    /// The digest of the last line.
    var lastDigest: LineDigest

    /// Encodes `records` after the line `lastSeq` whose digest is `lastDigest`, each line signed
    /// by `signer` when there is one (see ``LineSigner``). Refuses data that is not one JSON
    /// object on one line of UTF-8 (``StorageError/io(_:)``), before encoding anything.
    /// The seq and hash of the last line, the head the log has after this batch.
    public var head: LogHead {
        LogHead(seq: lastSeq, hash: lastDigest.hex)
    }

    /// Encodes `records` after the line named by `head` (see ``init(_:after:lastDigest:signer:)``);
    /// a head whose hash is not 64 hex digits counts as the empty log's.
    public init(_ records: [NewRecord], after head: LogHead, signer: LineSigner?) throws {
        try self.init(records, after: head.seq, lastDigest: LineDigest(hex: head.hash) ?? .zero, signer: signer)
    }

    init(_ records: [NewRecord], after lastSeq: Int, lastDigest: LineDigest, signer: LineSigner?) throws {
        for record in records {
            if let reason = LineEncoder.problem(with: record.data) {
                throw StorageError.io("Enregistrement refusé pour l'événement « \(record.type) » : \(reason)")
            }
        }
        self.lastSeq = lastSeq
        self.lastDigest = lastDigest
        bytes.reserveCapacity(records.reduce(0) { $0 + $1.data.count + 256 })
        lines.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            self.lastSeq += 1
            let start = bytes.count
            LineEncoder.appendLine(seq: self.lastSeq, prev: self.lastDigest, record: record, to: &bytes)
            if let signer {
                let signature = try signer(index, Array(bytes[start...]))
                LineSignature.attach(signature, to: &bytes)
            }
            let line = Array(bytes[start...])
            let digest = LineDigest(hashing: line)
            lines.append(LogLine(seq: self.lastSeq, prev: self.lastDigest.hex, bytes: line, hash: digest.hex))
            bytes.append(0x0A)
            self.lastDigest = digest
        }
    }

    /// The lines of another log, copied byte for byte after the line named by `head` (`aap store
    /// copy`): each must be the next seq, name the line before it in its `prev`, and hold nothing
    /// but one line of its canonical shape; their hashes are computed again here.
    public init(copying copied: [LogLine], after head: LogHead) throws {
        lastSeq = head.seq
        lastDigest = LineDigest(hex: head.hash) ?? .zero
        bytes.reserveCapacity(copied.reduce(0) { $0 + $1.bytes.count + 1 })
        lines.reserveCapacity(copied.count)
        for line in copied {
            let prefix = line.bytes.withUnsafeBufferPointer { LinePrefix.parse($0) }
            guard let prefix, prefix.seq == lastSeq + 1, prefix.prev == lastDigest, !line.bytes.contains(0x0A) else {
                throw StorageError.io("Copie refusée : la ligne \(line.seq) ne suit pas la ligne \(lastSeq) du magasin de destination")
            }
            let digest = LineDigest(hashing: line.bytes)
            lastSeq = prefix.seq
            lines.append(LogLine(seq: prefix.seq, prev: lastDigest.hex, bytes: line.bytes, hash: digest.hex))
            bytes += line.bytes
            bytes.append(0x0A)
            lastDigest = digest
        }
    }
}
