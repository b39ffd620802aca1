import AAPDomain
import Foundation

/// Converts recording instants (UTC, ISO 8601) into the calendar date in France, where the staff work.
public enum ParisCalendar {
    /// The instant written in the `at` of a log line, e.g. `2026-11-21T19:24:09Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Parses an `at` timestamp.
    public static func date(fromTimestamp text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The calendar date in Europe/Paris at an instant.
    public static func calendarDate(at date: Date) -> CalendarDate? {
        var calendar = Calendar(identifier: .gregorian)
        if let paris = TimeZone(identifier: "Europe/Paris") { calendar.timeZone = paris }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The calendar date in Europe/Paris of an `at` timestamp, or nil if it is not one.
    public static func calendarDate(ofTimestamp text: String) -> CalendarDate? {
        date(fromTimestamp: text).flatMap(calendarDate(at:))
    }
}
