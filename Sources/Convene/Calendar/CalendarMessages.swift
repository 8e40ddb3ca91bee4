import ICal

/// One calendar message a person waits for: one session's REQUEST or CANCEL at the SEQUENCE
/// the event store gave it, with what the e-mail carrying it says, in the person's language.
/// Its heading's fields (`version`, `to`, `subject`, …) read as its own.
@dynamicMemberLookup
public struct CalendarMessage: Sendable {
    /// Which version goes to whom, and its subject.
    public var heading: CalendarMessageHeading
    /// The calendar, as `convene ics` writes the same file.
    public var calendar: String
    /// The e-mail's text: the invitation's DESCRIPTION (their times, their turn, the join
    /// link), or what a cancellation says.
    public var text: String

    public subscript<Value>(dynamicMember field: KeyPath<CalendarMessageHeading, Value>) -> Value {
        heading[keyPath: field]
    }
}

/// A message before its calendar and text are made: which version goes to whom, and its
/// subject. What a dry run lists, an outbox indexes and a send counts, without holding the
/// calendars of every message at once.
public struct CalendarMessageHeading: Sendable {
    public var version: CalendarVersion
    public var person: PersonID
    public var session: SessionID
    public var from: CalendarDocument.Party
    public var to: CalendarDocument.Party
    public var language: SheetLanguage
    /// `REQUEST` or `CANCEL`.
    public var method: String
    public var subject: String
}

/// The messages the people wait for: each one's heading at once, and the messages themselves
/// made a person at a time, in the order of the headings, when they are written or sent, so
/// that the thousands of messages of a forum are never all held in memory.
public struct CalendarMessages: Sendable {
    /// The messages, in the order of their people and sessions.
    public private(set) var headings: [CalendarMessageHeading]
    /// How each person's invitations are made again, a person at a time.
    let calendars: CalendarOutputs.PersonCalendars
    /// The invited people, by id.
    let invited: [PersonID: Person]
    /// Each pending cancellation and uninvitation of a person, by its entry.
    let cancellations: [CalendarHistory.Key: CalendarDocument]
    /// Every VTIMEZONE the messages need, made once.
    let writer: CalendarWriter.Batches

    public var count: Int { headings.count }
    public var isEmpty: Bool { headings.isEmpty }

    /// The messages whose headings `isIncluded` keeps, in the same order.
    public func filter(_ isIncluded: (CalendarMessageHeading) throws -> Bool) rethrows -> CalendarMessages {
        var kept = self
        kept.headings = try headings.filter(isIncluded)
        return kept
    }

    /// Calls `body` with each message, in the order of ``headings``: a person's invitations
    /// are made once for all their messages, and nothing of a message is kept once `body` has
    /// had it.
    public func forEach(_ body: (CalendarMessage) throws -> Void) throws {
        var start = headings.startIndex
        while start < headings.endIndex {
            let person = headings[start].person
            var end = start
            while end < headings.endIndex, headings[end].person == person { end += 1 }
            var invites: [String: CalendarDocument] = [:]
            if headings[start..<end].contains(where: { !$0.version.entry.meaning.cancelled }), let who = invited[person] {
                for file in try calendars.make(for: who).files where file.path.hasPrefix("invites/") {
                    if let event = file.document.events.first { invites[event.uid] = file.document }
                }
            }
            for heading in headings[start..<end] {
                let version = heading.version
                var document: CalendarDocument
                if version.entry.meaning.cancelled {
                    guard let cancellation = cancellations[version.key] else { continue }
                    document = cancellation
                } else {
                    guard let invite = invites[version.entry.uid], var event = invite.events.first else { continue }
                    event.sequence = version.sequence
                    document = invite
                    document.events = [event]
                }
                guard let event = document.events.first else { continue }
                let text = version.entry.meaning.cancelled ? [event.comment ?? "", "", event.summary].joined(separator: "\n") : event.description ?? event.summary
                try body(CalendarMessage(heading: heading, calendar: try writer.text(of: document), text: text))
            }
            start = end
        }
    }
}

extension CalendarOutputs {
    /// The messages the people wait for (every pending version of a person's invitation, each
    /// cancellation and uninvitation), in the order of their people and sessions, made from
    /// the same documents as the files of ``outputs(of:history:stamp:)``. The public
    /// programme's versions are not messages: it is published, not mailed.
    public static func messages(of draft: Draft, history: CalendarHistory, stamp: Int64) throws -> CalendarMessages {
        // Looked up in the history itself: a forum has tens of thousands of pending versions,
        // not to be held again.
        var invitedWaiting: Set<PersonID> = [], anyWaiting = false
        for version in history.latest.values where version.isPending {
            guard case .person(let id) = version.entry.owner else { continue }
            anyWaiting = true
            if !version.entry.meaning.cancelled { invitedWaiting.insert(id) }
        }
        let invited = Dictionary(draft.calendars.invited.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let writer = CalendarWriter.Batches()
        guard anyWaiting else {
            return CalendarMessages(headings: [], calendars: draft.calendars, invited: invited, cancellations: [:], writer: writer)
        }
        let invites = draft.calendars.invites
        let people = Dictionary(invites.timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var headings: [CalendarMessageHeading] = []
        var zoneKeys: Set<CalendarWriter.ZoneKey> = []
        // A heading needs the event's SUMMARY and ORGANIZER; the calendars themselves are made
        // again as the messages are.
        func add(_ event: CalendarDocument.Event, _ version: CalendarVersion, _ person: PersonID) {
            guard let from = event.organizer ?? version.entry.organizer, let to = version.entry.attendee else { return }
            let language = people[person].map(invites.language(of:)) ?? invites.agendaLanguage
            let cancelled = version.entry.meaning.cancelled
            headings.append(CalendarMessageHeading(
                version: version, person: person, session: version.entry.session, from: from, to: to, language: language,
                method: cancelled ? "CANCEL" : "REQUEST", subject: language.subject(version.kind, summary: event.summary)))
        }
        for person in draft.calendars.invited where invitedWaiting.contains(person.id) {
            for file in try draft.calendars.make(for: person).files where file.path.hasPrefix("invites/") {
                guard let event = file.document.events.first, let version = history.latest[.init(owner: .person(person.id), uid: event.uid)],
                      version.isPending, !version.entry.meaning.cancelled else { continue }
                zoneKeys.formUnion(CalendarWriter.zoneKeys(of: file.document))
                add(event, version, person.id)
            }
        }
        var cancellations: [CalendarHistory.Key: CalendarDocument] = [:]
        for file in try cancellationDocuments(of: draft, history: history, stamp: stamp) {
            guard let version = file.versions.first, case .person(let id) = version.entry.owner, let event = file.document.events.first else { continue }
            zoneKeys.formUnion(CalendarWriter.zoneKeys(of: file.document))
            cancellations[version.key] = file.document
            add(event, version, id)
        }
        try writer.prepare(zoneKeys)
        headings.sort { ($0.person.rawValue, $0.session.rawValue) < ($1.person.rawValue, $1.session.rawValue) }
        return CalendarMessages(headings: headings, calendars: draft.calendars, invited: invited, cancellations: cancellations, writer: writer)
    }
}
