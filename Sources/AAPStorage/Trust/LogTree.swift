import Foundation

/// The log seen as a Merkle tree: its origin, its leaves (one per line) and the checkpoints and
/// proofs built from them.
public struct LogTree: Sendable {
    /// RFC 6962 leaf hashes of the lines' exact bytes, in seq order.
    public let leaves: [MerkleTree.Hash]
    public let origin: String

    /// The tree of a log's complete lines, after checking its chain.
    public init(log: FileEventLog) throws {
        let lines = try log.readCheckedLines()
        leaves = lines.map { MerkleTree.leafHash($0.bytes) }
        origin = Self.origin(firstLineHash: lines.first?.hash)
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
