import Convene
import Foundation
import GRDB

/// The live day in the event store: the moderator's actions with their instants, which the
/// live server replays into the state everyone sees (docs/live.md), and the secret parts of
/// the live views' addresses.
extension EventStore {
    /// Which view of the live day a token opens.
    public enum LiveView: Sendable, Hashable {
        /// The moderator's console: the only view that may record actions.
        case console
        /// One online speaker's page.
        case speaker(PersonID)
        /// The door's check-in page: marks who came, and nothing else.
        case door

        var stored: (kind: String, person: String) {
            switch self {
            case .console: ("console", "")
            case .door: ("door", "")
            case .speaker(let id): ("speaker", id.rawValue)
            }
        }
    }

    /// Every action recorded for `room` (the sessions followed; empty for the whole agenda),
    /// oldest first.
    public func liveEvents(room: String = "") throws(StoreError) -> [LiveEvent] {
        do {
            return try database.read { db in try Self.liveEvents(db, event: event, room: room) }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    static func liveEvents(_ db: Database, event: String, room: String) throws -> [LiveEvent] {
        try Row.fetchAll(db, sql: "SELECT id, action, minutes, person_id, at_utc, session_id, text FROM live_action WHERE event_id = ? AND room = ? ORDER BY id",
                         arguments: [event, room]).map(liveEvent)
    }

    /// The action of one row of `live_action`, checked as the API checks a posted one.
    static func liveEvent(_ row: Row) throws -> LiveEvent {
        let id: Int64 = row[0], name: String = row[1], minutes: Int? = row[2], person: String? = row[3], at: Int64 = row[4]
        let session: String? = row[5], text: String? = row[6]
        if let person, !Self.isIdentifier(person) { throw DamagedRow(reason: "live action \(id): its person is not an id") }
        if let session, !Self.isIdentifier(session) { throw DamagedRow(reason: "live action \(id): its session is not an id") }
        let range = name == "moveSession" ? -LiveAction.maximumMinutes...LiveAction.maximumMinutes : 1...LiveAction.maximumMinutes
        if let minutes, !range.contains(minutes) || minutes == 0 { throw DamagedRow(reason: "live action \(id): \(minutes) minutes is out of range") }
        switch LiveAction.named(name, minutes: minutes, person: person, text: text, session: session) {
        case .success(let action): return LiveEvent(action: action, at: Instant(seconds: at))
        case .failure(let problem): throw DamagedRow(reason: "live action \(id): \(problem)")
        }
    }

    /// Every session moved during the live day, in any room, in the order the moves were
    /// recorded: what every command applies to the timeline (``Timeline/moving(_:)``).
    public func sessionMoves() throws(StoreError) -> [SessionMove] {
        do {
            return try database.read { db in
                SessionMove.moves(in: try Row.fetchAll(db, sql: """
                    SELECT id, action, minutes, person_id, at_utc, session_id, text FROM live_action WHERE event_id = ? AND action = 'moveSession' ORDER BY id
                    """, arguments: [event]).map(Self.liveEvent))
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// A number that changes whenever an action is recorded for `room`: the id of the last one
    /// (0 before the first). A live server compares it to see whether another process has
    /// recorded an action.
    public func lastLiveAction(room: String = "") throws(StoreError) -> Int64 {
        do {
            return try database.read { db in
                try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM live_action WHERE event_id = ? AND room = ?", arguments: [event, room]) ?? 0
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Records one action, in one transaction: `decide` is given every action recorded so far
    /// for `room` (another process may have added some since this one last read) and returns
    /// the events to add (one, or the moves of several sessions) with what the caller wants
    /// back; when it throws (an action the live state refuses), nothing is written and its
    /// error is thrown as it is.
    public func recordLive<T>(room: String = "", at recordedAt: Int64, _ decide: ([LiveEvent]) throws -> ([LiveEvent], T)) throws -> T {
        try transaction { db in
            let events = try Self.liveEvents(db, event: event, room: room)
            let (added, result) = try decide(events)
            for event in added {
                try db.execute(sql: """
                    INSERT INTO live_action (event_id, room, action, minutes, person_id, session_id, text, at_utc, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [self.event, room, event.action.name, event.action.minutes, event.action.person?.rawValue,
                                     event.action.session?.rawValue, event.action.text, event.at.seconds, recordedAt])
            }
            return result
        }
    }

    /// The token of each of `views` for `room`: the one stored, or one `make` gives, stored in
    /// the same transaction so that a restart (or another process) finds the same.
    public func liveTokens(_ views: [LiveView], room: String = "", at now: Int64, make: () -> String) throws(StoreError) -> [LiveView: String] {
        do {
            return try transaction { db in
                var tokens: [LiveView: String] = [:]
                for view in views {
                    let (kind, person) = view.stored
                    let arguments: StatementArguments = [event, room, kind, person]
                    if let token = try String.fetchOne(db, sql: "SELECT token FROM live_token WHERE event_id = ? AND room = ? AND kind = ? AND person_id = ?", arguments: arguments) {
                        guard token.count >= 22, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                            throw DamagedRow(reason: "the live \(kind) token is not one Convene makes")
                        }
                        tokens[view] = token
                    } else {
                        let token = make()
                        try db.execute(sql: "INSERT INTO live_token (event_id, room, kind, person_id, token, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                       arguments: arguments + [token, now])
                        tokens[view] = token
                    }
                }
                return tokens
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
