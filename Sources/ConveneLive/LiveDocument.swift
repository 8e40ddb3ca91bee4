import Convene

/// The live day as one viewer may see it, as the JSON that `GET /api/state` returns and `/ws`
/// pushes (docs/live-api.yaml). Every name and title comes from the timeline as that viewer
/// reads it: the organisers' for the console, the public agenda's (``DisclosedTimeline`` for
/// the public) for the board and the timer, the participants' with herself for a speaker. Times
/// are seconds since 1970 (UTC), with clock times in the viewer's language and zone beside.
struct LiveDocument {
    let day: LiveDay
    let viewer: LiveViewer
    let language: SheetLanguage
    let state: LiveState
    let now: Instant
    /// The zone the viewer chose (`?zone=`), if any.
    var chosenZone: String? = nil

    /// The timeline the viewer reads.
    var disclosed: DisclosedTimeline {
        switch viewer {
        case .console: day.view(.organizers, language: language)
        case .board: day.view(.public, language: language)
        case .speaker(let id): day.view(.participants, language: language, reader: id)
        }
    }

    /// The zone the viewer's clock times are in: the one chosen, else the venue's, or the
    /// speaker's own.
    var zone: String {
        if let chosenZone { return chosenZone }
        if case .speaker(let id) = viewer, let person = day.timeline.agenda.person(id) {
            return person.effectiveTimeZone(in: day.timeline.agenda)
        }
        return day.timeline.agenda.timeZone
    }

