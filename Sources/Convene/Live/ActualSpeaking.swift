/// Who actually spoke, and for how long, beside what was planned: from the turns the
/// moderator marked during the live day (``LiveState/turns``), by gender, per session, per
/// track and for the event. Names nobody, but in the organisers' report, which has a table of
/// each speaker's minutes (``speakers``).
public struct ActualSpeaking: Sendable {
    /// Planned and actual speaking seconds of one group.
    public struct Minutes: Sendable, Equatable {
        public var plannedSeconds = 0, actualSeconds = 0
        public var speakers = 0

        public init(plannedSeconds: Int = 0, actualSeconds: Int = 0, speakers: Int = 0) {
            self.plannedSeconds = plannedSeconds
            self.actualSeconds = actualSeconds
            self.speakers = speakers
        }
    }

    public struct Scope: Sendable {
        public var name: String
        /// By gender, in the vocabulary's order; only genders that planned or spoke.
        public var byGender: [(String, Minutes)]
        public var total: Minutes
        /// Segments: planned and actual length in seconds (nil when not run), by title.
        public var segments: [(title: String, plannedSeconds: Int, actualSeconds: Int?)]
    }

    /// One person's planned and actual minutes, for the organisers.
    public struct Speaker: Sendable, Equatable {
        public var person: PersonID
        public var name: String
        public var plannedSeconds = 0, actualSeconds = 0
        /// The public agenda does not name them in every session they planned or spoke in (their
        /// visibility, or a session under the Chatham House Rule, off the record or closed).
        public var notPublic = false
    }

    public var event: Scope
    public var sessions: [Scope]
    /// By track (`Track 2`, `No track`), in the vocabulary's order; empty when no session has
    /// a track. The sessions held under a rule count here for the public too.
    public var tracks: [Scope]
    /// Each person who planned or took the floor, in agenda order: only for the organisers,
    /// empty for any other audience.
    public var speakers: [Speaker]
    /// Turns still open when the report was made (the floor not yet handed back).
    public var openTurns: Int

