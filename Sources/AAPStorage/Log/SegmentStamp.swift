/// What the file system says of one log segment: a log whose stamps have not changed since they
/// were taken was not written to in between (any write changes a segment's size or change time,
/// which no one can set back).
struct SegmentStamp: Equatable {
    let segment: Int
    let size: Int
    let inode: UInt64
    /// Modification time, in nanoseconds.
    let modified: Int64
    /// Change time (set by the kernel on any write or metadata change), in nanoseconds.
    let changed: Int64

    /// One line of text: `segment size inode modified changed`.
    var text: String { "\(segment) \(size) \(inode) \(modified) \(changed)" }
}
