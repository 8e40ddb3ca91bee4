/// Who speaks, moderates, facilitates and takes part in one session, who of them is online,
/// when their connections are checked and what reminder each person's invite carries.
///
/// Computed once per session (for a scheduled one, by the ``Resolver`` into
/// ``TimedSession/roles``); the printed sheets, the invites, the public calendar, the
/// inclusion report and the checks all read it, and none derives these rules again.
public struct SessionRoles: Sendable {
    /// The session's index in the agenda.
    public var index: Int
    public var session: Session
    /// Whether the session has a date and start (and so is in the ``Timeline``).
    public var scheduled: Bool
    /// Each segment's roles, in the session's order.
    public var segments: [SegmentRoles]
    /// Everyone who holds the floor in some segment (speakers and facilitators), once each, in
    /// the order of the agenda's `people`; moderators only where they facilitate.
    public var speakers: [PersonID]
    /// The session's moderator and the segments' own, once each, in agenda order.
    public var moderators: [PersonID]
    /// Everyone who takes part, by id, in agenda order.
    public var participants: [PersonID]
    /// Planned speaking minutes by person id; only scheduled sessions have any.
    public var minutes: [PersonID: Int]
    /// Everyone who talks (floor and moderators, the session's moderator included), once
    /// each, in agenda order: whom a briefing can be made for.
    public var holders: [PersonID]
    /// The holders who join online, in agenda order.
    public var online: [PersonID]
    /// Everyone taking part who joins online, talking or not, in agenda order: whose local
    /// times `convene times` shows.
    public var onlineParticipants: [PersonID]
    /// The online holders' connection checks, in time order; only scheduled sessions have any.
    public var techChecks: [TechCheck]
    /// The session's start, when it is scheduled: what reminders are counted from.
    public var start: Instant?

    /// The roles in `agenda.sessions[index]`; `timed` gives the instants when the session is
    /// scheduled (speaking minutes, tech checks).
    public init(index: Int, in agenda: Agenda, timed: TimedSession?) {
        self.init(index: index, in: agenda, segments: timed?.segments, start: timed?.start, people: PeopleIndex(agenda))
    }

    init(index: Int, in agenda: Agenda, segments timedSegments: [TimedSegment]?, start: Instant?, people: PeopleIndex) {
        let session = agenda.sessions[index]
        let order = people.order
        func ordered(_ ids: Set<PersonID>) -> [PersonID] {
            ids.filter { order[$0] != nil }.sorted { order[$0, default: 0] < order[$1, default: 0] }
        }
        var speakers = Set<PersonID>(), moderators = Set<PersonID>(), holders = Set<PersonID>()
        if let moderator = session.moderator { moderators.insert(moderator); holders.insert(moderator) }
        var segments: [SegmentRoles] = []
        var minutes: [PersonID: Int] = [:]
        for (number, segment) in session.segments.enumerated() {
            let moderator = segment.moderator ?? session.moderator
            if let own = segment.moderator { moderators.insert(own) }
            let floor = SegmentRoles.floor(of: segment, moderator: moderator).filter { order[$0] != nil }
            speakers.formUnion(floor)
            var roles = SegmentRoles(index: number, moderator: moderator, hasOwnModerator: segment.moderator != nil, floor: floor, minutes: [])
            if let timed = timedSegments?.first(where: { $0.index == number }) {
                roles.minutes = SegmentRoles.minutes(of: floor, given: segment.speakingTimes, length: timed.start.minutes(until: timed.end))
                for entry in roles.minutes { minutes[entry.person, default: 0] += entry.minutes }
            }
            holders.formUnion(roles.holders.filter { order[$0] != nil })
            segments.append(roles)
        }
        self.index = index
        self.session = session
        self.scheduled = timedSegments != nil
        self.segments = segments
        self.speakers = ordered(speakers)
        self.moderators = ordered(moderators)
        let participants = agenda.participantIDs(of: session)
        self.participants = participants
        self.minutes = minutes
        self.holders = ordered(holders)
        let online = ordered(holders).filter { people.byID[$0]?.attendance == .online }
        self.online = online
        self.onlineParticipants = participants.filter { people.byID[$0]?.attendance == .online }
        self.start = start
        self.techChecks = timedSegments.map { TechCheck.checks(in: $0, roles: segments, online: Set(online)) } ?? []
    }

    /// The roles of every session of `agenda`, in agenda order: a scheduled session's from
    /// `timeline`, the others' without minutes.
    public static func all(in agenda: Agenda, timeline: Timeline?) -> [SessionRoles] {
        let timed = Dictionary((timeline?.sessions ?? []).map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        let people = PeopleIndex(agenda)
        return agenda.sessions.indices.map { index in
            timed[index]?.roles ?? SessionRoles(index: index, in: agenda, segments: nil, start: nil, people: people)
        }
    }

    /// Whether `person` talks in the session: holds the floor somewhere or moderates.
    public func involves(_ person: PersonID) -> Bool {
        holders.contains(person)
    }

    /// How an invite lists `person`: chair for a moderator, required for someone with the
    /// floor, optional for everyone else.
    public func attendeeRole(of person: PersonID) -> AttendeeRole {
        if moderators.contains(person) { return .chair }
        if speakers.contains(person) { return .required }
        return .optional
    }

    /// The reminder `person`'s invite carries: the first connection check of theirs, for an
    /// online person who talks; otherwise ``Reminder/lead`` minutes before the session.
    public func reminder(for person: PersonID) -> Reminder? {
        guard let start else { return nil }
        if let check = techChecks.first(where: { $0.person == person }) {
            return Reminder(at: check.at, minutesBefore: check.at.minutes(until: start), kind: .techCheck)
        }
        return Reminder(at: start.adding(minutes: -Reminder.lead), minutesBefore: Reminder.lead, kind: .session)
    }
}

/// How an invite lists an attendee.
public enum AttendeeRole: Sendable, Equatable {
    case chair, required, optional
}

/// The alarm an invite carries: the same moment as the printed tech check for an online
/// person who talks, else a plain reminder before the session.
public struct Reminder: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Their connection and audio check (``TechCheck``).
        case techCheck
        /// The session is about to start.
        case session
    }

    /// When it rings.
    public var at: Instant
    /// Minutes before the session's start (negative when it rings after the start, for a
    /// check before a later segment).
    public var minutesBefore: Int
    public var kind: Kind

    /// Minutes before a session that a plain reminder rings.
    public static let lead = 30
}

/// The agenda's people by id, and each id's place in the agenda's order; made once, so that
/// counting many sessions does not search the list of people for each.
struct PeopleIndex: Sendable {
    let byID: [PersonID: Person]
    let order: [PersonID: Int]

    init(_ agenda: Agenda) {
        byID = Dictionary(agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        order = Dictionary(agenda.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The people with these ids, once each, in the agenda's order.
    func people<S: Sequence>(_ ids: S) -> [Person] where S.Element == PersonID {
        Set(ids).compactMap { id in order[id].map { ($0, id) } }.sorted { $0.0 < $1.0 }.compactMap { byID[$0.1] }
    }
}
