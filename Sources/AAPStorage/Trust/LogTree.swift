import Foundation

/// The log seen as a Merkle tree: its origin, its leaves (one per line) and the checkpoints and
/// proofs built from them.
public struct LogTree: Sendable {
    /// RFC 6962 leaf hashes of the lines' exact bytes, in seq order.
    public let leaves: [MerkleTree.Hash]
    public let origin: String

    /// The tree of `leaves`, the first of them the line whose hash is `firstLineHash`.
    public init(leaves: [MerkleTree.Hash], firstLineHash: String?) {
        self.leaves = leaves
        origin = Self.origin(firstLineHash: firstLineHash)
    }

    /// The tree of a log's complete lines, read once by a ``LogCursor``; throws
    /// ``StorageError/corrupt(_:)`` when the chain breaks.
    public init(reading source: some LogLineSource) throws {
        var builder = Builder()
        var cursor = LogCursor()
        try cursor.readChecked(source) { builder.add($0.logLine) }
        self = builder.tree
    }

    /// A tree grown one line at a time, in log order, as a reader hands the lines.
    public struct Builder {
        private var leaves: [MerkleTree.Hash] = []
        private var firstLineHash: String?

        /// An empty tree.
        public init() {}

        /// Adds the next line of the log.
        public mutating func add(_ line: LogLine) {
            if leaves.isEmpty { firstLineHash = line.hash }
            leaves.append(MerkleTree.leafHash(line.bytes))
        }

        /// The tree of the lines added.
        public var tree: LogTree { LogTree(leaves: leaves, firstLineHash: firstLineHash) }
    }

    /// The origin line of the store's checkpoints: stable for a store, different between stores
    /// (it names the hash of the first line).
    public static func origin(firstLineHash: String?) -> String {
        "aap.local/journal/" + String((firstLineHash ?? "vide").prefix(16))
    }

    public var size: Int { leaves.count }

    /// The tree hash of the first `size` lines.
    public func root(size: Int) -> MerkleTree.Hash { MerkleTree.root(leaves[0 ..< min(size, leaves.count)]) }

    /// The checkpoint of the whole log.
    public var checkpoint: Checkpoint { Checkpoint(origin: origin, size: size, root: root(size: size)) }

    /// The inclusion proof of line `seq` in the tree of the first `size` lines.
    public func inclusionProof(seq: Int, size: Int) -> [MerkleTree.Hash] {
        MerkleTree.inclusionProof(index: seq - 1, leaves[0 ..< min(size, leaves.count)])
    }

    /// The consistency proof between the first `oldSize` lines and the whole log.
    public func consistencyProof(oldSize: Int) -> [MerkleTree.Hash] {
        MerkleTree.consistencyProof(oldSize: oldSize, leaves[...])
    }
}
