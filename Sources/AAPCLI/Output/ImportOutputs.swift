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
