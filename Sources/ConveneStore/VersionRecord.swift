import Foundation
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
    var handedAt: Int64?
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
        case generatedAt = "generated_at", sentAt = "sent_at", discardedAt = "discarded_at", handedAt = "handed_at"
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
        handedAt = version.handedAt
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
        version.handedAt = handedAt
        return version
    }
}

/// A row of the store that holds what Convene never writes.
struct DamagedRow: Error {
    let reason: String
}

extension VersionRecord {
    /// The version this row holds, once ``problem(event:)`` finds nothing wrong with it.
    func checked(event: String) throws(DamagedRow) -> CalendarVersion {
        if let problem = problem(event: event) { throw DamagedRow(reason: "version \(id ?? 0): \(problem)") }
        return version
    }

    /// What is wrong with this row, read back from a store that anyone with the file could
    /// have edited: nil when every value is one Convene writes. A row is checked as strictly as
    /// an agenda, since what it holds reaches calendar files and the file names they go by.
    func problem(event: String) -> String? {
        func identifier(_ text: Substring) -> Bool {
            !text.isEmpty && text.count <= 200 && text != "." && text != ".."
                && text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
        }
        func line(_ text: String, newlines: Bool = false) -> Bool {
            !text.unicodeScalars.contains {
                ($0.properties.generalCategory == .control && !(newlines && ($0 == "\n" || $0 == "\t"))) || $0 == "\u{2028}" || $0 == "\u{2029}"
            }
        }
        func mailbox(_ email: String?) -> Bool {
            guard let email else { return true }
            return line(email) && email.contains("@") && !email.contains(where: { " <>,;:\"()[]\\".contains($0) })
        }
        let range: ClosedRange<Int64> = -2_208_988_800...7_258_118_400  // 1900 to 2200
        if owner != "programme", !(owner.hasPrefix("person:") && identifier(owner.dropFirst(7))) {
            return "its owner is not programme or person:PERSON-ID"
        }
        if !identifier(Substring(sessionID)) { return "its session is not an id" }
        let expectedUID = (owner == "programme" ? "public-" : "") + sessionID + "@" + event + ".convene"
        if uid != expectedUID { return "its UID is not \(expectedUID)" }
        if !(0...Int(Int32.max)).contains(sequence) { return "its SEQUENCE is not a whole number from 0 to \(Int32.max)" }
        if CalendarVersion.Kind(rawValue: kind) == nil { return "its kind is not one of \(CalendarVersion.Kind.allCases.map(\.rawValue).joined(separator: ", "))" }
        if !range.contains(startUTC) || !range.contains(endUTC) || endUTC < startUTC || (turnUTC != 0 && !range.contains(turnUTC)) {
            return "its start, end or turn is not a time from 1900 to 2200, or it ends before it starts"
        }
        let zoneParts = timeZone.split(separator: "/", omittingEmptySubsequences: false)
        if timeZone.isEmpty || !zoneParts.allSatisfy({ identifier($0) && !$0.hasPrefix(".") }) { return "its time zone is not a zone name" }
        let fields: [(String, String)] = [("kind of change", changed), ("role", role), ("attendance", attendance), ("link", link), ("start", startText),
                             ("end", endText), ("address", address), ("list of attendees", attendees),
                             ("organizer's name", organizerName ?? ""), ("attendee's name", attendeeName ?? "")]
        for (name, text) in fields where !line(text) {
            return "its \(name) holds control characters"
        }
        if !line(summary, newlines: true) || !line(place, newlines: true) { return "its summary or place holds control characters" }
        if !mailbox(organizerEmail) || !mailbox(attendeeEmail) { return "its organizer's or attendee's e-mail address is not one address on one line" }
        if let handedAt, !range.contains(handedAt) { return "the time it was handed to the mail program is not from 1900 to 2200" }
        if (organizerName == nil) != (organizerEmail == nil) || (attendeeName == nil) != (attendeeEmail == nil) {
            return "it has a name without an e-mail address, or an address without a name"
        }
        return nil
    }
}
