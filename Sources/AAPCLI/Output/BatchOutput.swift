/// `aap batch --json`: what each line of the batch wrote.
struct BatchOutput: Encodable {
    /// One line of the batch: its number, the events it wrote, their summary.
    struct Line: Encodable {
        let line: Int
        let seq: [Int]
        let result: String
    }

    let events: Int
    let head: String
    let results: [Line]
}
