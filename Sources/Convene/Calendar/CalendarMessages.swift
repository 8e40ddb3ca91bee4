import ICal

/// One calendar message a person waits for: one session's REQUEST or CANCEL at the SEQUENCE
/// the event store gave it, with what the e-mail carrying it says, in the person's language.
public struct CalendarMessage: Sendable {
    /// The version it carries, as the store holds it.
    public var version: CalendarVersion
    public var person: PersonID
    public var session: SessionID
    public var from: CalendarDocument.Party
    public var to: CalendarDocument.Party
    public var language: SheetLanguage
    /// `REQUEST` or `CANCEL`.
    public var method: String
    /// The calendar, as `convene ics` writes the same file.
    public var calendar: String
    /// The e-mail's subject and text: the invitation's DESCRIPTION (their times, their turn,
    /// the join link), or what a cancellation says.
    public var subject: String
    public var text: String
}

extension CalendarOutputs {
    /// The messages the people wait for (every pending version of a person's invitation, each
    /// cancellation and uninvitation), in the order of their people and sessions, made from
    /// the same documents as the files of ``outputs(of:history:stamp:)``. The public
    /// programme's versions are not messages: it is published, not mailed.
    public static func messages(of draft: Draft, history: CalendarHistory, stamp: Int64) throws -> [CalendarMessage] {
        var waiting: [String: CalendarVersion] = [:], invitedWaiting: Set<String> = []
        for version in history.pending {
            guard case .person = version.entry.owner else { continue }
            waiting[version.entry.owner.storedName + " " + version.entry.uid] = version
            if !version.entry.meaning.cancelled { invitedWaiting.insert(version.entry.owner.storedName) }
        }
        guard !waiting.isEmpty else { return [] }
        var made: [(path: String, document: CalendarDocument, version: CalendarVersion, person: PersonID)] = []
        for person in draft.calendars.invited {
            let owner = CalendarOwner.person(person.id).storedName
            guard invitedWaiting.contains(owner) else { continue }
            for file in try draft.calendars.make(for: person).files where file.path.hasPrefix("invites/") {
                guard var event = file.document.events.first, let version = waiting[owner + " " + event.uid], !version.entry.meaning.cancelled else { continue }
                event.sequence = version.sequence
                var document = file.document
                document.events = [event]
                made.append((file.path, document, version, person.id))
            }
        }
        for file in try cancellationDocuments(of: draft, history: history, stamp: stamp) {
            guard let version = file.versions.first, case .person(let id) = version.entry.owner else { continue }
            made.append((file.path, file.document, version, id))
        }
        let writer = CalendarWriter.Batches()
        try writer.prepare(made.flatMap { CalendarWriter.zoneKeys(of: $0.document) })
        let invites = draft.calendars.invites
        let people = Dictionary(invites.timeline.agenda.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var messages: [CalendarMessage] = []
        for item in made.sorted(by: { ($0.person.rawValue, $0.version.entry.session.rawValue) < ($1.person.rawValue, $1.version.entry.session.rawValue) }) {
            guard let event = item.document.events.first, let from = event.organizer ?? item.version.entry.organizer,
                  let to = item.version.entry.attendee else { continue }
            let language = people[item.person].map(invites.language(of:)) ?? invites.agendaLanguage
            let cancelled = item.version.entry.meaning.cancelled
            let text = cancelled ? [event.comment ?? "", "", event.summary].joined(separator: "\n") : event.description ?? event.summary
            messages.append(CalendarMessage(
                version: item.version, person: item.person, session: item.version.entry.session, from: from, to: to, language: language,
                method: cancelled ? "CANCEL" : "REQUEST", calendar: try writer.text(of: item.document),
                subject: language.subject(item.version.kind, summary: event.summary), text: text))
        }
        return messages
    }
}
