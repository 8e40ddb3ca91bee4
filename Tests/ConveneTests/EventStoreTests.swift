@testable import Convene
@testable import ConveneStore
import ConveneTestSupport
import Foundation
import Testing

/// The event store: one history per event, SEQUENCE following meaning, pending cancellations
/// kept, old state files imported strictly, people forgotten for good.
@Suite("event store")
struct EventStoreTests {
    static let agenda = header + """
        organizer: { name: Org, email: org@example.org }
        venue: { name: Hall, online: { platform: Zoom, url: "https://example.org/j/1" } }
        people:
          - { id: ana, name: Ana Example, email: ana@example.org }
          - { id: bo, name: Bo Example, email: bo@example.org, attendance: online, timezone: Europe/Berlin }
        sessions:
          - id: one
            title: One
            date: 2026-12-08
            start: "10:00"
            duration: 1h
            moderator: ana
            segments: [{ title: Talk, duration: 1h, speakers: [bo] }]
          - { id: two, title: Two, date: 2026-12-09, start: "10:00", duration: 1h, participants: [ana, bo] }

        """

    func store() throws -> EventStore {
        try EventStore(path: try temporaryFolder().appendingPathComponent("e.convene.db").path, event: "test-event")
    }

    func record(_ text: String, in store: EventStore, at now: Int64) throws -> CalendarHistory {
        let draft = try CalendarOutputs.draft(timeline: try timeline(text), zones: try zones, stamp: now)
        return try store.record(draft.entries, at: now)
    }

    func sequence(_ history: CalendarHistory, _ owner: CalendarOwner, _ session: String) -> Int? {
        history.latest[.init(owner: owner, uid: (owner == .programme ? "public-" : "") + "\(session)@test-event.convene")]?.sequence
    }

    @Test("a change of wording makes no new SEQUENCE; a change of time, place, link or role makes one, and says which")
    func sequenceFollowsMeaning() throws {
        let store = try store()
        let first = try record(Self.agenda, in: store, at: 1_000)
        #expect(sequence(first, .person("ana"), "one") == 0 && sequence(first, .programme, "one") == 0)
        // The titles and the event's subtitle: wording only.
        let reworded = Self.agenda.replacingOccurrences(of: "title: One", with: "title: The first one")
            .replacingOccurrences(of: "title: Test event", with: "title: A renamed event")
        let second = try record(reworded, in: store, at: 2_000)
        #expect(second.latest.values.allSatisfy { $0.sequence == 0 }, "wording is not meaning")
        #expect(try store.versions().count == first.latest.count)
        // An hour later: every entry of session one changes, and says it was the time.
        let moved = reworded.replacingOccurrences(of: "start: \"10:00\"\n    duration: 1h\n    moderator", with: "start: \"11:00\"\n    duration: 1h\n    moderator")
        let third = try record(moved, in: store, at: 3_000)
        #expect(sequence(third, .person("ana"), "one") == 1 && sequence(third, .person("ana"), "two") == 0)
        #expect(third.latest[.init(owner: .person("bo"), uid: "one@test-event.convene")]?.changed == ["time"])
        // Another link, and Bo moderating instead of Ana: link for everyone, role for both.
        let relinked = moved.replacingOccurrences(of: "j/1", with: "j/2").replacingOccurrences(of: "moderator: ana", with: "moderator: bo")
            .replacingOccurrences(of: "speakers: [bo]", with: "speakers: [ana]")
        let fourth = try record(relinked, in: store, at: 4_000)
        #expect(fourth.latest[.init(owner: .person("ana"), uid: "one@test-event.convene")]?.changed == ["link", "role"])
        #expect(fourth.latest[.init(owner: .programme, uid: "public-one@test-event.convene")]?.changed == ["link"])
    }

    @Test("a room that names a hidden person is withheld from some readers, and is one meaning for all of them")
    func meaningIsTheOrganisersText() throws {
        let text = Self.agenda.replacingOccurrences(of: "venue: { name: Hall,", with: "venue: { name: Hall, room: \"Ana Example's office\",")
            .replacingOccurrences(of: "  - { id: ana, name: Ana Example, email: ana@example.org }", with: "  - { id: ana, name: Ana Example, email: ana@example.org, visibility: organizers, described_as: an adviser }")
        let store = try store()
        let timeline = try timeline(text)
        let organizers = try CalendarOutputs.draft(timeline: timeline, zones: try zones, stamp: 1_000, audience: .organizers)
        _ = try store.record(organizers.entries, at: 1_000)
        let forPublic = try CalendarOutputs.draft(timeline: timeline, zones: try zones, stamp: 2_000, audience: .public)
        #expect(forPublic.programme.events.first?.location?.contains("Ana Example") == false, "the public copy withholds her")
        let history = try store.record(forPublic.entries, at: 2_000)
        #expect(history.latest.values.allSatisfy { $0.sequence == 0 }, "what one copy withholds is not a change")
    }

