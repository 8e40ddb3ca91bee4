import Convene
import Foundation
import GRDB

/// Check-in at the door in the event store: every mark as it was made, a person's presence in
/// a session or a session's count of unlisted attendees of one gender. The last of each wins
/// (docs/live.md). Check-in belongs to the session, not to the room a live server follows.
extension EventStore {
    /// What the door and the console have marked so far.
    public func checkIn() throws(StoreError) -> CheckIn {
        do {
            return try database.read { db in try Self.checkIn(db, event: event) }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    static func checkIn(_ db: Database, event: String) throws -> CheckIn {
        var marks: [CheckInMark] = [], counts: [UnlistedCount] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT id, session_id, person_id, present, gender, count, at_utc FROM checkin WHERE event_id = ? ORDER BY id",
                                       arguments: [event])
        while let row = try rows.next() {
            let id: Int64 = row[0], session: String = row[1], person: String? = row[2], present: Bool? = row[3]
            let gender: String? = row[4], count: Int? = row[5], at = Instant(seconds: row[6])
            guard Self.isIdentifier(session) else { throw DamagedRow(reason: "check-in \(id): its session is not an id") }
            if let person, let present, Self.isIdentifier(person) {
                marks.append(CheckInMark(session: SessionID(rawValue: session), person: PersonID(rawValue: person), present: present, at: at))
            } else if let gender, let kind = Gender(rawValue: gender), let count, (0...CheckIn.maximumUnlisted).contains(count) {
                counts.append(UnlistedCount(session: SessionID(rawValue: session), gender: kind, count: count, at: at))
            } else {
                throw DamagedRow(reason: "check-in \(id) is neither a person's mark nor an unlisted count")
            }
        }
        return CheckIn(marks: marks, counts: counts)
    }

    /// A number that changes whenever a check-in is recorded: the id of the last one (0 before
    /// the first). A live server compares it to see whether another process has recorded one.
    public func lastCheckIn() throws(StoreError) -> Int64 {
        do {
            return try database.read { db in
                try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM checkin WHERE event_id = ?", arguments: [event]) ?? 0
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Records `mark` unless the person's last mark in the session already says the same (a
    /// tap sent twice is recorded once), and returns the check-in after it.
    @discardableResult
    public func recordCheckIn(_ mark: CheckInMark, recordedAt: Int64) throws(StoreError) -> CheckIn {
        do {
            return try transaction { db in
                var checkIn = try Self.checkIn(db, event: event)
                guard checkIn.isPresent(mark.person, in: mark.session) != mark.present || !checkIn.checked.contains(mark.session) else { return checkIn }
                try db.execute(sql: "INSERT INTO checkin (event_id, session_id, person_id, present, at_utc, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [event, mark.session.rawValue, mark.person.rawValue, mark.present, mark.at.seconds, recordedAt])
                checkIn.apply(mark)
                return checkIn
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Sets a session's unlisted count of one gender, and returns the check-in after it. With
    /// `expected`, the count the device saw, a count another device has changed since is
    /// refused (``CheckInError/unlistedChanged(_:_:expected:found:)``) and nothing is written.
    @discardableResult
    public func recordUnlisted(_ count: UnlistedCount, expected: Int?, recordedAt: Int64) throws -> CheckIn {
        guard (0...CheckIn.maximumUnlisted).contains(count.count) else { throw CheckInError.badCount(count.count) }
        return try transaction { db in
            var checkIn = try Self.checkIn(db, event: event)
            let found = checkIn.unlisted(count.gender, in: count.session)
            if let expected, expected != found, found != count.count {
                throw CheckInError.unlistedChanged(count.session, count.gender, expected: expected, found: found)
            }
            guard found != count.count || !checkIn.checked.contains(count.session) else { return checkIn }
            try db.execute(sql: "INSERT INTO checkin (event_id, session_id, gender, count, at_utc, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [event, count.session.rawValue, count.gender.rawValue, count.count, count.at.seconds, recordedAt])
            checkIn.apply(count)
            return checkIn
        }
    }
}
