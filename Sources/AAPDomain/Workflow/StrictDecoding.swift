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

extension KeyedDecodingContainer {
    /// An optional enum member of a workflow file (`effect`, `outcome`, `means`…); an unknown name
    /// is refused with `unknown` (e.g. « effet inconnu »), where it stands, and the names possible.
    func decodeMarker<Marker: RawRepresentable & CaseIterable>(
        _ type: Marker.Type, forKey key: Key, unknown: String, possible: String, in context: String
    ) throws -> Marker? where Marker.RawValue == String {
        guard let name = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let marker = Marker(rawValue: name) else {
            throw WorkflowError("\(unknown) « \(name) » \(context) (\(possible) : \(Marker.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return marker
    }
}
