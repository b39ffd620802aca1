/// One row of `aap due --json`: a deadline of a case.
struct DeadlineOutput: Encodable {
    let `case`: String
    let kind: String
    let dueOn: String
    let overdue: Bool
    let call: String
    let detail: String
}
