import Foundation
import Testing
@testable import AAPStorage

/// One writer at a time, across instances and threads (flock is per open file description,
/// so threads with their own instances contend exactly like processes).
@Suite("The write lock")
struct LogLockTests {
    @Test func fourWritersAppendingConcurrentlyProduceOneGaplessChain() throws {
        try LogTestDirectory.with { directory in
            _ = try FileEventLog.create(directory: directory.store)
            let errors = LogTestErrors()
            let group = DispatchGroup()
            let store = directory.store
            for writer in 0..<4 {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    let log = FileEventLog(directory: store, segmentMaxBytes: 4_000, lockTimeoutSeconds: 30)
                    for index in 0..<50 {
                        do {
                            try log.withWriteLock { session in
                                let record = LogTestDirectory.record(writer * 1000 + index, actor: "writer-\(writer)")
                                let written = try session.append([record], signer: nil)
                                if written.first?.seq != session.head.seq {
                                    throw StorageError.io("seq inattendu")
                                }
                            }
                        } catch {
                            errors.add(error)
                        }
                    }
                }
                thread.start()
            }
            #expect(group.wait(timeout: .now() + 120) == .success)
            #expect(errors.all.isEmpty, "\(errors.all.prefix(3))")

            let log = FileEventLog(directory: directory.store)
            let lines = try log.readLines()
            #expect(lines.map(\.seq) == Array(1...200))
            let report = log.verify()
            #expect(report.problem == nil)
            #expect(report.lineCount == 200)
            #expect(try log.readHead() == report.head)
            #expect(try directory.segmentNames().count > 1)
            for writer in 0..<4 {
                #expect(lines.filter { $0.bytes.utf8Text.contains(#""actor":"writer-\#(writer)""#) }.count == 50)
            }
        }
    }

    @Test func aSecondWriterTimesOutWhileTheLockIsHeld() throws {
        try LogTestDirectory.with { directory in
            let holder = try FileEventLog.create(directory: directory.store)
            let held = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            let errors = LogTestErrors()
            Thread {
                do {
                    try holder.withWriteLock { _ in
                        held.signal()
                        release.wait()
                    }
                } catch {
                    errors.add(error)
                }
                finished.signal()
            }.start()
            held.wait()

            let other = FileEventLog(directory: directory.store, lockTimeoutSeconds: 0.2)
            let clock = ContinuousClock()
            let start = clock.now
            #expect(throws: StorageError.lockTimeout(path: directory.store)) {
                try other.withWriteLock { try $0.append([LogTestDirectory.record(1)], signer: nil) }
            }
            #expect(clock.now - start >= .milliseconds(150))
            release.signal()
            finished.wait()
            #expect(errors.all.isEmpty)
            #expect(try other.readLines().isEmpty)
            // Released: the same instance now gets the lock.
            #expect(try other.withWriteLock { try $0.append([LogTestDirectory.record(1)], signer: nil) }.count == 1)
        }
    }

    @Test func aWaitingWriterGetsTheLockOnceItIsReleased() throws {
        try LogTestDirectory.with { directory in
            let holder = try FileEventLog.create(directory: directory.store)
            let held = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            Thread {
                _ = try? holder.withWriteLock { session in
                    held.signal()
                    usleep(100_000)
                    return try session.append([LogTestDirectory.record(1)], signer: nil)
                }
                finished.signal()
            }.start()
            held.wait()
            let waiter = FileEventLog(directory: directory.store, lockTimeoutSeconds: 5)
            let lines = try waiter.withWriteLock { try $0.append([LogTestDirectory.record(2)], signer: nil) }
            #expect(lines.map(\.seq) == [2])
            finished.wait()
            #expect(waiter.verify().problem == nil)
        }
    }

    @Test func theLockIsReleasedWhenTheBodyThrows() throws {
        struct Refusal: Error {}
        try LogTestDirectory.with { directory in
            let log = try FileEventLog.create(directory: directory.store, lockTimeoutSeconds: 0.2)
            #expect(throws: Refusal.self) {
                try log.withWriteLock { _ in throw Refusal() }
            }
            let other = FileEventLog(directory: directory.store, lockTimeoutSeconds: 0.2)
            #expect(try other.withWriteLock { try $0.append([LogTestDirectory.record(1)], signer: nil) }.count == 1)
        }
    }
}