    @Test("a cancellation keeps the public wording of its session, cleaned as the public may read it now: a name hidden since is not repeated")
    func cancellationWording() throws {
        let store = try store()
        let before = Self.agenda.replacingOccurrences(of: "title: Two,", with: "title: Meeting with Bo Example,")
        _ = try record(before, in: store, at: 1_000)
        try store.markSent(.init(), at: 1_100)
        let after = Self.agenda.replacingOccurrences(of: "  - { id: two, title: Two, date: 2026-12-09, start: \"10:00\", duration: 1h, participants: [ana, bo] }\n", with: "")
            .replacingOccurrences(of: "attendance: online, timezone: Europe/Berlin }", with: "attendance: online, timezone: Europe/Berlin, visibility: organizers }")
        let draft = try CalendarOutputs.draft(timeline: try timeline(after), zones: try zones, stamp: 2_000)
        let history = try store.record(draft.entries, at: 2_000)
        let files = try CalendarOutputs.files(of: draft, history: history, stamp: 2_000)
        let cancellations = files.filter { $0.path.hasPrefix("cancellations/") }
        #expect(cancellations.map(\.path).sorted() == ["cancellations/event.ics", "cancellations/invites/ana/two.ics", "cancellations/invites/bo/two.ics"])
        for file in cancellations {
            // Bo's own cancellation is addressed to him; nobody else's names him.
            if file.path != "cancellations/invites/bo/two.ics" { #expect(!file.contents.contains("Bo Example"), "\(file.path)") }
            #expect(file.contents.contains("SUMMARY:Meeting with [withheld] — Test event"), "\(file.path)")
        }
    }

    @Test("the reader's own turn, their address and who else is listed are meaning too")
    func readerMeaning() throws {
        let text = Self.agenda.replacingOccurrences(of: "segments: [{ title: Talk, duration: 1h, speakers: [bo] }]",
                                                    with: "segments: [{ title: Opening, duration: 20m }, { title: Talk, duration: 40m, speakers: [bo] }]")
        let store = try store()
        _ = try record(text, in: store, at: 1_000)
        // Bo's talk moves earlier within the session: his tech check (his reminder) moves.
        let turned = try record(text.replacingOccurrences(of: "{ title: Opening, duration: 20m }, { title: Talk, duration: 40m, speakers: [bo] }",
                                                          with: "{ title: Talk, duration: 40m, speakers: [bo] }, { title: Opening, duration: 20m }"), in: store, at: 2_000)
        #expect(turned.latest[.init(owner: .person("bo"), uid: "one@test-event.convene")]?.changed == ["time"])
        #expect(turned.latest[.init(owner: .person("ana"), uid: "one@test-event.convene")]?.sequence == 0, "Ana's reminder did not move")
        // A new address has received nothing.
        let readdressed = try record(text.replacingOccurrences(of: "ana@example.org", with: "ana@elsewhere.example"), in: store, at: 3_000)
        #expect(readdressed.latest[.init(owner: .person("ana"), uid: "two@test-event.convene")]?.changed == ["address"])
        // Bo may no longer be named to participants: he leaves Ana's invite, which is an update for her.
        let hidden = try record(text.replacingOccurrences(of: "ana@example.org", with: "ana@elsewhere.example")
            .replacingOccurrences(of: "timezone: Europe/Berlin }", with: "timezone: Europe/Berlin, visibility: organizers, described_as: a guest }"), in: store, at: 4_000)
        #expect(hidden.latest[.init(owner: .person("ana"), uid: "two@test-event.convene")]?.changed == ["attendees"])
    }

    @Test("a removed session is cancelled and a removed person uninvited; both stay pending until marked sent or discarded")
    func pendingStaysPending() throws {
        let store = try store()
        _ = try record(Self.agenda, in: store, at: 1_000)
        try store.markSent(.init(), at: 1_500)
        let shorter = Self.agenda.replacingOccurrences(of: "  - { id: two, title: Two, date: 2026-12-09, start: \"10:00\", duration: 1h, participants: [ana, bo] }\n", with: "")
            .replacingOccurrences(of: "  - { id: bo, name: Bo Example, email: bo@example.org, attendance: online, timezone: Europe/Berlin }\n", with: "")
            .replacingOccurrences(of: "speakers: [bo]", with: "speakers: [ana]")
        for now in [Int64(2_000), 3_000, 4_000] {
            let history = try record(shorter, in: store, at: now)
            let pending = history.changes.map { "\($0.version.entry.owner) \($0.version.entry.session) \($0.what.rawValue)" }.sorted()
            // Bo leaves the list of attendees in Ana's invite to session one: an update for her.
            #expect(pending == ["ana one update", "ana two cancellation", "bo one uninvite", "bo two cancellation", "programme two cancellation"],
                    "run \(now): nothing dropped")
        }
        try store.discard(.init(people: ["bo"], sessions: ["one"]), at: 5_000)
        try store.markSent(.init(people: ["ana"]), at: 5_000)
        let after = try store.history().changes.map { "\($0.version.entry.owner) \($0.version.entry.session)" }.sorted()
        #expect(after == ["bo two", "programme two"])
    }

