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
}
