import AAPDomain
import Foundation

/// The file `state/calls/<call>.state`: one call and its cases, each case a separate JSON chunk so
/// that a command decodes only the cases it reads.
///
/// ```
/// aap-call 1
/// call <length>
/// <the CallState as JSON>
/// case <case id> <length>
/// <the CaseState as JSON>
/// …one "case" entry per case, in submission order
/// ```
struct CallPartition {
    static let formatLine = "aap-call 1"

    /// The call's record.
    let call: CallState
    /// Each case's JSON bytes, by id.
    private(set) var caseChunks: [CaseID: ArraySlice<UInt8>]

    private init(call: CallState, caseChunks: [CaseID: ArraySlice<UInt8>]) {
        self.call = call
        self.caseChunks = caseChunks
    }

    /// The partition in `bytes`, or nil when they are not one (damaged, other format).
    static func parse(_ bytes: [UInt8], decoder: JSONDecoder) -> CallPartition? {
        var reader = ChunkReader(bytes: bytes)
        guard reader.line() == formatLine,
              let header = reader.line()?.split(separator: " "), header.count == 2, header[0] == "call",
              let callLength = Int(header[1]), let callBytes = reader.chunk(callLength),
              let call = try? decoder.decode(CallState.self, from: Data(callBytes)) else { return nil }
        var chunks: [CaseID: ArraySlice<UInt8>] = [:]
        chunks.reserveCapacity(call.caseIDs.count)
        while !reader.atEnd {
            guard let entry = reader.line()?.split(separator: " "), entry.count == 3, entry[0] == "case",
                  let id = try? CaseID.parse(String(entry[1])), let length = Int(entry[2]),
                  let chunk = reader.chunk(length), chunks[id] == nil else { return nil }
            chunks[id] = chunk
        }
        guard chunks.count == call.caseIDs.count, call.caseIDs.allSatisfy({ chunks[$0] != nil }) else { return nil }
        return CallPartition(call: call, caseChunks: chunks)
    }

    /// Decodes one case; nil when its chunk is damaged.
    func decodeCase(_ id: CaseID, decoder: JSONDecoder) -> CaseState? {
        guard let chunk = caseChunks[id], let c = try? decoder.decode(CaseState.self, from: Data(chunk)), c.id == id else { return nil }
        return c
    }

    /// The bytes of the partition for `call`, each case taken from `state` when it is in `fresh`
    /// (or missing from `previous`), else copied from `previous` without decoding it.
    static func encode(_ call: CallState, state: StoreState, fresh: Set<CaseID>, previous: CallPartition?, encoder: JSONEncoder) throws -> ([UInt8], CallPartition) {
        var bytes = Array("\(formatLine)\n".utf8)
        let callJSON = try encoder.encode(call)
        bytes += Array("call \(callJSON.count)\n".utf8)
        bytes += callJSON
        bytes.append(0x0A)
        var ranges: [(CaseID, Range<Int>)] = []
        ranges.reserveCapacity(call.caseIDs.count)
        for id in call.caseIDs {
            let chunk: [UInt8]
            if !fresh.contains(id), let kept = previous?.caseChunks[id] {
                chunk = Array(kept)
            } else if let c = state.cases[id] {
                chunk = Array(try encoder.encode(c))
            } else {
                throw StorageError.io("État incomplet : le dossier \(id) manque pour écrire l'appel \(call.id)")
            }
            bytes += Array("case \(id.value) \(chunk.count)\n".utf8)
            ranges.append((id, bytes.count ..< bytes.count + chunk.count))
            bytes += chunk
            bytes.append(0x0A)
        }
        var chunks: [CaseID: ArraySlice<UInt8>] = [:]
        chunks.reserveCapacity(ranges.count)
        for (id, range) in ranges { chunks[id] = bytes[range] }
        return (bytes, CallPartition(call: call, caseChunks: chunks))
    }
}

/// Reads "line\n" headers and "<n bytes>\n" chunks from a buffer.
private struct ChunkReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index >= bytes.count }

    mutating func line() -> String? {
        guard let end = bytes[index...].firstIndex(of: 0x0A) else { return nil }
        defer { index = end + 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    mutating func chunk(_ length: Int) -> ArraySlice<UInt8>? {
        guard length >= 0, index + length < bytes.count, bytes[index + length] == 0x0A else { return nil }
        defer { index += length + 1 }
        return bytes[index..<(index + length)]
    }
}

/// `state/global.json`: what every command reads — actors, workflows, the authority, the calls' order.
struct GlobalState: Codable {
    var actors: [ActorRecord]
    var workflows: [WorkflowDefinition]
    var callOrder: [CallID]
    var authority: AuthoritySet?

    enum CodingKeys: String, CodingKey { case actors, workflows, callOrder, authority }

    /// Decodes the calls' order as plain text checked with `CallID(canonical:)`: a store holds
    /// hundreds of calls and every command reads this file.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        actors = try c.decode([ActorRecord].self, forKey: .actors)
        workflows = try c.decode([WorkflowDefinition].self, forKey: .workflows)
        callOrder = try c.decode([String].self, forKey: .callOrder).map { text in
            guard let id = CallID(canonical: text) else {
                throw DecodingError.dataCorruptedError(forKey: .callOrder, in: c, debugDescription: "identifiant d'appel invalide")
            }
            return id
        }
        authority = try c.decodeIfPresent(AuthoritySet.self, forKey: .authority)
    }

    init(_ state: StoreState) {
        actors = state.actors.values.sorted { $0.id.value < $1.id.value }
        workflows = state.workflows.values.flatMap(\.values).sorted { ($0.id, $0.version) < ($1.id, $1.version) }
        callOrder = state.callOrder
        authority = state.authority
    }

    /// A state holding only this global part (no call, no case yet).
    func state(eventCount: Int) -> StoreState {
        var state = StoreState()
        for actor in actors { state.actors[actor.id] = actor }
        for workflow in workflows { state.workflows[workflow.id, default: [:]][workflow.version] = workflow }
        state.callOrder = callOrder
        state.authority = authority
        state.eventCount = eventCount
        return state
    }
}
