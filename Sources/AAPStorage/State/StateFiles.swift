#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AAPDomain
import Foundation

/// The folded state kept next to the log in `D/state/`, split so that a command reads only what it
/// decides on: `manifest` (the line of the log it was built up to, and the SHA-256 of every file),
/// `global.json` (actors, workflows, authority) and one `calls/<call>.state` per call (the call and
/// its cases, each case decoded only when read).
///
/// A cache, never a source of truth: a file is used only when its SHA-256 is the one in the
/// manifest, and the manifest only when the log ends with the line it names and its segments have
/// not been written to since (their size, inode and change time are those the manifest recorded
/// after the last append). Anything else and the state is rebuilt from the whole log, its chain
/// checked, so that a log altered anywhere is refused before any write. Files are replaced
/// atomically (write then rename) and not synced: after a power loss a damaged file fails its
/// SHA-256 and is rebuilt. `audit verify` never reads them.
final class StateFiles {
    let manifest: StateManifest
    /// The state loaded so far: the global part plus the calls and cases asked for.
    private(set) var state: StoreState
    private let directory: String
    private var partitions: [CallID: CallPartition] = [:]
    private let decoder = JSONDecoder()

    private init(directory: String, manifest: StateManifest, state: StoreState) {
        self.directory = directory
        self.manifest = manifest
        self.state = state
    }

    static func directory(ofStore store: String) -> String { (store as NSString).appendingPathComponent("state") }

    /// Opens the state files of the store at `storeDirectory`: reads the manifest and the global
    /// part. Nil when absent, of another format, or damaged.
    static func open(storeDirectory: String) -> StateFiles? {
        let directory = directory(ofStore: storeDirectory)
        guard let manifestBytes = try? SystemFiles.readAll(join(directory, "manifest")),
              let manifest = StateManifest.parse(manifestBytes),
              let globalBytes = try? SystemFiles.readAll(join(directory, "global.json")),
              LineDigest(hashing: globalBytes).hex == manifest.global,
              let global = try? JSONDecoder().decode(GlobalState.self, from: Data(globalBytes)) else { return nil }
        return StateFiles(directory: directory, manifest: manifest, state: global.state(eventCount: manifest.eventCount))
    }

    /// Adds to `state` the records of `calls` and the cases `cases` that it lacks and these files
    /// hold. What `state` already has is kept: in a batch, what earlier commands changed. False
    /// when a file is damaged.
    func load(calls: Set<CallID>, cases: Set<CaseID>, into state: inout StoreState) -> Bool {
        for id in calls.union(cases.map(\.callID)) where state.calls[id] == nil {
            guard let partition = partition(id) else { return false }
            if let partition { state.calls[id] = partition.call }
        }
        for id in cases where state.cases[id] == nil {
            guard let found = partition(id.callID) else { return false }
            guard let partition = found, partition.caseChunks[id] != nil else { continue }
            guard let c = partition.decodeCase(id, decoder: decoder) else { return false }
            state.cases[id] = c
        }
        return true
    }

    /// Adds to `state` every case of `calls` that it lacks and these files hold. False when a file is damaged.
    func loadAllCases(of calls: Set<CallID>, into state: inout StoreState) -> Bool {
        for id in calls {
            guard let found = partition(id) else { return false }
            guard let partition = found else { continue }
            if state.calls[id] == nil { state.calls[id] = partition.call }
            for caseID in partition.call.caseIDs where state.cases[caseID] == nil {
                guard let c = partition.decodeCase(caseID, decoder: decoder) else { return false }
                state.cases[caseID] = c
            }
        }
        return true
    }

    /// Adds to `state` what deciding `command` on it reads and it lacks: the command's call and
    /// case (the rules that look across the call read its running totals, not its cases).
    /// False when a file is damaged.
    func fill(_ state: inout StoreState, for command: Command) -> Bool {
        let reads = StateReads.of(command)
        return load(calls: reads.calls, cases: reads.cases, into: &state)
    }

    /// Loads into ``state`` what deciding `commands` reads (see ``fill(_:for:)``). False when a file is damaged.
    func loadForDeciding(_ commands: [Command]) -> Bool {
        commands.allSatisfy { fill(&state, for: $0) }
    }

    /// Loads into ``state`` every case of `calls`. False when a file is damaged.
    func loadAllCases(of calls: Set<CallID>) -> Bool {
        loadAllCases(of: calls, into: &state)
    }

    /// Loads into ``state`` every call and case. False when a file is damaged.
    func loadEverything() -> Bool {
        guard Set(state.callOrder.map(\.value)) == Set(manifest.calls.keys) else { return false }
        return loadAllCases(of: Set(state.callOrder))
    }

