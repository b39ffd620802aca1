/// Reads the seq of a line for test expectations, independently of the library's parser.
enum LinePrefixProbe {
    /// The digits after `{"seq":`.
    static func seq(of line: [UInt8]) -> Int? {
        let text = line.utf8Text
        guard text.hasPrefix(#"{"seq":"#) else { return nil }
        return Int(text.dropFirst(7).prefix { $0.isNumber })
    }
}
