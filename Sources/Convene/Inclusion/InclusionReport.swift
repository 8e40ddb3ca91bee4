/// `convene report`: the inclusion figures and flags of an agenda, for people (``text(width:)``)
/// and for other tools (``json()``, the shape docs/commands.md gives).
///
/// The report never prints a person's name in any form: it counts people, and withholds
/// names, e-mail addresses and organisations from the titles it shows (``NameFilter``). For
/// the public (the default audience) the per-session figures of confidential sessions are
/// left out; those sessions still count in the event's and the tracks' totals.
public struct InclusionReport: Sendable {
    public let figures: InclusionFigures
    /// Who the report is for: the public does not see confidential sessions' own figures;
    /// participants and organisers see every session's (the report names nobody in any case).
    public let audience: Audience
    let names: NameFilter

    /// The report of `figures` for `audience`.
    public init(figures: InclusionFigures, audience: Audience = .public) {
        self.figures = figures
        self.audience = audience
        self.names = NameFilter(agenda: figures.agenda)
    }

    /// The report of the agenda `timeline` resolves.
    public init(timeline: Timeline, audience: Audience = .public) {
        self.init(figures: InclusionFigures(timeline: timeline), audience: audience)
    }

    /// The sessions whose own figures this audience may see.
    public var shownSessions: [InclusionFigures.SessionFigures] {
        figures.sessions.filter { audience != .public || !$0.isConfidential }
    }

    /// The sessions left out for this audience.
    public var omittedSessions: [InclusionFigures.SessionFigures] {
        figures.sessions.filter { audience == .public && $0.isConfidential }
    }

    /// A session's id as the report shows it (withheld when it carries someone's name).
    func sessionID(_ session: InclusionFigures.SessionFigures) -> String {
        names.clean(id: session.id.rawValue, fallback: "session-\(session.roles.index + 1)")
    }

    // MARK: JSON

    /// `report.json`: `event`, `sessions` and `tracks` as docs/commands.md gives them, then
    /// `threshold`, `audience` and `omitted_sessions`.
    public func json() -> JSONValue {
        var event = genderRoles(figures.event)
        event += extras(figures.event)
        event.append(("flags", flags(figures.event)))
        let sessions = shownSessions.map { session -> JSONValue in
            var pairs: [(String, JSONValue)] = [
                ("id", .string(sessionID(session))),
                ("speakers", Self.gender(session.figures.speakers)),
                ("flags", flags(session.figures)),
                ("title", .string(names.clean(session.roles.session.title))),
                ("track", .string(session.track.key)),
                ("confidentiality", .string(session.confidentiality.rawValue)),
                ("scheduled", .bool(session.roles.scheduled)),
            ]
            pairs += genderRoles(session.figures).filter { $0.0 != "speakers" }
            pairs += extras(session.figures).filter { !["session_count", "unscheduled_sessions"].contains($0.0) }
            return .object(pairs)
        }
        let tracks = figures.tracks.map { track -> (String, JSONValue) in
            var pairs = genderRoles(track.figures)
            pairs += extras(track.figures)
            pairs.append(("flags", flags(track.figures)))
            return (track.scope.key, .object(pairs))
        }
        return .object([
            ("event", .object(event)),
            ("sessions", .array(sessions)),
            ("tracks", .object(tracks)),
            ("threshold", .double(Self.rounded(figures.agenda.inclusion.womenSpeakersThreshold.fraction, places: 4))),
            ("audience", .string(audience.rawValue)),
            ("omitted_sessions", .int(omittedSessions.count)),
        ])
    }

    private func genderRoles(_ scope: ScopeFigures) -> [(String, JSONValue)] {
        let minutes = scope.speakingMinutes
        return [
            ("speakers", Self.gender(scope.speakers)),
            ("moderators", Self.gender(scope.moderators)),
            ("participants", Self.gender(scope.participants)),
            ("speaking_minutes", .object([
                ("women", .int(minutes.women)), ("men", .int(minutes.men)),
                ("non_binary", .int(minutes.nonBinary)), ("undisclosed", .int(minutes.undisclosed)),
                ("total", .int(minutes.total)),
            ])),
        ]
    }

    private func extras(_ scope: ScopeFigures) -> [(String, JSONValue)] {
        [
            ("session_count", .int(scope.sessions)),
            ("unscheduled_sessions", .int(scope.unscheduledSessions)),
            ("sectors", .object([("speakers", Self.breakdown(scope.speakerSectors)), ("participants", Self.breakdown(scope.participantSectors))])),
            ("attendance", .object([("speakers", Self.breakdown(scope.speakerAttendance)), ("participants", Self.breakdown(scope.participantAttendance))])),
            ("languages", .object([
                ("total", .int(scope.languages.total)),
                ("unspecified", .int(scope.languagesUnspecified)),
                ("spoken", .object(scope.languages.entries.map { ($0.key, .int($0.count)) })),
            ])),
            ("interpretation", .object([
                ("interpreted", .array(scope.interpretation.interpreted.map(JSONValue.string))),
                ("spoken_not_interpreted", .array(scope.interpretation.spokenNotInterpreted.map(JSONValue.string))),
                ("participants_not_covered", scope.interpretation.participantsNotCovered.map(JSONValue.int) ?? .null),
            ])),
            ("single_sex_segments", .array(scope.singleSexSegments.compactMap(singleSex))),
        ]
    }

    private func singleSex(_ segment: ScopeFigures.SingleSexSegment) -> JSONValue? {
        guard let session = figures.sessions.first(where: { $0.roles.index == segment.session }) else { return nil }
        if audience == .public, session.isConfidential { return nil }
        return .object([
            ("session", .string(sessionID(session))), ("index", .int(segment.segment)),
            ("title", .string(names.clean(segment.title))), ("kind", .string(segment.kind.rawValue)),
            ("gender", .string(segment.gender.rawValue)), ("speakers", .int(segment.speakers)),
        ])
    }

    private func flags(_ scope: ScopeFigures) -> JSONValue {
        .array(scope.flags.map { .string($0.rawValue) })
    }

    static func gender(_ count: GenderCount) -> JSONValue {
        .object([
            ("total", .int(count.total)), ("women", .int(count.women)), ("men", .int(count.men)),
            ("non_binary", .int(count.nonBinary)), ("undisclosed", .int(count.undisclosed)),
            ("women_share", count.womenShare.map { .double(rounded($0, places: 2)) } ?? .null),
        ])
    }

    static func breakdown(_ breakdown: Breakdown) -> JSONValue {
        .object([("total", .int(breakdown.total))] + breakdown.entries.map { ($0.key, .int($0.count)) })
    }

    static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
