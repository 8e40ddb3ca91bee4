import Foundation
import ICal

/// What Convene sent last time, kept in `.convene-sent.json` beside the calendars, so that a
/// changed session keeps its UID with a higher SEQUENCE, an unchanged one keeps its SEQUENCE,
/// and a session (or a person's part in it) that is gone is cancelled.
public struct SentCalendars: Sendable, Equatable {
    public static let fileName = ".convene-sent.json"

    /// One event as it was last sent.
    public struct Entry: Sendable, Equatable {
        public var sequence: Int
        /// A digest of everything the event said, but its SEQUENCE and DTSTAMP.
        public var fingerprint: String
        /// Enough to send a cancellation that clients can match.
        public var summary: String
        public var timeZone: String
        public var start: String
        public var end: String
        public var cancelled: Bool
        /// Who sent it and, in a person's invite, who it was for: a cancellation names them.
        public var organizer: CalendarDocument.Party?
        public var attendee: CalendarDocument.Party?
    }

    /// By calendar file (`event.ics`, `invites/PERSON-ID.ics`), then by UID.
    public var calendars: [String: [String: Entry]] = [:]

    public init() {}

    /// Why the file cannot be used.
    public struct Damaged: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String {
            "\(SentCalendars.fileName) is damaged (\(reason)) — restore it from a backup, or delete it to start over (every invite is then new to calendar clients)"
        }
    }

    /// Reads the file's text; a damaged file is an error, never silently reset.
    public init(text: String) throws(Damaged) {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Damaged(reason: "it is not JSON")
        }
        guard object["convene_sent"] as? Int == 1, let calendars = object["calendars"] as? [String: Any] else {
            throw Damaged(reason: "it does not say convene_sent: 1 and list calendars")
        }
        for (file, value) in calendars {
            guard let events = value as? [String: Any] else { throw Damaged(reason: "\(file) is not a list of events") }
            for (uid, raw) in events {
                guard let entry = raw as? [String: Any], let sequence = entry["sequence"] as? Int, sequence >= 0,
                      let fingerprint = entry["fingerprint"] as? String, let summary = entry["summary"] as? String,
                      let zone = entry["timezone"] as? String, let start = entry["start"] as? String, let end = entry["end"] as? String,
                      let cancelled = entry["cancelled"] as? Bool else {
                    throw Damaged(reason: "the entry for \(uid) in \(file) is incomplete")
                }
                func party(_ key: String) -> CalendarDocument.Party? {
                    guard let value = entry[key] as? [String: String], let name = value["name"], let email = value["email"] else { return nil }
                    return .init(name: name, email: email)
                }
                self.calendars[file, default: [:]][uid] = Entry(sequence: sequence, fingerprint: fingerprint, summary: summary,
                                                               timeZone: zone, start: start, end: end, cancelled: cancelled,
                                                               organizer: party("organizer"), attendee: party("attendee"))
            }
        }
    }

    /// The file's text.
    public func json() -> JSONValue {
        .object([
            ("convene_sent", .int(1)),
            ("calendars", .object(calendars.keys.sorted().map { file in
                (file, .object((calendars[file] ?? [:]).keys.sorted().map { uid in
                    let entry = calendars[file]?[uid] ?? Entry(sequence: 0, fingerprint: "", summary: "", timeZone: "", start: "", end: "", cancelled: false)
                    func party(_ value: CalendarDocument.Party?) -> JSONValue {
                        value.map { .object([("name", .string($0.name)), ("email", .string($0.email))]) } ?? .null
                    }
                    return (uid, .object([
                        ("sequence", .int(entry.sequence)), ("fingerprint", .string(entry.fingerprint)),
                        ("summary", .string(entry.summary)), ("timezone", .string(entry.timeZone)),
                        ("start", .string(entry.start)), ("end", .string(entry.end)), ("cancelled", .bool(entry.cancelled)),
                        ("organizer", party(entry.organizer)), ("attendee", party(entry.attendee)),
                    ]))
                }))
            })),
        ])
    }

    /// The calendars to write now, given what they say (`documents`, by file) and what was
    /// sent before: sequences set, and a CANCEL document (by file) for every event that is gone.
    /// `owners` names the person each invite file is for.
    public func update(_ documents: [String: CalendarDocument], owners: [String: CalendarDocument.Party], stamp: Int64) -> (documents: [String: CalendarDocument], cancellations: [String: CalendarDocument], state: SentCalendars) {
        var next = SentCalendars()
        var out: [String: CalendarDocument] = [:]
        var cancellations: [String: CalendarDocument] = [:]
        for file in Set(documents.keys).union(calendars.keys).sorted() {
            let before = calendars[file] ?? [:]
            var document = documents[file]
            var kept: [String: Entry] = [:]
            for index in (document?.events ?? []).indices {
                guard let event = document?.events[index] else { continue }
                let print = Self.fingerprint(event)
                let sequence: Int
                if let previous = before[event.uid] {
                    sequence = previous.fingerprint == print && !previous.cancelled ? previous.sequence : previous.sequence + 1
                } else {
                    sequence = 0
                }
                document?.events[index].sequence = sequence
                kept[event.uid] = Entry(sequence: sequence, fingerprint: print, summary: event.summary, timeZone: event.timeZone,
                                        start: event.start.description, end: event.end.description, cancelled: false,
                                        organizer: event.organizer, attendee: owners[file])
            }
            var cancelled: [CalendarDocument.Event] = []
            for uid in before.keys.sorted() where kept[uid] == nil {
                guard let previous = before[uid] else { continue }
                if previous.cancelled { kept[uid] = previous; continue }
                let event = CalendarDocument.Event(uid: uid, sequence: previous.sequence + 1, stamp: stamp, timeZone: previous.timeZone,
                                                   start: Self.civil(previous.start), end: Self.civil(previous.end),
                                                   summary: previous.summary, cancelled: true, organizer: previous.organizer,
                                                   attendees: previous.attendee.map { [.init(party: $0, role: .optional)] } ?? [])
                cancelled.append(event)
                var entry = previous
                entry.sequence += 1
                entry.cancelled = true
                kept[uid] = entry
            }
            if let document, !document.events.isEmpty { out[file] = document }
            if !cancelled.isEmpty {
                // A published calendar withdraws an event by publishing it cancelled (iTIP's
                // CANCEL is for invitations, which name their attendees).
                let method: CalendarDocument.Method = file.hasPrefix("invites/") ? .cancel : .publish
                cancellations[file] = CalendarDocument(method: method, productID: documents[file]?.productID ?? Invites.productID, events: cancelled)
            }
            if !kept.isEmpty { next.calendars[file] = kept }
        }
        return (out, cancellations, next)
    }

    /// Everything an event says but its SEQUENCE and DTSTAMP, digested.
    static func fingerprint(_ event: CalendarDocument.Event) -> String {
        var text = [event.uid, event.timeZone, event.start.description, event.end.description, event.summary,
                    event.description ?? "", event.location ?? "", event.url ?? "", event.conference ?? "",
                    event.cancelled ? "cancelled" : "", event.organizer.map { "\($0.name) <\($0.email)>" } ?? ""].joined(separator: "\u{1F}")
        for attendee in event.attendees { text += "\u{1E}\(attendee.party.name) <\(attendee.party.email)> \(attendee.role)" }
        for alarm in event.alarms { text += "\u{1D}\(alarm.minutesBefore) \(alarm.text)" }
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBytes { OutputWriter.fingerprint(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func civil(_ text: String) -> CivilTime {
        let digits = text.compactMap { $0.wholeNumberValue }
        guard digits.count >= 14 else { return CivilTime(year: 1970, month: 1, day: 1) }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        return CivilTime(year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10), minute: number(10..<12), second: number(12..<14))
    }
}
