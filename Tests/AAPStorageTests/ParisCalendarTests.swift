import AAPDomain
import Foundation
import Testing
@testable import AAPStorage

/// The hand-written reading of `at` timestamps gives the same Paris dates as Foundation's calendar.
@Suite struct ParisCalendarTests {
    static func foundation(_ text: String) -> CalendarDate? {
        ParisCalendar.date(fromTimestamp: text).flatMap(ParisCalendar.calendarDate(at:))
    }

    @Test(arguments: [
        ("2026-03-29T00:59:59Z", "2026-03-29"), ("2026-03-29T22:00:00Z", "2026-03-30"), ("2026-03-28T22:59:59Z", "2026-03-28"),
        ("2026-03-28T23:00:00Z", "2026-03-29"), ("2026-10-25T00:59:59Z", "2026-10-25"), ("2026-10-25T22:59:59Z", "2026-10-25"),
        ("2026-10-25T23:00:00Z", "2026-10-26"), ("2026-06-15T21:59:59Z", "2026-06-15"), ("2026-06-15T22:00:00Z", "2026-06-16"),
        ("2026-12-31T23:00:00Z", "2027-01-01"), ("2024-02-29T23:30:00Z", "2024-03-01"),
    ])
    func knownDates(timestamp: String, paris: String) throws {
        #expect(ParisCalendar.fastCalendarDate(ofTimestamp: timestamp)?.iso == paris)
        #expect(Self.foundation(timestamp)?.iso == paris)
    }

    @Test func agreesWithFoundationAroundEveryChangeOfTime() {
        // Every hour of the weeks around both switches, and a sample of ordinary hours, 1996–2040.
        var checked = 0
        for year in 1996...2040 {
            for (month, days) in [(3, 24...31), (10, 24...31), (1, 1...2), (7, 14...15), (12, 30...31)] {
                for day in days {
                    for hour in 0..<24 {
                        for minute in [59] {
                            let text = String(format: "%04d-%02d-%02dT%02d:%02d:30Z", year, month, day, hour, minute)
                            #expect(ParisCalendar.fastCalendarDate(ofTimestamp: text) == Self.foundation(text), "\(text)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 20_000)
    }

    @Test func otherFormsFallBackToFoundation() {
        #expect(ParisCalendar.fastCalendarDate(ofTimestamp: "2026-06-15T10:00:00.123Z") == nil)
        #expect(ParisCalendar.calendarDate(ofTimestamp: "2026-06-15T10:00:00.123Z")?.iso == "2026-06-15")
        #expect(ParisCalendar.fastCalendarDate(ofTimestamp: "2026-13-15T10:00:00Z") == nil)
        #expect(ParisCalendar.calendarDate(ofTimestamp: "pas une date") == nil)
    }

    @Test func timestampsAreWrittenLikeFoundationWouldWriteThem() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        var instants: [Int] = [0, 59, 86_399, 951_782_400, 1_774_742_399, 1_774_742_400, 1_798_761_599, 4_102_444_800]
        for _ in 0..<2_000 { instants.append(Int.random(in: 0..<4_102_444_800, using: &generator)) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: Double(seconds))
            #expect(ParisCalendar.fastTimestamp(date) == formatter.string(from: date), "\(seconds)")
            // A fraction of a second is cut, never rounded up into the next second.
            #expect(ParisCalendar.fastTimestamp(Date(timeIntervalSince1970: Double(seconds) + 0.75)) == formatter.string(from: date), "\(seconds)")
        }
    }
}
