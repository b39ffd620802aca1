import AAPDomain
import Foundation

/// A cache of the folded state at one line of the log, so that commands need not replay all history.
///
/// It records the seq and the hash of the line it was built from and is used only when the log
/// still has that very line there; otherwise it is ignored and rebuilt. `audit verify` never uses it.
struct Snapshot: Codable {
    static let formatVersion = 1

    let format: Int
    let seq: Int
    let hash: String
    let state: StoreState

    init(seq: Int, hash: String, state: StoreState) {
        format = Self.formatVersion
        self.seq = seq
        self.hash = hash
        self.state = state
    }

    static func path(in directory: String) -> String { (directory as NSString).appendingPathComponent("snapshot.json") }

    /// The snapshot of the store, or nil when absent, unreadable, of another format or damaged.
    static func read(in directory: String) -> Snapshot? {
        guard let data = FileManager.default.contents(atPath: path(in: directory)),
              let snapshot = try? JSONDecoder().decode(Snapshot.self, from: data),
              snapshot.format == formatVersion, snapshot.seq >= 1 else { return nil }
        return snapshot
    }

    /// Writes the snapshot atomically (a half-written one is never read).
    func write(in directory: String) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? data.write(to: URL(fileURLWithPath: Self.path(in: directory)), options: .atomic)
    }

    /// The state after the lines that follow the snapshot, or nil when the log no longer holds the
    /// snapshot's line (then the caller replays everything). Throws `corrupt` for a broken chain after it.
    func fold(_ tail: [LogLine], head: LogHead?) throws -> (state: StoreState, head: LogHead)? {
        guard let first = tail.first, first.seq == seq, first.hash == hash else { return nil }
        for (before, after) in zip(tail, tail.dropFirst()) {
            guard after.seq == before.seq + 1 else {
                throw StorageError.corrupt(ChainProblem(seq: before.seq + 1, reason: "ligne manquante : seq \(before.seq + 1) attendu, \(after.seq) trouvé"))
            }
            guard after.prev == before.hash else {
                throw StorageError.corrupt(ChainProblem(seq: before.seq, reason: "ligne modifiée : son empreinte ne correspond plus au « prev » de la ligne seq \(after.seq)"))
            }
        }
        let last = tail[tail.count - 1]
        if let head, head.seq > last.seq {
            throw StorageError.corrupt(ChainProblem(seq: last.seq + 1, reason: "lignes manquantes en fin de journal (head.json annonce \(head.seq) événements)"))
        }
        if let head, head.seq >= seq, let anchored = tail.first(where: { $0.seq == head.seq }), anchored.hash != head.hash {
            throw StorageError.corrupt(ChainProblem(seq: head.seq, reason: "ligne modifiée : son empreinte ne correspond plus à head.json"))
        }
        var state = self.state
        let decoder = JSONDecoder()
        for line in tail.dropFirst() {
            do { state.apply(try EventCodec.decode(line, decoder: decoder)) } catch let problem as ChainProblem {
                throw StorageError.corrupt(problem)
            }
        }
        return (state, LogHead(seq: last.seq, hash: last.hash))
    }
}
