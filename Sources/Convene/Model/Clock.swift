/// A length of time in whole minutes, written in agendas as `90m`, `1h30m` or `1h`.
public struct Minutes: Sendable, Equatable, Comparable, Hashable, CustomStringConvertible {
    public var value: Int

    public init(_ value: Int) { self.value = value }

    /// Reads `90m`, `1h30m`, `1h` or `2h 15m`; `nil` for anything else, zero included.
    public init?(parsing text: String) {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        var total = 0
        var digits = ""
        var sawHours = false, sawMinutes = false
        for character in compact {
            if character.isASCII, character.isNumber {
                digits.append(character)
                guard digits.count <= 5 else { return nil }
            } else if character == "h", !sawHours, !sawMinutes, let hours = Int(digits) {
                total += hours * 60
                sawHours = true
                digits = ""
            } else if character == "m", !sawMinutes, let minutes = Int(digits) {
                total += minutes
                sawMinutes = true
                digits = ""
            } else {
                return nil
            }
        }
        guard digits.isEmpty, sawHours || sawMinutes, total > 0 else { return nil }
        self.value = total
    }

    /// The canonical spelling: `90m` becomes `1h30m`, `60m` becomes `1h`.
    public var description: String {
        let hours = value / 60, minutes = value % 60
        switch (hours, minutes) {
        case (0, _): return "\(minutes)m"
        case (_, 0): return "\(hours)h"
        default: return "\(hours)h\(minutes)m"
        }
    }

    public static func < (lhs: Minutes, rhs: Minutes) -> Bool { lhs.value < rhs.value }
}

/// A wall-clock time of day, 24-hour, as written in agendas: `"08:15"`.
public struct LocalTime: Sendable, Equatable, Comparable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Reads `HH:MM` (or `H:MM`), 00:00 to 23:59.
    public init?(parsing text: String) {
        guard let (hour, minute) = parseClock(text), let value = LocalTime(hour: hour, minute: minute) else {
            return nil
        }
        self = value
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String { formatClock(minutesSinceMidnight) }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

/// A span of the day during which a person works, local to their zone: `"08:00-20:00"`.
/// An end earlier than the start runs past midnight; `24:00` is allowed as an end.
public struct WorkingHours: Sendable, Equatable, CustomStringConvertible {
    /// Minutes since midnight, 0...1439.
    public var start: Int
    /// Minutes since midnight, 1...1440.
    public var end: Int

    public init?(start: Int, end: Int) {
        guard (0..<1440).contains(start), (1...1440).contains(end), start != end else { return nil }
        self.start = start
        self.end = end
    }

    /// Reads `HH:MM-HH:MM`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let (startHour, startMinute) = parseClock(String(parts[0])),
              let (endHour, endMinute) = parseClock(String(parts[1])),
              startHour < 24, startMinute < 60, endMinute < 60,
              endHour < 24 || (endHour == 24 && endMinute == 0),
              let value = WorkingHours(start: startHour * 60 + startMinute, end: endHour * 60 + endMinute)
        else { return nil }
        self = value
    }

    /// 08:00 to 20:00, the default.
    public static let standard = WorkingHours(start: 8 * 60, end: 20 * 60)!  // safe: constant in range

    public var description: String { "\(formatClock(start))-\(formatClock(end))" }
}

/// A calendar date as written in agendas: `2022-10-19`.
public struct LocalDate: Sendable, Equatable, Comparable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let value = LocalDate(year: year, month: month, day: day)
        else { return nil }
        self = value
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `count` days later (earlier when negative).
    public func adding(days count: Int) -> LocalDate {
        LocalDate.fromDaysSinceEpoch(daysSinceEpoch + count)
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((daysSinceEpoch % 7) + 7 + 3) % 7
        return Weekday.allCases[index]
    }

    public static func fromDaysSinceEpoch(_ days: Int) -> LocalDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return LocalDate(unchecked: year, month: month, day: day)
    }

    private init(unchecked year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// `HH:MM` for a count of minutes since midnight; 1440 prints as `24:00`.
func formatClock(_ minutes: Int) -> String {
    let hours = minutes / 60, rest = minutes % 60
    return (hours < 10 ? "0\(hours)" : "\(hours)") + ":" + (rest < 10 ? "0\(rest)" : "\(rest)")
}

/// Splits `H:MM` or `HH:MM` into numbers, without range checks beyond two-digit minutes.
private func parseClock(_ text: String) -> (Int, Int)? {
    let parts = text.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
          parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
          let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
    return (hour, minute)
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(String(self))
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
