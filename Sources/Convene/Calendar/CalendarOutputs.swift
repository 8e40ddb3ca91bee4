import Foundation
import ICal

/// Every calendar file `convene ics` writes into its folder: `event.ics` (PUBLISH), one
/// REQUEST per person and session in `invites/PERSON-ID/SESSION-ID.ics` (one meeting per iTIP
/// message, RFC 5546 3.2.2), each person's programme in `programmes/PERSON-ID.ics` (no METHOD:
/// to import or subscribe to), and under `cancellations/` the cancellations and uninvites that
/// wait to be sent, one per person and session as well.
///
/// A folder is a view of the event's history (``CalendarHistory``, kept by the event store):
/// the calendars are made from the agenda, their SEQUENCEs and the pending cancellations come
/// from the history, so any number of folders agree and a deleted one is rebuilt the same.
public enum CalendarOutputs {
    /// The folders whose files only the current history decides: an invite for someone no
    /// longer taking part, or a cancellation already sent, is not left to be sent again.
    public static let prunedFolders = ["invites/", "programmes/", "cancellations/"]

    /// What the agenda says now: the calendars to write and the entries the history compares.
    public struct Draft: Sendable {
        /// By file: `event.ics`, `invites/PERSON-ID/SESSION-ID.ics`, `programmes/PERSON-ID.ics`.
        public var documents: [String: CalendarDocument]
        /// Whose history each file's SEQUENCEs come from.
        public var owners: [String: CalendarOwner]
        public var entries: [CalendarEntry]
        public var warnings: [String]
        /// What a cancellation's SUMMARY says, by session: the public programme's wording now, so
        /// that no cancellation repeats a name its reader may no longer see.
        public var publicSummaries: [SessionID: String]
        /// The event's title as the public reads it, for a session that is gone.
        public var publicTitle: String
        /// The names the public may not read, as they are now: a summary recorded earlier is
        /// cleaned with it before a cancellation repeats it.
        public var publicSearch: NameSearch
    }

    /// The files of a folder, and what the history gained in making them.
    public struct Result: Sendable {
        public var files: [OutputFile]
        public var warnings: [String]
        /// The versions this run added to the history (to be recorded in the store).
        public var added: [CalendarVersion]
        /// The history after them.
        public var history: CalendarHistory
    }

    /// Why no calendars can be made for an agenda.
    public struct NoOrganizer: Error, Sendable, CustomStringConvertible {
        public var description: String {
            "the agenda has no organizer with an email, and calendars name the organizer (replies go there) — add organizer: { name: ..., email: ... }"
        }
    }

