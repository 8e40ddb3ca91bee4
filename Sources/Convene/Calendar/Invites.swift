import ICal

/// The calendars an agenda sends, made from its ``Timeline`` (never from its own arithmetic):
/// a PUBLISH calendar of the programme for anyone, and for each person with an email the
/// sessions they take part in (one REQUEST per session, and their programme to import).
public struct Invites: Sendable {
    public let timeline: Timeline
    public let zones: ZoneDirectory
    /// DTSTAMP, seconds since the epoch: `SOURCE_DATE_EPOCH` when set, so that the same
    /// agenda gives byte-identical files.
    public let stamp: Int64
    /// People by id: invites for thousands of people must not search the list each time.
    private let people: [PersonID: Person]
    /// Where each person takes part, as indices into the timeline's sessions, in order.
    private let sessionsOf: [PersonID: [Int]]
    /// The participants' view for no one in particular: the view of every reader it shows
    /// alike (``DisclosedTimeline/showsAlike(to:)``), made once rather than for each of them.
    private let participantsView: DisclosedTimeline
    /// The same, for the readers of each other language the agenda's texts are given in.
    private let participantsViews: [SheetLanguage: DisclosedTimeline]
    /// The language of the agenda's own texts, which ``participantsView`` is in.
    let agendaLanguage: SheetLanguage

    public static let productID = "-//Convene//Convene agenda calendars//EN"

