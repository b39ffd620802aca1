/// Test helpers to read bytes as text.
extension Array where Element == UInt8 {
    /// The bytes as a UTF-8 string (for readable expectations).
    var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
