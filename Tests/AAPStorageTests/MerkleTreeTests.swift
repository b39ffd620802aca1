import Foundation
import Testing
@testable import AAPStorage

/// The log's Merkle tree (RFC 6962) against published answers and an independent reference:
/// tree heads, audit paths and consistency proofs, their verification, and tampered proofs refused.
@Suite("Arbre de Merkle RFC 6962")
struct MerkleTreeTests {
    /// 33 leaves: the 8 of the CT reference tests, then 25 more of varied lengths.
    static let data: [[UInt8]] = CTVectors.leaves + (8..<33).map { i in
        (0..<(i % 7) * 5).map { UInt8(truncatingIfNeeded: i &* 31 &+ $0) } + Array("ligne \(i)".utf8)
    }
    static let reference = ReferenceTree(data)
    static let leaves: [MerkleTree.Hash] = data.map(MerkleTree.leafHash)

    static func root(_ size: Int) -> MerkleTree.Hash { MerkleTree.root(leaves[0..<size]) }

    // MARK: - Known answers

    @Test("Arbre vide : SHA-256 de la chaîne vide ; feuille : SHA-256(0x00 ‖ données) ; nœud : SHA-256(0x01 ‖ g ‖ d)")
    func primitives() {
        #expect(Hex.of(MerkleTree.root([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.of(MerkleTree.leafHash([])) == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        #expect(Hex.of(MerkleTree.leafHash([0x00])) == "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7")
        let left = MerkleTree.leafHash([]), right = MerkleTree.leafHash([0x00])
        #expect(MerkleTree.nodeHash(left, right) == ReferenceSHA256.hash([0x01] + left + right))
        #expect(Hex.of(MerkleTree.nodeHash(left, right)) == "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")
        // A leaf of one log line: its exact bytes, prefixed by 0x00.
        let line = Array(#"{"seq":1,"prev":"0000000000000000000000000000000000000000000000000000000000000000"}"#.utf8)
        #expect(MerkleTree.leafHash(line) == ReferenceSHA256.hash([0x00] + line))
    }

    @Test("Racines des tailles 0 à 8 des tests de référence CT (RFC 6962)", arguments: 0...8)
    func ctRoots(_ size: Int) {
        #expect(Hex.of(Self.root(size)) == CTVectors.roots[size])
        #expect(Hex.of(Self.reference.mth(0, size)) == CTVectors.roots[size])
    }

    @Test("Chemins d'inclusion des tests de référence CT")
    func ctInclusion() {
        for (index, size, path) in CTVectors.inclusion {
            let proof = MerkleTree.inclusionProof(index: index, Self.leaves[0..<size])
            #expect(proof.map(Hex.of) == path, "feuille \(index) de \(size)")
            #expect(MerkleTree.verifyInclusion(index: index, size: size, leafHash: Self.leaves[index], proof: proof,
                                               root: Hex.bytes(CTVectors.roots[size])))
        }
    }

    @Test("Preuves de cohérence des tests de référence CT")
    func ctConsistency() {
        for (old, new, path) in CTVectors.consistency {
            let proof = MerkleTree.consistencyProof(oldSize: old, Self.leaves[0..<new])
            #expect(proof.map(Hex.of) == path, "\(old) → \(new)")
            #expect(MerkleTree.verifyConsistency(oldSize: old, newSize: new, oldRoot: Hex.bytes(CTVectors.roots[old]),
                                                 newRoot: Hex.bytes(CTVectors.roots[new]), proof: proof), "\(old) → \(new)")
        }
    }

    // MARK: - Every size up to 33 against the reference

    @Test("Racine de chaque taille 1…33 égale à MTH de la référence indépendante", arguments: 1...33)
    func rootsMatchReference(_ size: Int) {
        #expect(Self.root(size) == Self.reference.mth(0, size))
    }

    @Test("Inclusion : pour chaque taille 1…33 et chaque feuille, le chemin est PATH de la RFC et se vérifie", arguments: 1...33)
    func inclusionEveryLeaf(_ size: Int) {
        let root = Self.root(size)
        for index in 0..<size {
            let proof = MerkleTree.inclusionProof(index: index, Self.leaves[0..<size])
            #expect(proof == Self.reference.path(index, 0, size), "feuille \(index) de \(size)")
            #expect(MerkleTree.verifyInclusion(index: index, size: size, leafHash: Self.leaves[index], proof: proof, root: root),
                    "feuille \(index) de \(size)")
        }
    }

    @Test("Inclusion : preuve altérée, mauvaise feuille, mauvais index, chemin tronqué ou allongé, racine fausse : refusés",
          arguments: 1...33)
    func inclusionTampered(_ size: Int) {
        let root = Self.root(size)
        for index in 0..<size {
            let proof = MerkleTree.inclusionProof(index: index, Self.leaves[0..<size])
            let leaf = Self.leaves[index]
            func accepts(index: Int = index, size: Int = size, leaf: MerkleTree.Hash = leaf, proof: [MerkleTree.Hash] = proof,
                         root: MerkleTree.Hash = root) -> Bool {
                MerkleTree.verifyInclusion(index: index, size: size, leafHash: leaf, proof: proof, root: root)
            }
            for position in proof.indices {
                var altered = proof
                altered[position][position % 32] ^= 0x01
                #expect(!accepts(proof: altered), "nœud \(position) altéré, feuille \(index) de \(size)")
            }
            var otherLeaf = leaf
            otherLeaf[0] ^= 0x80
            #expect(!accepts(leaf: otherLeaf))
            if size > 1 {
                #expect(!accepts(leaf: Self.leaves[(index + 1) % size]), "autre feuille, \(index) de \(size)")
                #expect(!accepts(index: (index + 1) % size), "autre index, \(index) de \(size)")
                #expect(!accepts(proof: Array(proof.dropLast())), "chemin tronqué, \(index) de \(size)")
            }
            #expect(!accepts(proof: proof + [root]), "chemin allongé, \(index) de \(size)")
            // (The size is bound to the root by the checkpoint's signature: RFC 9162's check, like Go's tlog,
            // accepts a path whose shape also fits a larger tree with the same root hash.)
            #expect(!accepts(index: size), "index hors de l'arbre")
            #expect(!accepts(index: -1), "index négatif")
            var otherRoot = root
            otherRoot[31] ^= 0x01
            #expect(!accepts(root: otherRoot))
        }
    }

    @Test("Cohérence : pour chaque paire m ≤ n ≤ 33, la preuve est PROOF de la RFC et se vérifie", arguments: 1...33)
    func consistencyEveryPair(_ new: Int) {
        let newRoot = Self.root(new)
        for old in 1...new {
            let proof = MerkleTree.consistencyProof(oldSize: old, Self.leaves[0..<new])
            #expect(proof == Self.reference.proof(old, new), "\(old) → \(new)")
            #expect(MerkleTree.verifyConsistency(oldSize: old, newSize: new, oldRoot: Self.root(old), newRoot: newRoot, proof: proof),
                    "\(old) → \(new)")
        }
        // From the empty tree, anything is consistent with an empty proof.
        #expect(MerkleTree.verifyConsistency(oldSize: 0, newSize: new, oldRoot: MerkleTree.root([]), newRoot: newRoot, proof: []))
    }

    @Test("Cohérence : nœud altéré, racines échangées ou fausses, tailles fausses, preuve tronquée : refusés", arguments: 1...33)
    func consistencyTampered(_ new: Int) {
        let newRoot = Self.root(new)
        for old in 1...new {
            let oldRoot = Self.root(old)
            let proof = MerkleTree.consistencyProof(oldSize: old, Self.leaves[0..<new])
            func accepts(old o: Int = old, new n: Int = new, oldRoot r1: MerkleTree.Hash = oldRoot, newRoot r2: MerkleTree.Hash = newRoot,
                         proof p: [MerkleTree.Hash] = proof) -> Bool {
                MerkleTree.verifyConsistency(oldSize: o, newSize: n, oldRoot: r1, newRoot: r2, proof: p)
            }
            for position in proof.indices {
                var altered = proof
                altered[position][(position * 7) % 32] ^= 0x04
                #expect(!accepts(proof: altered), "nœud \(position) altéré, \(old) → \(new)")
            }
            var badOld = oldRoot
            badOld[0] ^= 0x01
            #expect(!accepts(oldRoot: badOld), "ancienne racine fausse, \(old) → \(new)")
            var badNew = newRoot
            badNew[31] ^= 0x01
            #expect(!accepts(newRoot: badNew), "nouvelle racine fausse, \(old) → \(new)")
            if old < new {
                #expect(!accepts(oldRoot: newRoot, newRoot: oldRoot), "racines échangées, \(old) → \(new)")
                #expect(!accepts(proof: Array(proof.dropLast())), "preuve tronquée, \(old) → \(new)")
                #expect(!accepts(proof: proof + [newRoot]), "preuve allongée, \(old) → \(new)")
                // (A wrong new size with the same new root is not refused by RFC 9162's algorithm, nor by Go's
                // tlog: the size is bound to its root by the checkpoint's signature, which the CLI checks first.)
                #expect(!accepts(old: new, new: old), "tailles inversées, \(old) → \(new)")
                // A tree rewritten below the old size: its root no longer matches the signed one.
                var rewritten = Self.leaves
                rewritten[old - 1] = MerkleTree.leafHash(Array("réécrit".utf8))
                let rewrittenRoot = MerkleTree.root(rewritten[0..<new])
                let rewrittenProof = MerkleTree.consistencyProof(oldSize: old, rewritten[0..<new])
                #expect(!accepts(newRoot: rewrittenRoot, proof: rewrittenProof), "journal réécrit sous \(old), \(old) → \(new)")
            } else {
                #expect(!accepts(proof: [oldRoot]), "même taille, preuve non vide")
            }
        }
    }
}