    public init(timeline: Timeline, zones: ZoneDirectory, stamp: Int64) {
        self.timeline = timeline
        self.zones = zones
        self.stamp = stamp
        people = Dictionary(timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sessionsOf: [PersonID: [Int]] = [:]
        for (index, timed) in timeline.sessions.enumerated() {
            for id in timed.participants where sessionsOf[id]?.last != index { sessionsOf[id, default: []].append(index) }
        }
        self.sessionsOf = sessionsOf
        agendaLanguage = SheetLanguage.preferred(in: timeline.agenda.languages)
        participantsView = DisclosedTimeline(timeline.localized(to: agendaLanguage.rawValue), audience: .participants)
        var views: [SheetLanguage: DisclosedTimeline] = [:]
        if timeline.agenda.isMultilingual {
            for person in timeline.agenda.people {
                let language = PrintedSheets.language(of: person, in: timeline.agenda)
                if language != agendaLanguage, views[language] == nil {
                    views[language] = DisclosedTimeline(timeline.localized(to: language.rawValue), audience: .participants)
                }
            }
        }
        participantsViews = views
    }

    /// The language `person`'s invitations are written in: the first of their languages that
    /// Convene writes, else the agenda's.
    public func language(of person: Person) -> SheetLanguage {
        PrintedSheets.language(of: person, in: timeline.agenda)
    }

    /// The stable UID of a session's calendar event: it never changes while the event and
    /// session ids do not, so updates and cancellations find the event in every client.
    public static func uid(event: String, session: SessionID) -> String {
        "\(session.rawValue)@\(event).convene"
    }

    /// The UID of a session in the public programme: not the invitations' UID, since a listing
    /// anyone may subscribe to and a person's meeting are two objects with their own SEQUENCEs;
    /// one UID for both made a CalDAV server refuse the second (Radicale: 409) or a client hold
    /// the older over the newer.
    public static func publicUID(event: String, session: SessionID) -> String {
        publicUID(of: uid(event: event, session: session))
    }

    /// The public programme's UID for an invitation's UID.
    public static func publicUID(of uid: String) -> String {
        "public-" + uid
    }

    /// The PUBLISH calendar: one event per scheduled session, with no attendees, made from the
    /// timeline as `audience` sees it (``DisclosedTimeline``; public by default): people are
    /// named only where they may be, shown by their `described_as` wording otherwise, and in a
    /// session the public may not learn the people of (Chatham House, off the record, closed)
    /// only counted.
    /// Its words are in `language` (by default the agenda's), its texts too where the agenda
    /// gives them in it.
    public func published(for audience: Audience = .public, in language: SheetLanguage? = nil) throws -> CalendarDocument {
        let language = language ?? agendaLanguage
        let disclosed = DisclosedTimeline(language == agendaLanguage ? timeline : timeline.localized(to: language.rawValue), audience: audience)
        let agenda = disclosed.agenda
        let organizer = agenda.organizer.flatMap { organizer in organizer.email.map { CalendarDocument.Party(name: organizer.name, email: $0) } }
        let events = try disclosed.timeline.sessions.map { timed -> CalendarDocument.Event in
            let rule = disclosed.disclosure.rule(of: timed.session)
            let listed = disclosed.listsPeople(in: timed.session)
            var withheld = !listed
            var lines: [String] = []
            for (segment, roles) in zip(timed.segments, timed.roles.segments) {
                let clock = try zones.zonedTime(segment.start, in: agenda.timeZone).clock
                var line = "\(clock) \(segment.segment.title)"
                if listed {
                    let shown = SheetBuilder.listed(segment.segment).compactMap { id -> String? in
                        switch disclosed.shown(id, in: timed.session) {
                        case .named(let person): return person.name
                        case .described(let description): withheld = true; return description
                        case .withheld: withheld = true; return nil
                        }
                    }
                    if !shown.isEmpty { line += " — " + shown.joined(separator: ", ") }
                } else if !roles.floor.isEmpty {
                    line += " — " + language.speakerCount(roles.floor.count)
                }
                lines.append(line)
            }
            if let notice = language.notice(rule) {
                lines += ["", notice + (withheld || audience == .public ? " " + language.notListed : "")]
            }
            // RFC 5546 wants an ORGANIZER in PUBLISH too: the convening organisation is public.
            var listing = try event(for: timed, in: agenda, sequence: 0, description: lines.joined(separator: "\n"), organizer: organizer,
                                    attendees: [], alarms: [])
            listing.uid = Self.publicUID(event: agenda.id, session: timed.id)
            // A listing: it does not make a subscriber busy, so an accepted invite is the one
            // that holds their time.
            listing.transparent = true
            return listing
        }
        return CalendarDocument(method: .publish, productID: Self.productID, name: agenda.title, events: events)
    }

    /// The people who get an invite, and those who take part but have no email.
    public func invitees() -> (invited: [Person], withoutEmail: [Person]) {
        let agenda = timeline.agenda
        let taking = Set(timeline.sessions.flatMap(\.participants))
        let people = agenda.people.filter { taking.contains($0.id) }
        return (people.filter { $0.email != nil }, people.filter { $0.email == nil })
    }

    /// The REQUEST invite for `person`: every session they take part in, made from the
    /// timeline as they may see it (a participant who sees their own name), with their own
    /// local times, their segments and questions in the description, and the reminder their
    /// roles give (their tech check, for an online person who talks). In a confidential
    /// session the invite names only the organiser and them.
    public func invite(for person: Person) throws -> CalendarDocument {
        try invite(for: person, seenIn: view(for: person))
    }

    /// The timeline as `person` may see it, a participant who sees their own name: what their
    /// invite is made from.
    public func view(for person: Person) -> DisclosedTimeline {
        let language = language(of: person)
        let shared = participantsViews[language] ?? participantsView
        if shared.showsAlike(to: person) { return shared }
        let texts = participantsViews[language] != nil ? timeline.localized(to: language.rawValue) : timeline.localized(to: agendaLanguage.rawValue)
        return DisclosedTimeline(texts, audience: .participants, reader: person.id)
    }

    /// The invite for `person` made from `disclosed`, their ``view(for:)``.
    public func invite(for person: Person, seenIn disclosed: DisclosedTimeline) throws -> CalendarDocument {
        guard person.email != nil else { return CalendarDocument(method: .request, productID: Self.productID, events: []) }
        let agenda = disclosed.agenda
        let organizer = agenda.organizer.flatMap { organizer in organizer.email.map { CalendarDocument.Party(name: organizer.name, email: $0) } }
        var events: [CalendarDocument.Event] = []
        let sessions = disclosed.timeline.sessions
        for index in sessionsOf[person.id] ?? [] where sessions.indices.contains(index) {
            let timed = sessions[index]
            let confidential = disclosed.disclosure.rule(of: timed.session) != .public
            let others: [Person] = confidential ? [person] : timed.participants.compactMap { id in
                if id == person.id { return person }
                if case .named(let other) = disclosed.shown(id, in: timed.session), other.email != nil { return other }
                return nil
            }
            let attendees = others.compactMap { other -> CalendarDocument.Attendee? in
                guard let address = other.email else { return nil }
                return .init(party: .init(name: other.name, email: address), role: Self.role(timed.roles.attendeeRole(of: other.id)))
            }
            let alarms = timed.roles.reminder(for: person.id).map { reminder in
                [CalendarDocument.Alarm(minutesBefore: reminder.minutesBefore,
                                        text: reminder.kind == .techCheck ? "\(SheetLabels.of(language(of: person)).techCheck) — \(timed.session.title)" : timed.session.title)]
            } ?? []
            events.append(try event(for: timed, in: agenda, sequence: 0, language: language(of: person), online: person.attendance == .online,
                                    description: try description(for: person, in: timed, disclosed: disclosed, confidential: confidential),
                                    organizer: organizer, attendees: attendees, alarms: alarms))
        }
        return CalendarDocument(method: .request, productID: Self.productID, events: events)
    }

    private static func role(_ role: AttendeeRole) -> CalendarDocument.Attendee.Role {
        switch role {
        case .chair: .chair
        case .required: .required
        case .optional: .optional
        }
    }

    /// The invitation's text, in the reader's language (``language(of:)``): their date and
    /// times, the venue's when the zone differs, when they have the floor and what they are
    /// asked, the programme in their time, and the rule the session is held under.
    private func description(for person: Person, in timed: TimedSession, disclosed: DisclosedTimeline, confidential: Bool) throws -> String {
        let agenda = disclosed.agenda
        let language = language(of: person), labels = SheetLabels.of(language)
        let zone = person.effectiveTimeZone(in: agenda)
        let start = try zones.zonedTime(timed.start, in: zone), end = try zones.zonedTime(timed.end, in: zone)
        // Every span states its own date, and a day mark when it ends on the next day.
        var lines = ["\(timed.session.title)", "\(labels.yourTime) (\(zone))\(labels.colon) \(language.date(start.date))\(labels.dateTimeSeparator)\(language.span(start, end))"]
        if zone != agenda.timeZone {
            let venueStart = try zones.zonedTime(timed.start, in: agenda.timeZone), venueEnd = try zones.zonedTime(timed.end, in: agenda.timeZone)
            lines.append("\(labels.venueTime) (\(agenda.timeZone))\(labels.colon) \(language.date(venueStart.date))\(labels.dateTimeSeparator)\(language.span(venueStart, venueEnd))")
        }
        let mine = zip(timed.segments, timed.roles.segments).filter { $0.1.gives(theFloorTo: person.id) }.map(\.0)
        if !mine.isEmpty {
            lines.append("")
            lines.append(labels.yourSegments + labels.colon)
            for segment in mine {
                let from = try zones.zonedTime(segment.start, in: zone), to = try zones.zonedTime(segment.end, in: zone)
                lines.append("  \(language.span(from, to)) \(segment.segment.title)")
                for question in segment.segment.questions {
                    if let text = disclosed.question(question, in: timed.session) { lines.append("    – \(text)") }
                }
            }
        }
        lines.append("")
        lines.append("\(labels.programme) (\(labels.yourTime.lowercased()))\(labels.colon)")
        for segment in timed.segments {
            lines.append("  \(language.clock(try zones.zonedTime(segment.start, in: zone))) \(segment.segment.title)")
        }
        if confidential, let notice = language.notice(timed.session.confidentiality ?? agenda.confidentiality) {
            lines.append("")
            lines.append(notice)
        }
        return lines.joined(separator: "\n")
    }

    /// One session as a calendar event, from a timeline already redacted for its reader.
    /// `online`: the reader joins online, so LOCATION starts with the join link (a phone shows
    /// LOCATION, and makes a link of it), the room after it.
    private func event(for timed: TimedSession, in agenda: Agenda, sequence: Int, language: SheetLanguage? = nil, online joinsOnline: Bool = false, description: String,
                       organizer: CalendarDocument.Party?, attendees: [CalendarDocument.Attendee], alarms: [CalendarDocument.Alarm]) throws -> CalendarDocument.Event {
        let start = try zones.zonedTime(timed.start, in: agenda.timeZone), end = try zones.zonedTime(timed.end, in: agenda.timeZone)
        let online = timed.session.onlineAccess(in: agenda)?.url
        var room = Self.place(of: timed, in: agenda)
        if joinsOnline || timed.session.followUp, let online { room.insert(online, at: 0) }
        var text = description
        let labels = SheetLabels.of(language ?? agendaLanguage)
        if let online { text += "\n\n\(labels.online)\(labels.colon) \(online)" }
        return CalendarDocument.Event(
            uid: Self.uid(event: agenda.id, session: timed.id), sequence: sequence, stamp: stamp, timeZone: agenda.timeZone,
            start: start.civil, end: end.civil, summary: Self.summary(of: timed.session, in: agenda),
            description: text, location: room.isEmpty ? nil : room.joined(separator: ", "), url: online, conference: online,
            organizer: organizer, attendees: attendees, alarms: alarms)
    }

    /// SUMMARY: the session first, then the event (by its `short_title` when it has one), since
    /// a phone shows the start of it: "Panel on budgets — WPS parliamentarians".
    public static func summary(of session: Session, in agenda: Agenda) -> String {
        let event = agenda.shortTitle ?? agenda.title
        return session.title == agenda.title || session.title == event ? event : "\(session.title) — \(event)"
    }

    /// LOCATION's parts: the session's room (or the venue's), the venue's name and address.
    static func place(of timed: TimedSession, in agenda: Agenda) -> [String] {
        // A follow-up is held online: it has a link, not a room.
        guard !timed.session.followUp else { return [timed.session.room].compactMap { $0 } }
        return [timed.session.room ?? agenda.venue?.room, agenda.venue?.name, agenda.venue?.address].compactMap { $0 }
    }
}
