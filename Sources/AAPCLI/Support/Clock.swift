import AAPDomain
import AAPStorage
import Foundation

/// The CLI's clock: now, unless `AAP_NOW` (an ISO 8601 instant) pins it for reproducible runs.
enum Clock {
    static func now() throws -> (at: String, today: CalendarDate) {
        try pinned() ?? reading(Date())
    }

    /// The instant `AAP_NOW` pins, nil when it is not set; a usage error when it cannot be read
    /// (``GlobalOptions/validate()`` checks it while parsing).
    static func pinned() throws -> (at: String, today: CalendarDate)? {
        guard let pinned = ProcessInfo.processInfo.environment["AAP_NOW"], !pinned.isEmpty else { return nil }
        // The form aap writes is read without a date formatter.
        if let today = ParisCalendar.calendarDate(ofTimestamp: pinned), pinned.utf8.count == 20 { return (pinned, today) }
        guard let date = ParisCalendar.date(fromTimestamp: pinned) else {
            throw CLIFailure(.usage, "AAP_NOW invalide « \(pinned) » : instant ISO 8601 attendu (ex. 2026-04-12T09:30:00Z)")
        }
        return try reading(date)
    }

    private static func reading(_ instant: Date) throws -> (at: String, today: CalendarDate) {
        let at = ParisCalendar.timestamp(instant)
        guard let today = ParisCalendar.calendarDate(ofTimestamp: at) else {
            throw CLIFailure(.io, "Horloge illisible")
        }
        return (at, today)
    }
}
