/// Why the bytes of a log line do not decode into an event, said the way the log's messages say it.
///
/// The wording mirrors what the `JSONDecoder` path reported, so that a person sees the same kind of
/// message whichever decoder read the line: `JSON invalide`, `clé « call » manquante`,
/// `valeur invalide en « data.case »`.
struct LineDecodingError: Error, Equatable {
    /// What went wrong.
    enum Reason: Equatable {
        /// Not JSON: a syntax error, a truncated line, trailing bytes, nesting deeper than allowed.
        case malformed
        /// Valid JSON, but a value of the wrong type, out of range, or refused by its value type.
        case invalidValue
        /// A member the event needs is absent.
        case missingKey(String)
        /// A member the decoder reads appears twice in the same object (`JSONDecoder` would keep the first).
        case duplicateKey(String)
        /// The `type` is not one this program reads.
        case unknownType(String)
    }

    /// What went wrong.
    let reason: Reason
    /// The keys (and `Index N` for array elements) leading to the bad value, outermost first.
    private(set) var path: [String]

    init(_ reason: Reason, path: [String] = []) {
        self.reason = reason
        self.path = path
    }

    static let malformed = LineDecodingError(.malformed)
    static let invalidValue = LineDecodingError(.invalidValue)

    /// The same error, one level further out: `key` is prepended to the path of an invalid value.
    func inside(_ key: String) -> LineDecodingError {
        guard reason == .invalidValue else { return self }
        var outer = self
        outer.path.insert(key, at: 0)
        return outer
    }

    /// The French text after `ligne N : `.
    var message: String {
        switch reason {
        case .malformed: return "événement illisible (JSON invalide)"
        case .invalidValue:
            return path.isEmpty
                ? "événement illisible (JSON invalide)"
                : "événement illisible (valeur invalide en « \(path.joined(separator: ".")) »)"
        case .missingKey(let key): return "événement illisible (clé « \(key) » manquante)"
        case .duplicateKey(let key): return "événement illisible (clé « \(key) » en double)"
        // Same words as `Event.decode(type:from:forKey:)` for a type it does not know.
        case .unknownType(let type): return "Type d'événement inconnu « \(type) »"
        }
    }
}
