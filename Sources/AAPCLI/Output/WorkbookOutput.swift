/// `--json` of a command that wrote an `.xlsx` workbook: the file, its rows, the log position it was built from.
struct WorkbookOutput: Encodable {
    let xlsx: String
    let rows: Int
    let seq: Int
    let head: String
}
