import ICal

/// A session the moderator moved during the live day (`moveSession` in `convene live`): all of
/// its times later (or, for negative minutes, earlier) by this many minutes of real time.
/// Recorded in the event store; every command that opens the store reads the session at its
/// moved times, while the agenda file still says the planned ones (docs/live.md).
public struct SessionMove: Sendable, Equatable {
    public var session: SessionID
    /// Minutes of real time; negative moves the session earlier.
    public var minutes: Int
    /// When the move was recorded.
    public var at: Instant

    public init(session: SessionID, minutes: Int, at: Instant) {
        self.session = session
        self.minutes = minutes
        self.at = at
    }

    /// The moves among `events`, in the order they were recorded.
    public static func moves(in events: [LiveEvent]) -> [SessionMove] {
        events.compactMap { event in
            guard case .moveSession(let session, let minutes) = event.action else { return nil }
            return SessionMove(session: session, minutes: minutes, at: event.at)
        }
    }
}

extension Timeline {
    /// The timeline with `moves` applied: each moved session's start, end and segments, as
    /// instants, later by the sum of its moves in minutes of real time (so a move across
    /// midnight or a clock change is as long on both sides of it), its roles (tech checks,
    /// reminders) made again from the moved segments. A move of a session the timeline does not
    /// schedule is left out. The agenda is not changed: it still says the planned times.
    public func moving(_ moves: [SessionMove]) -> Timeline {
        var offsets: [SessionID: Int] = [:]
        for move in moves { offsets[move.session, default: 0] += move.minutes }
        guard offsets.values.contains(where: { $0 != 0 }) else { return self }
        var moved = self
        let people = PeopleIndex(agenda)
        for (position, timed) in sessions.enumerated() {
            guard let minutes = offsets[timed.id], minutes != 0 else { continue }
            var session = timed
            session.start = timed.start.adding(minutes: minutes)
            session.end = timed.end.adding(minutes: minutes)
            session.segments = timed.segments.map { segment in
                var shifted = segment
                shifted.start = segment.start.adding(minutes: minutes)
                shifted.end = segment.end.adding(minutes: minutes)
                return shifted
            }
            session.roles = SessionRoles(index: timed.index, in: agenda, segments: session.segments, start: session.start, people: people)
            session.moved = minutes
            moved.sessions[position] = session
        }
        return moved
    }

    /// The sessions moved during the live day (by a sum of moves that is not zero), in agenda order.
    public var movedSessions: [TimedSession] {
        sessions.filter { $0.moved != 0 }
    }
}

extension ValidAgenda {
    /// This agenda with the sessions moved during the live day: its timeline as
    /// ``Timeline/moving(_:)`` makes it, and a warning at the session's line for each thing a
    /// move breaks that the planned times did not: a person who speaks, moderates or is listed
    /// in two sessions that now overlap, a room booked twice (the checks `convene check` makes,
    /// read as warnings: the live day has moved on from the file), and a session that now runs
    /// past the end of the venue's day it starts on, or starts on another day than planned.
    public func moving(_ moves: [SessionMove], zones: ZoneDirectory) -> (agenda: ValidAgenda, warnings: [Diagnostic]) {
        let moved = timeline.moving(moves)
        guard !moved.movedSessions.isEmpty else { return (self, []) }
        let resolver = Resolver(zones: zones)
        let movedIDs = Set(moved.movedSessions.map(\.id))
        let planned = Set(ConflictCheck(timeline: timeline, resolver: resolver, map: sourceMap).run().items.map(\.message))
        var warnings = ConflictCheck(timeline: moved, resolver: resolver, map: sourceMap).run().items
            .filter { found in
                !planned.contains(found.message)
                    && (found.session.map(movedIDs.contains) ?? movedIDs.contains { found.message.contains("'\($0)'") })
            }
            .map { Diagnostic(.warning, at: $0.location, "after the live day's moves, " + $0.message, hint: Self.moveHint, session: $0.session, person: $0.person) }
        let zone = agenda.timeZone
        for timed in moved.movedSessions {
            guard let original = timeline.sessions.first(where: { $0.id == timed.id }),
                  let start = try? zones.zonedTime(timed.start, in: zone), let end = try? zones.zonedTime(timed.end.adding(minutes: -1), in: zone),
                  let plannedStart = try? zones.zonedTime(original.start, in: zone),
                  let plannedEnd = try? zones.zonedTime(original.end.adding(minutes: -1), in: zone) else { continue }
            let place = sourceMap.location(SourcePath.root.sessions[timed.index].start)
            let by = "moved \(abs(timed.moved)) minute\(abs(timed.moved) == 1 ? "" : "s") \(timed.moved > 0 ? "later" : "earlier") during the live day"
            let endClock = (try? zones.zonedTime(timed.end, in: zone))?.clock ?? end.clock
            let span = "\(start.date) \(start.clock)–\(endClock)"
            if start.date != plannedStart.date {
                warnings.append(Diagnostic(.warning, at: place, "session '\(timed.id)', \(by), now starts on \(start.date) (\(span)), not on \(plannedStart.date) as planned",
                                           hint: Self.moveHint, session: timed.id))
            } else if end.date > start.date, plannedEnd.date == plannedStart.date {
                warnings.append(Diagnostic(.warning, at: place, "session '\(timed.id)', \(by), now runs past the end of its day (\(span) on the venue's clock)",
                                           hint: Self.moveHint, session: timed.id))
            }
        }
        let agenda = ValidAgenda(agenda: agenda, timeline: moved, sourceMap: sourceMap, check: check)
        return (agenda, warnings.sorted { $0.location < $1.location })
    }

    static let moveHint = "move it back in convene live (moveSession with the opposite minutes), or move the other session too"
}
