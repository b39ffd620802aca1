import Foundation
import Testing
@testable import AAPDomain

@Suite("CalendarDate")
struct CalendarDateTests {
    private func date(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: year, month: month, day: day))
    }

    @Test("real dates are created", arguments: [
        (2026, 4, 12), (2024, 2, 29), (2000, 2, 29), (1900, 1, 1), (2199, 12, 31),
        (2026, 1, 31), (2026, 4, 30), (2026, 2, 28), (2026, 12, 31),
    ])
    func realDates(year: Int, month: Int, day: Int) throws {
        let date = try #require(CalendarDate(year: year, month: month, day: day))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
    }

    @Test("impossible dates give nil", arguments: [
        (2026, 2, 29), (1900, 2, 29), (2100, 2, 29), (2026, 2, 30), (2026, 4, 31), (2026, 6, 31),
        (2026, 9, 31), (2026, 11, 31), (2026, 1, 32), (2026, 13, 1), (2026, 0, 1), (2026, 1, 0),
        (2026, -1, 1), (1899, 12, 31), (2200, 1, 1), (0, 1, 1),
    ])
    func impossibleDates(year: Int, month: Int, day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test("accepted text", arguments: [
        ("2026-04-12", 2026, 4, 12),
        ("2024-02-29", 2024, 2, 29),
        ("2000-02-29", 2000, 2, 29),
        ("  2026-04-12\n", 2026, 4, 12),
        ("1900-01-01", 1900, 1, 1),
        ("2199-12-31", 2199, 12, 31),
    ])
    func parses(text: String, year: Int, month: Int, day: Int) throws {
        #expect(try CalendarDate.parse(text) == date(year, month, day))
    }

    @Test("refused text", arguments: [
        ("", "Date invalide : aucune date saisie (format attendu AAAA-MM-JJ, ex. 2026-04-12)"),
        ("2026-02-30", "Date invalide « 2026-02-30 » : ce jour n'existe pas (format attendu AAAA-MM-JJ)"),
        ("2026-02-29", "Date invalide « 2026-02-29 » : ce jour n'existe pas (format attendu AAAA-MM-JJ)"),
        ("2100-02-29", "Date invalide « 2100-02-29 » : ce jour n'existe pas (format attendu AAAA-MM-JJ)"),
        ("2026-04-31", "Date invalide « 2026-04-31 » : ce jour n'existe pas (format attendu AAAA-MM-JJ)"),
        ("2026-04-00", "Date invalide « 2026-04-00 » : ce jour n'existe pas (format attendu AAAA-MM-JJ)"),
        ("2026-13-01", "Date invalide « 2026-13-01 » : le mois 13 n'existe pas (format attendu AAAA-MM-JJ)"),
        ("2026-00-10", "Date invalide « 2026-00-10 » : le mois 00 n'existe pas (format attendu AAAA-MM-JJ)"),
        ("1899-12-31", "Date invalide « 1899-12-31 » : l'année doit être comprise entre 1900 et 2199 (format attendu AAAA-MM-JJ)"),
        ("2200-01-01", "Date invalide « 2200-01-01 » : l'année doit être comprise entre 1900 et 2199 (format attendu AAAA-MM-JJ)"),
        ("2026-2-3", "Date invalide « 2026-2-3 » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("12/04/2026", "Date invalide « 12/04/2026 » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("2026/04/12", "Date invalide « 2026/04/12 » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("20260412", "Date invalide « 20260412 » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("2026-04-12T10:00:00Z", "Date invalide « 2026-04-12T10:00:00Z » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("2026-04-1a", "Date invalide « 2026-04-1a » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("+026-04-12", "Date invalide « +026-04-12 » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("2026-04-١٢", "Date invalide « 2026-04-١٢ » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
        ("2026 04 12", "Date invalide « 2026 04 12 » : format attendu AAAA-MM-JJ (ex. 2026-04-12)"),
    ])
    func refuses(text: String, message: String) {
        #expect(throws: ValueError(code: "value.date", message)) {
            try CalendarDate.parse(text)
        }
    }

    @Test("ISO and French forms", arguments: [
        (2026, 4, 12, "2026-04-12", "12/04/2026"),
        (1900, 1, 1, "1900-01-01", "01/01/1900"),
        (2199, 12, 31, "2199-12-31", "31/12/2199"),
        (2024, 2, 9, "2024-02-09", "09/02/2024"),
    ])
    func forms(year: Int, month: Int, day: Int, iso: String, french: String) throws {
        let value = try date(year, month, day)
        #expect(value.iso == iso)
        #expect(value.french == french)
        #expect(try CalendarDate.parse(value.iso) == value)
    }

    @Test("day numbers count from 1970-01-01", arguments: [
        (1900, 1, 1, -25_567),
        (1969, 12, 31, -1),
        (1970, 1, 1, 0),
        (2000, 2, 29, 11_016),
        (2000, 3, 1, 11_017),
        (2024, 2, 29, 19_782),
        (2026, 4, 12, 20_555),
        (2199, 12, 31, 84_005),
    ])
    func dayNumber(year: Int, month: Int, day: Int, expected: Int) throws {
        #expect(try date(year, month, day).dayNumber == expected)
    }

    @Test("every day from 1900 to 2199 follows the one before")
    func consecutiveDays() throws {
        var current = try date(1900, 1, 1)
        var number = current.dayNumber
        var count = 1
        while current != (try date(2199, 12, 31)) {
            let next = current.adding(days: 1)
            #expect(next.dayNumber == number + 1)
            #expect(current < next)
            #expect(CalendarDate(year: next.year, month: next.month, day: next.day) == next)
            if next.day != 1 {
                #expect(next.year == current.year && next.month == current.month && next.day == current.day + 1)
            }
            current = next
            number += 1
            count += 1
        }
        // 300 years: 300 × 365 + 73 leap days (1904…2196 every 4 years, 2000 included, but not 1900 or 2100).
        #expect(count == 300 * 365 + 73)
    }

    @Test("adding days", arguments: [
        ((2026, 4, 12), 0, (2026, 4, 12)),
        ((2026, 4, 12), 1, (2026, 4, 13)),
        ((2026, 4, 30), 1, (2026, 5, 1)),
        ((2026, 12, 31), 1, (2027, 1, 1)),
        ((2026, 1, 1), -1, (2025, 12, 31)),
        ((2024, 2, 28), 1, (2024, 2, 29)),
        ((2024, 2, 29), 1, (2024, 3, 1)),
        ((2026, 2, 28), 1, (2026, 3, 1)),
        ((2100, 2, 28), 1, (2100, 3, 1)),
        ((2000, 2, 28), 1, (2000, 2, 29)),
        ((2024, 2, 28), 366, (2025, 2, 28)),
        ((2026, 4, 12), 1000, (2029, 1, 6)),
        ((2026, 3, 1), -1, (2026, 2, 28)),
        ((2024, 3, 1), -1, (2024, 2, 29)),
    ])
    func addingDays(start: (Int, Int, Int), days: Int, end: (Int, Int, Int)) throws {
        let from = try date(start.0, start.1, start.2)
        let to = try date(end.0, end.1, end.2)
        #expect(from.adding(days: days) == to)
        #expect(from.days(until: to) == days)
        #expect(to.days(until: from) == -days)
    }

    @Test("adding months clamps the day to the end of the month", arguments: [
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2024, 1, 31), 1, (2024, 2, 29)),
        ((2026, 1, 31), 2, (2026, 3, 31)),
        ((2026, 3, 31), 1, (2026, 4, 30)),
        ((2026, 3, 31), -1, (2026, 2, 28)),
        ((2024, 2, 29), 12, (2025, 2, 28)),
        ((2024, 2, 29), 48, (2028, 2, 29)),
        ((2024, 2, 29), -12, (2023, 2, 28)),
        ((2026, 4, 12), 0, (2026, 4, 12)),
        ((2026, 4, 12), 8, (2026, 12, 12)),
        ((2026, 4, 12), 9, (2027, 1, 12)),
        ((2026, 4, 12), -4, (2025, 12, 12)),
        ((2026, 4, 12), -16, (2024, 12, 12)),
        ((2026, 1, 15), -1, (2025, 12, 15)),
        ((2026, 12, 31), 2, (2027, 2, 28)),
        ((2026, 4, 12), 24, (2028, 4, 12)),
        ((1900, 1, 31), 1, (1900, 2, 28)),
        ((2199, 11, 30), 1, (2199, 12, 30)),
    ])
    func addingMonths(start: (Int, Int, Int), months: Int, end: (Int, Int, Int)) throws {
        #expect(try date(start.0, start.1, start.2).adding(months: months) == date(end.0, end.1, end.2))
    }

    @Test("days until", arguments: [
        ((2026, 1, 1), (2027, 1, 1), 365),
        ((2024, 1, 1), (2025, 1, 1), 366),
        ((2100, 2, 28), (2100, 3, 1), 1),
        ((2000, 2, 28), (2000, 3, 1), 2),
        ((2026, 4, 12), (2026, 4, 12), 0),
        ((2026, 4, 12), (2026, 4, 11), -1),
        ((1900, 1, 1), (2199, 12, 31), 109_572),
    ])
    func daysUntil(start: (Int, Int, Int), end: (Int, Int, Int), days: Int) throws {
        #expect(try date(start.0, start.1, start.2).days(until: date(end.0, end.1, end.2)) == days)
    }

    @Test("order is chronological")
    func order() throws {
        let dates = try [date(2026, 4, 12), date(2025, 12, 31), date(2026, 1, 2), date(2026, 4, 1), date(2026, 3, 31)]
        #expect(try dates.sorted() == [date(2025, 12, 31), date(2026, 1, 2), date(2026, 3, 31), date(2026, 4, 1), date(2026, 4, 12)])
    }

    @Test("Codable as the ISO string")
    func codable() throws {
        let value = try date(2026, 4, 12)
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-04-12"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [value])
    }

    @Test("decoding a bad string throws a DecodingError", arguments: [
        #""2026-02-30""#, #""2026-2-3""#, #"" 2026-04-12""#, #""""#, "20260412", "null",
    ])
    func decodingRefuses(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CalendarDate.self, from: Data(json.utf8))
        }
    }
}