    func json() throws -> JSONValue {
        // On a day that is not the agenda's, before anything is recorded, the day is shown as
        // planned: projected from today, a day a year past would be "525 600 minutes late".
        let asPlanned = state.history.isEmpty && day.wrongDay(at: now, in: state) != nil
        var projection = try state.projection(now: now, venueEnd: day.venueEnd)
        if asPlanned, let first = projection.items.first?.plannedStart, first < now {
            projection = try state.projection(now: first, venueEnd: day.venueEnd)
        }
        let disclosed = self.disclosed
        let sessions = Dictionary(disclosed.timeline.sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let labels = SheetLabels.of(language)
        var pairs: [(String, JSONValue)] = [
            ("view", .string(name)),
            ("event", .string(disclosed.agenda.title)),
            ("language", .string(language.rawValue)),
            ("direction", .string(labels.direction)),
            ("timeZone", .string(zone)),
            ("now", .int(Int(now.seconds))),
            ("asPlanned", .bool(asPlanned)),
            ("day", .optional(projection.day.map { language.date($0) })),
            ("rehearsal", .optional(day.rehearsal.map { language.date($0) })),
            ("status", .string(status(projection))),
            ("minutesLate", .int(projection.minutesLate)),
            ("late", asPlanned ? .null : .string(language.lateness(projection.minutesLate))),
            ("current", try current(projection, sessions: sessions, disclosed: disclosed)),
            ("next", projection.upNext.map { .int($0) } ?? .null),
            ("message", .optional(state.message)),
            ("venueTimeZone", .string(day.timeline.agenda.timeZone)),
            ("items", .array(try projection.items.map { try item($0, sessions: sessions, disclosed: disclosed) })),
        ]
        switch viewer {
        case .console:
            pairs += [
                ("floor", floor(projection)),
                ("conflicts", .array(try projection.conflicts.map(conflict))),
                ("brokenCommitments", .array(try projection.brokenCommitments.map(commitment))),
                ("laterDays", .array(try projection.laterDays.map(laterDay))),
                ("actions", .int(state.history.count)),
                ("wrongDay", wrongDay()),
            ]
        case .board:
            break
        case .speaker(let id):
            pairs.append(("you", try you(id, projection, sessions: sessions, disclosed: disclosed)))
        }
        return .object(pairs)
    }

    var name: String {
        switch viewer {
        case .console: "console"
        case .board: "board"
        case .speaker: "speaker"
        }
    }

    /// `not-started`, `running`, `paused`, `between` (a session has ended, the next not
    /// started) or `over`.
    func status(_ projection: LiveProjection) -> String {
        if let current = projection.current { return current.paused ? "paused" : "running" }
        if projection.upNext == nil { return "over" }
        return state.history.isEmpty ? "not-started" : "between"
    }

    // MARK: Items

    func title(of item: LiveProjection.Item, in sessions: [SessionID: TimedSession]) -> (segment: String, session: String) {
        // Every session of the timeline is in every view; were one missing, no title as
        // written would stand in for it outside the console.
        guard let timed = sessions[item.session] else { return viewer == .console ? (item.title, item.title) : ("", "") }
        let segment = item.segment.flatMap { index in timed.segments.first { $0.index == index }?.segment.title }
        return (segment ?? timed.session.title, timed.session.title)
    }

    func clock(_ instant: Instant) throws -> String {
        language.clock(try day.zones.zonedTime(instant, in: zone))
    }

    func span(_ start: Instant, _ end: Instant) throws -> String {
        language.span(try day.zones.zonedTime(start, in: zone), try day.zones.zonedTime(end, in: zone))
    }

    /// How the viewer reads `id` in `session`: a name, a description, or nothing.
    func shown(_ id: PersonID, in session: Session?, disclosed: DisclosedTimeline) -> String? {
        switch viewer {
        case .console:
            return day.timeline.agenda.person(id)?.name
        case .board, .speaker:
            switch disclosed.shown(id, in: session) {
            case .named(let person): return person.name
            case .described(let text): return text
            case .withheld: return nil
            }
        }
    }

    func item(_ item: LiveProjection.Item, sessions: [SessionID: TimedSession], disclosed: DisclosedTimeline) throws -> JSONValue {
        let titles = title(of: item, in: sessions)
        let planned = state.items[item.item]
        let session = sessions[item.session]?.session
        let floor = planned.roles?.floor ?? (sessions[item.session]?.roles.speakers ?? [])
        let moderator = planned.roles?.moderator ?? session?.moderator
        var pairs: [(String, JSONValue)] = [("item", .int(item.item))]
        if viewer == .console {
            pairs += [("sessionId", .id(item.session)), ("segment", item.segment.map { .int($0) } ?? .null)]
        }
        pairs += [
            ("title", .string(titles.segment)),
            ("session", .string(titles.session)),
            ("kind", .string(item.kind.rawValue)),
            ("kindName", .optional(language.name(of: item.kind))),
            ("status", .string(item.status.rawValue)),
            ("pinned", .bool(planned.pinned)),
            ("plannedStart", .int(Int(item.plannedStart.seconds))),
            ("plannedEnd", .int(Int(item.plannedEnd.seconds))),
            ("start", .int(Int(item.start.seconds))),
            ("end", .int(Int(item.end.seconds))),
            ("plannedTime", .string(try span(item.plannedStart, item.plannedEnd))),
            ("time", .string(try span(item.start, item.end))),
            ("delayMinutes", .int(item.delayMinutes)),
        ]
        if viewer == .console || disclosed.listsPeople(in: session) {
            pairs.append(("speakers", .array(floor.compactMap { shown($0, in: session, disclosed: disclosed) }.map(JSONValue.string))))
            pairs.append(("moderator", .optional(moderator.flatMap { shown($0, in: session, disclosed: disclosed) })))
        } else {
            // Under the Chatham House Rule, off the record or closed: how many speak, not who.
            pairs.append(("speakers", .array([])))
            pairs.append(("speakerCount", floor.isEmpty ? .null : .string(language.speakerCount(floor.count))))
        }
        return .object(pairs)
    }

    func current(_ projection: LiveProjection, sessions: [SessionID: TimedSession], disclosed: DisclosedTimeline) throws -> JSONValue {
        guard let current = projection.current else { return .null }
        let item = projection.items[current.item]
        let session = sessions[item.session]?.session
        var pairs: [(String, JSONValue)] = [
            ("item", .int(current.item)),
            ("title", .string(title(of: item, in: sessions).segment)),
            ("session", .string(title(of: item, in: sessions).session)),
            ("paused", .bool(current.paused)),
            ("length", .int(current.length)),
            ("elapsed", .int(current.elapsed)),
            ("remaining", .int(current.remaining)),
            ("overrun", .int(current.overrun)),
        ]
        // The timer counts down the turn when it has a planned time, else the segment.
        let counted = current.turn?.plannedMinutes.map { $0 * 60 } ?? current.length
        let thresholds = day.thresholds.of(length: counted)
        pairs += [("warning", .int(thresholds.warning)), ("danger", .int(thresholds.danger))]
        if let turn = current.turn {
            let name = shown(turn.person, in: session, disclosed: disclosed) ?? SheetLabels.of(language).unnamedSpeaker
            var turnPairs: [(String, JSONValue)] = []
            if viewer == .console { turnPairs.append(("person", .id(turn.person))) }
            turnPairs += [
                ("name", .string(name)),
                ("plannedMinutes", turn.plannedMinutes.map { .int($0) } ?? .null),
                ("elapsed", .int(turn.elapsed)),
                ("spoken", .int(turn.spoken)),
                ("remaining", turn.remaining.map { .int($0) } ?? .null),
                ("overrun", .int(turn.overrun)),
            ]
            pairs.append(("turn", .object(turnPairs)))
        } else {
            pairs.append(("turn", .null))
        }
        return .object(pairs)
    }

    // MARK: The organisers' figures

    /// Who may take the floor in the running segment's session, for the console's turn buttons.
    func floor(_ projection: LiveProjection) -> JSONValue {
        guard let current = projection.current else { return .array([]) }
        let planned = state.items[current.item]
        let floor = planned.roles?.floor ?? []
        let others = planned.participants.filter { !floor.contains($0) }
        return .array((floor + others).compactMap { id in
            day.timeline.agenda.person(id).map { person in
                .object([("id", .id(id)), ("name", .string(person.name)), ("onFloor", .bool(floor.contains(id)))])
            }
        })
    }

    func conflict(_ conflict: LiveProjection.Conflict) throws -> JSONValue {
        .object([
            ("item", .int(conflict.item)),
            ("title", .string(conflict.title)),
            ("pinnedStart", .int(Int(conflict.pinnedStart.seconds))),
            ("pinnedTime", .string(try clock(conflict.pinnedStart))),
            ("precedingEnd", .int(Int(conflict.precedingEnd.seconds))),
            ("precedingEndTime", .string(try clock(conflict.precedingEnd))),
            ("minutes", .int(conflict.minutes)),
            ("text", .string(language.live.text("conflict", [
                "title": Self.isolated(conflict.title), "time": try clock(conflict.pinnedStart), "end": try clock(conflict.precedingEnd),
                "minutes": language.minutes(conflict.minutes),
            ]))),
        ])
    }

    func commitment(_ broken: LiveProjection.BrokenCommitment) throws -> JSONValue {
        let name = broken.person.flatMap { day.timeline.agenda.person($0)?.name }
        let time = language.span(broken.start, broken.end)
        let text = switch broken.kind {
        case .venueEnd: language.live.text("venueEnd", ["title": Self.isolated(broken.title), "time": time, "minutes": language.minutes(broken.minutes)])
        case .workingHours: language.live.text("workingHours", [
            "name": Self.isolated(name ?? SheetLabels.of(language).unnamedSpeaker), "title": Self.isolated(broken.title), "time": time,
            "zone": language.city(broken.timeZone), "minutes": language.minutes(broken.minutes),
        ])
        }
        return .object([
            ("kind", .string(broken.kind.rawValue)),
            ("person", .optional(broken.person)),
            ("name", .optional(name)),
            ("item", .int(broken.item)),
            ("title", .string(broken.title)),
            ("timeZone", .string(broken.timeZone)),
            ("time", .string(time)),
            ("minutes", .int(broken.minutes)),
            ("text", .string(text)),
        ])
    }

    func laterDay(_ later: LiveProjection.LaterDaySession) throws -> JSONValue {
        let title = day.timeline.sessions.first { $0.id == later.session }?.session.title ?? later.session.rawValue
        return .object([
            ("session", .id(later.session)),
            ("title", .string(title)),
            ("day", .string(language.date(later.day))),
            ("plannedTime", .string(try span(later.plannedStart, later.plannedEnd))),
            ("timeIfCarried", .string(try span(later.startIfCarried, later.endIfCarried))),
            ("minutes", .int(later.minutes)),
            ("text", .string(language.live.text("laterDay", [
                "day": language.date(later.day), "title": Self.isolated(title), "time": try span(later.startIfCarried, later.endIfCarried),
                "minutes": language.minutes(later.minutes),
            ]))),
        ])
    }

    /// Why `start` is refused today, for the console: the session it would begin and its date.
    func wrongDay() -> JSONValue {
        guard case .wrongDay(let today, let session, let title, let date)? = day.wrongDay(at: now, in: state) else { return .null }
        // The title as the console reads it in its language.
        let shown = disclosed.timeline.sessions.first { $0.id == session }?.session.title ?? title
        return .object([
            ("today", .string(language.date(today))),
            ("session", .id(session)),
            ("title", .string(shown)),
            ("date", .string(language.date(date))),
            ("text", .string(language.live.text("wrongDay", ["today": language.date(today), "title": Self.isolated(shown), "date": language.date(date)]))),
        ])
    }

    /// Agenda text (a title, a name) set in a sentence of the view's language, isolated in its
    /// own direction (U+2068 … U+2069, as `dir="auto"`), so that a Latin title in a Dari
    /// sentence does not carry the time after it into its run.
    static func isolated(_ text: String) -> String {
        "\u{2068}" + text + "\u{2069}"
    }

    // MARK: A speaker's own

    /// Her next turn, her tech checks and how to join, in her zone.
    func you(_ id: PersonID, _ projection: LiveProjection, sessions: [SessionID: TimedSession], disclosed: DisclosedTimeline) throws -> JSONValue {
        let agenda = day.timeline.agenda
        guard let person = agenda.person(id) else { return .null }
        let venue = agenda.timeZone
        let mine = projection.items.filter { item in
            (item.status == .running || item.status == .pending) && (state.items[item.item].roles?.holders.contains(id) ?? false)
        }
        var pairs: [(String, JSONValue)] = [
            ("name", .string(person.name)),
            ("zoneTime", .string(language.zoneTime(zone))),
            ("differentZone", .bool(zone != venue)),
        ]
        if let next = mine.first {
            let planned = state.items[next.item]
            let venueSpan = language.span(try day.zones.zonedTime(next.start, in: venue), try day.zones.zonedTime(next.end, in: venue))
            pairs.append(("nextTurn", .object([
                ("item", .int(next.item)),
                ("title", .string(title(of: next, in: sessions).segment)),
                ("session", .string(title(of: next, in: sessions).session)),
                ("running", .bool(next.status == .running)),
                ("start", .int(Int(next.start.seconds))),
                ("plannedStart", .int(Int(next.plannedStart.seconds))),
                ("date", .string(language.date(try day.zones.zonedTime(next.start, in: zone).date))),
                ("time", .string(try span(next.start, next.end))),
                ("plannedTime", .string(try span(next.plannedStart, next.plannedEnd))),
                ("venueTime", .string(venueSpan)),
                ("delayMinutes", .int(next.delayMinutes)),
                ("speakingMinutes", planned.roles?.minutes(of: id).map { .int($0) } ?? .null),
                ("speaking", .optional(planned.roles?.minutes(of: id).map { language.minutes($0) })),
            ])))
        } else {
            pairs.append(("nextTurn", .null))
        }
        // A tech check is due before the segment it is for; the segment's projected start
        // moves it with the day.
        var checks: [JSONValue] = []
        for timed in day.timeline.sessionsInTimeOrder {
            for check in timed.roles.techChecks where check.person == id {
                guard let item = projection.items.first(where: { $0.session == timed.id && $0.segment == check.segment }) else { continue }
                guard item.status == .pending || item.status == .running else { continue }
                let lead = Int(item.plannedStart.seconds - check.at.seconds)
                let projected = Instant(seconds: item.start.seconds - Int64(lead))
                checks.append(.object([
                    ("title", .string(title(of: item, in: sessions).segment)),
                    ("plannedAt", .int(Int(check.at.seconds))),
                    ("at", .int(Int(projected.seconds))),
                    ("time", .string(try clock(projected))),
                    ("plannedTime", .string(try clock(check.at))),
                ]))
            }
        }
        pairs.append(("techChecks", .array(checks)))
        // Her join link as participants may read it: the session's own, else the event's.
        let link = (mine.first ?? projection.items.first { state.items[$0.item].roles?.holders.contains(id) ?? false })
            .flatMap { sessions[$0.session]?.session.onlineAccess(in: disclosed.agenda)?.url }
            ?? disclosed.agenda.venue?.online?.url
        pairs.append(("joinLink", .optional(link)))
        return .object(pairs)
    }
}
