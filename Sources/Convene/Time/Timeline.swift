/// The agenda resolved into instants: every scheduled session and segment as moments in
/// time, from which every output reads its clock times. Nothing else in Convene converts
/// between zones.
public struct Timeline: Sendable {
    public var agenda: Agenda
    /// The tz database release the times come from.
    public var tzdata: String
    /// Scheduled sessions, in agenda order; unscheduled ones are left out.
    public var sessions: [TimedSession]

    /// The scheduled sessions in the order they happen (agenda order for a tie).
    public var sessionsInTimeOrder: [TimedSession] {
        sessions.sorted { ($0.start, $0.index) < ($1.start, $1.index) }
    }
}

/// A scheduled session as instants.
public struct TimedSession: Sendable {
    /// The session's index in the agenda.
    public var index: Int
    public var session: Session
    public var start: Instant
    public var end: Instant
    /// The people who take part, by id, in agenda order.
    public var participants: [PersonID]
    public var segments: [TimedSegment]

    /// Who does what in it, decided once when the session is resolved.
    public var roles: SessionRoles

    /// Minutes of real time the session was moved during the live day
    /// (``Timeline/moving(_:)``); 0 when it is where the agenda plans it.
    public var moved = 0

    public var id: SessionID { session.id }
}

/// A segment as instants.
public struct TimedSegment: Sendable {
    /// The segment's index within its session.
    public var index: Int
    public var segment: Segment
    public var start: Instant
    public var end: Instant
}

/// How a stretch of time looks to one person: their clock at its start and end, and what
/// about it they may mind.
public struct LocalView: Sendable, Equatable {
    public var person: PersonID
    public var timeZone: String
    public var start: ZonedTime
    public var end: ZonedTime
    public var flags: [LocalFlag]
}

/// Something a person may mind about a time in their own zone.
public enum LocalFlag: String, Sendable, CaseIterable {
    /// Part of it falls outside the person's working hours.
    case outsideWorkingHours = "outside-working-hours"
    /// Part of it falls between 22:00 and 06:00 local time.
    case night
    /// It falls on a day the person does not work.
    case notAWorkingDay = "not-a-working-day"
    /// It starts on the day after the venue's date.
    case nextDay = "next-day"
    /// It starts on the day before the venue's date.
    case previousDay = "previous-day"
}
