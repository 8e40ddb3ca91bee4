import Foundation

/// One zone of the tz database as its compiled file (TZif, RFC 8536) states it: every clock
/// change it lists, then the POSIX rule in its footer for the years after. The VTIMEZONEs
/// Convene writes are made from this, so they carry the database's own instants.
public struct ZoneRules: Sendable, Equatable {
    /// The clock in force from a change on: offset from UTC, whether it is summer time, and
    /// its abbreviation.
    public struct Clock: Sendable, Hashable {
        public var offset: Int
        public var isDaylight: Bool
        public var abbreviation: String
    }

    /// A change of clock at `instant` (seconds since the epoch, UTC) from `before` to `after`.
    public struct Change: Sendable, Equatable {
        public var instant: Int64
        public var before: Clock
        public var after: Clock

        /// The wall-clock time of the change on the clock before it, as a VTIMEZONE's DTSTART.
        public var wallBefore: CivilTime { CivilTime(secondsSinceEpoch: instant + Int64(before.offset)) }
    }

    /// Why a zone's file cannot be read.
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public let name: String
    /// The clock before the first change.
    let initial: Clock
    /// The changes the file lists, in order.
    let listed: [Change]
    /// The footer's rule, for instants after the last listed change.
    let footer: PosixRule?

    /// Reads `name` from `directory` (by default `$TZDIR` or `/usr/share/zoneinfo`).
    public init(name: String, directory: String? = nil) throws(ReadError) {
        guard Self.isZoneName(name) else { throw ReadError(message: "'\(name)' is not a time-zone name") }
        let folder = directory ?? ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo"
        guard let data = FileManager.default.contents(atPath: folder + "/" + name), data.count <= 1 << 20 else {
            throw ReadError(message: "the time zone '\(name)' is not in the tz database at \(folder)")
        }
        try self.init(name: name, tzif: [UInt8](data))
    }

