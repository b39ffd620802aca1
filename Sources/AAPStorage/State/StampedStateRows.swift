import AAPDomain
import Foundation

/// The file engine's state rows, trusted only while the log was not written behind their back.
///
/// After each write of the rows, the segments' stamps (``SegmentStamp``) are kept in
/// `state/log-stamps`. While the log's stamps are still those, the rows' line is the log's as it
/// was. When they differ (a crash between an append and its rows, another writer, or the log
/// altered in place), the whole chain is checked once before the rows' line is trusted: the rows
/// then catch up from it; a broken chain hides the rows, so that the store rebuilds and refuses
/// the damaged log before any write.
final class StampedStateRows: StateRows {
    private let rows: any StateRows
    private let log: FileEventLog
    private let stampsPath: String
    /// The stamps the chain was last found sound at, by this process.
    private var checked: [SegmentStamp]?

    init(rows: any StateRows, log: FileEventLog) {
        self.rows = rows
        self.log = log
        stampsPath = (log.directory as NSString).appendingPathComponent("state/log-stamps")
    }

    func reflectedHead() throws -> LogHead? {
        guard let head = try rows.reflectedHead() else { return nil }
        let now = try log.segmentStamps()
        if now == checked { return head }
        if Self.text(now) == (try? String(contentsOfFile: stampsPath, encoding: .utf8)) {
            checked = now
            return head
        }
        guard log.verify().problem == nil else { return nil }
        checked = now
        return head
    }

    func globalRow() throws -> [UInt8]? { try rows.globalRow() }
    func callRow(_ id: CallID) throws -> [UInt8]? { try rows.callRow(id) }
    func caseRow(_ id: CaseID) throws -> [UInt8]? { try rows.caseRow(id) }
    func caseRows(of call: CallID) throws -> [[UInt8]] { try rows.caseRows(of: call) }
    func caseID(forReference reference: String) throws -> String? { try rows.caseID(forReference: reference) }

    func write(_ update: StateRowUpdate) throws {
        // Stamps first removed, then the rows, then the new stamps: a crash in between leaves no
        // stamps that vouch for rows they do not describe.
        try? FileManager.default.removeItem(atPath: stampsPath)
        try rows.write(update)
        let text = Self.text(try log.segmentStamps())
        try FileManager.default.createDirectory(atPath: (stampsPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: stampsPath), options: .atomic)
    }

    private static func text(_ stamps: [SegmentStamp]) -> String {
        stamps.map { $0.text + "\n" }.joined()
    }
}
