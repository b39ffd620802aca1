import AAPDomain
import Foundation

/// Reads workflow files from a folder, or the copies built into the binary.
enum WorkflowFiles {
    /// Loads and validates one file; the error names the file and its first problem (exit 65).
    static func load(path: String) throws -> WorkflowDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(.data, "Fichier de workflow introuvable ou illisible « \(path) »")
        }
        do {
            return try WorkflowDefinition.load(data)
        } catch let error as WorkflowError {
            throw CLIFailure(.data, "Workflow invalide « \(path) » : \(error.message)")
        }
    }

    /// Every `*.json` of the folder (sorted by name); with no folder given, ./Workflows when present,
    /// else the copies built into the binary.
    static func loadAll(folder: String?) throws -> (source: String, definitions: [WorkflowDefinition]) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let chosen = folder ?? (fm.fileExists(atPath: "Workflows", isDirectory: &isDirectory) && isDirectory.boolValue ? "Workflows" : nil)
        guard let chosen else {
            let definitions = try EmbeddedWorkflows.files.map { file in
                do { return try WorkflowDefinition.load(Data(file.content.utf8)) } catch let error as WorkflowError {
                    throw CLIFailure(.data, "Workflow intégré invalide « \(file.name) » : \(error.message)")
                }
            }
            return ("copie intégrée au programme", definitions)
        }
        guard let names = try? fm.contentsOfDirectory(atPath: chosen) else {
            throw CLIFailure(.io, "Dossier de workflows illisible « \(chosen) »")
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw CLIFailure(.data, "Aucun fichier .json dans « \(chosen) »") }
        return (chosen, try files.map { try load(path: (chosen as NSString).appendingPathComponent($0)) })
    }
}
