import ICal

/// A moment in time, in whole seconds since 1970-01-01T00:00:00Z, the same everywhere.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }

    public func adding(minutes: Int) -> Instant { Instant(seconds: seconds + Int64(minutes) * 60) }

    /// Minutes from `self` to `later`.
    public func minutes(until later: Instant) -> Int { Int((later.seconds - seconds) / 60) }

    /// `2022-10-19T12:15:00Z`.
    public var description: String { CivilTime(secondsSinceEpoch: seconds).description + "Z" }
}

/// A wall-clock time together with the zone's offset at that moment: what a person's clock
/// shows, and enough to write it as RFC 3339 (`2022-10-19T16:45:00+04:30`).
public struct ZonedTime: Sendable, Equatable {
    public var civil: CivilTime
    /// Seconds east of UTC.
    public var offset: Int

    public init(civil: CivilTime, offset: Int) {
        self.civil = civil
        self.offset = offset
    }

    /// The time in UTC at `instant`.
    public static func utc(_ instant: Instant) -> ZonedTime {
        ZonedTime(civil: CivilTime(secondsSinceEpoch: instant.seconds), offset: 0)
    }

    public var date: LocalDate {
        LocalDate.fromDaysSinceEpoch(Int(CivilTime(year: civil.year, month: civil.month, day: civil.day).secondsSinceEpoch / 86_400))
    }

    /// Minutes since local midnight.
    public var minuteOfDay: Int { civil.hour * 60 + civil.minute }

    /// `HH:MM`.
    public var clock: String { formatClock(minuteOfDay) }

    /// RFC 3339 with the numeric offset.
    public var rfc3339: String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        return civil.description + sign + formatClock(magnitude / 60)
    }
}

extension ZoneDirectory {
    /// The time in `zone` at `instant`.
    public func zonedTime(_ instant: Instant, in zone: String) throws -> ZonedTime {
        let offset = try engine.offset(of: zone, at: instant.seconds)
        return ZonedTime(civil: CivilTime(secondsSinceEpoch: instant.seconds + Int64(offset)), offset: offset)
    }
}
