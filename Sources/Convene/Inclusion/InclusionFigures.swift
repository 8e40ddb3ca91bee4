/// Where a session's figures are counted among the tracks.
public enum TrackScope: Sendable, Hashable {
    case track(Track)
    /// A session without a track, in an event that lists several tracks (or none).
    case unassigned

    /// `"2"`, `"1.5"`, `"unassigned"`: the key in `report.json`.
    public var key: String {
        switch self {
        case .track(let track): track.rawValue
        case .unassigned: "unassigned"
        }
    }

    /// The scope of `session`: its own track, else the event's only track, else unassigned.
    public static func of(_ session: Session, in agenda: Agenda) -> TrackScope {
        if let track = session.track { return .track(track) }
        if agenda.tracks.count == 1, let only = agenda.tracks.first { return .track(only) }
        return .unassigned
    }
}

/// The inclusion figures of an agenda: for the event, for each track, and for each session.
///
/// People are counted once per scope, however many segments they speak in; the moderator of
/// a segment is not one of its speakers. Every total includes people whose gender is
/// undisclosed, so women's share is women / everyone counted. Speaking minutes come from the
/// ``Timeline`` (``TimedSegment/speakingMinutes``), so only scheduled sessions have them.
public struct InclusionFigures: Sendable {
    /// One session's figures.
    public struct SessionFigures: Sendable {
        public var roles: SessionRoles
        public var track: TrackScope
        /// The session's rule, or the event's when it has none.
        public var confidentiality: Confidentiality
        public var figures: ScopeFigures

        public var id: SessionID { roles.session.id }
        /// Whether the session's own figures may not be published: chatham-house,
        /// off-the-record and closed sessions.
        public var isConfidential: Bool { confidentiality != .public }
    }

    /// One track's figures.
    public struct TrackFigures: Sendable {
        public var scope: TrackScope
        public var figures: ScopeFigures
    }

    public var agenda: Agenda
    public var event: ScopeFigures
    /// The event's tracks in its own order, then other tracks sessions name, then
    /// unassigned; only those with sessions.
    public var tracks: [TrackFigures]
    /// Every session, scheduled or not, in agenda order.
    public var sessions: [SessionFigures]

    /// The figures of `agenda`, with speaking minutes from `timeline`.
    public init(agenda: Agenda, timeline: Timeline?) {
        let roles = SessionRoles.all(in: agenda, timeline: timeline)
        let index = PeopleIndex(agenda)
        self.agenda = agenda
        self.event = ScopeFigures(roles, in: agenda, index: index)
        self.sessions = roles.map { role in
            SessionFigures(roles: role, track: .of(role.session, in: agenda),
                           confidentiality: role.session.confidentiality ?? agenda.confidentiality,
                           figures: ScopeFigures([role], in: agenda, index: index))
        }
        let order: [TrackScope] = agenda.tracks.map(TrackScope.track)
            + Track.allCases.filter { !agenda.tracks.contains($0) }.map(TrackScope.track) + [.unassigned]
        var tracks: [TrackFigures] = []
        for scope in order {
            let inScope = roles.filter { TrackScope.of($0.session, in: agenda) == scope }
            guard !inScope.isEmpty, !tracks.contains(where: { $0.scope == scope }) else { continue }
            tracks.append(TrackFigures(scope: scope, figures: ScopeFigures(inScope, in: agenda, index: index)))
        }
        self.tracks = tracks
    }

    /// The figures of the agenda `timeline` resolves.
    public init(timeline: Timeline) {
        self.init(agenda: timeline.agenda, timeline: timeline)
    }
}
