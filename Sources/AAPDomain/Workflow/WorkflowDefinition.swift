import Foundation

/// A workflow decoded from a file of `Workflows/`: its states, actions, roles, fields and rules.
///
/// The file format is versioned by `format`; a file newer than ``formatVersion`` is refused.
/// A definition is only used once ``WorkflowValidator`` has accepted it.
public struct WorkflowDefinition: Sendable, Equatable, Codable {
    /// The newest file format this program reads.
    public static let formatVersion = 1

    public let format: Int
    public let id: String
    public let version: Int
    public let kind: WorkflowKind
    public let label: String
    public let description: String?
    public let states: [StateDefinition]
    public let actions: [ActionDefinition]

    public init(
        format: Int = WorkflowDefinition.formatVersion, id: String, version: Int, kind: WorkflowKind, label: String,
        description: String? = nil, states: [StateDefinition], actions: [ActionDefinition]
    ) {
        self.format = format
        self.id = id
        self.version = version
        self.kind = kind
        self.label = label
        self.description = description
        self.states = states
        self.actions = actions
    }

    public var ref: WorkflowRef { WorkflowRef(id: id, version: version) }

    public func state(_ id: String) -> StateDefinition? { states.first { $0.id == id } }
    public func action(_ id: String) -> ActionDefinition? { actions.first { $0.id == id } }

    /// The French label of a state, or its id when unknown.
    public func label(ofState id: String) -> String { state(id)?.label ?? id }

    /// The action that creates a case or a call (the one with no `from`).
    public var creationAction: ActionDefinition? { actions.first { $0.isCreation } }

    /// The actions that may start from `state`, in file order.
    public func actions(from state: String) -> [ActionDefinition] {
        actions.filter { $0.from.contains(state) }
    }

    /// Whether `state` is terminal.
    public func isTerminal(_ state: String) -> Bool { self.state(state)?.terminal ?? false }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, id, version, kind, label, description, states, actions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(Int.self, forKey: .format)
        if format > Self.formatVersion {
            throw WorkflowError.newerFormat(format)
        }
        try StrictKeys.check(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "le fichier")
        id = try c.decode(String.self, forKey: .id)
        version = try c.decode(Int.self, forKey: .version)
        let kindName = try c.decode(String.self, forKey: .kind)
        guard let kind = WorkflowKind(rawValue: kindName) else {
            throw WorkflowError("genre de workflow inconnu « \(kindName) » (call ou case)")
        }
        self.kind = kind
        label = try c.decode(String.self, forKey: .label)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        states = try c.decode([StateDefinition].self, forKey: .states)
        actions = try c.decode([ActionDefinition].self, forKey: .actions)
    }

    /// Decodes and validates a workflow file's bytes; the error names the first problem.
    public static func load(_ data: Data) throws -> WorkflowDefinition {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw WorkflowError("JSON illisible")
        }
        guard let dictionary = object as? [String: Any] else {
            throw WorkflowError("le fichier doit contenir un objet JSON")
        }
        guard let format = dictionary["format"] as? Int else {
            throw WorkflowError("clé « format » manquante ou non entière (version du format de fichier)")
        }
        if format > formatVersion { throw WorkflowError.newerFormat(format) }
        let definition: WorkflowDefinition
        do {
            definition = try JSONDecoder().decode(WorkflowDefinition.self, from: data)
        } catch let error as WorkflowError {
            throw error
        } catch let error as DecodingError {
            throw WorkflowError(Self.describe(error))
        } catch {
            throw WorkflowError("fichier illisible")
        }
        try WorkflowValidator.validate(definition)
        return definition
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let parts = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            let joined = parts.joined()
            return joined.hasPrefix(".") ? String(joined.dropFirst()) : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "clé obligatoire « \(key.stringValue) » manquante" + (parent.isEmpty ? "" : " dans « \(parent) »")
        case .typeMismatch(_, let context):
            return "type incorrect pour « \(path(context.codingPath)) »"
        case .valueNotFound(_, let context):
            return "valeur manquante pour « \(path(context.codingPath)) »"
        case .dataCorrupted(let context):
            return "donnée illisible en « \(path(context.codingPath)) »"
        @unknown default:
            return "fichier illisible"
        }
    }
}

extension WorkflowError {
    static func newerFormat(_ format: Int) -> WorkflowError {
        WorkflowError("format de fichier \(format) plus récent que celui que ce programme connaît (\(WorkflowDefinition.formatVersion)) : mettez aap à jour")
    }
}