    /// The calendars of `timeline`, before their SEQUENCEs are known; `event.ics` names people
    /// as `audience` may see them.
    public static func draft(timeline: Timeline, zones: ZoneDirectory, stamp: Int64, audience: Audience = .public) throws -> Draft {
        guard timeline.agenda.organizer?.email != nil else { throw NoOrganizer() }
        let invites = Invites(timeline: timeline, zones: zones, stamp: stamp)
        let agenda = timeline.agenda
        var documents: [String: CalendarDocument] = ["event.ics": try invites.published(for: audience)]
        var owners: [String: CalendarOwner] = ["event.ics": .programme]
        let published = audience == .public ? documents["event.ics"] : try invites.published(for: .public)
        let sessionOf = Dictionary(timeline.sessions.flatMap { timed in
            [(Invites.uid(event: agenda.id, session: timed.id), timed.id), (Invites.publicUID(event: agenda.id, session: timed.id), timed.id)]
        }, uniquingKeysWith: { first, _ in first })
        var summaries: [SessionID: String] = [:]
        for event in published?.events ?? [] { if let session = sessionOf[event.uid] { summaries[session] = event.summary } }
        var entries = entries(of: documents["event.ics"], owner: .programme, attendee: nil, summaries: summaries, timeline: timeline, zones: zones)
        let (invited, withoutEmail) = invites.invitees()
        for person in invited {
            guard let email = person.email else { continue }
            let document = try invites.invite(for: person)
            let owner = CalendarOwner.person(person.id)
            // One meeting per message: a REQUEST holds one UID.
            for event in document.events {
                guard let session = sessionOf[event.uid] else { continue }
                let file = "invites/\(person.id.rawValue)/\(session.rawValue).ics"
                documents[file] = CalendarDocument(method: .request, productID: Invites.productID, events: [event])
                owners[file] = owner
            }
            // The whole programme in their own calendar, with the invitations' UIDs and
            // SEQUENCEs, so importing it where they accepted the invitations changes nothing.
            if !document.events.isEmpty {
                let file = "programmes/\(person.id.rawValue).ics"
                documents[file] = CalendarDocument(method: nil, productID: Invites.productID,
                                                   name: "\(DisclosedTimeline(timeline, audience: .participants, reader: person.id).agenda.title): your programme",
                                                   events: document.events)
                owners[file] = owner
            }
            entries += Self.entries(of: document, owner: owner, attendee: .init(name: person.name, email: email),
                                    attendance: person.attendance.rawValue, summaries: summaries, timeline: timeline, zones: zones)
        }
        let warnings = withoutEmail.map { "\($0.name) (\($0.id)) takes part but has no email, so gets no invite — add email: to send one" }
        let forPublic = DisclosedTimeline(timeline, audience: .public)
        return Draft(documents: documents, owners: owners, entries: entries, warnings: warnings, publicSummaries: summaries,
                     publicTitle: forPublic.agenda.title, publicSearch: forPublic.textSearch(in: nil))
    }

    /// The entries a document's events stand for, with their meaning.
    static func entries(of document: CalendarDocument?, owner: CalendarOwner, attendee: CalendarDocument.Party?, attendance: String = "",
                        summaries: [SessionID: String], timeline: Timeline, zones: ZoneDirectory) -> [CalendarEntry] {
        let uid: (SessionID) -> String = owner == .programme
            ? { Invites.publicUID(event: timeline.agenda.id, session: $0) } : { Invites.uid(event: timeline.agenda.id, session: $0) }
        let sessions = Dictionary(timeline.sessions.map { (uid($0.id), $0) }, uniquingKeysWith: { first, _ in first })
        return (document?.events ?? []).compactMap { event in
            guard let timed = sessions[event.uid] else { return nil }
            let role = attendee.flatMap { reader in event.attendees.first { $0.party.email == reader.email } }.map { "\($0.role)" } ?? ""
            // Place and link as the organisers wrote them: what one reader's copy withholds of
            // them is wording, and must not make the same session two meanings.
            var turn: Int64 = 0
            if case .person(let id) = owner { turn = timed.roles.reminder(for: id)?.at.seconds ?? 0 }
            let others = event.attendees.map(\.party.email).filter { $0 != attendee?.email }.map { $0.lowercased() }.sorted()
            let meaning = InvitationMeaning(start: timed.start.seconds, end: timed.end.seconds,
                                            place: Invites.place(of: timed, in: timeline.agenda).joined(separator: ", "),
                                            link: timeline.agenda.venue?.online?.url ?? "", role: role, attendance: attendance, cancelled: false,
                                            turn: turn, address: attendee?.email.lowercased() ?? "",
                                            // A digest, not the list: the history keeps no one's address in anyone else's entry.
                                            attendees: others.isEmpty ? "" : OutputWriter.fingerprint(Data(others.joined(separator: ",").utf8)))
            // The history keeps only the public programme's wording, for the cancellation of a
            // session that is gone; it is cleaned again, as the public may read it then.
            return CalendarEntry(owner: owner, uid: event.uid, session: timed.id, meaning: meaning, summary: summaries[timed.id] ?? "",
                                 timeZone: event.timeZone, startText: event.start.description, endText: event.end.description,
                                 organizer: event.organizer, attendee: attendee)
        }
    }

