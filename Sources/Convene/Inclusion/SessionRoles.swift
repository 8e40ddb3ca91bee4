/// Who speaks, moderates and takes part in one session, each person once, and the planned
/// speaking minutes of each speaker: what every inclusion figure and flag is counted from.
///
/// The moderator of a segment (its own, or the session's) is not one of its speakers, even
/// when the agenda also lists them under `speakers` (`convene check` warns about that).
public struct SessionRoles: Sendable {
    /// A segment's speakers, for the panel and dialogue flags.
    public struct SegmentSpeakers: Sendable {
        /// The segment's index within its session.
        public var index: Int
        public var segment: Segment
        /// Person ids, once each, in the agenda's order, without the moderator.
        public var speakers: [String]
    }

    /// The session's index in the agenda.
    public var index: Int
    public var session: Session
    /// Whether the session has a date and start (and so is in the ``Timeline``).
    public var scheduled: Bool
    /// Person ids, once each, in the order of the agenda's `people`.
    public var speakers: [String]
    public var moderators: [String]
    public var participants: [String]
    /// Planned speaking minutes by person id; only scheduled sessions have any.
    public var minutes: [String: Int]
    public var segments: [SegmentSpeakers]

    /// The roles in `agenda.sessions[index]`; `timed` gives the speaking minutes when the
    /// session is scheduled.
    public init(index: Int, in agenda: Agenda, timed: TimedSession?) {
        self.init(index: index, in: agenda, timed: timed, people: PeopleIndex(agenda))
    }

    init(index: Int, in agenda: Agenda, timed: TimedSession?, people: PeopleIndex) {
        let session = agenda.sessions[index]
        let order = people.order
        func ordered(_ ids: Set<String>) -> [String] {
            ids.filter { order[$0] != nil }.sorted { order[$0, default: 0] < order[$1, default: 0] }
        }
        var speakers = Set<String>(), moderators = Set<String>()
        if let moderator = session.moderator { moderators.insert(moderator) }
        var segments: [SegmentSpeakers] = []
        for (number, segment) in session.segments.enumerated() {
            let moderator = segment.moderator ?? session.moderator
            if let own = segment.moderator { moderators.insert(own) }
            var seen = Set<String>()
            let onFloor = segment.speakers.filter { $0 != moderator && order[$0] != nil && seen.insert($0).inserted }
            speakers.formUnion(onFloor)
            segments.append(SegmentSpeakers(index: number, segment: segment, speakers: onFloor))
        }
        var minutes: [String: Int] = [:]
        for var timedSegment in timed?.segments ?? [] {
            // The session's moderator holds the floor of a segment that names none of its own.
            timedSegment.segment.moderator = timedSegment.segment.moderator ?? session.moderator
            for (id, count) in timedSegment.speakingMinutes where id != timedSegment.segment.moderator && order[id] != nil {
                minutes[id, default: 0] += count
            }
        }
        self.index = index
        self.session = session
        self.scheduled = timed != nil
        self.speakers = ordered(speakers)
        self.moderators = ordered(moderators)
        self.participants = timed?.participants ?? agenda.participantIDs(of: session)
        self.minutes = minutes
        self.segments = segments
    }

    /// The roles of every session of `agenda`, in agenda order, with minutes from `timeline`.
    public static func all(in agenda: Agenda, timeline: Timeline?) -> [SessionRoles] {
        let timed = Dictionary((timeline?.sessions ?? []).map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        let people = PeopleIndex(agenda)
        return agenda.sessions.indices.map { SessionRoles(index: $0, in: agenda, timed: timed[$0], people: people) }
    }
}

/// The agenda's people by id, and each id's place in the agenda's order; made once, so that
/// counting many sessions does not search the list of people for each.
struct PeopleIndex: Sendable {
    let byID: [String: Person]
    let order: [String: Int]

    init(_ agenda: Agenda) {
        byID = Dictionary(agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        order = Dictionary(agenda.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The people with these ids, once each, in the agenda's order.
    func people<S: Sequence>(_ ids: S) -> [Person] where S.Element == String {
        Set(ids).compactMap { id in order[id].map { ($0, id) } }.sorted { $0.0 < $1.0 }.compactMap { byID[$0.1] }
    }
}
