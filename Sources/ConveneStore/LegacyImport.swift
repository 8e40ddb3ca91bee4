import Convene
import Foundation
import GRDB
import ICal

/// The `.convene-sent.json` that earlier versions of Convene kept in each output folder,
/// imported into the event store the first time a command writes into that folder, then left
/// alone. Its entries are checked as strictly as an agenda: the file names, UIDs, numbers,
/// zones and times, and the parties' names and addresses. A bad entry is an error naming the
/// file and the entry; nothing is imported from a file with one.
public enum LegacyImport {
    /// The old state file's name.
    public static let fileName = ".convene-sent.json"

    /// The largest SEQUENCE an old file may hold: far more changes than any event has, and far
    /// from the 32-bit limit of iCalendar's SEQUENCE, so every later change still has a number.
    public static let maximumSequence = 1_000_000

    /// The versions the file at `path` (its text `text`) holds for `event`, all counted as sent
    /// at `now`.
    public static func versions(path: String, text: String, event: String, zones: ZoneDirectory, at now: Int64) throws(StoreError) -> [CalendarVersion] {
        func fail(_ entry: String, _ reason: String) -> StoreError { .legacyEntry(file: path, entry: entry, reason: reason) }
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("(the whole file)", "it is not JSON")
        }
        guard (object["convene_sent"] as? NSNumber)?.intValue == 1, let calendars = object["calendars"] as? [String: Any] else {
            throw fail("(the whole file)", "it does not say convene_sent: 1 and list calendars")
        }
        var versions: [CalendarVersion] = []
        for file in calendars.keys.sorted() {
            let owner: CalendarOwner
            if file == "event.ics" {
                owner = .programme
            } else if file.hasPrefix("invites/"), file.hasSuffix(".ics"), file.count > 12,
                      AgendaFormat.isIdentifier(String(file.dropFirst(8).dropLast(4))) {
                owner = .person(PersonID(rawValue: String(file.dropFirst(8).dropLast(4))))
            } else {
                throw fail(file, "it is not event.ics or invites/PERSON-ID.ics")
            }
            guard let events = calendars[file] as? [String: Any] else { throw fail(file, "it is not a mapping of UIDs to events") }
            for uid in events.keys.sorted() {
                let place = "\(file) \(uid)"
                let suffix = "@\(event).convene"
                guard uid.hasSuffix(suffix), AgendaFormat.isIdentifier(String(uid.dropLast(suffix.count))) else {
                    throw fail(place, "its UID is not SESSION-ID@\(event).convene")
                }
                let session = SessionID(rawValue: String(uid.dropLast(suffix.count)))
                guard let entry = events[uid] as? [String: Any] else { throw fail(place, "it is not a mapping") }
                // true and false are numbers to JSONSerialization: tell them by their C type.
                guard let number = entry["sequence"] as? NSNumber, String(cString: number.objCType) != "c",
                      number.doubleValue == number.doubleValue.rounded(), number.doubleValue >= 0, number.doubleValue <= Double(maximumSequence) else {
                    throw fail(place, "its sequence is not a whole number from 0 to \(maximumSequence)")
                }
                guard let cancelled = entry["cancelled"] as? Bool else { throw fail(place, "cancelled is not true or false") }
                guard let zone = entry["timezone"] as? String, let current = zones.currentName(for: zone) else {
                    throw fail(place, "its timezone is not a zone of the tz database")
                }
                guard let startText = entry["start"] as? String, let start = civil(startText),
                      let endText = entry["end"] as? String, let end = civil(endText) else {
                    throw fail(place, "its start or end is not a time written YYYYMMDDTHHMMSS")
                }
                guard let startInstant = try? zones.instant(at: start, in: current, policy: .bound),
                      let endInstant = try? zones.instant(at: end, in: current, policy: .bound), endInstant > startInstant else {
                    throw fail(place, "its start and end are not a stretch of time in \(current)")
                }
                guard let summary = entry["summary"] as? String, summary.count <= 10_000, clean(summary) else {
                    throw fail(place, "its summary is missing, too long or holds control characters")
                }
                func party(_ key: String) throws(StoreError) -> CalendarDocument.Party? {
                    guard let value = entry[key], !(value is NSNull) else { return nil }
                    guard let fields = value as? [String: Any], let name = fields["name"] as? String, let email = fields["email"] as? String,
                          clean(name), clean(email), email.contains("@"), !email.contains(" "), name.count <= 1_000, email.count <= 320 else {
                        throw fail(place, "its \(key) is not a name and an e-mail address on one line each")
                    }
                    return .init(name: name, email: email)
                }
                let meaning = InvitationMeaning(start: startInstant.seconds, end: endInstant.seconds, place: "", link: "", role: "",
                                                attendance: "", cancelled: cancelled)
                // The old summary is checked but not kept: cancellations are worded anew.
                _ = summary
                // The old file's public programme used the invitations' UIDs.
                let calendarEntry = CalendarEntry(owner: owner, uid: owner == .programme ? Invites.publicUID(of: uid) : uid, session: session, meaning: meaning, summary: "",
                                                  timeZone: current, startText: start.description, endText: end.description,
                                                  organizer: try party("organizer"), attendee: try party("attendee"))
                let sequence = number.intValue
                var version = CalendarVersion(entry: calendarEntry, sequence: sequence,
                                              kind: cancelled ? .cancellation : sequence == 0 ? .invite : .update,
                                              changed: [], generatedAt: now, sentAt: now)
                version.isLegacy = true
                versions.append(version)
            }
        }
        return versions
    }

    /// `20221019T081500` as a civil time, when every field is in range.
    static func civil(_ text: String) -> CivilTime? {
        let characters = Array(text)
        guard characters.count == 15, characters[8] == "T",
              characters.enumerated().allSatisfy({ $0.offset == 8 || $0.element.isASCII && $0.element.isNumber }) else { return nil }
        func number(_ range: Range<Int>) -> Int { Int(String(characters[range])) ?? -1 }
        let year = number(0..<4), month = number(4..<6), day = number(6..<8)
        let hour = number(9..<11), minute = number(11..<13), second = number(13..<15)
        guard (1900...2200).contains(year), (1...12).contains(month), (1...LocalDate.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Whether `text` is one line with no control characters.
    static func clean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }
}

extension EventStore {
    /// Imports the old state file at `path` (with text `text`) once: a file already imported
    /// is left alone. Returns how many versions were imported.
    @discardableResult
    public func importLegacy(path: String, text: String, zones: ZoneDirectory, at now: Int64) throws(StoreError) -> Int {
        let key = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let versions = try LegacyImport.versions(path: path, text: text, event: event, zones: zones, at: now)
        do {
            return try transaction { db in
                if try Row.fetchOne(db, sql: "SELECT 1 FROM legacy_import WHERE event_id = ? AND file = ?", arguments: [event, key]) != nil {
                    return 0
                }
                let known = try Self.history(db, event: event)
                var imported = 0
                for version in versions where known.latest[version.key] == nil {
                    var record = VersionRecord(version, event: event)
                    try record.insert(db)
                    imported += 1
                }
                try db.execute(sql: "INSERT INTO legacy_import (event_id, file, imported_at) VALUES (?, ?, ?)", arguments: [event, key, now])
                return imported
            }
        } catch {
            throw StoreError(error, path: self.path)
        }
    }
}
