import ICal

/// Turns a checked agenda into a ``Timeline``: every session and segment boundary, a
/// wall-clock time in the venue's zone, becomes an instant through the time-zone engine.
/// A boundary that falls in a spring-forward gap, or in the hour that repeats when clocks go
/// back, is an error at its line, never shifted in silence.
public struct Resolver: Sendable {
    public let zones: ZoneDirectory

    public init(zones: ZoneDirectory) {
        self.zones = zones
    }

    /// The timeline of a validated `agenda`, its segments laid out by ``SegmentLayout/of(_:)``
    /// (the function the validator reports from); with the errors of times that do not exist
    /// or are ambiguous.
    public func resolve(_ agenda: Agenda, sourceMap: SourceMap) -> (Timeline, DiagnosticList) {
        var diagnostics = DiagnosticList()
        var sessions: [TimedSession] = []
        let people = PeopleIndex(agenda)
        for (index, session) in agenda.sessions.enumerated() {
            guard let date = session.date, let start = session.start,
                  case .success(let (layout, _)) = SegmentLayout.of(session) else { continue }
            let path = SourcePath.root.sessions[index]
            func instant(atMinute minute: Int, place: SourcePath) -> Instant? {
                let total = start.minutesSinceMidnight + minute
                let day = date.adding(days: total.floorDivided(by: 1440))
                let minuteOfDay = total - total.floorDivided(by: 1440) * 1440
                let civil = CivilTime(year: day.year, month: day.month, day: day.day, hour: minuteOfDay / 60, minute: minuteOfDay % 60)
                let wall = "\(formatClock(minuteOfDay)) on \(day)"
                do {
                    return try zones.instant(at: civil, in: agenda.timeZone)
                } catch {
                    let message = error.message(wall, in: agenda.timeZone)
                    switch error {
                    case .skipped(_, let after):
                        diagnostics.error(sourceMap.location(place), message,
                                          hint: "move it out of the skipped hour, e.g. to \(Self.clock(after))")
                    case .repeated:
                        diagnostics.error(sourceMap.location(place), message,
                                          hint: "move it out of the hour that repeats, so every invite shows the same moment")
                    case .unknownZone:
                        diagnostics.error(sourceMap.location("timezone"), message, hint: "check that tzdata is installed")
                    }
                }
                return nil
            }
            // Each boundary is converted once; an error is placed on the line that sets it.
            var converted: [Int: Instant?] = [:]
            func boundary(_ minute: Int, _ place: SourcePath) -> Instant? {
                if let known = converted[minute] { return known }
                let value = instant(atMinute: minute, place: place)
                converted[minute] = value
                return value
            }
            let endPlace = sourceMap.contains(path.end) ? path.end
                : sourceMap.contains(path.duration) ? path.duration : path.start
            guard let sessionStart = boundary(0, path.start) else { continue }
            var segments: [TimedSegment] = []
            for (number, segment) in session.segments.enumerated() {
                let last = number + 1 == session.segments.count
                guard let from = boundary(layout.starts[number], path.segments[number]),
                      let to = boundary(layout.ends[number], last ? endPlace : path.segments[number + 1]) else { break }
                segments.append(TimedSegment(index: number, segment: segment, start: from, end: to))
            }
            guard segments.count == session.segments.count, let sessionEnd = boundary(layout.length, endPlace) else { continue }
            let elapsed = sessionStart.minutes(until: sessionEnd)
            if elapsed != layout.length {
                diagnostics.warning(sourceMap.location(path.start),
                    "session '\(session.id)' spans a daylight-saving change in \(agenda.timeZone): it lasts \(Minutes(max(elapsed, 1))) in real time, not the \(Minutes(layout.length)) its clock times say",
                    hint: "its times are read on the wall clock; move the session, or shorten it, if its real length matters",
                    code: .clockChange, session: session.id)
            }
            let roles = SessionRoles(index: index, in: agenda, segments: segments, start: sessionStart, people: people)
            sessions.append(TimedSession(index: index, session: session, start: sessionStart, end: sessionEnd,
                                         participants: roles.participants, segments: segments, roles: roles))
        }
        return (Timeline(agenda: agenda, tzdata: zones.version, sessions: sessions), diagnostics)
    }

    /// How `[start, end)` looks to `person`, with the flags that apply.
    public func localView(of person: Person, from start: Instant, to end: Instant, venueDate: LocalDate, in agenda: Agenda) throws -> LocalView {
        try localView(of: person, in: person.effectiveTimeZone(in: agenda), from: start, to: end, venueDate: venueDate)
    }

    /// How `[start, end)` looks to `person` living in `zone`, with the flags that apply;
    /// `next-day` and `previous-day` are against `venueDate` (for `convene pool`, the date
    /// where the time was asked).
    public func localView(of person: Person, in zone: String, from start: Instant, to end: Instant, venueDate: LocalDate) throws -> LocalView {
        let localStart = try zones.zonedTime(start, in: zone)
        let localEnd = try zones.zonedTime(end, in: zone)
        var flags: [LocalFlag] = []
        // Look at the clock every five minutes of the stretch (and at its last minute).
        var moments: [ZonedTime] = []
        var instant = start
        while instant < end {
            moments.append(try zones.zonedTime(instant, in: zone))
            instant = instant.adding(minutes: 5)
        }
        if end > start { moments.append(try zones.zonedTime(end.adding(minutes: -1), in: zone)) }
        let hours = person.workingHours
        func working(_ minute: Int) -> Bool {
            hours.start < hours.end ? (hours.start..<hours.end).contains(minute) : minute >= hours.start || minute < hours.end
        }
        if moments.contains(where: { !working($0.minuteOfDay) }) { flags.append(.outsideWorkingHours) }
        if moments.contains(where: { $0.minuteOfDay >= 22 * 60 || $0.minuteOfDay < 6 * 60 }) { flags.append(.night) }
        if moments.contains(where: { !person.workingDays.contains($0.date.weekday) }) { flags.append(.notAWorkingDay) }
        if localStart.date > venueDate { flags.append(.nextDay) }
        if localStart.date < venueDate { flags.append(.previousDay) }
        return LocalView(person: person.id, timeZone: zone, start: localStart, end: localEnd, flags: flags)
    }

    private static func clock(_ civil: CivilTime) -> String {
        formatClock(civil.hour * 60 + civil.minute)
    }
}

extension Int {
    /// Division rounding towards negative infinity.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
