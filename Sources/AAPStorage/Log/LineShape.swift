/// The structural check of one line: canonical prefix, closing brace, valid UTF-8.
enum LineShape {
    /// Why a line without the canonical prefix cannot be read.
    static let unreadablePrefix = #"ligne mal formée : elle ne commence pas par {"seq":<nombre>,"prev":"<64 chiffres hexadécimaux>","#

    /// The parsed prefix of a well-formed line, or the French reason it is not.
    static func check(_ line: UnsafeBufferPointer<UInt8>) -> Result<LinePrefix, ChainProblemReason> {
        guard let prefix = LinePrefix.parse(line) else {
            return .failure(ChainProblemReason(unreadablePrefix))
        }
        guard line.count > prefix.length, line[line.count - 1] == UInt8(ascii: "}") else {
            return .failure(ChainProblemReason("ligne mal formée : elle ne se termine pas par « } »"))
        }
        if let offset = UTF8Check.firstInvalidOffset(in: line) {
            return .failure(ChainProblemReason("ligne illisible : octet UTF-8 invalide à la position \(offset)"))
        }
        return .success(prefix)
    }
}
