/// `aap report call --html FILE --json`: the file written and the log head it shows.
struct HTMLReportOutput: Encodable {
    let html: String
    let seq: Int
    let head: String
}