    /// The files of `draft` once `history` (which includes its versions) gives their SEQUENCEs:
    /// the calendars, and a cancellation file for each calendar with pending cancellations.
    public static func files(of draft: Draft, history: CalendarHistory, stamp: Int64) throws -> [OutputFile] {
        var paths: [String] = [], batch: [CalendarDocument] = []
        for (file, document) in draft.documents.sorted(by: { $0.key < $1.key }) {
            guard let owner = draft.owners[file] else { continue }
            var document = document
            for index in document.events.indices {
                let key = CalendarHistory.Key(owner: owner, uid: document.events[index].uid)
                document.events[index].sequence = history.latest[key]?.sequence ?? 0
            }
            guard !document.events.isEmpty else { continue }
            paths.append(file)
            batch.append(document)
        }
        let cancellations = Dictionary(grouping: history.pendingCancellations, by: \.entry.owner)
        for owner in cancellations.keys.sorted() {
            let versions = (cancellations[owner] ?? []).sorted { $0.entry.uid < $1.entry.uid }
            let events = versions.map { version in
                let entry = version.entry
                // Removing a person from a session that goes on is not cancelling it.
                let uninvite = version.kind == .uninvite
                return CalendarDocument.Event(uid: entry.uid, sequence: version.sequence, stamp: stamp, timeZone: entry.timeZone,
                                              start: Self.civil(entry.startText), end: Self.civil(entry.endText),
                                              summary: draft.publicSummaries[entry.session]
                                                  ?? (entry.summary.isEmpty ? "\(draft.publicTitle): cancelled session" : draft.publicSearch.replacing(in: entry.summary)),
                                              cancelled: !uninvite, uninvite: uninvite,
                                              comment: uninvite ? "You no longer take part in this session; it goes ahead without you." : "This session is cancelled.",
                                              organizer: entry.organizer,
                                              attendees: entry.attendee.map { [.init(party: $0, role: .optional)] } ?? [])
            }
            switch owner {
            case .programme:
                // A published calendar withdraws an event by publishing it cancelled (iTIP's
                // CANCEL is for invitations, which name their attendees).
                paths.append("cancellations/event.ics")
                batch.append(CalendarDocument(method: .publish, productID: Invites.productID, name: draft.publicTitle, events: events))
            case .person(let id):
                // One CANCEL per session, as one REQUEST.
                for (version, event) in zip(versions, events) {
                    paths.append("cancellations/invites/\(id.rawValue)/\(version.entry.session.rawValue).ics")
                    batch.append(CalendarDocument(method: .cancel, productID: Invites.productID, events: [event]))
                }
            }
        }
        return zip(paths, try CalendarWriter.texts(of: batch)).map { OutputFile(path: $0, contents: $1) }
    }

    /// The calendar files of `timeline` given `history`, with the versions they add: for a
    /// caller that records them itself (the event store runs ``CalendarHistory`` in its own
    /// transaction instead).
    public static func make(timeline: Timeline, zones: ZoneDirectory, stamp: Int64, history: CalendarHistory = .init(latest: [:]),
                            audience: Audience = .public) throws -> Result {
        let draft = try draft(timeline: timeline, zones: zones, stamp: stamp, audience: audience)
        let added = history.versions(for: draft.entries, now: stamp)
        let next = history.extended(with: added)
        return Result(files: try files(of: draft, history: next, stamp: stamp), warnings: draft.warnings, added: added, history: next)
    }

    /// `20221019T081500` as a civil time (what a history entry keeps of its start and end).
    static func civil(_ text: String) -> CivilTime {
        let digits = text.compactMap { $0.wholeNumberValue }
        guard digits.count >= 14 else { return CivilTime(year: 1970, month: 1, day: 1) }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        return CivilTime(year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10), minute: number(10..<12), second: number(12..<14))
    }
}
