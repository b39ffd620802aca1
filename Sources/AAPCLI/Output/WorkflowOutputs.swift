import AAPDomain

/// One row of `aap workflow list --json`: a workflow's latest version and the versions known.
struct WorkflowSummaryOutput: Encodable {
    let id: String
    let kind: String
    let label: String
    let version: Int
    let versions: [Int]
    let states: Int
    let actions: Int
}

/// `aap workflow validate --json`: the file is valid; its id, version and size.
struct WorkflowValidOutput: Encodable {
    let ok = true
    let id: String
    let version: Int
    let states: Int
    let actions: Int
}

/// `aap workflow register --json`: the version recorded.
struct WorkflowRegisteredOutput: Encodable {
    let id: String
    let version: Int
    let seq: Int
}