    /// Parses TZif bytes (version 2 or later; version 1 files are read from their 32-bit part).
    public init(name: String, tzif bytes: [UInt8]) throws(ReadError) {
        self.name = name
        let bad = ReadError(message: "the tz database's file for '\(name)' is damaged")
        var cursor = 0
        func header() throws(ReadError) -> (version: UInt8, counts: [Int]) {
            guard bytes.count >= cursor + 44, bytes[cursor..<cursor + 4].elementsEqual("TZif".utf8) else { throw bad }
            let version = bytes[cursor + 4]
            var counts: [Int] = []
            for index in 0..<6 {
                let at = cursor + 20 + index * 4
                counts.append(Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]))
            }
            cursor += 44
            return (version, counts)
        }
        func integer(_ at: Int, _ width: Int) -> Int64 {
            var value: Int64 = 0
            for index in 0..<width { value = value << 8 | Int64(bytes[at + index]) }
            if width == 4 { return Int64(Int32(truncatingIfNeeded: value)) }
            return value
        }
        var (version, counts) = try header()
        var width = 4
        func blockSize(_ counts: [Int], _ width: Int) -> Int {
            let (isut, isstd, leap, times, types, chars) = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
            return times * width + times + types * 6 + chars + leap * (width + 4) + isstd + isut
        }
        if version >= 0x32 {
            cursor += blockSize(counts, 4)
            (version, counts) = try header()
            width = 8
        }
        let (times, types, chars) = (counts[3], counts[4], counts[5])
        guard types > 0, times < 100_000, types < 256, chars < 4096, bytes.count >= cursor + blockSize(counts, width) else { throw bad }
        let instantsAt = cursor, indicesAt = cursor + times * width, typesAt = indicesAt + times, charsAt = typesAt + types * 6
        func abbreviation(_ index: Int) -> String {
            guard index < chars else { return "" }
            var end = charsAt + index
            while end < charsAt + chars, bytes[end] != 0 { end += 1 }
            return String(decoding: bytes[(charsAt + index)..<end], as: UTF8.self)
        }
        var clocks: [Clock] = []
        for index in 0..<types {
            let at = typesAt + index * 6
            clocks.append(Clock(offset: Int(integer(at, 4)), isDaylight: bytes[at + 4] != 0, abbreviation: abbreviation(Int(bytes[at + 5]))))
        }
        var changes: [Change] = []
        // RFC 8536 3.2: the clock before the first change is the first type.
        var current = clocks[0]
        initial = current
        for index in 0..<times {
            let type = Int(bytes[indicesAt + index])
            guard type < clocks.count else { throw bad }
            let instant = integer(instantsAt + index * width, width)
            if let last = changes.last, instant <= last.instant { throw bad }
            changes.append(Change(instant: instant, before: current, after: clocks[type]))
            current = clocks[type]
        }
        listed = changes.filter { $0.before != $0.after }
        cursor += blockSize(counts, width)
        var rule: PosixRule?
        if width == 8, cursor < bytes.count, bytes[cursor] == 0x0A,
           let close = bytes[(cursor + 1)...].firstIndex(of: 0x0A) {
            rule = PosixRule(String(decoding: bytes[(cursor + 1)..<close], as: UTF8.self))
        }
        footer = rule
    }

    /// The changes after `from` up to and including `through`.
    public func changes(after from: Int64, through: Int64) -> [Change] {
        guard from < through else { return [] }
        let listedPart = listed.filter { $0.instant > from && $0.instant <= through }
        return listedPart + footerChanges(through: through).filter { $0.instant > from }
    }

    /// The changes the footer's rule makes after the last listed change, up to `through`.
    private func footerChanges(through: Int64) -> [Change] {
        let lastListed = listed.last?.instant ?? Int64.min
        guard let footer, footer.daylight != nil, through > lastListed else { return [] }
        var clock = listed.last?.after ?? initial
        var found: [Change] = []
        let firstYear = listed.last.map { CivilTime(secondsSinceEpoch: $0.instant).year } ?? 1970
        let lastYear = CivilTime(secondsSinceEpoch: through).year
        guard firstYear <= lastYear else { return [] }
        for year in firstYear...lastYear {
            for change in footer.changes(in: year) where change.instant > lastListed && change.instant <= through {
                // A rule for summer time all year ends one year at the instant it starts the
                // next: the two make no change.
                if let last = found.last, last.instant == change.instant {
                    found.removeLast()
                    clock = last.before
                }
                if change.after != clock { found.append(Change(instant: change.instant, before: clock, after: change.after)) }
                clock = change.after
            }
        }
        return found
    }

    /// The last change at or before `instant`, if the zone has one.
    public func lastChange(atOrBefore instant: Int64) -> Change? {
        if let last = footerChanges(through: instant).last { return last }
        // The listed changes are in order: the last at or before `instant`, by bisection.
        var low = 0, high = listed.count
        while low < high {
            let middle = (low + high) / 2
            if listed[middle].instant <= instant { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? listed[low - 1] : nil
    }

    /// The clock in force at `instant`.
    public func clock(at instant: Int64) -> Clock {
        lastChange(atOrBefore: instant)?.after ?? initial
    }

    static func isZoneName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count < 128 && !name.hasPrefix("/") && !name.split(separator: "/").contains("..")
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_+-/".unicodeScalars.contains($0)) }
    }
}

