import Foundation

/// A workflow decoded from a file of `Workflows/`: its states, actions, roles, fields and rules.
///
/// The file format is versioned by `format`; a file newer than ``formatVersion`` is refused.
/// Format 2 writes the semantic markers (effects, decision outcomes, state flags, field meanings)
/// that the domain reads; a format-1 file gets them from ``FormatOneMarkers``. Format 3 adds the
/// French labels of enum values (`value_labels`).
/// A definition is only used once ``WorkflowValidator`` has accepted it.
public struct WorkflowDefinition: Sendable, Equatable, Codable {
    /// The newest file format this program reads.
    public static let formatVersion = 3

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
        let states = try c.decode([StateDefinition].self, forKey: .states)
        let actions = try c.decode([ActionDefinition].self, forKey: .actions)
        if format < 3 { try Self.refuseFormatThreeKeys(actions: actions, format: format) }
        if format == 1 {
            try Self.refuseFormatTwoMarkers(states: states, actions: actions)
            self.states = FormatOneMarkers.states(states, kind: kind)
            self.actions = FormatOneMarkers.actions(actions, kind: kind)
        } else {
            self.states = states
            self.actions = actions
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(id, forKey: .id)
        try c.encode(version, forKey: .version)
        try c.encode(kind, forKey: .kind)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(description, forKey: .description)
        // A format-1 definition is written as its file was, without the markers inferred when reading it.
        try c.encode(format == 1 ? FormatOneMarkers.unmarked(states) : states, forKey: .states)
        try c.encode(format == 1 ? FormatOneMarkers.unmarked(actions) : actions, forKey: .actions)
    }

    /// A format-1 file may not write the markers of format 2: they would contradict the inferred ones.
    private static func refuseFormatTwoMarkers(states: [StateDefinition], actions: [ActionDefinition]) throws {
        func refuse(_ key: String, in context: String) -> WorkflowError {
            WorkflowError("« \(key) » dans \(context) n'existe qu'à partir du format 2 (« format »: 2)")
        }
        for state in states { if let key = state.formatTwoKey { throw refuse(key, in: "l'état « \(state.id) »") } }
        for action in actions {
            if let key = action.formatTwoKey { throw refuse(key, in: "l'action « \(action.id) »") }
            for field in action.fields {
                if let key = field.formatTwoKey { throw refuse(key, in: "le champ « \(field.id) » de l'action « \(action.id) »") }
            }
        }
    }

    /// A file older than format 3 may not write its keys: a program that reads only format 2 would refuse them.
    private static func refuseFormatThreeKeys(actions: [ActionDefinition], format: Int) throws {
        for action in actions {
            for field in action.fields {
                guard let key = field.formatThreeKey else { continue }
                throw WorkflowError("« \(key) » dans le champ « \(field.id) » de l'action « \(action.id) » n'existe qu'à partir du format 3 (« format »: 3 ; ce fichier est au format \(format))")
            }
        }
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
