import Foundation

/// Writes a workbook to the path the user gave, whole or not at all.
enum WorkbookFile {
    /// Builds the bytes in memory, then writes them to a temporary file beside `path` and renames it
    /// (`.atomic`): a reader never sees a half-written workbook, and a failure leaves no file behind.
    static func write(_ workbook: Workbook, to path: String) throws {
        let data: Data
        do {
            data = try workbook.data()
        } catch {
            throw CLIFailure(.io, "Classeur .xlsx impossible à construire : \(error)")
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIFailure(.io, "Impossible d'écrire le classeur « \(path) »")
        }
    }
}
