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
    ///
    /// A person's calendars are made here for the entries they stand for, and again, a person
    /// at a time, when they are written (``outputs(of:history:stamp:)``): the calendars of a
    /// forum of thousands are never all held at once.
    public struct Draft: Sendable {
        /// `event.ics`: the programme as the audience may see it.
        public var programme: CalendarDocument
        /// Whose history each file's SEQUENCEs come from, by file: `event.ics`,
        /// `invites/PERSON-ID/SESSION-ID.ics`, `programmes/PERSON-ID.ics`.
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
        /// How each person's calendars are made, and whose.
        var calendars: PersonCalendars
        /// The VTIMEZONEs the calendars need.
        var zoneKeys: Set<CalendarWriter.ZoneKey>
    }

    /// How each invited person's calendars are made: one REQUEST per session they take part in
    /// (one meeting per iTIP message) and their whole programme.
    struct PersonCalendars: Sendable {
        let invites: Invites
        /// The people who get an invite, in the agenda's order.
        let invited: [Person]
        /// Sessions by their events' UIDs.
        let sessionOf: [String: SessionID]

        /// `person`'s invite, and the calendar files made from it, by path.
        func make(for person: Person) throws -> (invite: CalendarDocument, files: [(path: String, document: CalendarDocument)]) {
            let view = invites.view(for: person)
            let document = try invites.invite(for: person, seenIn: view)
            var files: [(path: String, document: CalendarDocument)] = []
            // One meeting per message: a REQUEST holds one UID.
            for event in document.events {
                guard let session = sessionOf[event.uid] else { continue }
                files.append(("invites/\(person.id.rawValue)/\(session.rawValue).ics",
                              CalendarDocument(method: .request, productID: Invites.productID, events: [event])))
            }
            // The whole programme in their own calendar, with the invitations' UIDs and
            // SEQUENCEs, so importing it where they accepted the invitations changes nothing.
            if !document.events.isEmpty {
                files.append(("programmes/\(person.id.rawValue).ics",
                              CalendarDocument(method: nil, productID: Invites.productID, name: invites.language(of: person).yourProgramme(view.agenda.title),
                                               events: document.events)))
            }
            return (document, files)
        }
    }

    /// The files of a folder, and what the history gained in making them.
    public struct Result: Sendable {
        /// Made a batch at a time as they are written.
        public var files: OutputFiles
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
        let programme = try invites.published(for: audience)
        var owners: [String: CalendarOwner] = ["event.ics": .programme]
        var zoneKeys = Set(CalendarWriter.zoneKeys(of: programme))
        let published = audience == .public ? programme : try invites.published(for: .public)
        let sessionOf = Dictionary(timeline.sessions.flatMap { timed in
            [(Invites.uid(event: agenda.id, session: timed.id), timed.id), (Invites.publicUID(event: agenda.id, session: timed.id), timed.id)]
        }, uniquingKeysWith: { first, _ in first })
        var summaries: [SessionID: String] = [:]
        for event in published.events { if let session = sessionOf[event.uid] { summaries[session] = event.summary } }
        // Each reader's entries keep the public wording in their language, for the cancellation
        // of a session that is gone by then.
        var summariesIn: [SheetLanguage: [SessionID: String]] = [invites.agendaLanguage: summaries]
        func publicSummaries(for person: Person) throws -> [SessionID: String] {
            let language = invites.language(of: person)
            if let known = summariesIn[language] { return known }
            var made: [SessionID: String] = [:]
            for event in try invites.published(for: .public, in: language).events { if let session = sessionOf[event.uid] { made[session] = event.summary } }
            summariesIn[language] = made
            return made
        }
        // Sessions by the UIDs of the programme and of the invitations, made once for all.
        let byPublicUID = Dictionary(timeline.sessions.map { (Invites.publicUID(event: agenda.id, session: $0.id), $0) }, uniquingKeysWith: { first, _ in first })
        let byUID = Dictionary(timeline.sessions.map { (Invites.uid(event: agenda.id, session: $0.id), $0) }, uniquingKeysWith: { first, _ in first })
        var entries = entries(of: programme, owner: .programme, attendee: nil, summaries: summaries, sessions: byPublicUID, timeline: timeline)
        let (invited, withoutEmail) = invites.invitees()
        let calendars = PersonCalendars(invites: invites, invited: invited, sessionOf: sessionOf)
        for person in invited {
            guard let email = person.email else { continue }
            // Only what the history and the folder's check need is kept: the calendars
            // themselves are made again when they are written.
            let (document, files) = try calendars.make(for: person)
            let owner = CalendarOwner.person(person.id)
            for file in files {
                owners[file.path] = owner
                zoneKeys.formUnion(CalendarWriter.zoneKeys(of: file.document))
            }
            entries += Self.entries(of: document, owner: owner, attendee: .init(name: person.name, email: email),
                                    attendance: person.attendance.rawValue, summaries: try publicSummaries(for: person), sessions: byUID, timeline: timeline)
        }
        let warnings = withoutEmail.map { "\($0.name) (\($0.id)) takes part but has no email, so gets no invite — add email: to send one" }
        let forPublic = DisclosedTimeline(timeline, audience: .public)
        return Draft(programme: programme, owners: owners, entries: entries, warnings: warnings, publicSummaries: summaries,
                     publicTitle: forPublic.agenda.title, publicSearch: forPublic.textSearch(in: nil), calendars: calendars, zoneKeys: zoneKeys)
    }

    /// The words of cancellations, in each reader's language: the public programme's SUMMARY
    /// of each session as that language gives it (made once a language), and the event's title.
    struct CancellationWordings {
        let draft: Draft
        private var made: [SheetLanguage: (summaries: [SessionID: String], title: String)] = [:]

        init(draft: Draft) { self.draft = draft }

        /// Who reads `owner`'s cancellations decides their language: a person still in the
        /// agenda reads theirs in their own; the public, and someone no longer listed, in the agenda's.
        mutating func wording(for owner: CalendarOwner) throws -> (language: SheetLanguage, summaries: [SessionID: String], title: String) {
            let invites = draft.calendars.invites
            var language = invites.agendaLanguage
            if case .person(let id) = owner, let person = invites.timeline.agenda.people.first(where: { $0.id == id }) {
                language = invites.language(of: person)
            }
            if language == invites.agendaLanguage { return (language, draft.publicSummaries, draft.publicTitle) }
            if let known = made[language] { return (language, known.summaries, known.title) }
            let published = try invites.published(for: .public, in: language)
            var summaries: [SessionID: String] = [:]
            for event in published.events { if let session = draft.calendars.sessionOf[event.uid] { summaries[session] = event.summary } }
            let title = DisclosedTimeline(invites.timeline.localized(to: language.rawValue), audience: .public).agenda.title
            made[language] = (summaries, title)
            return (language, summaries, title)
        }
    }

    /// The entries a document's events stand for, with their meaning; `sessions` are the
    /// timeline's sessions by the UID they have in `owner`'s calendar.
    static func entries(of document: CalendarDocument, owner: CalendarOwner, attendee: CalendarDocument.Party?, attendance: String = "",
                        summaries: [SessionID: String], sessions: [String: TimedSession], timeline: Timeline) -> [CalendarEntry] {
        return document.events.compactMap { event in
            guard let timed = sessions[event.uid] else { return nil }
            let role = attendee.flatMap { reader in event.attendees.first { $0.party.email == reader.email } }.map { "\($0.role)" } ?? ""
            // Place and link as the organisers wrote them: what one reader's copy withholds of
            // them is wording, and must not make the same session two meanings.
            var turn: Int64 = 0
            if case .person(let id) = owner { turn = timed.roles.reminder(for: id)?.at.seconds ?? 0 }
            let others = event.attendees.map(\.party.email).filter { $0 != attendee?.email }.map { $0.lowercased() }.sorted()
            let meaning = InvitationMeaning(start: timed.start.seconds, end: timed.end.seconds,
                                            place: Invites.place(of: timed, in: timeline.agenda).joined(separator: ", "),
                                            link: timed.session.onlineAccess(in: timeline.agenda)?.url ?? "", role: role, attendance: attendance, cancelled: false,
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
        try outputs(of: draft, history: history, stamp: stamp).all()
    }

    /// The cancellation files that wait to be sent, by path: the public programme's sessions
    /// that are gone in one PUBLISH, and each person's cancellations and uninvites one CANCEL
    /// a session, with the versions they stand for.
    static func cancellationDocuments(of draft: Draft, history: CalendarHistory, stamp: Int64) throws
        -> [(path: String, document: CalendarDocument, versions: [CalendarVersion])] {
        var cancelled: [(path: String, document: CalendarDocument, versions: [CalendarVersion])] = []
        let cancellations = Dictionary(grouping: history.pendingCancellations, by: \.entry.owner)
        var wordings = CancellationWordings(draft: draft)
        for owner in cancellations.keys.sorted() {
            let versions = (cancellations[owner] ?? []).sorted { $0.entry.uid < $1.entry.uid }
            // A person's cancellation is in their language; the public one in the agenda's.
            let wording = try wordings.wording(for: owner)
            let events = versions.map { version in
                let entry = version.entry
                // Removing a person from a session that goes on is not cancelling it.
                let uninvite = version.kind == .uninvite
                return CalendarDocument.Event(uid: entry.uid, sequence: version.sequence, stamp: stamp, timeZone: entry.timeZone,
                                              start: Self.civil(entry.startText), end: Self.civil(entry.endText),
                                              summary: wording.summaries[entry.session]
                                                  ?? (entry.summary.isEmpty ? wording.language.cancelledSession(wording.title) : draft.publicSearch.replacing(in: entry.summary)),
                                              cancelled: !uninvite, uninvite: uninvite,
                                              comment: wording.language.cancellationComment(uninvite: uninvite),
                                              organizer: entry.organizer,
                                              attendees: entry.attendee.map { [.init(party: $0, role: .optional)] } ?? [])
            }
            switch owner {
            case .programme:
                // A published calendar withdraws an event by publishing it cancelled (iTIP's
                // CANCEL is for invitations, which name their attendees).
                cancelled.append(("cancellations/event.ics",
                                  CalendarDocument(method: .publish, productID: Invites.productID, name: draft.publicTitle, events: events), versions))
            case .person(let id):
                // One CANCEL per session, as one REQUEST.
                for (version, event) in zip(versions, events) {
                    cancelled.append(("cancellations/invites/\(id.rawValue)/\(version.entry.session.rawValue).ics",
                                      CalendarDocument(method: .cancel, productID: Invites.productID, events: [event]), [version]))
                }
            }
        }
        return cancelled
    }

    /// The files of ``files(of:history:stamp:)``, made and written a person at a time, in
    /// batches of about ``OutputFiles/batchBytes`` of text, with each zone's VTIMEZONE made
    /// once for all: what a folder of thousands of invitations is written from. Every
    /// VTIMEZONE is made here, so a zone that cannot be written is found before any file is.
    public static func outputs(of draft: Draft, history: CalendarHistory, stamp: Int64) throws -> OutputFiles {
        let cancelled = try cancellationDocuments(of: draft, history: history, stamp: stamp).map { (path: $0.path, document: $0.document) }
        let writer = CalendarWriter.Batches()
        try writer.prepare(draft.zoneKeys.union(cancelled.flatMap { CalendarWriter.zoneKeys(of: $0.document) }))
        // Every calendar has an event (a programme with no sessions is not written).
        let paths = draft.owners.keys.filter { $0 != "event.ics" || !draft.programme.events.isEmpty }.sorted() + cancelled.map(\.path)
        let latest = history.latest, programme = draft.programme, calendars = draft.calendars, cancellationFiles = cancelled
        return OutputFiles(paths: paths) { body in
            var batch: [OutputFile] = [], bytes = 0
            func add(_ path: String, _ document: CalendarDocument, owner: CalendarOwner?) throws {
                var document = document
                guard !document.events.isEmpty else { return }
                if let owner {
                    for index in document.events.indices {
                        document.events[index].sequence = latest[CalendarHistory.Key(owner: owner, uid: document.events[index].uid)]?.sequence ?? 0
                    }
                }
                let text = try writer.text(of: document)
                bytes += text.utf8.count
                batch.append(OutputFile(path: path, contents: text))
                if bytes >= OutputFiles.batchBytes {
                    try body(batch)
                    batch.removeAll(keepingCapacity: true)
                    bytes = 0
                }
            }
            try add("event.ics", programme, owner: .programme)
            for person in calendars.invited {
                for file in try calendars.make(for: person).files { try add(file.path, file.document, owner: .person(person.id)) }
            }
            for file in cancellationFiles { try add(file.path, file.document, owner: nil) }
            if !batch.isEmpty { try body(batch) }
        }
    }

    /// The calendar files of `timeline` given `history`, with the versions they add: for a
    /// caller that records them itself (the event store runs ``CalendarHistory`` in its own
    /// transaction instead).
    public static func make(timeline: Timeline, zones: ZoneDirectory, stamp: Int64, history: CalendarHistory = .init(latest: [:]),
                            audience: Audience = .public) throws -> Result {
        let draft = try draft(timeline: timeline, zones: zones, stamp: stamp, audience: audience)
        let added = history.versions(for: draft.entries, now: stamp)
        let next = history.extended(with: added)
        return Result(files: try outputs(of: draft, history: next, stamp: stamp), warnings: draft.warnings, added: added, history: next)
    }

    /// `20221019T081500` as a civil time (what a history entry keeps of its start and end).
    static func civil(_ text: String) -> CivilTime {
        let digits = text.compactMap { $0.wholeNumberValue }
        guard digits.count >= 14 else { return CivilTime(year: 1970, month: 1, day: 1) }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        return CivilTime(year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10), minute: number(10..<12), second: number(12..<14))
    }
}