/// A POSIX TZ rule as a TZif footer carries it (RFC 8536 3.3): `EST5EDT,M3.2.0,M11.1.0`,
/// `<+0330>-3:30`, `IST-2IDT,M3.4.4/26,M10.5.0`.
struct PosixRule: Sendable, Equatable {
    struct Date: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            /// Day 1...365, 29 February never counted.
            case julian(Int)
            /// Day 0...365, 29 February counted.
            case zeroBased(Int)
            /// Month, week 1...5 (5 = last), weekday 0 (Sunday)...6.
            case weekday(month: Int, week: Int, weekday: Int)
        }
        var kind: Kind
        /// Seconds after local midnight (may be negative or beyond a day).
        var time: Int
    }

    var standard: ZoneRules.Clock
    var daylight: ZoneRules.Clock?
    var start: Date?
    var end: Date?

    init?(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        func name() -> String? {
            if scalars.first == "<" {
                guard let close = scalars.firstIndex(of: ">") else { return nil }
                let value = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
                scalars = scalars[scalars.index(after: close)...]
                return value
            }
            let letters = scalars.prefix { $0.properties.isAlphabetic }
            guard letters.count >= 3 else { return nil }
            scalars = scalars.dropFirst(letters.count)
            return String(String.UnicodeScalarView(letters))
        }
        func number() -> Int? {
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            guard !digits.isEmpty, digits.count < 6 else { return nil }
            scalars = scalars.dropFirst(digits.count)
            return Int(String(String.UnicodeScalarView(digits)))
        }
        func duration() -> Int? {
            var sign = 1
            if scalars.first == "-" { sign = -1; scalars = scalars.dropFirst() } else if scalars.first == "+" { scalars = scalars.dropFirst() }
            guard let hours = number() else { return nil }
            var seconds = hours * 3600
            if scalars.first == ":" { scalars = scalars.dropFirst(); guard let minutes = number() else { return nil }; seconds += minutes * 60 }
            if scalars.first == ":" { scalars = scalars.dropFirst(); guard let rest = number() else { return nil }; seconds += rest }
            return sign * seconds
        }
        func date() -> Date? {
            var kind: Date.Kind
            if scalars.first == "J" {
                scalars = scalars.dropFirst()
                guard let day = number(), (1...365).contains(day) else { return nil }
                kind = .julian(day)
            } else if scalars.first == "M" {
                scalars = scalars.dropFirst()
                guard let month = number(), scalars.popFirst() == ".", let week = number(), scalars.popFirst() == ".", let weekday = number(),
                      (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday) else { return nil }
                kind = .weekday(month: month, week: week, weekday: weekday)
            } else {
                guard let day = number(), (0...365).contains(day) else { return nil }
                kind = .zeroBased(day)
            }
            var time = 7200
            if scalars.first == "/" { scalars = scalars.dropFirst(); guard let value = duration() else { return nil }; time = value }
            return Date(kind: kind, time: time)
        }
        guard let standardName = name(), let standardOffset = duration() else { return nil }
        standard = ZoneRules.Clock(offset: -standardOffset, isDaylight: false, abbreviation: standardName)
        guard !scalars.isEmpty else { daylight = nil; start = nil; end = nil; return }
        guard let daylightName = name() else { return nil }
        var daylightOffset = standard.offset + 3600
        if let first = scalars.first, first != "," {
            guard let value = duration() else { return nil }
            daylightOffset = -value
        }
        daylight = ZoneRules.Clock(offset: daylightOffset, isDaylight: true, abbreviation: daylightName)
        guard scalars.popFirst() == ",", let start = date(), scalars.popFirst() == ",", let end = date(), scalars.isEmpty else { return nil }
        self.start = start
        self.end = end
    }

    /// The rule's changes in `year`, in order.
    func changes(in year: Int) -> [(instant: Int64, after: ZoneRules.Clock)] {
        guard let daylight, let start, let end else { return [] }
        // Summer time all year (start on 1 January, end after 31 December): no change.
        let onset = Self.local(start, year) - Int64(standard.offset)
        let close = Self.local(end, year) - Int64(daylight.offset)
        return [(onset, daylight), (close, standard)].sorted { $0.0 < $1.0 }
    }

    /// Seconds since the epoch of `date` in `year`, as wall-clock time read as UTC.
    private static func local(_ date: Date, _ year: Int) -> Int64 {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let january = CivilTime(year: year, month: 1, day: 1).secondsSinceEpoch
        var day: Int64
        switch date.kind {
        case .julian(let n): day = Int64(n - 1) + (leap && n > 59 ? 1 : 0)
        case .zeroBased(let n): day = Int64(n)
        case .weekday(let month, let week, let weekday):
            let first = CivilTime(year: year, month: month, day: 1).secondsSinceEpoch
            let firstWeekday = Int((first / 86_400 + 4) % 7 + 7) % 7 // 1970-01-01 was a Thursday
            var dayOfMonth = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = CivilTime.daysIn(month: month, year: year)
            while dayOfMonth > length { dayOfMonth -= 7 }
            day = (first - january) / 86_400 + Int64(dayOfMonth - 1)
        }
        return january + day * 86_400 + Int64(date.time)
    }
}

extension CivilTime {
    /// Days in `month` of `year` (proleptic Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// 0 = Sunday ... 6 = Saturday.
    public var weekday: Int {
        let days = CivilTime(year: year, month: month, day: day).secondsSinceEpoch / 86_400
        return Int((days % 7 + 7 + 4) % 7)
    }
}