    /// Holds `state` (the state after writes whose files are not written yet) instead of the
    /// state the files hold; the next ``write`` encodes what changed from it.
    func keep(_ state: StoreState) {
        self.state = state
    }

    /// The call's partition: `.some(nil)` when the call has none (not created), nil when damaged.
    private func partition(_ id: CallID) -> CallPartition?? {
        if let known = partitions[id] { return .some(known) }
        guard let digest = manifest.calls[id.value] else { return .some(nil) }
        guard let bytes = try? SystemFiles.readAll(Self.join(directory, "calls/\(id.value).state")),
              LineDigest(hashing: bytes).hex == digest,
              let partition = CallPartition.parse(bytes, decoder: decoder), partition.call.id == id else { return nil }
        partitions[id] = partition
        return .some(partition)
    }

    // MARK: - Writing

    /// Writes the files for `state` at `head`: the global part when it changed, the files of the
    /// calls that changed (their changed cases encoded from `state`, the others copied from
    /// `previous`), then the manifest. With `previous` nil, everything is written. Returns the files
    /// as written, holding `state`, so that the same process can decide its next command without
    /// reading them again; nil when writing failed (the next reader finds them stale or damaged and
    /// rebuilds: the log is the truth).
    @discardableResult
    static func write(
        _ state: StoreState, head: LogHead, segments: [SegmentStamp], previous: StateFiles?,
        changes: StateChanges, storeDirectory: String
    ) -> StateFiles? {
        let directory = directory(ofStore: storeDirectory)
        let encoder = JSONEncoder()
        do {
            if previous == nil {
                try FileManager.default.createDirectory(atPath: join(directory, "calls"), withIntermediateDirectories: true)
            }
            var manifest = previous?.manifest ?? StateManifest(head: head, segments: segments, eventCount: 0, global: "", calls: CallDigests())
            if changes.global || previous == nil {
                let bytes = Array(try encoder.encode(GlobalState(state)))
                try replace(join(directory, "global.json"), with: bytes)
                manifest.global = LineDigest(hashing: bytes).hex
            }
            var partitions = previous?.partitions ?? [:]
            let written = previous == nil ? Set(state.callOrder) : changes.calls
            for id in written {
                guard let call = state.calls[id] else { continue }
                let fresh = previous == nil ? Set(call.caseIDs) : changes.cases
                // The cases not decoded are copied from the call's current file.
                let old: CallPartition?
                if let previous, let read = previous.partition(id) { old = read } else if previous == nil { old = nil } else {
                    throw StorageError.io("Fichier d'état illisible pour l'appel \(id)")
                }
                let (bytes, partition) = try CallPartition.encode(call, state: state, fresh: fresh, previous: old, encoder: encoder)
                try replace(join(directory, "calls/\(id.value).state"), with: bytes)
                manifest.calls[id.value] = LineDigest(hashing: bytes).hex
                partitions[id] = partition
            }
            manifest.head = head
            manifest.segments = segments
            manifest.eventCount = state.eventCount
            try replace(join(directory, "manifest"), with: manifest.encoded())
            let files = StateFiles(directory: directory, manifest: manifest, state: state)
            files.partitions = partitions
            return files
        } catch {
            // The manifest was not replaced, or names files that were: the next command rebuilds.
            return nil
        }
    }

    /// Writes `bytes` to a temporary file and renames it over `path`.
    private static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".tmp"
        let descriptor = try SystemFiles.openFile(temporary, O_WRONLY | O_CREAT | O_TRUNC)
        do {
            try SystemFiles.writeAll(descriptor, bytes, path: temporary)
        } catch {
            SystemFiles.closeFile(descriptor)
            throw error
        }
        SystemFiles.closeFile(descriptor)
        guard rename(temporary, path) == 0 else { throw SystemFiles.ioError("de renommer", temporary) }
    }

    private static func join(_ base: String, _ name: String) -> String { base + "/" + name }
}

/// What events changed in the state: which state files must be rewritten.
struct StateChanges {
    var global = false
    var calls: Set<CallID> = []
    var cases: Set<CaseID> = []

    mutating func record(_ event: Event) {
        switch event {
        case .actorRegistered, .workflowRegistered, .authoritySet, .actorKeyRotated, .actorKeyRevoked, .callCreated:
            global = true
        case .callAdvanced, .committeeSet, .caseSubmitted, .caseAdvanced:
            break
        }
        if let call = event.callID { calls.insert(call) }
        if let id = event.caseID { cases.insert(id) }
    }

    var isEmpty: Bool { !global && calls.isEmpty && cases.isEmpty }

    func merging(_ other: StateChanges) -> StateChanges {
        StateChanges(global: global || other.global, calls: calls.union(other.calls), cases: cases.union(other.cases))
    }
}
