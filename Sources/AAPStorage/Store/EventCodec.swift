import AAPDomain
import Foundation

/// Turns domain events into log records and log lines back into recorded events.
public enum EventCodec {
    /// The record to append for an event decided for `actor` at `at`.
    public static func record(_ event: Event, actor: ActorID, at: String) throws -> NewRecord {
        NewRecord(at: at, actor: actor.value, type: event.type, data: try event.encodedData())
    }

    /// Decodes one complete log line; throws a ``ChainProblem`` naming the line when it cannot.
    ///
    /// Lines are read by ``LineDecoder``, straight from their bytes; `decoder` serves only for
    /// the events that decoder leaves to `JSONDecoder` (`workflow.registered`).
    public static func decode(_ line: LogLine, decoder: JSONDecoder = JSONDecoder()) throws -> RecordedEvent {
        let decoded: RecordedEvent?
        do {
            decoded = try line.bytes.withUnsafeBufferPointer { try LineDecoder.decode($0) }
        } catch let error as LineDecodingError {
            throw ChainProblem(seq: line.seq, reason: "ligne \(line.seq) : \(error.message)")
        } catch {
            throw ChainProblem(seq: line.seq, reason: "ligne \(line.seq) : événement illisible")
        }
        guard let recorded = decoded else { return try decodeWithJSONDecoder(line, decoder: decoder) }
        guard recorded.seq == line.seq else {
            throw ChainProblem(seq: line.seq, reason: "ligne \(line.seq) : numéro de séquence incohérent")
        }
        return recorded
    }

    /// Decodes one complete log line with Foundation's `JSONDecoder` only: the reference that
    /// ``decode(_:decoder:)`` matches, and its path for the events ``LineDecoder`` does not read.
    public static func decodeWithJSONDecoder(_ line: LogLine, decoder: JSONDecoder = JSONDecoder()) throws -> RecordedEvent {
        let envelope: LineEnvelope
        do {
            envelope = try decoder.decode(LineEnvelope.self, from: Data(line.bytes))
        } catch let error as ValueError {
            throw ChainProblem(seq: line.seq, reason: "ligne \(line.seq) : \(error.message)")
        } catch {
            throw ChainProblem(seq: line.seq, reason: "ligne \(line.seq) : événement illisible (\(describe(error)))")
        }
        guard envelope.seq == line.seq else {
            throw ChainProblem(seq: line.seq, reason: "ligne \(line.seq) : numéro de séquence incohérent")
        }
        return RecordedEvent(seq: envelope.seq, at: envelope.at, actor: envelope.actor, event: envelope.event)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "JSON invalide" }
        switch error {
        case .keyNotFound(let key, _): return "clé « \(key.stringValue) » manquante"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "JSON invalide" : "valeur invalide en « \(path) »"
        @unknown default: return "JSON invalide"
        }
    }
}

/// The JSON object of one log line.
struct LineEnvelope: Decodable {
    let seq: Int
    let prev: String
    let at: String
    let actor: ActorID
    let type: String
    let event: Event

    enum CodingKeys: String, CodingKey { case seq, prev, at, actor, type, data }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        prev = try c.decode(String.self, forKey: .prev)
        at = try c.decode(String.self, forKey: .at)
        actor = try c.decode(ActorID.self, forKey: .actor)
        type = try c.decode(String.self, forKey: .type)
        event = try Event.decode(type: type, from: c, forKey: .data)
    }
}
