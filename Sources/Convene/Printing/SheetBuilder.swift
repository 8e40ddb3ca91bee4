/// Builds the view of a printed sheet from the ``Timeline`` as its audience sees it
/// (``DisclosedTimeline``): every clock time is read from its instants through the zone
/// directory, and the builder never holds a name, or text, its reader may not see.
public struct SheetBuilder: Sendable {
    public let timeline: Timeline
    public let zones: ZoneDirectory
    public let language: SheetLanguage
    public let disclosure: Disclosure
    let labels: SheetLabels
    let people: [PersonID: Person]
    let disclosed: DisclosedTimeline

    /// A builder for `audience` (`reader`, for a briefing, always sees their own name): the
    /// timeline's texts are taken in `language` where the agenda gives them in it, then
    /// redacted for the reader.
    public init(timeline: Timeline, zones: ZoneDirectory, language: SheetLanguage, audience: Audience, reader: PersonID? = nil) {
        self.init(disclosed: DisclosedTimeline(timeline.localized(to: language.rawValue), audience: audience, reader: reader),
                  zones: zones, language: language)
    }

    /// A builder over a timeline already redacted for its reader.
    public init(disclosed: DisclosedTimeline, zones: ZoneDirectory, language: SheetLanguage) {
        self.disclosed = disclosed
        self.timeline = disclosed.timeline
        self.zones = zones
        self.language = language
        self.disclosure = disclosed.disclosure
        labels = SheetLabels.of(language)
        people = Dictionary(disclosed.timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Agenda text on one line; it is already clean of names the reader may not see (the
    /// ``DisclosedTimeline`` cleaned each session's text at its own rule).
    func line(_ text: String) -> String {
        SheetText.line(text)
    }

    /// ``line(_:)`` for a value the agenda may leave out; `nil` when nothing is left.
    func optional(_ text: String?) -> String? {
        text.map(line).flatMap { $0.isEmpty ? nil : $0 }
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

    func sheet(_ name: String, title: String) throws -> SheetView {
        var sessions: [SessionView] = [], followUps: [SessionView] = []
        var previous: TimedSession?, previousFollowUp: TimedSession?
        for timed in timeline.sessionsInTimeOrder {
            // The programme lists follow-ups apart; the run-of-show keeps every session in time order.
            if timed.session.followUp, name == "agenda" {
                followUps.append(try session(timed, after: previousFollowUp, rows: name == "run-of-show"))
                previousFollowUp = timed
            } else {
                sessions.append(try session(timed, after: previous, rows: name == "run-of-show"))
                previous = timed
            }
        }
        let shown = (sessions + followUps).flatMap { session in
            [session.moderator].compactMap { $0 } + session.segments.flatMap { $0.speakers + [$0.moderator].compactMap { $0 } }
                + session.rows.flatMap { $0.floor + [$0.moderator].compactMap { $0 } }
        }
        let event = try self.event()
        let scheduled = Set(timeline.sessions.map(\.index))
        let unscheduled = agenda.sessions.indices.filter { !scheduled.contains($0) }.map { line(agenda.sessions[$0].title) }
        var view = SheetView(sheet: name, language: language.rawValue, labels: labels, documentTitle: "\(title) — \(event.title)",
                             event: event, sessions: sessions, unscheduled: unscheduled, hasUnscheduled: !unscheduled.isEmpty,
                             briefing: nil, describesPeople: shown.contains { !$0.named })
        view.followUps = followUps
        view.hasFollowUps = !followUps.isEmpty
        return view
    }

    // MARK: The event

    func event() throws -> EventView {
        // The event's dates are the meeting's: follow-ups held online after it are listed apart.
        let meeting = timeline.sessions.filter { !$0.session.followUp }
        let dates = try (meeting.isEmpty ? timeline.sessions : meeting).map { try zones.zonedTime($0.start, in: agenda.timeZone).date }
        var dateText = ""
        if let first = dates.min(), let last = dates.max() {
            dateText = first == last ? language.date(first) : "\(language.date(first)) – \(language.date(last))"
        }
        let questions = agenda.guidingQuestions.enumerated().map { QuestionView(number: language.number($0.offset + 1), text: line($0.element.text)) }
        var interpretation: String?
        if let given = agenda.interpretation {
            let languages = given.languages.map { language.languageName(line($0)) ?? line($0) }.filter { !$0.isEmpty }
            let parts = [languages.isEmpty ? nil : languages.joined(separator: languages.count == 2 ? " ↔ " : ", "), optional(given.notes)]
            interpretation = parts.compactMap { $0 }.joined(separator: " · ")
        }
        var view = EventView(
            title: line(agenda.title), subtitle: optional(agenda.subtitle), kind: language.name(of: agenda.kind),
            tracks: language.tracks(agenda.tracks), dates: dateText, zone: agenda.timeZone, zoneTime: language.zoneTime(agenda.timeZone),
            organizer: optional(agenda.organizer?.name), venueName: optional(agenda.venue?.name),
            venueAddress: optional(agenda.venue?.address), room: optional(agenda.venue?.room), online: onlineView(),
            introduction: block(agenda.introduction), guidingQuestions: questions, hasGuidingQuestions: !questions.isEmpty,
            outcome: block(agenda.outcome), audience: block(agenda.audience), notice: language.notice(agenda.confidentiality),
            interpretation: interpretation)
        view.cssTitle = SheetText.cssString(view.title)
        return view
    }

    /// How online participants join, as the agenda's venue says.
    func onlineView() -> OnlineView? {
        agenda.venue?.online.map(Self.view)
    }

    static func view(_ access: OnlineAccess) -> OnlineView {
        OnlineView(platform: SheetText.optionalLine(access.platform), url: SheetText.optionalLine(access.url),
                   dialIn: SheetText.optionalLine(access.dialIn), notes: SheetText.optionalLine(access.notes))
    }

    func block(_ text: String?) -> TextBlock? {
        let paragraphs = SheetText.paragraphs(text)
        return paragraphs.isEmpty ? nil : TextBlock(paragraphs: paragraphs)
    }

    // MARK: Sessions

    /// A session of the programme; with `rows`, the run-of-show's rows too (only the run-of-show
    /// gets them: they hold cues and notes meant for the moderator and the tech desk).
    func session(_ timed: TimedSession, after previous: TimedSession?, rows withRows: Bool) throws -> SessionView {
        let venue = agenda.timeZone
        let start = try zones.zonedTime(timed.start, in: venue), end = try zones.zonedTime(timed.end, in: venue)
        let previousDate = try previous.map { try zones.zonedTime($0.start, in: venue).date }
        let session = timed.session
        let moderator = session.moderator.flatMap { person($0, in: session, role: .moderator) }
        let segments = try timed.segments.map { try segment($0, in: timed) }
        let online = onlinePeople(with: timed)
        var zonesSeen: [String] = []
        var localTimes: [String] = []
        // Only the zones of people the audience may name: a zone can say more about someone
        // than the description they are shown by.
        for id in online where isNamed(id, in: session) {
            guard let zone = people[id]?.effectiveTimeZone(in: agenda), zone != venue, !zonesSeen.contains(zone) else { continue }
            zonesSeen.append(zone)
            let from = try zones.zonedTime(timed.start, in: zone), to = try zones.zonedTime(timed.end, in: zone)
            localTimes.append(language.localSpan(from, to, in: zone, reference: start.date))
        }
        let onlineSpeakers = try online.compactMap { id -> PersonView? in
            guard var view = person(id, in: session, role: .speaker) else { return nil }
            view.local = try localClock(of: id, at: timed.start, in: session)
            return view
        }
        let rule = disclosure.rule(of: session)
        var view = SessionView(
            id: session.id.rawValue, title: line(session.title),
            showTitle: timeline.sessions.count > 1 || session.title != agenda.title,
            date: language.date(start.date), newDay: previousDate != start.date, breakBefore: previous != nil,
            time: language.span(start, end), duration: language.minutes(timed.start.minutes(until: timed.end)),
            localTimes: localTimes.isEmpty ? nil : localTimes.joined(separator: ", "),
            room: optional(session.room), moderator: moderator,
            notice: rule == agenda.confidentiality ? nil : language.notice(rule),
            segments: segments, rows: withRows ? try rows(of: timed) : [], onlineSpeakers: onlineSpeakers,
            online: session.separateOnlineAccess(in: agenda).map(Self.view),
            followUp: session.followUp)
        view.keepTogether = PageFit.fits(view, rows: withRows)
        return view
    }

    func segment(_ timed: TimedSegment, in session: TimedSession) throws -> SegmentView {
        let venue = agenda.timeZone
        let start = try zones.zonedTime(timed.start, in: venue), end = try zones.zonedTime(timed.end, in: venue)
        let segment = timed.segment
        let questions = self.questions(of: segment, in: session.session)
        // The session's moderator is printed with the session; a segment names only its own.
        let ownModerator = segment.moderator == session.session.moderator ? nil : segment.moderator
        return SegmentView(
            time: language.span(start, end), start: language.clock(start), title: line(segment.title),
            kind: language.name(of: segment.kind), duration: language.minutes(timed.start.minutes(until: timed.end)),
            speakers: Self.listed(segment).compactMap { person($0, in: session.session, role: .speaker) },
            moderator: ownModerator.flatMap { person($0, in: session.session, role: .moderator) },
            speakerCount: speakerCount(of: timed, in: session),
            questions: questions, questionNumbers: questions.isEmpty ? nil : language.list(questions.map(\.number)),
            isBreak: segment.kind == .break)
    }

    /// "3 speakers", for a session whose people the reader may not learn (the public, under
    /// the Chatham House Rule, off the record or closed): how many have the floor, no more.
    func speakerCount(of timed: TimedSegment, in session: TimedSession) -> String? {
        guard !disclosed.listsPeople(in: session.session),
              let count = session.roles.segments.first(where: { $0.index == timed.index })?.floor.count, count > 0 else { return nil }
        return language.speakerCount(count)
    }

    /// Whom the programme lists for a segment: its facilitators, then its speakers, each once.
    static func listed(_ segment: Segment) -> [PersonID] {
        var seen = Set<PersonID>()
        return (segment.facilitators + segment.speakers).filter { seen.insert($0).inserted }
    }

    func questions(of segment: Segment, in session: Session? = nil) -> [QuestionView] {
        segment.questions.compactMap { id in
            agenda.guidingQuestions.firstIndex { $0.id == id }.map {
                QuestionView(number: language.number($0 + 1), text: line(disclosed.question(id, in: session) ?? agenda.guidingQuestions[$0].text))
            }
        }
    }

    /// The online people who have the floor in a session, in agenda order.
    func onlinePeople(with timed: TimedSession) -> [PersonID] {
        timed.roles.online
    }

    /// Whether the audience may see `id`'s name in `session`.
    func isNamed(_ id: PersonID, in session: Session?) -> Bool {
        if case .named = disclosed.shown(id, in: session) { return true }
        return false
    }

    /// "16:55 in Kabul": a person's clock at an instant; `nil` for someone the audience may not
    /// name, whose zone could say where they are.
    func localClock(of id: PersonID, at instant: Instant, in session: Session?) throws -> String? {
        guard let person = people[id], isNamed(id, in: session) else { return nil }
        let zone = person.effectiveTimeZone(in: agenda)
        let local = try zones.zonedTime(instant, in: zone)
        var clock = language.clock(local)
        // Their clock may already, or still, be on another day than the venue's.
        if local.date != (try zones.zonedTime(instant, in: agenda.timeZone)).date { clock = language.dateAndClock(local) }
        return language.time(clock, in: zone)
    }

    // MARK: People

    enum Role { case speaker, moderator, participant }

    /// A person as this sheet's audience may see them in `session`: named, shown by their
    /// `described_as` wording, or (when the agenda gives none) left out.
    func person(_ id: PersonID, in session: Session?, role: Role) -> PersonView? {
        let person: Person
        switch disclosed.shown(id, in: session) {
        case .withheld:
            return nil
        case .described(let description):
            let online = people[id]?.attendance == .online
            return SheetText.optional(description).map { PersonView(name: $0, named: false, line: $0, online: online) }
        case .named(let named):
            person = named
        }
        let online = person.attendance == .online
        let name = SheetText.line(person.name(inScript: language.script))
        let title = SheetText.optional(person.title), organization = SheetText.optional(person.organization)
        let line = ([name, title, organization].compactMap { $0 }).joined(separator: ", ")
        return PersonView(name: name, named: true, title: title, organization: organization, line: line, online: online)
    }

    /// ``person(_:in:role:)``, or the role ("a speaker") where a row needs someone in it, as a
    /// run-of-show's floor does.
    func personOrRole(_ id: PersonID, in session: Session?, role: Role) -> PersonView {
        if let view = person(id, in: session, role: role) { return view }
        let generic = switch role {
        case .speaker: labels.unnamedSpeaker
        case .moderator: labels.unnamedModerator
        case .participant: labels.unnamedParticipant
        }
        return PersonView(name: generic, named: false, line: generic, online: people[id]?.attendance == .online)
    }
}
