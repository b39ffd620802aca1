import AAPDomain

/// Decodes the bytes of one log line straight into a ``RecordedEvent``, without `JSONDecoder`.
///
/// The counterpart of ``LineEncoder``: it reads the envelope (`seq`, `prev`, `at`, `actor`,
/// `type`, `data`; other members such as `sig` are skipped, but must be valid JSON) and the
/// `data` of every event type except `workflow.registered`, which is rare, large and nested, and
/// is left to `JSONDecoder` (``decode(_:)`` returns nil).
///
/// It accepts what the `JSONDecoder` path accepts and gives the same `RecordedEvent`, going
/// through the same parsers as the `Codable` conformances (`ActorID.parse`, `CaseID.parse`, …, with
/// the same canonical-text check). It is deliberately stricter in a few places, none of which the
/// log's writer ever produces:
///
/// - an integer written with a fraction or an exponent (`1.0`, `1e2`) is refused;
/// - a member the decoder reads that appears twice in one object is refused (`JSONDecoder` keeps
///   the first); so are two keys of `fields` landing on the same field (`amount`, `amount_cents`);
/// - invalid JSON is refused even inside members nobody reads (a lone `-`), and so are a
///   trailing comma and a byte-order mark, which `JSONDecoder` lets through.
///
/// See ``JSONReader`` for the JSON rules themselves.
enum LineDecoder {
    /// Decodes one line (the bytes of one JSON object, without its newline); nil for a line with a
    /// well-formed envelope whose event type is decoded by `JSONDecoder` only.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> RecordedEvent? {
        var reader = JSONReader(bytes)
        reader.start()
        var seq: Int?
        var prev: Bool?
        var at: String?
        var actor: ActorID?
        var type: JSONText?
        var kind: EventType?
        var event: Event?
        // Where `data` starts when it is read after the loop: it came before `type` (never in
        // lines this program writes) or its type is unknown.
        var deferredData: JSONReader.Mark?
        var hasData = false

        try reader.readObject { reader, key in
            if key == "seq" {
                try reader.member(&seq, "seq") { try $0.readInt() }
            } else if key == "prev" {
                try reader.member(&prev, "prev") { reader in
                    _ = try reader.readText()
                    return true
                }
            } else if key == "at" {
                try reader.member(&at, "at") { try $0.readString() }
            } else if key == "actor" {
                try reader.member(&actor, "actor") { try $0.readActorID() }
            } else if key == "type" {
                try reader.member(&type, "type") { try $0.readText() }
                kind = type.flatMap { EventType($0) }
            } else if key == "data" {
                guard !hasData else { throw LineDecodingError(.duplicateKey("data")) }
                hasData = true
                if let kind {
                    event = try reader.readData(kind)
                } else {
                    deferredData = reader.mark
                    try reader.skipValue()
                }
            } else {
                try reader.skipValue()
            }
        }
        try reader.finish()

        // Reported in the order `JSONDecoder` decodes the envelope.
        let recordedSeq = try required(seq, "seq")
        _ = try required(prev, "prev")
        let recordedAt = try required(at, "at")
        let recordedActor = try required(actor, "actor")
        let typeText = try required(type, "type")
        guard let kind else { throw LineDecodingError(.unknownType(typeText.string)) }
        if let deferredData {
            var dataReader = reader
            dataReader.rewind(to: deferredData)
            event = try dataReader.readData(kind)
        }
        guard hasData else { throw LineDecodingError(.missingKey("data")) }
        guard let event else { return nil }
        return RecordedEvent(seq: recordedSeq, at: recordedAt, actor: recordedActor, event: event)
    }

    /// Skips the `data` of an event left to `JSONDecoder`, checking its syntax.
    static func skipping(_ reader: inout JSONReader) throws -> Event? {
        try reader.skipValue()
        return nil
    }
}

extension JSONReader {
    /// Reads the `data` member of an event of `kind`, naming `data` in the path of an invalid value.
    fileprivate mutating func readData(_ kind: EventType) throws -> Event? {
        do {
            return try LineDecoder.payload(kind, &self)
        } catch let error as LineDecodingError {
            throw error.inside("data")
        }
    }
}
