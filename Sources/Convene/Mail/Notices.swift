import Foundation
import ICal

/// A message that carries no invitation: a reminder before a session, or an online
/// speaker's briefing. The event store keeps which were sent by what they say
/// (``fingerprint``): a reminder goes once for a session's start, a briefing again when it
/// changes.
public struct NoticeMessage: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case reminder, briefing
    }

    public var kind: Kind
    public var person: PersonID
    /// The session a reminder is for; a briefing is for the whole event.
    public var session: SessionID?
    public var from: CalendarDocument.Party
    public var to: CalendarDocument.Party
    public var language: SheetLanguage
    public var subject: String
    public var text: String
    /// Files attached: a briefing's HTML sheet, and its PDF when a PDF engine is installed.
    public var attachments: [Attachment]
    /// What it says, as the store compares it: the session's UID and start for a reminder, the
    /// sheet's text for a briefing.
    public var fingerprint: String

    public struct Attachment: Sendable {
        public var filename: String
        public var type: String
        public var data: Data
    }
}

public enum Notices {
    /// The reminders of the sessions that start after `now` and no later than `before`
    /// seconds after it: one per invited person and session, with their invitation's text
    /// (their own times, their turn, the join link) in their language.
    public static func reminders(of draft: CalendarOutputs.Draft, timeline: Timeline, now: Int64, before: Int64) throws -> [NoticeMessage] {
        let due = timeline.sessions.filter { $0.start.seconds > now && $0.start.seconds <= now + before }
        guard !due.isEmpty else { return [] }
        let dueUIDs = Dictionary(due.map { (Invites.uid(event: timeline.agenda.id, session: $0.id), $0) }, uniquingKeysWith: { first, _ in first })
        let invites = draft.calendars.invites
        var messages: [NoticeMessage] = []
        for person in draft.calendars.invited {
            guard let email = person.email else { continue }
            let language = invites.language(of: person)
            for event in try draft.calendars.make(for: person).invite.events {
                guard let timed = dueUIDs[event.uid], let organizer = event.organizer else { continue }
                messages.append(NoticeMessage(
                    kind: .reminder, person: person.id, session: timed.id, from: organizer, to: .init(name: person.name, email: email),
                    language: language, subject: language.reminderSubject(event.summary), text: event.description ?? event.summary, attachments: [],
                    fingerprint: "reminder \(event.uid) \(timed.start.seconds)"))
            }
        }
        return messages
    }

    /// Each online speaker's briefing, in their language: the text sheet as the message, the
    /// HTML sheet attached, and the PDF too with `pdf`.
    public static func briefings(timeline: Timeline, zones: ZoneDirectory, renderer: SheetRenderer, pdf: PDFPrinting?) throws -> [NoticeMessage] {
        let agenda = timeline.agenda
        guard let organizer = agenda.organizer, let from = organizer.email else { return [] }
        var messages: [NoticeMessage] = []
        for person in PrintedSheets.onlineSpeakers(of: timeline, zones: zones) {
            guard let email = person.email else { continue }
            let language = PrintedSheets.language(of: person, in: agenda)
            let view = try PrintedSheets.briefing(of: person, timeline: timeline, zones: zones)
            let text = try renderer.render(view, sheet: .briefing, format: .text)
            let html = try renderer.render(view, sheet: .briefing, format: .html)
            var attachments = [NoticeMessage.Attachment(filename: "briefing-\(person.id.rawValue).html", type: "text/html; charset=UTF-8", data: Data(html.utf8))]
            if let pdf {
                let paper = Paper(zone: person.effectiveTimeZone(in: agenda), zones: zones)
                attachments.append(.init(filename: "briefing-\(person.id.rawValue).pdf", type: "application/pdf", data: try pdf.print(html, paper: paper)))
            }
            let title = DisclosedTimeline(timeline.localized(to: language.rawValue), audience: .participants).agenda.title
            messages.append(NoticeMessage(
                kind: .briefing, person: person.id, session: nil, from: .init(name: organizer.name, email: from), to: .init(name: person.name, email: email),
                language: language, subject: language.briefingSubject(title), text: text, attachments: attachments,
                fingerprint: "briefing " + OutputWriter.fingerprint(text + "\u{0}" + html)))
        }
        return messages
    }
}

extension CalendarMail {
    /// The e-mail of a notice: its text, then its attachments (multipart/mixed), or the text
    /// alone; `Message-ID` made from what it says, so the same notice sent again is the same
    /// message.
    public static func message(for notice: NoticeMessage, date: Int64, draft: Bool = false) -> String {
        let key = String(OutputWriter.fingerprint(notice.kind.rawValue + " " + notice.person.rawValue + " " + notice.fingerprint).drop { $0 != ":" }.dropFirst())
        var text = MessageBytes(capacity: 2 * notice.text.utf8.count + notice.attachments.reduce(0) { $0 + 2 * $1.data.count } + 2_048)
        text.headers(from: notice.from, to: notice.to, subject: notice.subject, date: date,
                     messageID: "convene.\(notice.kind.rawValue).\(key)@\(domain(of: notice.from.email))")
        if draft { text.line("X-Unsent: 1") }
        guard !notice.attachments.isEmpty else {
            text.part(type: "text/plain; charset=UTF-8", body: crlf(notice.text))
            return String(decoding: text.bytes, as: UTF8.self)
        }
        let boundary = "=_convene_mixed_\(key)"
        text.line("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        text.line("")
        text.line("--\(boundary)")
        text.part(type: "text/plain; charset=UTF-8", body: crlf(notice.text))
        for attachment in notice.attachments {
            let name = attachment.filename.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            text.line("--\(boundary)")
            text.part(type: "\(attachment.type); name=\"\(name)\"", disposition: "attachment; filename=\"\(name)\"", body: Array(attachment.data))
        }
        text.line("--\(boundary)--")
        return String(decoding: text.bytes, as: UTF8.self)
    }
}
