import AAPDomain
import Foundation

/// Converts recording instants (UTC, ISO 8601) into the calendar date in France, where the staff work.
public enum ParisCalendar {
    /// The instant written in the `at` of a log line, e.g. `2026-11-21T19:24:09Z`.
    public static func timestamp(_ date: Date) -> String {
        if let fast = fastTimestamp(date) { return fast }
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
    ///
    /// The form `aap` writes (`YYYY-MM-DDTHH:MM:SSZ`) is read by hand with the EU summer-time rule
    /// (UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, else
    /// UTC+1): the audit does this for every line, and a date formatter per line costs more than
    /// the rest of the check. Any other ISO 8601 form goes through Foundation.
    public static func calendarDate(ofTimestamp text: String) -> CalendarDate? {
        if let fast = fastCalendarDate(ofTimestamp: text) { return fast }
        return date(fromTimestamp: text).flatMap(calendarDate(at:))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` computed from the seconds since 1970, without a date formatter (whose
    /// creation costs more than the rest of a command's start); nil outside years 1970–9999.
    static func fastTimestamp(_ date: Date) -> String? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds < 253_402_300_800, let epoch = CalendarDate(year: 1970, month: 1, day: 1) else { return nil }
        let whole = Int(seconds)
        let day = epoch.adding(days: whole / 86_400)
        let time = whole % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(time / 3600)):\(two(time % 3600 / 60)):\(two(time % 60))Z"
    }

    static func fastCalendarDate(ofTimestamp text: String) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), hour < 24, minute < 60, second < 61,
              let utcDay = CalendarDate(year: year, month: month, day: day),
              year >= 1996 else { return nil }
        func lastSunday(of month: Int) -> Int? {
            guard let last = CalendarDate(year: year, month: month, day: 31) else { return nil }
            let weekday = ((last.dayNumber + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday; 0 = Sunday
            return 31 - weekday
        }
        guard let marchSwitch = lastSunday(of: 3), let octoberSwitch = lastSunday(of: 10) else { return nil }
        let summer: Bool
        switch month {
        case 4...9: summer = true
        case 3: summer = day > marchSwitch || (day == marchSwitch && hour >= 1)
        case 10: summer = day < octoberSwitch || (day == octoberSwitch && hour < 1)
        default: summer = false
        }
        return hour + (summer ? 2 : 1) >= 24 ? utcDay.adding(days: 1) : utcDay
    }
}