    /// The figures of `state` at `now`; for the public, the sessions held under a rule that
    /// keeps their participants unlisted count in the event alone, and segment titles are
    /// those the public agenda gives.
    public init(state: LiveState, timeline: Timeline, audience: Audience, now: Instant) {
        let people = Dictionary(timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var event = Accumulator()
        var sessions: [Scope] = []
        let disclosed = DisclosedTimeline(timeline, audience: audience)
        let bySession = Dictionary(grouping: state.items.indices, by: { state.items[$0].session })
        var tracks: [TrackScope: Accumulator] = [:]
        var speakers: [PersonID: Speaker] = [:]
        let publicView = DisclosedTimeline(timeline, audience: .public)
        func note(_ person: PersonID, in session: Session) {
            guard audience == .organizers else { return }
            var speaker = speakers[person] ?? Speaker(person: person, name: people[person]?.name ?? person.rawValue)
            if case .named = publicView.shown(person, in: session) {} else { speaker.notPublic = true }
            speakers[person] = speaker
        }
        for timed in timeline.sessions {
            guard let indices = bySession[timed.id] else { continue }
            let track = TrackScope.of(timed.session, in: timeline.agenda)
            var scope = Accumulator()
            var segments: [(String, Int, Int?)] = []
            // Titles as the audience reads them (a hidden name in a title is withheld).
            let shown = disclosed.timeline.sessions.first { $0.id == timed.id }
            for index in indices {
                let item = state.items[index]
                let record = state.records[index]
                let ran = record.start != nil ? state.elapsed(of: index, now: now) : nil
                var title = shown?.session.title ?? item.title
                if let segment = item.segment, let segments = shown?.segments, segments.indices.contains(segment) { title = segments[segment].segment.title }
                segments.append((title, item.plannedSeconds, ran))
                // Planned: each person on the floor, their minutes of the segment.
                for person in item.roles?.floor ?? [] {
                    let planned = (state.plannedTurnMinutes(of: person, in: index) ?? 0) * 60
                    let gender = people[person]?.gender.rawValue ?? Gender.undisclosed.rawValue
                    scope.plan(person, gender: gender, seconds: planned)
                    event.plan(person, gender: gender, seconds: planned)
                    tracks[track, default: Accumulator()].plan(person, gender: gender, seconds: planned)
                    note(person, in: timed.session)
                    speakers[person]?.plannedSeconds += planned
                }
            }
            for turn in state.turns where indices.contains(turn.item) {
                let gender = people[turn.person]?.gender.rawValue ?? Gender.undisclosed.rawValue
                let seconds = state.elapsed(of: turn, now: now)
                scope.speak(turn.person, gender: gender, seconds: seconds)
                event.speak(turn.person, gender: gender, seconds: seconds)
                tracks[track, default: Accumulator()].speak(turn.person, gender: gender, seconds: seconds)
                note(turn.person, in: timed.session)
                speakers[turn.person]?.actualSeconds += seconds
            }
            let rule = timed.session.confidentiality ?? timeline.agenda.confidentiality
            if audience != .public || rule == .public {
                sessions.append(scope.scope(name: "Session \(timed.id.rawValue)", segments: segments))
            }
        }
        self.event = event.scope(name: "Event", segments: [])
        self.sessions = sessions
        let order = Track.allCases.map(TrackScope.track) + [.unassigned]
        self.tracks = tracks.keys.contains { $0 != .unassigned } ? order.compactMap { key in
            tracks[key].map { $0.scope(name: key == .unassigned ? "No track" : "Track \(key.key)", segments: []) }
        } : []
        self.speakers = timeline.agenda.people.compactMap { speakers[$0.id] }
        openTurns = state.turns.filter { $0.end == nil }.count
    }

    private struct Accumulator {
        var minutes: [String: Minutes] = [:]
        var planners: [String: Set<PersonID>] = [:], talkers: [String: Set<PersonID>] = [:]

        mutating func plan(_ person: PersonID, gender: String, seconds: Int) {
            minutes[gender, default: Minutes()].plannedSeconds += seconds
            planners[gender, default: []].insert(person)
        }

        mutating func speak(_ person: PersonID, gender: String, seconds: Int) {
            minutes[gender, default: Minutes()].actualSeconds += seconds
            talkers[gender, default: []].insert(person)
        }

        func scope(name: String, segments: [(String, Int, Int?)]) -> Scope {
            var byGender: [(String, Minutes)] = []
            var total = Minutes()
            for gender in Gender.allCases.map(\.rawValue) {
                guard var counts = minutes[gender] else { continue }
                counts.speakers = talkers[gender]?.count ?? 0
                byGender.append((gender, counts))
                total.plannedSeconds += counts.plannedSeconds
                total.actualSeconds += counts.actualSeconds
                total.speakers += counts.speakers
            }
            return Scope(name: name, byGender: byGender, total: total, segments: segments.map { (title: $0.0, plannedSeconds: $0.1, actualSeconds: $0.2) })
        }
    }

    /// `m:ss`.
    static func clock(_ seconds: Int) -> String {
        let minutes = seconds / 60, rest = seconds % 60
        return "\(minutes):" + (rest < 10 ? "0" : "") + "\(rest)"
    }

    /// The text `report --actual` adds, within 80 columns.
    public func text() -> String {
        var lines = ["", "ACTUAL SPEAKING TIME · from the turns marked in convene live; no person is named",
                     "Planned: each speaker's speaking: time or share of the segment. Actual: the",
                     "turns the moderator started and ended, pauses left out. Shares are of the time",
                     "spoken."]
        if openTurns > 0 { lines.append("\(openTurns) turn\(openTurns == 1 ? " is" : "s are") still open and counted to now.") }
        for scope in [event] + tracks + sessions {
            lines.append("")
            lines.append(Self.row(scope.name.uppercased(), ["PLANNED", "ACTUAL", "SHARE", "SPOKE"]))
            for (gender, counts) in scope.byGender {
                let share = scope.total.actualSeconds > 0 ? "\(Int((Double(counts.actualSeconds) * 100 / Double(scope.total.actualSeconds)).rounded()))%" : "—"
                lines.append(Self.row("  " + gender, [Self.clock(counts.plannedSeconds), Self.clock(counts.actualSeconds), share, String(counts.speakers)]))
            }
            lines.append(Self.row("  everyone", [Self.clock(scope.total.plannedSeconds), Self.clock(scope.total.actualSeconds), "", String(scope.total.speakers)]))
            if !scope.segments.isEmpty {
                lines.append("  segments (planned · as run)")
                for segment in scope.segments {
                    let ran = segment.actualSeconds.map(Self.clock) ?? "not run"
                    lines += TextLayout.wrap("\(segment.title): \(Self.clock(segment.plannedSeconds)) · \(ran)", width: 80, first: "    ", rest: "      ")
                }
            }
        }
        if !speakers.isEmpty {
            lines += ["", "EACH SPEAKER · for the organisers only: names people, those the public agenda",
                      "does not name too (marked *). Do not forward this table.",
                      Self.row("", ["PLANNED", "ACTUAL", "DIFF"])]
            for speaker in speakers {
                let difference = speaker.actualSeconds - speaker.plannedSeconds
                lines.append(Self.row("  " + speaker.name + (speaker.notPublic ? " *" : ""),
                                      [Self.clock(speaker.plannedSeconds), Self.clock(speaker.actualSeconds), (difference < 0 ? "-" : "+") + Self.clock(abs(difference))]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func row(_ name: String, _ cells: [String]) -> String {
        InclusionText.columns(name, labelWidth: 37, cells, cellWidth: 10)
    }

    /// As JSON, for `report --json --actual`: seconds.
    public func json() -> JSONValue {
        func minutes(_ counts: Minutes) -> JSONValue {
            .object([("planned_seconds", .int(counts.plannedSeconds)), ("actual_seconds", .int(counts.actualSeconds)), ("speakers", .int(counts.speakers))])
        }
        func scope(_ scope: Scope) -> JSONValue {
            .object([("scope", .string(scope.name)), ("by_gender", .object(scope.byGender.map { ($0.0, minutes($0.1)) })), ("everyone", minutes(scope.total)),
                     ("segments", .array(scope.segments.map { .object([("title", .string($0.title)), ("planned_seconds", .int($0.plannedSeconds)),
                                                                       ("actual_seconds", $0.actualSeconds.map { .int($0) } ?? .null)]) }))])
        }
        let people: [JSONValue] = speakers.map { speaker in
            .object([("person", .id(speaker.person)), ("name", .string(speaker.name)), ("planned_seconds", .int(speaker.plannedSeconds)),
                     ("actual_seconds", .int(speaker.actualSeconds)), ("not_public", .bool(speaker.notPublic))])
        }
        return .object([("event", scope(event)), ("sessions", .array(sessions.map(scope))), ("open_turns", .int(openTurns)),
                        ("tracks", .array(tracks.map(scope))), ("speakers", .array(people))])
    }
}
