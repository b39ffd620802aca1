import Foundation

/// A coding key that accepts any name, to list the keys a JSON object really has.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; self.intValue = nil }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

/// Refuses keys a workflow file does not define, so that a typo never passes silently.
enum StrictKeys {
    static func check(_ decoder: any Decoder, allowed: Set<String>, in context: String) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            throw WorkflowError("clé inconnue « \(first) » dans \(context)")
        }
    }
}
