import AAPDomain
import AAPStorage

/// The log read once for the commands that prove things about it: its events folded, its Merkle
/// tree, and the bytes of the lines a proof shows.
struct ProvableLog {
    let loaded: LoadedStore
    let tree: LogTree
    /// The bytes of the lines kept, by seq.
    let lines: [Int: [UInt8]]

    /// Reads the store's log once (chain checked); keeps the bytes of the lines whose event `keep` accepts.
    static func read(_ store: Store, keeping keep: @escaping (RecordedEvent) -> Bool = { _ in false }) throws -> ProvableLog {
        var builder = LogTree.Builder()
        var lines: [Int: [UInt8]] = [:]
        let loaded: LoadedStore = try Auditor.replay(store.lines, until: nil, asOf: nil, each: { line, recorded, _ in
            builder.add(line)
            if keep(recorded) { lines[line.seq] = line.bytes }
        })
        return ProvableLog(loaded: loaded, tree: builder.tree, lines: lines)
    }
}
