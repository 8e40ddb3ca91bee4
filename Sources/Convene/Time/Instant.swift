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

/// Why a wall-clock time cannot be turned into one instant.
public enum WallClockProblem: Error, Sendable, Equatable {
    /// The time does not exist: the clocks jump from `before` to `after` over it.
    case skipped(before: CivilTime, after: CivilTime)
    /// The time happens twice, when the clocks go back: first at `first`, again at `second`.
    case repeated(first: Instant, second: Instant)
    /// The zone cannot be loaded from the tz database.
    case unknownZone

    /// What the problem is, for `wall` (how the time was written) in `zone`.
    public func message(_ wall: String, in zone: String) -> String {
        switch self {
        case .skipped(let before, let after):
            "\(wall) does not exist in \(zone): the clocks jump from \(formatClock(before.hour * 60 + before.minute)) to \(formatClock(after.hour * 60 + after.minute))"
        case .repeated:
            "\(wall) happens twice in \(zone), when the clocks go back"
        case .unknownZone:
            "the time zone '\(zone)' cannot be loaded from the tz database"
        }
    }
}

/// How a wall-clock time that the clocks skip (spring forward) or show twice (fall back) is
/// read. Every conversion from a local time to an instant names its policy, so that no caller
/// decides it again on its own.
public enum WallClockPolicy: Sendable, Equatable {
    /// Agenda times: a skipped or repeated time is an error (``WallClockProblem``) with a
    /// hint at its line, never shifted in silence.
    case strict
    /// The slot finder's candidate starts: a skipped time is no candidate (`nil`), a repeated
    /// one is its first occurrence.
    case candidate
    /// The bounds of a stretch of someone's day (working hours, a search window): a skipped
    /// time is the moment of the jump, a repeated one its first occurrence, so the stretch
    /// covers what the clock shows.
    case bound
}

extension ZoneDirectory {
    /// The one instant at which `zone`'s clocks show `civil`; a time the clocks skip or show
    /// twice is a problem, never shifted in silence (``WallClockPolicy/strict``).
    public func instant(at civil: CivilTime, in zone: String) throws(WallClockProblem) -> Instant {
        guard let instant = try instant(at: civil, in: zone, policy: .strict) else { throw .unknownZone }
        return instant
    }

    /// The one instant at which `zone`'s clocks show `time` on `date` (strictly, as
    /// ``instant(at:in:)``): for a time given on the command line.
    public func instant(on date: LocalDate, at time: LocalTime, in zone: String) throws(WallClockProblem) -> Instant {
        try instant(at: CivilTime(year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute), in: zone)
    }

    /// The instant at which `zone`'s clocks show `civil`, read by `policy`; `nil` only for a
    /// skipped time under ``WallClockPolicy/candidate``. Times read from calendar files are
    /// not converted here: libical reads them by RFC 5545's rule (a skipped time with the
    /// offset before the jump), inside ``BusyTimes``.
    public func instant(at civil: CivilTime, in zone: String, policy: WallClockPolicy) throws(WallClockProblem) -> Instant? {
        let resolution: TimeZoneEngine.Resolution
        do {
            resolution = try engine.resolve(civil, in: zone)
        } catch {
            throw .unknownZone
        }
        switch (resolution, policy) {
        case (.exact(let seconds), _):
            return Instant(seconds: seconds)
        case (.skipped(_, let before, let after), .strict):
            throw .skipped(before: before, after: after)
        case (.repeated(let first, let second), .strict):
            throw .repeated(first: Instant(seconds: first), second: Instant(seconds: second))
        case (.skipped, .candidate):
            return nil
        case (.skipped(let jump, _, _), .bound):
            return Instant(seconds: jump)
        case (.repeated(let first, _), .candidate), (.repeated(let first, _), .bound):
            return Instant(seconds: first)
        }
    }
}