    @Test("the files of a view come from the history: a cancellation has its file until it is marked sent")
    func viewsOfTheHistory() throws {
        let store = try store()
        let timelineOne = try timeline(Self.agenda)
        _ = try record(Self.agenda, in: store, at: 1_000)
        let shorter = Self.agenda.replacingOccurrences(of: "  - { id: two, title: Two, date: 2026-12-09, start: \"10:00\", duration: 1h, participants: [ana, bo] }\n", with: "")
        let draft = try CalendarOutputs.draft(timeline: try timeline(shorter), zones: try zones, stamp: 2_000)
        let history = try store.record(draft.entries, at: 2_000)
        let files = try CalendarOutputs.files(of: draft, history: history, stamp: 2_000).map(\.path)
        #expect(files.contains("cancellations/invites/ana/two.ics") && files.contains("cancellations/event.ics"))
        try store.markSent(.init(), at: 3_000)
        let later = try CalendarOutputs.files(of: draft, history: try store.history(), stamp: 3_000).map(\.path)
        #expect(!later.contains { $0.hasPrefix("cancellations/") })
        #expect(timelineOne.sessions.count == 2)
    }

    @Test("a person whose id is 'programme' is a person, not the public calendar")
    func personCalledProgramme() throws {
        let store = try store()
        let text = Self.agenda.replacingOccurrences(of: "id: bo,", with: "id: programme,").replacingOccurrences(of: "[bo]", with: "[programme]")
            .replacingOccurrences(of: "[ana, bo]", with: "[ana, programme]")
        let history = try record(text, in: store, at: 1_000)
        #expect(history.latest.keys.filter { $0.owner == .person("programme") }.count == 2)
        #expect(history.latest.keys.filter { $0.owner == .programme }.count == 2)
        #expect(try store.forget("programme") == 2)
        #expect(try store.history().latest.keys.filter { $0.owner == .programme }.count == 2, "the public calendar's history stays")
    }

