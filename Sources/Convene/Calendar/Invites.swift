import ICal

/// The calendars an agenda sends, made from its ``Timeline`` (never from its own arithmetic):
/// a PUBLISH calendar of the programme for anyone, and a REQUEST invite for each person with
/// an email, holding the sessions they take part in.
public struct Invites: Sendable {
    public let timeline: Timeline
    public let zones: ZoneDirectory
    /// DTSTAMP, seconds since the epoch: `SOURCE_DATE_EPOCH` when set, so that the same
    /// agenda gives byte-identical files.
    public let stamp: Int64
    /// People by id: invites for thousands of people must not search the list each time.
    private let people: [String: Person]

    public static let productID = "-//Convene//Convene agenda calendars//EN"

    public init(timeline: Timeline, zones: ZoneDirectory, stamp: Int64) {
        self.timeline = timeline
        self.zones = zones
        self.stamp = stamp
        people = Dictionary(timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The stable UID of a session's calendar event: it never changes while the event and
    /// session ids do not, so updates and cancellations find the event in every client.
    public static func uid(event: String, session: String) -> String {
        "\(session)@\(event).convene"
    }

    /// The PUBLISH calendar: one event per scheduled session, with no attendees. Its
    /// descriptions name people as ``Disclosure`` allows for `audience` (public by default:
    /// only people who may be named publicly, in sessions held in public); someone who may
    /// not be named is shown by their `described_as` wording, or left out.
    public func published(for audience: Audience = .public) throws -> CalendarDocument {
        let agenda = timeline.agenda
        let disclosure = Disclosure(audience: audience, eventRule: agenda.confidentiality)
        let redaction = TextRedaction(disclosure: disclosure, people: agenda.people)
        let organizer = agenda.organizer.flatMap { organizer in organizer.email.map { CalendarDocument.Party(name: organizer.name, email: $0) } }
        let events = try timeline.sessions.map { timed -> CalendarDocument.Event in
            let rule = disclosure.rule(of: timed.session)
            var withheld = false
            var lines: [String] = []
            for segment in timed.segments {
                let clock = try zones.zonedTime(segment.start, in: agenda.timeZone).clock
                var line = "\(clock) \(redaction.clean(segment.segment.title, in: timed.session))"
                let shown = segment.segment.speakers.compactMap { people[$0] }.compactMap { person -> String? in
                    if disclosure.mayName(person, in: timed.session) { return person.name }
                    withheld = true
                    return person.describedAs
                }
                if !shown.isEmpty { line += " — " + shown.joined(separator: ", ") }
                lines.append(line)
            }
            if rule != .public {
                lines += ["", "Held under the \(Self.rule(rule))" + (withheld || audience == .public ? "; participants are not listed." : ".")]
            }
            // RFC 5546 wants an ORGANIZER in PUBLISH too: the convening organisation is public.
            return try event(for: timed, sequence: 0, description: lines.joined(separator: "\n"), organizer: organizer, attendees: [], alarms: [],
                             clean: { redaction.clean($0, in: timed.session) })
        }
        return CalendarDocument(method: .publish, productID: Self.productID, events: events)
    }

    /// The people who get an invite, and those who take part but have no email.
    public func invitees() -> (invited: [Person], withoutEmail: [Person]) {
        let agenda = timeline.agenda
        let taking = Set(timeline.sessions.flatMap(\.participants))
        let people = agenda.people.filter { taking.contains($0.id) }
        return (people.filter { $0.email != nil }, people.filter { $0.email == nil })
    }

    /// The REQUEST invite for `person`: every session they take part in, with their own local
    /// times, their segments and questions in the description, and a tech check for online
    /// speakers. In a confidential session the invite names only the organiser and them.
    public func invite(for person: Person) throws -> CalendarDocument {
        let agenda = timeline.agenda
        guard person.email != nil else { return CalendarDocument(method: .request, productID: Self.productID, events: []) }
        let organizer = agenda.organizer.flatMap { organizer in organizer.email.map { CalendarDocument.Party(name: organizer.name, email: $0) } }
        var events: [CalendarDocument.Event] = []
        for timed in timeline.sessions where timed.participants.contains(person.id) {
            let confidential = (timed.session.confidentiality ?? agenda.confidentiality) != .public
            let others = confidential ? [person] : timed.participants.compactMap { people[$0] }.filter { other in
                other.email != nil && (other.id == person.id || other.visibility != .organizers)
            }
            let attendees = others.compactMap { other -> CalendarDocument.Attendee? in
                guard let address = other.email else { return nil }
                return .init(party: .init(name: other.name, email: address), role: role(of: other.id, in: timed))
            }
            var alarms: [CalendarDocument.Alarm] = []
            let speaks = timed.segments.contains { $0.segment.speakers.contains(person.id) || $0.segment.moderator == person.id }
            if person.attendance == .online && speaks {
                alarms.append(.init(minutesBefore: 15, text: "Connection and audio check for \(timed.session.title)"))
            } else {
                alarms.append(.init(minutesBefore: 30, text: timed.session.title))
            }
            events.append(try event(for: timed, sequence: 0, description: try description(for: person, in: timed, confidential: confidential),
                                    organizer: organizer, attendees: attendees, alarms: alarms))
        }
        return CalendarDocument(method: .request, productID: Self.productID, events: events)
    }

    private func role(of id: String, in timed: TimedSession) -> CalendarDocument.Attendee.Role {
        if timed.session.moderator == id || timed.segments.contains(where: { $0.segment.moderator == id }) { return .chair }
        if timed.segments.contains(where: { $0.segment.speakers.contains(id) }) { return .required }
        return .optional
    }

    private func description(for person: Person, in timed: TimedSession, confidential: Bool) throws -> String {
        let agenda = timeline.agenda
        let zone = person.effectiveTimeZone(in: agenda)
        let start = try zones.zonedTime(timed.start, in: zone), end = try zones.zonedTime(timed.end, in: zone)
        var lines = ["\(timed.session.title)", "Your time: \(start.date.weekday.name) \(start.date) \(start.clock)–\(end.clock) (\(zone))"]
        if zone != agenda.timeZone {
            let venueStart = try zones.zonedTime(timed.start, in: agenda.timeZone), venueEnd = try zones.zonedTime(timed.end, in: agenda.timeZone)
            lines.append("Venue time: \(venueStart.clock)–\(venueEnd.clock) (\(agenda.timeZone))")
        }
        let mine = timed.segments.filter { $0.segment.speakers.contains(person.id) || $0.segment.moderator == person.id }
        if !mine.isEmpty {
            lines.append("")
            lines.append("You have the floor:")
            for segment in mine {
                let from = try zones.zonedTime(segment.start, in: zone), to = try zones.zonedTime(segment.end, in: zone)
                lines.append("  \(from.clock)–\(to.clock) \(segment.segment.title)")
                for question in segment.segment.questions {
                    if let text = agenda.guidingQuestions.first(where: { $0.id == question })?.text { lines.append("    – \(text)") }
                }
            }
        }
        lines.append("")
        lines.append("Programme (your time):")
        for segment in timed.segments {
            lines.append("  \(try zones.zonedTime(segment.start, in: zone).clock) \(segment.segment.title)")
        }
        if confidential {
            lines.append("")
            lines.append("Held under the \(Self.rule(timed.session.confidentiality ?? agenda.confidentiality)).")
        }
        return lines.joined(separator: "\n")
    }

    private func event(for timed: TimedSession, sequence: Int, description: String, organizer: CalendarDocument.Party?,
                       attendees: [CalendarDocument.Attendee], alarms: [CalendarDocument.Alarm],
                       clean: (String) -> String = { $0 }) throws -> CalendarDocument.Event {
        let agenda = timeline.agenda
        let start = try zones.zonedTime(timed.start, in: agenda.timeZone), end = try zones.zonedTime(timed.end, in: agenda.timeZone)
        let room = [timed.session.room ?? agenda.venue?.room, agenda.venue?.name, agenda.venue?.address].compactMap { $0 }
        let online = agenda.venue?.online?.url
        var text = description
        if let online { text += "\n\nOnline: \(online)" }
        return CalendarDocument.Event(
            uid: Self.uid(event: agenda.id, session: timed.id), sequence: sequence, stamp: stamp, timeZone: agenda.timeZone,
            start: start.civil, end: end.civil, summary: clean(timed.session.title == agenda.title ? agenda.title : "\(agenda.title): \(timed.session.title)"),
            description: text, location: room.isEmpty ? nil : room.joined(separator: ", "), url: online, conference: online,
            organizer: organizer, attendees: attendees, alarms: alarms)
    }

    static func rule(_ confidentiality: Confidentiality) -> String {
        switch confidentiality {
        case .chathamHouse: "Chatham House Rule: what is said may be used, but no speaker or participant may be identified"
        case .offTheRecord: "off-the-record rule: nothing said may be reported"
        case .closed: "closed-session rule"
        case .public: "public rule"
        }
    }
}
