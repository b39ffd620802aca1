extension Array {
    /// The array cut in consecutive slices of at most `size` elements (none when empty): the rows
    /// of one statement.
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
