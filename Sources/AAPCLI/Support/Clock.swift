import AAPDomain
import AAPStorage
import Foundation

/// The CLI's clock: now, unless `AAP_NOW` (an ISO 8601 instant) pins it for reproducible runs.
enum Clock {
    static func now() throws -> (at: String, today: CalendarDate) {
        var instant = Date()
        if let pinned = ProcessInfo.processInfo.environment["AAP_NOW"], !pinned.isEmpty {
            // The form aap writes is read without a date formatter.
            if let today = ParisCalendar.calendarDate(ofTimestamp: pinned), pinned.utf8.count == 20 { return (pinned, today) }
            guard let date = ParisCalendar.date(fromTimestamp: pinned) else {
                throw CLIFailure(.usage, "AAP_NOW invalide « \(pinned) » : instant ISO 8601 attendu (ex. 2026-04-12T09:30:00Z)")
            }
            instant = date
        }
        let at = ParisCalendar.timestamp(instant)
        guard let today = ParisCalendar.calendarDate(ofTimestamp: at) else {
            throw CLIFailure(.io, "Horloge illisible")
        }
        return (at, today)
    }
}
