import Convene
import GRDB
import ICal

/// One row of `calendar_version`: one version of one calendar entry, as generated.
struct VersionRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "calendar_version"

    var id: Int64?
    var eventID: String
    var owner: String
    var uid: String
    var sessionID: String
    var sequence: Int
    var kind: String
    var changed: String
    var startUTC: Int64
    var endUTC: Int64
    var place: String
    var link: String
    var role: String
    var attendance: String
    var cancelled: Bool
    var summary: String
    var timeZone: String
    var startText: String
    var endText: String
    var organizerName: String?
    var organizerEmail: String?
    var attendeeName: String?
    var attendeeEmail: String?
    var generatedAt: Int64
    var sentAt: Int64?
    var discardedAt: Int64?
    /// Imported from an output folder's `.convene-sent.json`: only its time and status are known.
    var legacy: Bool
    var turnUTC: Int64
    var address: String
    var attendees: String

    enum CodingKeys: String, CodingKey {
        case id, owner, uid, sequence, kind, changed, place, link, role, attendance, cancelled, summary, legacy, address, attendees
        case turnUTC = "turn_utc"
        case eventID = "event_id", sessionID = "session_id", startUTC = "start_utc", endUTC = "end_utc"
        case timeZone = "time_zone", startText = "start_text", endText = "end_text"
        case organizerName = "organizer_name", organizerEmail = "organizer_email"
        case attendeeName = "attendee_name", attendeeEmail = "attendee_email"
        case generatedAt = "generated_at", sentAt = "sent_at", discardedAt = "discarded_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    init(_ version: CalendarVersion, event: String) {
        let entry = version.entry
        id = nil
        eventID = event
        owner = entry.owner.storedName
        uid = entry.uid
        sessionID = entry.session.rawValue
        sequence = version.sequence
        kind = version.kind.rawValue
        changed = version.changed.joined(separator: ",")
        startUTC = entry.meaning.start
        endUTC = entry.meaning.end
        place = entry.meaning.place
        link = entry.meaning.link
        role = entry.meaning.role
        attendance = entry.meaning.attendance
        cancelled = entry.meaning.cancelled
        summary = entry.summary
        timeZone = entry.timeZone
        startText = entry.startText
        endText = entry.endText
        organizerName = entry.organizer?.name
        organizerEmail = entry.organizer?.email
        attendeeName = entry.attendee?.name
        attendeeEmail = entry.attendee?.email
        generatedAt = version.generatedAt
        sentAt = version.sentAt
        discardedAt = version.discardedAt
        legacy = version.isLegacy
        turnUTC = entry.meaning.turn
        address = entry.meaning.address
        attendees = entry.meaning.attendees
    }

    /// The version this row holds.
    var version: CalendarVersion {
        func party(_ name: String?, _ email: String?) -> CalendarDocument.Party? {
            guard let name, let email else { return nil }
            return .init(name: name, email: email)
        }
        let meaning = InvitationMeaning(start: startUTC, end: endUTC, place: place, link: link, role: role,
                                        attendance: attendance, cancelled: cancelled, turn: turnUTC, address: address, attendees: attendees)
        let entry = CalendarEntry(owner: CalendarOwner(storedName: owner), uid: uid, session: SessionID(rawValue: sessionID),
                                  meaning: meaning, summary: summary, timeZone: timeZone, startText: startText, endText: endText,
                                  organizer: party(organizerName, organizerEmail), attendee: party(attendeeName, attendeeEmail))
        var version = CalendarVersion(entry: entry, sequence: sequence, kind: CalendarVersion.Kind(rawValue: kind) ?? .update,
                                      changed: changed.isEmpty ? [] : changed.split(separator: ",").map(String.init),
                                      generatedAt: generatedAt, sentAt: sentAt, discardedAt: discardedAt)
        version.isLegacy = legacy
        return version
    }
}
