/// `aap case submit --json`: the new case's id.
struct CaseSubmittedOutput: Encodable {
    let id: String
}
