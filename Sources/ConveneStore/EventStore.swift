import Convene
import Foundation
import GRDB

/// The one history of one event: every version of every invitation Convene generated, each
/// cancellation and uninvite, and whether it was sent. A SQLite database (through GRDB), beside
/// the agenda by default, that every output folder is a view of.
///
/// Every change is one transaction, begun IMMEDIATE so that two Convene processes on one event
/// take turns: neither can give two versions one SEQUENCE, and a process killed at any moment
/// leaves the store as the last transaction that committed.
public final class EventStore: CalendarHistoryRecorder, @unchecked Sendable {
    /// The database file.
    public let path: String
    /// The agenda `id` whose history this is.
    public let event: String
    /// What the user should know about where the store is (a network file system).
    public let warnings: [String]
    let database: DatabaseQueue

    /// How long a process waits for another one writing the same store before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// The store for `event` at `path`, made (with its folder) when it does not exist yet, and
    /// migrated to the current schema.
    public init(path: String, event: String) throws(StoreError) {
        self.path = path
        self.event = event
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path, reason: "its folder cannot be created")
        }
        var warnings: [String] = []
        let network = FileSystemKind.network(at: folder)
        if let network {
            warnings.append("the event store \(path) is on a network file system (\(network)), where SQLite's locking may not work: two convene runs at once could damage it — keep it on a local disk with --state PATH")
        }
        self.warnings = warnings
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "convene event store"
        let wal = network == nil
        configuration.prepareDatabase { db in
            // WAL lets readers go on while one process writes; it needs shared memory, which
            // network file systems do not give, so there the rollback journal stays.
            if wal { try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // What is deleted (a forgotten person) is overwritten, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        database = try Self.open(path: path, configuration: configuration, event: event)
    }

    /// Opens and migrates the database. Setting up a new file (the journal mode, the schema)
    /// can meet another process doing the same, which SQLite answers at once with "busy"
    /// rather than by waiting: such a start is tried again until ``busyTimeout``.
    static func open(path: String, configuration: Configuration, event: String) throws(StoreError) -> DatabaseQueue {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                let database = try DatabaseQueue(path: path, configuration: configuration)
                try migrate(database, path: path)
                try database.write { db in
                    if try Row.fetchOne(db, sql: "SELECT id FROM event WHERE id = ?", arguments: [event]) == nil {
                        try db.execute(sql: "INSERT INTO event (id, created_at) VALUES (?, ?)", arguments: [event, Int64(Date().timeIntervalSince1970)])
                    }
                }
                return database
            } catch {
                let problem = StoreError(error, path: path)
                guard problem == .busy(path), Date() < deadline else { throw problem }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// Brings the schema up to date. Two processes opening a new store at once may both find a
    /// migration to run; the one that comes second then finds the table made, and looks again.
    static func migrate(_ database: DatabaseQueue, path: String) throws {
        var attempts = 0
        while true {
            do {
                try migrator.migrate(database)
                break
            } catch let error as DatabaseError where (error.message?.contains("already exists") == true
                                                      || error.message?.contains("no such table") == true
                                                      // Another process recorded the same migration first.
                                                      || error.message?.contains("grdb_migrations") == true) && attempts < 5 {
                attempts += 1
            }
        }
        // Checked once the schema is there: GRDB's migrator never runs a migration older than
        // the last one it knows applied, so migrating first is safe, and the check cannot meet
        // a store another process is still making.
        if try database.read({ try migrator.hasBeenSuperseded($0) }) {
            throw StoreError.damaged(path, reason: "it was made by a newer version of Convene")
        }
    }

    /// The schema, by named migrations in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1: events and calendar versions") { db in
            try db.create(table: "event") { table in
                table.primaryKey("id", .text)
                table.column("created_at", .integer).notNull()
            }
            try db.create(table: "calendar_version") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                table.column("owner", .text).notNull()
                table.column("uid", .text).notNull()
                table.column("session_id", .text).notNull()
                table.column("sequence", .integer).notNull().check { $0 >= 0 && $0 <= Int(Int32.max) }
                table.column("kind", .text).notNull()
                table.column("changed", .text).notNull()
                table.column("start_utc", .integer).notNull()
                table.column("end_utc", .integer).notNull()
                table.column("place", .text).notNull()
                table.column("link", .text).notNull()
                table.column("role", .text).notNull()
                table.column("attendance", .text).notNull()
                table.column("cancelled", .boolean).notNull()
                table.column("summary", .text).notNull()
                table.column("time_zone", .text).notNull()
                table.column("start_text", .text).notNull()
                table.column("end_text", .text).notNull()
                table.column("organizer_name", .text)
                table.column("organizer_email", .text)
                table.column("attendee_name", .text)
                table.column("attendee_email", .text)
                table.column("generated_at", .integer).notNull()
                table.column("sent_at", .integer)
                table.column("discarded_at", .integer)
                table.column("legacy", .boolean).notNull().defaults(to: false)
            }
            // One SEQUENCE is one version: what the old state file recorded may be adopted
            // once at its own SEQUENCE, so its rows stand outside the rule.
            try db.execute(sql: """
                CREATE UNIQUE INDEX calendar_version_sequence ON calendar_version (event_id, owner, uid, sequence) WHERE legacy = 0
                """)
            try db.create(index: "calendar_version_entry", on: "calendar_version", columns: ["event_id", "owner", "uid", "id"])
            try db.create(table: "legacy_import") { table in
                table.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                table.column("file", .text).notNull()
                table.column("imported_at", .integer).notNull()
                table.primaryKey(["event_id", "file"])
            }
        }
        migrator.registerMigration("2: the reader's turn, address and fellow attendees") { db in
            try db.alter(table: "calendar_version") { table in
                table.add(column: "turn_utc", .integer).notNull().defaults(to: 0)
                table.add(column: "address", .text).notNull().defaults(to: "")
                table.add(column: "attendees", .text).notNull().defaults(to: "")
            }
        }
        migrator.registerMigration("3: the public programme's own UIDs") { db in
            // The public programme and the invitations shared UIDs; the programme's entries
            // take the UID its listings now carry, so its history goes on without a
            // cancellation of the old UID (which a client would apply to the invitation).
            try db.execute(sql: "UPDATE calendar_version SET uid = 'public-' || uid WHERE owner = 'programme'")
        }
        migrator.registerMigration("4: messages handed to the mail program") { db in
            try db.alter(table: "calendar_version") { table in
                table.add(column: "handed_at", .integer)
            }
        }
        migrator.registerMigration("5: replies read") { db in
            try db.create(table: "reply") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                table.column("reply_key", .text).notNull()
                table.column("person_id", .text).notNull()
                table.column("session_id", .text).notNull()
                table.column("uid", .text).notNull()
                table.column("method", .text).notNull()
                table.column("status", .text).notNull()
                table.column("delegated_to", .text)
                table.column("sequence", .integer).notNull()
                table.column("stamp", .integer)
                table.column("proposed_start", .integer)
                table.column("proposed_end", .integer)
                table.column("comment", .text)
                table.column("address", .text).notNull()
                table.column("source", .text).notNull()
                table.column("received_at", .integer).notNull()
            }
            // Each reply once, however often it is read.
            try db.create(index: "reply_once", on: "reply", columns: ["event_id", "reply_key"], unique: true)
        }
        migrator.registerMigration("6: reminders and briefings sent") { db in
            try db.create(table: "notice") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                table.column("kind", .text).notNull()
                table.column("person_id", .text).notNull()
                table.column("session_id", .text).notNull()
                table.column("fingerprint", .text).notNull()
                table.column("handed_at", .integer)
                table.column("sent_at", .integer)
            }
            try db.create(index: "notice_once", on: "notice", columns: ["event_id", "kind", "person_id", "fingerprint"], unique: true)
        }
        migrator.registerMigration("7: the live day") { db in
            // Every action of the moderator, with the instant it happened: the live state is
            // these replayed in order (docs/live.md). `room` names the sessions followed, for
            // a day run room by room; empty for the whole agenda.
            try db.create(table: "live_action") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                table.column("room", .text).notNull()
                table.column("action", .text).notNull()
                table.column("minutes", .integer)
                table.column("person_id", .text)
                table.column("at_utc", .integer).notNull()
                table.column("recorded_at", .integer).notNull()
            }
            try db.create(index: "live_action_order", on: "live_action", columns: ["event_id", "room", "id"])
            // The secret parts of the live views' addresses: the console's and each online
            // speaker's, kept so that a restart keeps the same addresses.
            try db.create(table: "live_token") { table in
                table.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                table.column("room", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("person_id", .text).notNull()
                table.column("token", .text).notNull().unique()
                table.column("created_at", .integer).notNull()
                table.primaryKey(["event_id", "room", "kind", "person_id"])
            }
        }
        migrator.registerMigration("8: check-in at the door") { db in
            // Every mark made at the door or on the console, as it was made: a person's
            // presence in a session (person_id, present), or a session's count of unlisted
            // attendees of one gender (gender, count). The last of each wins.
            try db.create(table: "checkin") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("event_id", .text).notNull().references("event", onDelete: .cascade)
                table.column("session_id", .text).notNull()
                table.column("person_id", .text)
                table.column("present", .boolean)
                table.column("gender", .text)
                table.column("count", .integer)
                table.column("at_utc", .integer).notNull()
                table.column("recorded_at", .integer).notNull()
            }
            try db.create(index: "checkin_order", on: "checkin", columns: ["event_id", "id"])
        }
        migrator.registerMigration("9: the stage timer's message line and sessions moved during the live day") { db in
            // The line a `message` action shows on the stage timer, and the session a
            // `moveSession` action moves (docs/live.md); empty for every other action.
            try db.alter(table: "live_action") { table in
                table.add(column: "text", .text)
                table.add(column: "session_id", .text)
            }
        }
        return migrator
    }

    // MARK: Reading

    /// The latest version of every entry.
    public func history() throws(StoreError) -> CalendarHistory {
        do {
            return try database.read { db in try Self.history(db, event: event) }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    static func history(_ db: Database, event: String) throws -> CalendarHistory {
        // Read a row at a time into room made for all of them: a forum's history is tens of
        // thousands of versions, not to be held twice.
        let entries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM calendar_version WHERE event_id = ? GROUP BY owner, uid)",
                                       arguments: [event]) ?? 0
        var latest: [CalendarHistory.Key: CalendarVersion] = [:], lastSent: [CalendarHistory.Key: CalendarVersion] = [:]
        latest.reserveCapacity(entries)
        let rows = try VersionRecord.fetchCursor(db, sql: """
            SELECT * FROM calendar_version WHERE id IN (
                SELECT MAX(id) FROM calendar_version WHERE event_id = ? GROUP BY owner, uid)
            """, arguments: [event])
        while let row = try rows.next() {
            let version = try row.checked(event: event)
            latest[version.key] = version
        }
        let sentRows = try VersionRecord.fetchCursor(db, sql: """
            SELECT * FROM calendar_version WHERE id IN (
                SELECT MAX(id) FROM calendar_version WHERE event_id = ? AND sent_at IS NOT NULL GROUP BY owner, uid)
            """, arguments: [event])
        while let row = try sentRows.next() {
            let version = try row.checked(event: event)
            lastSent[version.key] = version
        }
        return CalendarHistory(latest: latest, lastSent: lastSent)
    }

    /// Every version, oldest first: what `convene history` lists.
    public func versions() throws(StoreError) -> [CalendarVersion] {
        do {
            return try database.read { db in
                try VersionRecord.fetchAll(db, sql: "SELECT * FROM calendar_version WHERE event_id = ? ORDER BY id", arguments: [event]).map { try $0.checked(event: event) }
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: Writing

    /// Adds the versions `entries` make to the history, in one transaction that reads the
    /// latest versions and writes the new ones, so that no other process comes between.
    public func record(_ entries: [CalendarEntry], at now: Int64) throws -> CalendarHistory {
        try transaction { db in
            let history = try Self.history(db, event: event)
            let added = history.versions(for: entries, now: now)
            for version in added {
                var record = VersionRecord(version, event: event)
                try record.insert(db)
            }
            return history.extended(with: added)
        }
    }

    /// Which pending versions a command is about.
    public struct Selection: Sendable, Equatable {
        /// People by id; empty for everyone (and the programme).
        public var people: [PersonID]
        /// Sessions by id; empty for every session.
        public var sessions: [SessionID]

        public init(people: [PersonID] = [], sessions: [SessionID] = []) {
            self.people = people
            self.sessions = sessions
        }

        func contains(_ version: CalendarVersion) -> Bool {
            let person: Bool
            switch version.entry.owner {
            case .programme: person = people.isEmpty
            case .person(let id): person = people.isEmpty || people.contains(id)
            }
            return person && (sessions.isEmpty || sessions.contains(version.entry.session))
        }
    }

    /// Marks the selected pending versions sent at `now`; returns them.
    @discardableResult
    public func markSent(_ selection: Selection, at now: Int64) throws(StoreError) -> [CalendarVersion] {
        try settle(selection, column: "sent_at", at: now)
    }

    /// Discards the selected pending versions at `now` (they will not be sent, and their files
    /// leave every view); returns them.
    @discardableResult
    public func discard(_ selection: Selection, at now: Int64) throws(StoreError) -> [CalendarVersion] {
        try settle(selection, column: "discarded_at", at: now)
    }

    private func settle(_ selection: Selection, column: String, at now: Int64) throws(StoreError) -> [CalendarVersion] {
        do {
            return try transaction { db in
                let chosen = try Self.history(db, event: event).pending.filter(selection.contains)
                for version in chosen {
                    try db.execute(sql: """
                        UPDATE calendar_version SET \(column) = ? WHERE event_id = ? AND owner = ? AND uid = ? AND sequence = ?
                        AND sent_at IS NULL AND discarded_at IS NULL
                        """, arguments: [now, event, version.entry.owner.storedName, version.entry.uid, version.sequence])
                }
                return chosen
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: Replies

    /// Stores the answers not stored before, in one transaction; for each, whether it is new.
    public func record(answers: [ReplyAnswer]) throws(StoreError) -> [Bool] {
        do {
            return try transaction { db in
                try answers.map { answer in
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO reply (event_id, reply_key, person_id, session_id, uid, method, status, delegated_to, sequence, stamp,
                                                     proposed_start, proposed_end, comment, address, source, received_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [event, answer.key, answer.person.rawValue, answer.session.rawValue, answer.uid, answer.method, answer.status,
                                         answer.delegatedTo, answer.sequence, answer.stamp, answer.proposedStart, answer.proposedEnd, answer.comment,
                                         answer.address, answer.source, answer.receivedAt])
                    return db.changesCount > 0
                }
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Every answer stored, in the order read.
    public func answers() throws(StoreError) -> [ReplyAnswer] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM reply WHERE event_id = ? ORDER BY id", arguments: [event]).map { row in
                    let answer = ReplyAnswer(key: row["reply_key"], person: PersonID(rawValue: row["person_id"]), session: SessionID(rawValue: row["session_id"]),
                                             uid: row["uid"], method: row["method"], status: row["status"], delegatedTo: row["delegated_to"],
                                             sequence: row["sequence"], stamp: row["stamp"], proposedStart: row["proposed_start"],
                                             proposedEnd: row["proposed_end"], comment: row["comment"], address: row["address"], source: row["source"],
                                             receivedAt: row["received_at"])
                    if let problem = Self.problem(answer) { throw DamagedRow(reason: "reply \(row["id"] as Int64? ?? 0): \(problem)") }
                    return answer
                }
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// What is wrong with a stored answer, read back from a file anyone could have edited.
    static func problem(_ answer: ReplyAnswer) -> String? {
        func plain(_ text: String) -> Bool { !text.unicodeScalars.contains { $0.properties.generalCategory == .control } }
        let identifier = { (text: String) in !text.isEmpty && text.count <= 200 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) } }
        if !identifier(answer.person.rawValue) || !identifier(answer.session.rawValue) { return "its person or session is not an id" }
        if !["REPLY", "COUNTER"].contains(answer.method) { return "its method is not REPLY or COUNTER" }
        if !["ACCEPTED", "TENTATIVE", "DECLINED", "DELEGATED", "NEEDS-ACTION"].contains(answer.status) { return "its answer is not a PARTSTAT" }
        if !(0...Int(Int32.max)).contains(answer.sequence) { return "its SEQUENCE is out of range" }
        if ![answer.uid, answer.address, answer.delegatedTo ?? ""].allSatisfy(plain) { return "it holds control characters" }
        return nil
    }

    // MARK: Reminders and briefings

    /// Whether `notice` was sent (confirmed), and whether it was handed over with no outcome
    /// recorded.
    public func state(of notice: NoticeMessage) throws(StoreError) -> (sent: Bool, unconfirmed: Bool) {
        do {
            return try database.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT handed_at, sent_at FROM notice WHERE event_id = ? AND kind = ? AND person_id = ? AND fingerprint = ?",
                                                 arguments: [event, notice.kind.rawValue, notice.person.rawValue, notice.fingerprint]) else { return (false, false) }
                let handed: Int64? = row[0], sent: Int64? = row[1]
                return (sent != nil, sent == nil && handed != nil)
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Marks `notice` handed to the mail program, before it is: false when it was sent already.
    public func claim(_ notice: NoticeMessage, at now: Int64) throws(StoreError) -> Bool {
        do {
            return try transaction { db in
                let arguments: StatementArguments = [event, notice.kind.rawValue, notice.person.rawValue, notice.fingerprint]
                try db.execute(sql: "INSERT OR IGNORE INTO notice (event_id, kind, person_id, session_id, fingerprint) VALUES (?, ?, ?, ?, ?)",
                               arguments: [event, notice.kind.rawValue, notice.person.rawValue, notice.session?.rawValue ?? "", notice.fingerprint])
                try db.execute(sql: "UPDATE notice SET handed_at = ? WHERE event_id = ? AND kind = ? AND person_id = ? AND fingerprint = ? AND sent_at IS NULL",
                               arguments: [now] + arguments)
                return db.changesCount > 0
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Records `notice` sent, or (`sent: false`) forgets the claim: it is due again.
    public func settle(_ notice: NoticeMessage, sent: Bool, at now: Int64) throws(StoreError) {
        do {
            try transaction { db in
                let arguments: StatementArguments = [event, notice.kind.rawValue, notice.person.rawValue, notice.fingerprint]
                if sent {
                    try db.execute(sql: "UPDATE notice SET sent_at = ? WHERE event_id = ? AND kind = ? AND person_id = ? AND fingerprint = ?", arguments: [now] + arguments)
                } else {
                    try db.execute(sql: "DELETE FROM notice WHERE event_id = ? AND kind = ? AND person_id = ? AND fingerprint = ? AND sent_at IS NULL", arguments: arguments)
                }
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// How many reminders and briefings were handed over with no outcome recorded.
    public func unconfirmedNotices() throws(StoreError) -> Int {
        do {
            return try database.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notice WHERE event_id = ? AND handed_at IS NOT NULL AND sent_at IS NULL", arguments: [event]) ?? 0
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: Sending

    /// Marks `version` handed to the mail program at `now`, in one transaction, before it is
    /// handed: a crash after this leaves it *unconfirmed*, never lost nor taken for sent.
    /// False when it is no longer the latest pending version of its entry (sent, discarded or
    /// replaced by another process meanwhile), so it is not to be sent.
    public func claim(_ version: CalendarVersion, at now: Int64) throws(StoreError) -> Bool {
        try settleOne(version, sql: "UPDATE calendar_version SET handed_at = ? WHERE \(Self.latestPending)", now: now) > 0
    }

    /// Records that the mail program took `version`: it is sent.
    public func confirm(_ version: CalendarVersion, at now: Int64) throws(StoreError) {
        _ = try settleOne(version, sql: "UPDATE calendar_version SET sent_at = ? WHERE \(Self.latestPending)", now: now)
    }

    /// Marks `version` alone sent at `now`, if it is still the latest pending version of its
    /// entry: what `convene publish` records once the server has taken one resource. (A
    /// ``Selection`` cannot name the programme alone: no people means everyone.) False when
    /// another process sent, discarded or replaced it meanwhile.
    @discardableResult
    public func markSent(_ version: CalendarVersion, at now: Int64) throws(StoreError) -> Bool {
        try settleOne(version, sql: "UPDATE calendar_version SET sent_at = ? WHERE \(Self.latestPending)", now: now) > 0
    }

    /// Records that the mail program refused `version`: it waits to be sent, as before. One
    /// that was unconfirmed before this attempt stays unconfirmed, with the time it was
    /// handed over then (`version.handedAt`, as the store held it): that earlier hand-over may
    /// have reached its reader.
    public func release(_ version: CalendarVersion) throws(StoreError) {
        _ = try settleOne(version, sql: "UPDATE calendar_version SET handed_at = ? WHERE \(Self.latestPending)", now: version.handedAt)
    }

    /// The row of a version that is pending and the latest of its entry.
    private static let latestPending = """
        event_id = ? AND owner = ? AND uid = ? AND sequence = ? AND sent_at IS NULL AND discarded_at IS NULL
        AND id = (SELECT MAX(id) FROM calendar_version AS later WHERE later.event_id = calendar_version.event_id
                  AND later.owner = calendar_version.owner AND later.uid = calendar_version.uid)
        """

    private func settleOne(_ version: CalendarVersion, sql: String, now: Int64?) throws(StoreError) -> Int {
        do {
            return try transaction { db in
                try db.execute(sql: sql, arguments: [now, event, version.entry.owner.storedName, version.entry.uid, version.sequence])
                return db.changesCount
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Removes everything the store holds about `person`: the versions of their invites, with
    /// their name and e-mail address. Nothing of anyone else's history depends on them.
    /// Returns how many versions were removed.
    @discardableResult
    public func forget(_ person: PersonID) throws(StoreError) -> Int {
        do {
            let owner = CalendarOwner.person(person).storedName
            let removed = try transaction { db in
                // Their name may stand in the public wording others' entries keep, for a
                // cancellation: found by what their own entries say of them, and withheld.
                let parties = try Row.fetchAll(db, sql: """
                    SELECT DISTINCT attendee_name, attendee_email FROM calendar_version WHERE event_id = ? AND owner = ?
                    """, arguments: [event, owner])
                var needles: [NameSearch.Needle] = []
                for row in parties {
                    let name: String = row[0] ?? "", email: String? = row[1]
                    needles += DisclosedTimeline.needles(for: Person(id: person, name: name, email: email), replacement: DisclosedTimeline.placeholder,
                                                         visibleWords: [], visibleOrganizations: [])
                }
                let search = NameSearch(needles)
                for row in try Row.fetchAll(db, sql: "SELECT id, summary FROM calendar_version WHERE event_id = ? AND summary != ''", arguments: [event]) {
                    let id: Int64 = row[0], summary: String = row[1]
                    let cleaned = search.replacing(in: summary)
                    if cleaned != summary { try db.execute(sql: "UPDATE calendar_version SET summary = ? WHERE id = ?", arguments: [cleaned, id]) }
                }
                try db.execute(sql: "DELETE FROM calendar_version WHERE event_id = ? AND owner = ?", arguments: [event, owner])
                return db.changesCount
            }
            // The write-ahead log still holds the pages as they were: fold it into the database
            // (whose deleted content secure_delete has overwritten) and empty it.
            let folded = try database.writeWithoutTransaction { db in
                try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { (row: Row) -> Bool in row[0] as Int == 0 } ?? true
            }
            // Another process reading the store kept the log from being emptied: the old pages
            // are still on disk, so saying "forgotten" would be untrue.
            guard folded else { throw StoreError.busy(path) }
            return removed
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` in one IMMEDIATE transaction; a store busy for longer than
    /// ``busyTimeout`` is ``StoreError/busy(_:)``.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        // SQLite answers "busy" at once, without waiting, in a few cases (another process
        // recovering the write-ahead log, say): such a transaction is begun again, until
        // ``busyTimeout``; nothing was written by the attempt that failed.
        let deadline = Date().addingTimeInterval(Self.busyTimeout)
        while true {
            do {
                var result: T?
                try database.inDatabase { db in
                    try db.inTransaction(.immediate) {
                        result = try body(db)
                        return .commit
                    }
                }
                guard let result else { throw StoreError.damaged(path, reason: "a transaction returned nothing") }
                return result
            } catch let error as StoreError {
                throw error
            } catch let error as DamagedRow {
                throw StoreError(error, path: path)
            } catch let error as DatabaseError {
                let problem = StoreError(error, path: path)
                guard problem == .busy(path), Date() < deadline else { throw problem }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }
}

extension EventStore {
    /// Where the store of `event` is by default: beside the agenda file, as
    /// `EVENT-ID.convene.db` (in the current folder for an agenda read from standard input).
    public static func defaultPath(forAgenda agendaPath: String, event: String) -> String {
        let folder = agendaPath == "-" ? "." : URL(fileURLWithPath: agendaPath).deletingLastPathComponent().path
        return folder + "/" + event + ".convene.db"
    }
}
