/// `aap import applications --json`: the cases created.
struct ImportOutput: Encodable {
    let ids: [String]
    let events: Int
    let seq: Int
    let head: String
}

/// `aap import applications --dry-run --json`: the problems found, or the ids the import would create.
struct ImportDryRunOutput: Encodable {
    let dryRun = true
    let ok: Bool
    let problems: [ApplicationImport.Problem]
    let ids: [String]
}

extension ApplicationImport.Problem: Encodable {
    private enum CodingKeys: String, CodingKey { case line, column, reason }

    /// `column` is written `null` when the problem is the whole line.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(reason, forKey: .reason)
    }
}

/// One DS dossier of `aap import demarches-simplifiees --json`: the case it became (or would become)
/// and its state on Démarches Simplifiées.
struct DemarchesImportedOutput: Encodable {
    let dossier: Int
    let `case`: String
    let externalReference: String
    let dsState: String
    /// True for a dossier DS had closed (`--import-closed`): its decision must still be taken in aap.
    let closedOnDs: Bool
}

/// A closed DS dossier left out of `aap import demarches-simplifiees` (without `--import-closed`).
struct DemarchesSkippedOutput: Encodable {
    let dossier: Int
    let dsState: String
    let dsStateLabel: String
}

/// `aap import demarches-simplifiees --json`: the cases created and the dossiers left out.
struct DemarchesImportOutput: Encodable {
    let demarche: Int?
    let imported: [DemarchesImportedOutput]
    let skipped: [DemarchesSkippedOutput]
    let events: Int
    let seq: Int
    let head: String
}

/// `aap import demarches-simplifiees --dry-run --json`: the problems found, or what the import would create.
struct DemarchesDryRunOutput: Encodable {
    let dryRun = true
    let ok: Bool
    let demarche: Int?
    let problems: [DemarchesImport.Problem]
    let imported: [DemarchesImportedOutput]
    let skipped: [DemarchesSkippedOutput]
}

extension DemarchesImport.Problem: Encodable {
    private enum CodingKeys: String, CodingKey { case dossier, field, reason }

    /// `field` is written `null` when the problem is the whole dossier.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dossier, forKey: .dossier)
        try container.encode(field, forKey: .field)
        try container.encode(reason, forKey: .reason)
    }
}
