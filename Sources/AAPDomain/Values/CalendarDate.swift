/// A calendar date with no time of day and no time zone, such as an effective date `2026-04-12`.
///
/// Years run from 1900 to 2199. Stored in JSON as its ISO string. Arithmetic is pure
/// (proleptic Gregorian calendar), with no `Calendar` or `TimeZone` involved.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable {
    /// The year, 1900…2199.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// The years a date may have.
    static let years = 1900...2199

    /// Creates the date, or nil if it is not a real date or its year is outside 1900…2199.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year),
              (1...12).contains(month),
              (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(checkedYear year: Int, month: Int, day: Int) {
        precondition(
            Self.years.contains(year),
            "CalendarDate arithmetic left the years 1900…2199 (got year \(year))"
        )
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads a date written strictly as `YYYY-MM-DD` (surrounding white space ignored).
    public static func parse(_ text: String) throws -> CalendarDate {
        let trimmed = ValueText.trimmed(text)
        guard !trimmed.isEmpty else {
            throw ValueError(code: "value.date", "Date invalide : aucune date saisie (format attendu AAAA-MM-JJ, ex. 2026-04-12)")
        }
        func refused(_ reason: String) -> ValueError {
            ValueError(code: "value.date", "Date invalide \(ValueText.quoted(trimmed)) : \(reason)")
        }
        let characters = Array(trimmed)
        let shapeIsRight = characters.count == 10 && characters.enumerated().allSatisfy { index, character in
            index == 4 || index == 7 ? character == "-" : ValueText.isASCIIDigit(character)
        }
        guard shapeIsRight,
              let year = Int(String(characters[0..<4])),
              let month = Int(String(characters[5..<7])),
              let day = Int(String(characters[8..<10]))
        else {
            throw refused("format attendu AAAA-MM-JJ (ex. 2026-04-12)")
        }
        guard years.contains(year) else {
            throw refused("l'année doit être comprise entre 1900 et 2199 (format attendu AAAA-MM-JJ)")
        }
        guard (1...12).contains(month) else {
            throw refused("le mois \(characters[5])\(characters[6]) n'existe pas (format attendu AAAA-MM-JJ)")
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw refused("ce jour n'existe pas (format attendu AAAA-MM-JJ)")
        }
        return date
    }

    /// The ISO 8601 form: `2026-04-12`.
    public var iso: String {
        "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
    }

    /// The French form: `12/04/2026`.
    public var french: String {
        "\(Self.twoDigits(day))/\(Self.twoDigits(month))/\(year)"
    }

    /// The number of days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days later (earlier when negative).
    ///
    /// Traps if the result leaves the years 1900…2199, as integer arithmetic traps on overflow:
    /// callers bound the durations they read from input.
    public func adding(days: Int) -> CalendarDate {
        Self(dayNumber: dayNumber + days)
    }

    /// The date `months` months later (earlier when negative), the day clamped to the end of the
    /// target month: 2026-01-31 plus one month is 2026-02-28.
    ///
    /// Traps if the result leaves the years 1900…2199.
    public func adding(months: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        return CalendarDate(checkedYear: newYear, month: newMonth, day: newDay)
    }

    /// The number of days from this date to `other`: positive when `other` is later.
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The date `dayNumber` days after 1970-01-01.
    private init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(checkedYear: year, month: month, day: day)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }

    public init(from decoder: any Decoder) throws {
        self = try ValueText.decodeCanonical(from: decoder, parse: Self.parse, canonical: \.iso)
    }

    public func encode(to encoder: any Encoder) throws {
        try ValueText.encode(iso, to: encoder)
    }
}
