import AAPStorage
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress indicator on one stderr line, redrawn in place with `\r` at most every quarter of a
/// second and cleared at the end, e.g. `Vérification : 412 000 / 1 000 000 événements (41 %)`.
///
/// Shown only when stderr is a terminal: pipes, files and tests see nothing. Nothing is drawn
/// before the first quarter of a second, so short runs leave no trace.
final class ProgressLine {
    private let label: String
    private let clock = ContinuousClock()
    private let interval = Duration.milliseconds(250)
    private var nextDraw: ContinuousClock.Instant
    private var drawnWidth = 0

    private init(label: String) {
        self.label = label
        nextDraw = clock.now + interval
    }

    /// Runs `body` with a progress callback when stderr is a terminal (nil otherwise), and clears
    /// the line when it returns or throws.
    static func showing<T>(_ label: String, _ body: (((AuditProgress) -> Void)?) throws -> T) rethrows -> T {
        guard isatty(STDERR_FILENO) == 1 else { return try body(nil) }
        let line = ProgressLine(label: label)
        defer { line.clear() }
        return try body(line.update)
    }

    /// Progress lines for what a store does inside a command (rebuilding its state, deciding a big
    /// batch), when stderr is a terminal; nil otherwise.
    static func forStore() -> ((StoreActivity, AuditProgress) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        var lines: [String: ProgressLine] = [:]
        return { activity, progress in
            let label: String
            switch activity {
            case .rebuildingState: label = "Reconstruction de l'état depuis le journal"
            case .deciding: label = "Décision du lot"
            }
            let line = lines[label] ?? ProgressLine(label: label)
            lines[label] = line
            if progress.events >= progress.expectedEvents { line.clear() } else { line.update(progress) }
        }
    }

    /// Redraws the line if a quarter of a second has passed since the last time.
    func update(_ progress: AuditProgress) {
        let now = clock.now
        guard now >= nextDraw else { return }
        nextDraw = now + interval
        let text = Self.text(label, progress)
        let width = text.count
        Console.errInPlace("\r" + text + String(repeating: " ", count: max(0, drawnWidth - width)))
        drawnWidth = width
    }

    /// Erases the line, if anything was drawn.
    func clear() {
        guard drawnWidth > 0 else { return }
        Console.errInPlace("\r" + String(repeating: " ", count: drawnWidth) + "\r")
        drawnWidth = 0
    }

    /// `Label : n / N événements (p %)`; without N when `head.json` names no seq or the log is already
    /// longer, the percentage then from the bytes read.
    static func text(_ label: String, _ progress: AuditProgress) -> String {
        let percent: Int
        var counted = French.grouped(progress.events)
        if progress.expectedEvents >= progress.events {
            counted += " / " + French.grouped(progress.expectedEvents)
            percent = progress.events * 100 / max(progress.expectedEvents, 1)
        } else {
            percent = progress.bytes * 100 / max(progress.totalBytes, 1)
        }
        return "\(label) : \(counted) événements (\(min(percent, 100)) %)"
    }
}