    @Test("a store made by a newer Convene is refused with a message, not a crash")
    func newerStore() throws {
        let path = try temporaryFolder().appendingPathComponent("e.convene.db").path
        let store = try EventStore(path: path, event: "test-event")
        try store.database.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('99: from the future')") }
        #expect(throws: StoreError.damaged(path, reason: "it was made by a newer version of Convene")) {
            _ = try EventStore(path: path, event: "test-event")
        }
    }

    @Test("a store from before the public programme had its own UIDs moves its entries once: no cancellation of the old UID, no new SEQUENCE")
    func publicUIDMigration() throws {
        let path = try temporaryFolder().appendingPathComponent("e.convene.db").path
        let store = try EventStore(path: path, event: "test-event")
        _ = try record(Self.agenda, in: store, at: 1_000)
        try store.markSent(.init(), at: 1_100)
        // As a store of the earlier schema holds it: the programme under the invitations' UIDs.
        try store.database.write { db in
            try db.execute(sql: "UPDATE calendar_version SET uid = substr(uid, 8) WHERE owner = 'programme'")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE '3:%'")
        }
        let reopened = try EventStore(path: path, event: "test-event")
        let history = try record(Self.agenda, in: reopened, at: 2_000)
        #expect(history.pendingCancellations.isEmpty, "\(history.pendingCancellations.map(\.entry.uid))")
        #expect(history.changes.isEmpty, "nothing to send: \(history.changes.map(\.version.entry.uid))")
        #expect(sequence(history, .programme, "one") == 0)
        #expect(history.latest.keys.filter { $0.owner == .programme }.map(\.uid).sorted()
                == ["public-one@test-event.convene", "public-two@test-event.convene"])
    }

    @Test("two versions never share a SEQUENCE: the store refuses a second one")
    func uniqueSequence() throws {
        let store = try store()
        let history = try record(Self.agenda, in: store, at: 1_000)
        let version = try #require(history.latest.values.first)
        #expect(throws: (any Error).self) {
            try store.transaction { db in
                var duplicate = VersionRecord(version, event: "test-event")
                try duplicate.insert(db)
            }
        }
    }

    @Test("an old state file is imported once: what it recorded keeps its SEQUENCE and counts as sent")
    func legacyImport() throws {
        let store = try store()
        let text = """
            { "convene_sent": 1, "calendars": {
              "invites/ana.ics": {
                "one@test-event.convene": { "sequence": 3, "fingerprint": "x", "summary": "Test event: One", "timezone": "Europe/Kiev",
                  "start": "20261208T100000", "end": "20261208T110000", "cancelled": false,
                  "organizer": { "name": "Org", "email": "org@example.org" }, "attendee": { "name": "Ana", "email": "ana@example.org" } } } } }
            """
        #expect(try store.importLegacy(path: "/tmp/out/.convene-sent.json", text: text, zones: try zones, at: 500) == 1)
        #expect(try store.importLegacy(path: "/tmp/out/.convene-sent.json", text: text, zones: try zones, at: 600) == 0, "once")
        let history = try record(Self.agenda, in: store, at: 1_000)
        #expect(sequence(history, .person("ana"), "one") == 3, "the time it recorded still holds")
        #expect(!history.changes.contains { $0.version.entry.owner == .person("ana") && $0.version.entry.session == "one" }, "it was sent")
        let moved = try record(Self.agenda.replacingOccurrences(of: "start: \"10:00\"\n    duration: 1h\n    moderator", with: "start: \"12:00\"\n    duration: 1h\n    moderator"), in: store, at: 2_000)
        #expect(sequence(moved, .person("ana"), "one") == 4)
    }

    @Test("a bad entry in an old state file is an error naming the file and the entry", arguments: [
        (#""invites/../../../X.ics": {}"#, "invites/../../../X.ics", "it is not event.ics or invites/PERSON-ID.ics"),
        (#""event.ics": { "one@test-event.convene": { "sequence": 99999999999, "cancelled": false } }"#, "event.ics one@test-event.convene", "its sequence is not a whole number"),
        (#""event.ics": { "one@elsewhere.convene": {} }"#, "event.ics one@elsewhere.convene", "its UID is not SESSION-ID@test-event.convene"),
        (#""event.ics": { "one@test-event.convene": { "sequence": 1, "cancelled": false, "timezone": "Europe/Kiew", "start": "20261208T100000", "end": "20261208T110000", "summary": "S" } }"#, "event.ics one@test-event.convene", "its timezone is not a zone"),
        (#""event.ics": { "one@test-event.convene": { "sequence": 1, "cancelled": false, "timezone": "UTC", "start": "20261332T100000", "end": "20261208T110000", "summary": "S" } }"#, "event.ics one@test-event.convene", "its start or end is not a time"),
        (#""event.ics": { "one@test-event.convene": { "sequence": 1, "cancelled": false, "timezone": "UTC", "start": "20261208T100000", "end": "20261208T110000", "summary": "S", "organizer": { "name": "Org", "email": "org@example.org\nBCC: x" } } }"#, "event.ics one@test-event.convene", "its organizer is not a name and an e-mail address"),
    ])
    func legacyRefused(calendars: String, entry: String, reason: String) throws {
        let text = "{ \"convene_sent\": 1, \"calendars\": { \(calendars) } }"
        do {
            _ = try LegacyImport.versions(path: "out/.convene-sent.json", text: text, event: "test-event", zones: try zones, at: 0)
            Issue.record("accepted: \(calendars)")
        } catch {
            guard let error = error as? StoreError, case .legacyEntry(let file, let named, let why) = error else { Issue.record("\(error)"); return }
            #expect(file == "out/.convene-sent.json" && named == entry)
            #expect(why.hasPrefix(reason), "\(why)")
        }
    }

    @Test("a row edited into what convene never writes stops the store being read, naming the version and what is wrong", arguments: [
        ("owner = 'person:../../../tmp/x'", "its owner is not programme or person:PERSON-ID"),
        ("uid = 'one@elsewhere.convene'", "its UID is not"),
        ("attendee_email = 'ana@example.org' || char(10) || 'BCC: x@example.org'", "its organizer's or attendee's e-mail address is not one address"),
        ("organizer_name = 'Org' || char(13) || char(10) || 'X-EVIL:1'", "its organizer's name holds control characters"),
        ("time_zone = '../../etc/passwd'", "its time zone is not a zone name"),
        ("start_utc = 99999999999999", "its start, end or turn is not a time from 1900 to 2200"),
        ("kind = 'surprise'", "its kind is not one of"),
        ("summary = 'One' || char(27) || ']0;owned' || char(7)", "its summary or place holds control characters"),
    ])
    func damagedRows(change: String, reason: String) throws {
        let store = try store()
        _ = try record(Self.agenda, in: store, at: 1_000)
        try store.database.write { db in
            try db.execute(sql: "UPDATE calendar_version SET \(change) WHERE id = (SELECT MIN(id) FROM calendar_version WHERE owner = 'person:ana')")
        }
        for read in [{ _ = try store.history() }, { _ = try store.versions() }, { _ = try self.record(Self.agenda, in: store, at: 2_000) }] {
            do {
                try read()
                Issue.record("read: \(change)")
            } catch let error as StoreError {
                guard case .damaged(let path, let why) = error else { Issue.record("\(error)"); continue }
                #expect(path == store.path)
                #expect(why.hasPrefix("version ") && why.contains(reason), "\(why)")
            }
        }
    }

    @Test("forgetting a person leaves no trace of their name or address in the database file")
    func forget() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("e.convene.db").path
        do {
            let store = try EventStore(path: path, event: "test-event")
            // The public wording kept for cancellations names him too.
            _ = try record(Self.agenda.replacingOccurrences(of: "title: Two,", with: "title: Talk with Bo Example,"), in: store, at: 1_000)
            #expect(try store.versions().contains { $0.entry.summary.contains("Bo Example") })
            #expect(try store.forget("bo") == 2)
            #expect(try store.versions().contains { $0.entry.summary.contains("Talk with [withheld]") })
            #expect(try store.versions().allSatisfy { $0.entry.owner != .person("bo") })
            #expect(try store.history().latest.keys.contains { $0.owner == .person("ana") }, "nobody else is touched")
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(bytes.range(of: Data("bo@example.org".utf8)) == nil, "\(file) still holds the address")
            #expect(bytes.range(of: Data("Bo Example".utf8)) == nil, "\(file) still holds the name")
        }
    }

    @Test("a store on a network file system is warned about; a local one is not")
    func networkFileSystems() {
        let mounts = """
            /dev/sda1 / ext4 rw 0 0
            server:/share /mnt/share nfs4 rw 0 0
            //nas/team /media/team\\040drive cifs rw 0 0
            """
        #expect(FileSystemKind.network(at: "/mnt/share/events", mounts: mounts) == "nfs4")
        #expect(FileSystemKind.network(at: "/media/team drive/x", mounts: mounts) == "cifs")
        #expect(FileSystemKind.network(at: "/home/me/events", mounts: mounts) == nil)
        #expect(FileSystemKind.network(at: "/mnt/shared", mounts: mounts) == nil, "a name that only starts like a mount point")
    }

    @Test("status counts what waits, per kind, and history lists every version")
    func statusReport() throws {
        let store = try store()
        _ = try record(Self.agenda, in: store, at: 1_000)
        try store.markSent(.init(people: ["ana"]), at: 1_100)
        let moved = Self.agenda.replacingOccurrences(of: "date: 2026-12-09", with: "date: 2026-12-10")
        let history = try record(moved, in: store, at: 2_000)
        let report = StatusReport(event: "test-event", store: store.path, history: history)
        let json = report.json().serialized()
        #expect(json.contains("\"pending\": {\n    \"new\": 2,\n    \"update\": 1,\n    \"cancellation\": 0,\n    \"uninvite\": 0\n  }"), "\(json)")
        let text = report.text()
        #expect(text.contains("ana        two      SEQUENCE 0  update (time)"), "\(text)")
        #expect(text.contains("programme  one      —           new event"))
        #expect(text.components(separatedBy: "\n").filter { !$0.hasPrefix("Store ") }.allSatisfy { $0.count <= 80 })
        let all = try store.versions()
        #expect(StatusReport.historyText(event: "test-event", versions: all).contains("ana · two · SEQUENCE 1 · update (time)"))
    }
}
