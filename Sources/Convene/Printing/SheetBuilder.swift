/// Builds the view of a printed sheet from the ``Timeline``: every clock time is read from its
/// instants through the zone directory, and every person passes through ``Disclosure``
/// before a template can see them.
public struct SheetBuilder: Sendable {
    public let timeline: Timeline
    public let zones: ZoneDirectory
    public let language: SheetLanguage
    public let disclosure: Disclosure
    let labels: SheetLabels
    let people: [String: Person]

    public init(timeline: Timeline, zones: ZoneDirectory, language: SheetLanguage, audience: Audience, reader: String? = nil) {
        self.timeline = timeline
        self.zones = zones
        self.language = language
        self.disclosure = Disclosure(audience: audience, eventRule: timeline.agenda.confidentiality, reader: reader)
        labels = SheetLabels.of(language)
        people = Dictionary(timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var agenda: Agenda { timeline.agenda }

    /// The programme for participants and the public.
    public func agendaSheet() throws -> SheetView {
        try sheet("agenda", title: labels.programme)
    }

    /// The moderator's and tech desk's minute-by-minute sheet.
    public func runOfShow() throws -> SheetView {
        try sheet("run-of-show", title: labels.runOfShow)
    }

    func sheet(_ name: String, title: String, briefing: BriefingView? = nil) throws -> SheetView {
        var sessions: [SessionView] = []
        var previous: TimedSession?
        for timed in timeline.sessions {
            sessions.append(try session(timed, after: previous))
            previous = timed
        }
        let shown = sessions.flatMap { session in
            [session.moderator].compactMap { $0 } + session.segments.flatMap { $0.speakers + [$0.moderator].compactMap { $0 } }
                + session.rows.flatMap { $0.floor + [$0.moderator, $0.person].compactMap { $0 } }
        }
        let event = try self.event()
        let scheduled = Set(timeline.sessions.map(\.index))
        let unscheduled = agenda.sessions.indices.filter { !scheduled.contains($0) }.map { SheetText.line(agenda.sessions[$0].title) }
        return SheetView(sheet: name, language: language.rawValue, labels: labels, documentTitle: "\(title) — \(event.title)",
                         event: event, sessions: sessions, unscheduled: unscheduled, hasUnscheduled: !unscheduled.isEmpty,
                         briefing: briefing, describesPeople: shown.contains { !$0.named })
    }

    // MARK: The event

    func event() throws -> EventView {
        let dates = try timeline.sessions.map { try zones.zonedTime($0.start, in: agenda.timeZone).date }
        var dateText = ""
        if let first = dates.min(), let last = dates.max() {
            dateText = first == last ? language.date(first) : "\(language.date(first)) – \(language.date(last))"
        }
        let questions = agenda.guidingQuestions.enumerated().map { QuestionView(number: $0.offset + 1, text: SheetText.line($0.element.text)) }
        let online = agenda.venue?.online.map { OnlineView(platform: SheetText.optional($0.platform), url: SheetText.optional($0.url),
                                                           dialIn: SheetText.optional($0.dialIn), notes: SheetText.optional($0.notes)) }
        var interpretation: String?
        if let given = agenda.interpretation {
            let languages = given.languages.map { SheetText.line($0).uppercased() }.filter { !$0.isEmpty }
            let parts = [languages.isEmpty ? nil : languages.joined(separator: languages.count == 2 ? " ↔ " : ", "), SheetText.optional(given.notes)]
            interpretation = parts.compactMap { $0 }.joined(separator: " · ")
        }
        return EventView(
            title: SheetText.line(agenda.title), subtitle: SheetText.optional(agenda.subtitle), kind: language.name(of: agenda.kind),
            tracks: language.tracks(agenda.tracks), dates: dateText, zone: agenda.timeZone, zoneTime: language.zoneTime(agenda.timeZone),
            organizer: SheetText.optional(agenda.organizer?.name), venueName: SheetText.optional(agenda.venue?.name),
            venueAddress: SheetText.optional(agenda.venue?.address), room: SheetText.optional(agenda.venue?.room), online: online,
            introduction: block(agenda.introduction), guidingQuestions: questions, hasGuidingQuestions: !questions.isEmpty,
            outcome: block(agenda.outcome), audience: block(agenda.audience), notice: language.notice(agenda.confidentiality),
            interpretation: interpretation)
    }

    func block(_ text: String?) -> TextBlock? {
        let paragraphs = SheetText.paragraphs(text)
        return paragraphs.isEmpty ? nil : TextBlock(paragraphs: paragraphs)
    }

    // MARK: Sessions

    func session(_ timed: TimedSession, after previous: TimedSession?) throws -> SessionView {
        let venue = agenda.timeZone
        let start = try zones.zonedTime(timed.start, in: venue), end = try zones.zonedTime(timed.end, in: venue)
        let previousDate = try previous.map { try zones.zonedTime($0.start, in: venue).date }
        let session = timed.session
        let moderator = session.moderator.flatMap { person($0, in: session, role: .moderator) }
        let segments = try timed.segments.map { try segment($0, in: timed) }
        let online = onlinePeople(with: timed)
        var zonesSeen: [String] = []
        var localTimes: [String] = []
        for id in online {
            guard let zone = people[id]?.effectiveTimeZone(in: agenda), zone != venue, !zonesSeen.contains(zone) else { continue }
            zonesSeen.append(zone)
            let from = try zones.zonedTime(timed.start, in: zone), to = try zones.zonedTime(timed.end, in: zone)
            var span = language.span(from, to)
            if from.date != start.date { span = "\(language.date(from.date)), \(span)" }
            localTimes.append(language.time(span, in: zone))
        }
        let onlineSpeakers = try online.compactMap { id -> PersonView? in
            guard var view = person(id, in: session, role: .speaker) else { return nil }
            view.local = try localClock(of: id, at: timed.start)
            return view
        }
        let rule = disclosure.rule(of: session)
        return SessionView(
            id: session.id, title: SheetText.line(session.title),
            showTitle: timeline.sessions.count > 1 || session.title != agenda.title,
            date: language.date(start.date), newDay: previousDate != start.date, breakBefore: previous != nil,
            time: language.span(start, end), duration: language.minutes(timed.start.minutes(until: timed.end)),
            localTimes: localTimes.isEmpty ? nil : localTimes.joined(separator: ", "),
            room: SheetText.optional(session.room), moderator: moderator,
            notice: rule == agenda.confidentiality ? nil : language.notice(rule),
            segments: segments, rows: try rows(of: timed), onlineSpeakers: onlineSpeakers)
    }

    func segment(_ timed: TimedSegment, in session: TimedSession) throws -> SegmentView {
        let venue = agenda.timeZone
        let start = try zones.zonedTime(timed.start, in: venue), end = try zones.zonedTime(timed.end, in: venue)
        let segment = timed.segment
        let questions = self.questions(of: segment)
        let ownModerator = segment.moderator ?? (segment.kind.needsModerator ? session.session.moderator : nil)
        return SegmentView(
            time: language.span(start, end), start: language.clock(start), title: SheetText.line(segment.title),
            kind: language.name(of: segment.kind), duration: language.minutes(timed.start.minutes(until: timed.end)),
            speakers: segment.speakers.compactMap { person($0, in: session.session, role: .speaker) },
            moderator: ownModerator.flatMap { person($0, in: session.session, role: .moderator) },
            questions: questions, questionNumbers: questions.isEmpty ? nil : questions.map { String($0.number) }.joined(separator: ", "),
            isBreak: segment.kind == .break)
    }

    func questions(of segment: Segment) -> [QuestionView] {
        segment.questions.compactMap { id in
            agenda.guidingQuestions.firstIndex { $0.id == id }.map {
                QuestionView(number: $0 + 1, text: SheetText.line(agenda.guidingQuestions[$0].text))
            }
        }
    }

    /// The online people who have the floor in a session, in agenda order.
    func onlinePeople(with timed: TimedSession) -> [String] {
        var holders = Set(timed.segments.flatMap { $0.segment.speakers + [$0.segment.moderator].compactMap { $0 } })
        if let moderator = timed.session.moderator { holders.insert(moderator) }
        return agenda.people.filter { holders.contains($0.id) && $0.attendance == .online }.map(\.id)
    }

    /// "16:55 in Kabul": a person's clock at an instant.
    func localClock(of id: String, at instant: Instant) throws -> String? {
        guard let person = people[id] else { return nil }
        let zone = person.effectiveTimeZone(in: agenda)
        return language.time(language.clock(try zones.zonedTime(instant, in: zone)), in: zone)
    }

    // MARK: People

    enum Role { case speaker, moderator, participant }

    /// A person as this sheet's audience may see them in `session`: named, shown by their
    /// `described_as` wording, or (when the agenda gives none) left out. Where a row needs
    /// someone in it (a run-of-show's floor), `placeholder` shows the role instead.
    func person(_ id: String, in session: Session?, role: Role, placeholder: Bool = false) -> PersonView? {
        guard let person = people[id] else { return nil }
        let online = person.attendance == .online
        guard disclosure.mayName(person, in: session) else {
            let generic: String? = switch role {
            case .speaker: labels.unnamedSpeaker
            case .moderator: labels.unnamedModerator
            case .participant: labels.unnamedParticipant
            }
            guard let description = SheetText.optional(person.describedAs) ?? (placeholder ? generic : nil) else { return nil }
            return PersonView(name: description, named: false, line: description, online: online)
        }
        let name = SheetText.line(person.name)
        let title = SheetText.optional(person.title), organization = SheetText.optional(person.organization)
        let line = ([name, title, organization].compactMap { $0 }).joined(separator: ", ")
        return PersonView(name: name, named: true, title: title, organization: organization, line: line, online: online)
    }
}
