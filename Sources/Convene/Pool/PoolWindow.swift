import ICal

/// A stretch of time to find people available in, for `convene pool --available-at`: a start
/// written as `2026-12-08T14:30` in a named zone, or with its offset (`2026-12-08T14:30+02:00`,
/// `…Z`), and a length.
///
/// A wall-clock time that does not exist in the zone (the hour skipped when clocks go
/// forward) or that happens twice (when they go back) is refused with a hint, never shifted.
public struct PoolWindow: Sendable, Equatable {
    public var start: Instant
    public var end: Instant
    public var minutes: Int
    /// The zone the time was given in; `nil` when only an offset was given.
    public var timeZone: String?
    /// The clock where the time was given, at the start and at the end.
    public var localStart: ZonedTime
    public var localEnd: ZonedTime

    /// Why a window cannot be read: a message and, where one helps, a hint.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var hint: String?

        /// A problem saying `message`, with `hint` on how to fix it.
        public init(message: String, hint: String?) {
            self.message = message
            self.hint = hint
        }

        public var description: String { hint.map { "\(message) — \($0)" } ?? message }
    }

    /// Reads `text` (`YYYY-MM-DDTHH:MM`, optionally `:00` seconds and a `Z` or `±HH:MM`
    /// offset) as the start of a window `minutes` long. Without an offset the time is read in
    /// `timeZone`, which must then be given (a current IANA name); with one, `timeZone` only
    /// says where to show the clock.
    public init(_ text: String, minutes: Int, timeZone: String?, zones: ZoneDirectory) throws(Problem) {
        guard let written = Self.read(text) else {
            throw Problem(message: "'\(text)' is not a date and time",
                          hint: "write YYYY-MM-DDTHH:MM, e.g. 2026-12-08T14:30, with --timezone ZONE or an offset such as +02:00 or Z")
        }
        let civil = CivilTime(year: written.date.year, month: written.date.month, day: written.date.day,
                              hour: written.hour, minute: written.minute)
        let wall = "\(written.date) \(formatClock(written.hour * 60 + written.minute))"
        let start: Instant
        if let offset = written.offset {
            start = Instant(seconds: civil.secondsSinceEpoch - Int64(offset))
        } else {
            guard let timeZone else {
                throw Problem(message: "'\(text)' says no time zone",
                              hint: "add --timezone ZONE (e.g. --timezone Europe/Kyiv) or an offset (\(text)+02:00, or \(text)Z for UTC)")
            }
            do {
                start = try zones.instant(at: civil, in: timeZone)
            } catch {
                let message = error.message(wall, in: timeZone)
                switch error {
                case .skipped(_, let after):
                    throw Problem(message: message, hint: "pick a time outside the skipped hour, e.g. \(written.date)T\(Self.clock(after))")
                case .repeated(let first, let second):
                    let iso = "\(written.date)T\(formatClock(written.hour * 60 + written.minute))"
                    throw Problem(message: message,
                                  hint: "give the offset to say which: \(iso)\(Self.offset(civil.secondsSinceEpoch - first.seconds)) (the first) or \(iso)\(Self.offset(civil.secondsSinceEpoch - second.seconds)) (the second)")
                case .unknownZone:
                    throw Problem(message: message, hint: "check that tzdata is installed")
                }
            }
        }
        let end = start.adding(minutes: minutes)
        self.start = start
        self.end = end
        self.minutes = minutes
        self.timeZone = timeZone
        do {
            if let timeZone {
                localStart = try zones.zonedTime(start, in: timeZone)
                localEnd = try zones.zonedTime(end, in: timeZone)
            } else {
                let offset = written.offset ?? 0
                localStart = ZonedTime(civil: CivilTime(secondsSinceEpoch: start.seconds + Int64(offset)), offset: offset)
                localEnd = ZonedTime(civil: CivilTime(secondsSinceEpoch: end.seconds + Int64(offset)), offset: offset)
            }
        } catch {
            throw Problem(message: "the time zone '\(timeZone ?? "")' cannot be loaded from the tz database", hint: "check that tzdata is installed")
        }
    }

    /// `2026-12-08T14:30`, `2026-12-08 14:30:00+02:00`, `2026-12-08T12:30Z`: the date, the
    /// clock and the offset in seconds when one is written.
    private static func read(_ text: String) -> (date: LocalDate, hour: Int, minute: Int, offset: Int?)? {
        let characters = Array(text.trimmingSpaces)
        guard characters.count >= 16, "Tt ".contains(characters[10]),
              let date = LocalDate(parsing: String(characters[0..<10])) else { return nil }
        var rest = Array(characters[11...])
        var offset: Int?
        if rest.last == "Z" || rest.last == "z" {
            offset = 0
            rest.removeLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let digits = String(rest[(sign + 1)...]).replacingOccurrences(of: ":", with: "")
            guard digits.count == 4, digits.allSatisfy(\.isASCII), let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
                  hours <= 14, minutes < 60 else { return nil }
            offset = (rest[sign] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
            rest.removeSubrange(sign...)
        }
        var clock = String(rest)
        if clock.count == 8, clock.hasSuffix(":00") { clock.removeLast(3) }
        guard clock.count == 5, let time = LocalTime(parsing: clock) else { return nil }
        return (date, time.hour, time.minute, offset)
    }

    private static func clock(_ civil: CivilTime) -> String {
        formatClock(civil.hour * 60 + civil.minute)
    }

    /// `+03:00` for 10800 seconds.
    private static func offset(_ seconds: Int64) -> String {
        (seconds < 0 ? "-" : "+") + formatClock(Int(abs(seconds)) / 60)
    }
}
