import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// `convene ics`: the published calendar, per-person invites, updates and cancellations.
@Suite("calendar invites", .tags(.endToEnd))
struct InviteTests {
    func ics(_ agenda: String, in folder: URL, epoch: String = "1700000000") throws -> Run {
        try agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        return try convene(["ics", "a.yaml", "-o", "out"], in: folder, environment: ["SOURCE_DATE_EPOCH": epoch])
    }

    func read(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("out/" + path), encoding: .utf8)
    }

    func unfolded(_ text: String) -> String { text.replacingOccurrences(of: "\r\n ", with: "") }

    /// Every calendar file under `out/`, relative to it.
    func calendarFiles(_ folder: URL) throws -> [String] {
        let root = folder.appendingPathComponent("out")
        let found = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix(".ics") }.sorted()
    }

    var sample: String {
        get throws { try String(contentsOf: packageRoot.appendingPathComponent("agendas/wps-side-event-2022.yaml"), encoding: .utf8) }
    }

    @Test("the side event: a PUBLISH calendar without attendees, and invites at the instants the resolver computed")
    func sideEvent() throws {
        let folder = try temporaryFolder()
        let run = try ics(try sample, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let event = unfolded(try read(folder, "event.ics"))
        #expect(event.contains("METHOD:PUBLISH\r\n"))
        #expect(!event.contains("ATTENDEE"))
        #expect(event.contains("UID:public-main@wps-side-event-2022.convene\r\n"), "the public listing has its own UID")
        #expect(event.contains("NAME:Inclusive peace negotiations & the WPS agenda\r\nX-WR-CALNAME:Inclusive peace negotiations & the WPS agenda\r\n"))
        #expect(event.contains("TRANSP:TRANSPARENT\r\n"))
        #expect(event.contains("DTSTART;TZID=America/New_York:20221019T081500\r\n"))
        #expect(event.contains("08:25 Panel discussion — Claire Hutchinson\\, Habiba Sarabi\\, Claudine Tsongo"))
        let sarabi = unfolded(try read(folder, "invites/sarabi/main.ics"))
        #expect(sarabi.contains("METHOD:REQUEST\r\n"))
        #expect(sarabi.contains("UID:main@wps-side-event-2022.convene\r\n"))
        // Her first language is Dari: her invitation is written in it.
        let dari = SheetLabels.of(.faAF)
        #expect(sarabi.contains("\(dari.yourTime) (Asia/Kabul)\(dari.colon)") && sarabi.contains("\(dari.venueTime) (America/New_York)\(dari.colon)"), "\(sarabi)")
        #expect(sarabi.contains("ATTENDEE;CN=Anne Kwakkenbos;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:kwakkenbos@example.org"))
        #expect(sarabi.contains("ATTENDEE;CN=Habiba Sarabi;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sarabi@example.org"))
        // Her alarm is her printed tech check: 08:10, 15 minutes before her panel at 08:25, so
        // 5 minutes before the session's start.
        #expect(sarabi.contains("TRIGGER:-PT5M\r\n"), "the online speaker's alarm is her tech check")
        // Read back with libical, the event starts and ends at the timeline's instants.
        let zones = try zones
        let timeline = try #require(AgendaCheck(text: try sample, zones: zones).timeline)
        let busy = try BusyCalendar(text: sarabi, from: 0, to: 4_000_000_000, floatingZone: "UTC", engine: zones.engine) { _ in nil }
        #expect(busy.busy == timeline.sessions.map { BusyInterval(start: $0.start.seconds, end: $0.end.seconds) })
        for file in try calendarFiles(folder) {
            #expect(CalendarRestrictions.problems(in: try read(folder, file)).isEmpty, "\(file)")
        }
    }

    @Test("under the Chatham House Rule an invite names only the organiser and its person, and the public calendar no one")
    func confidential() throws {
        let folder = try temporaryFolder()
        let kyiv = try String(contentsOf: packageRoot.appendingPathComponent("agendas/kyiv-consultation-2026.yaml"), encoding: .utf8)
        #expect(try ics(kyiv, in: folder).status == 0)
        let invite = unfolded(try read(folder, "invites/gelashvili/day1-morning.ics"))
        let attendees = invite.components(separatedBy: "\r\n").filter { $0.hasPrefix("ATTENDEE") }
        #expect(!attendees.isEmpty)
        #expect(attendees.allSatisfy { $0.hasSuffix(":mailto:gelashvili@example.org") })
        let agenda = try #require(AgendaCheck(text: kyiv, zones: try zones).agenda)
        let published = try read(folder, "event.ics")
        for person in agenda.people {
            #expect(!published.contains(person.name), "\(person.name) is in the public calendar")
            if let email = person.email { #expect(!published.contains(email)) }
        }
    }

    @Test("the same agenda and SOURCE_DATE_EPOCH give byte-identical files")
    func reproducible() throws {
        let first = try temporaryFolder(), second = try temporaryFolder()
        #expect(try ics(try sample, in: first).status == 0)
        #expect(try ics(try sample, in: second).status == 0)
        for path in ["event.ics", "invites/sarabi/main.ics", "programmes/sarabi.ics"] {
            #expect(try read(first, path) == read(second, path))
        }
    }

    @Test("a cancellation and an uninvitation are in their reader's language, titles included; the public programme's rule in the agenda's")
    func cancellationsInTheReadersLanguage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let agenda = header.replacingOccurrences(of: "title: Test event", with: "title: { fr: Formation à la médiation, en: Mediation training }") + """
            languages: [fr, en]
            confidentiality: chatham-house
            organizer: { name: Org, email: org@example.org }
            people:
              - { id: claire, name: Claire Martin, email: claire@example.org, languages: [fr] }
              - { id: ann, name: Ann Lee, email: ann@example.org, languages: [en] }
              - { id: dari, name: Habiba Sarabi, email: sarabi@example.org, languages: [dari] }
            sessions:
              - { id: one, title: { fr: L'écoute, en: Listening }, date: 2026-12-08, start: "10:00", duration: 1h, participants: [claire, ann, dari] }
              - { id: two, title: { fr: La négociation, en: Negotiation }, date: 2026-12-09, start: "10:00", duration: 1h, participants: [claire, ann, dari] }

            """
        #expect(try ics(agenda, in: folder).status == 0)
        // The public programme is in the agenda's first language: its rule too.
        let published = unfolded(try read(folder, "event.ics"))
        #expect(published.contains("SUMMARY:L'écoute — Formation à la médiation\r\n"), "\(published)")
        #expect(published.contains("Chatham House"), "\(published)")
        #expect(!published.contains("Held under"), "no English sentence in a French calendar: \(published)")
        #expect(published.contains(SheetLanguage.fr.notListed.replacingOccurrences(of: ",", with: "\\,")), "\(published)")
        #expect(unfolded(try read(folder, "programmes/ann.ics")).contains("X-WR-CALNAME:Mediation training: your programme\r\n"))
        #expect(unfolded(try read(folder, "programmes/claire.ics")).contains("X-WR-CALNAME:Formation à la médiation\u{A0}: votre programme\r\n"))

        // Session two is cancelled; Ann and the Dari speaker leave session one.
        let changed = agenda.replacingOccurrences(of: "  - { id: two, title: { fr: La négociation, en: Negotiation }, date: 2026-12-09, start: \"10:00\", duration: 1h, participants: [claire, ann, dari] }\n", with: "")
            .replacingOccurrences(of: "participants: [claire, ann, dari] }", with: "participants: [claire] }")
        let run = try ics(changed, in: folder, epoch: "1700000100")
        #expect(run.status == 0, "\(run.stderr)")
        let claire = unfolded(try read(folder, "cancellations/invites/claire/two.ics"))
        #expect(claire.contains("SUMMARY:La négociation — Formation à la médiation\r\n"), "\(claire)")
        #expect(claire.contains("COMMENT:Cette session est annulée.\r\n"), "\(claire)")
        let ann = unfolded(try read(folder, "cancellations/invites/ann/two.ics"))
        #expect(ann.contains("COMMENT:This session is cancelled.\r\n"), "\(ann)")
        #expect(ann.contains("SUMMARY:Negotiation — Mediation training\r\n"), "a session that is gone keeps the title Ann read: \(ann)")
        let annOut = unfolded(try read(folder, "cancellations/invites/ann/one.ics"))
        #expect(annOut.contains("SUMMARY:Listening — Mediation training\r\n"), "\(annOut)")
        #expect(annOut.contains("COMMENT:You no longer take part in this session\\; it goes ahead without you.\r\n"), "\(annOut)")
        let dari = unfolded(try read(folder, "cancellations/invites/dari/one.ics"))
        #expect(dari.contains("COMMENT:شما دیگر در این جلسه اشتراک ندارید؛ جلسه بدون شما برگزار می‌شود.\r\n"), "\(dari)")
        let cancelledTwo = unfolded(try read(folder, "cancellations/event.ics"))
        #expect(cancelledTwo.contains("COMMENT:Cette session est annulée.\r\n"), "the public cancellation is in the agenda's language: \(cancelledTwo)")
    }

    @Test("a changed session gets SEQUENCE+1 under the same UID; an unchanged one keeps its SEQUENCE; a removed one is cancelled")
    func updates() throws {
        let folder = try temporaryFolder()
        let two = header + """
            organizer: { name: Org, email: org@example.org }
            people:
              - { id: ana, name: Ana, email: ana@example.org }
              - { id: bo, name: Bo, email: bo@example.org }
            sessions:
              - { id: one, title: One, date: 2026-12-08, start: "10:00", duration: 1h, participants: [ana, bo] }
              - { id: two, title: Two, date: 2026-12-09, start: "10:00", duration: 1h, participants: [ana, bo] }

            """
        #expect(try ics(two, in: folder).status == 0)
        #expect(try read(folder, "invites/ana/two.ics").contains("SEQUENCE:0"))
        // Move session two by an hour: it alone gets SEQUENCE:1.
        let moved = two.replacingOccurrences(of: "date: 2026-12-09, start: \"10:00\"", with: "date: 2026-12-09, start: \"11:00\"")
        #expect(try ics(moved, in: folder, epoch: "1700000100").status == 0)
        #expect(unfolded(try read(folder, "invites/ana/one.ics")).contains("UID:one@test-event.convene\r\nDTSTAMP:20231114T221500Z\r\nSEQUENCE:0\r\n"))
        #expect(unfolded(try read(folder, "invites/ana/two.ics")).contains("UID:two@test-event.convene\r\nDTSTAMP:20231114T221500Z\r\nSEQUENCE:1\r\n"))
        // Her programme: both sessions, the invitations' UIDs and SEQUENCEs, no METHOD.
        let programme = unfolded(try read(folder, "programmes/ana.ics"))
        #expect(!programme.contains("METHOD:"))
        #expect(programme.contains("X-WR-CALNAME:Test event: your programme\r\n"))
        #expect(programme.contains("UID:one@test-event.convene\r\nDTSTAMP:20231114T221500Z\r\nSEQUENCE:0\r\n"))
        #expect(programme.contains("UID:two@test-event.convene\r\nDTSTAMP:20231114T221500Z\r\nSEQUENCE:1\r\n"))
        // Remove session two, and Bo from session one: cancellations with higher sequences.
        let removed = moved.replacingOccurrences(of: "  - { id: two, title: Two, date: 2026-12-09, start: \"11:00\", duration: 1h, participants: [ana, bo] }\n", with: "")
            .replacingOccurrences(of: "participants: [ana, bo] }", with: "participants: [ana] }")
        let run = try ics(removed, in: folder, epoch: "1700000200")
        #expect(run.status == 0, "\(run.stderr)")
        let cancelEvent = unfolded(try read(folder, "cancellations/event.ics"))
        #expect(cancelEvent.contains("METHOD:PUBLISH\r\n"))
        #expect(cancelEvent.contains("UID:public-two@test-event.convene\r\nDTSTAMP:20231114T221640Z\r\nSEQUENCE:2\r\n"))
        #expect(cancelEvent.contains("STATUS:CANCELLED\r\n"))
        // Session two is cancelled, to Bo as to everyone: STATUS:CANCELLED.
        let cancelTwo = unfolded(try read(folder, "cancellations/invites/bo/two.ics"))
        #expect(cancelTwo.contains("METHOD:CANCEL\r\n"))
        #expect(cancelTwo.contains("UID:two@test-event.convene\r\n"))
        #expect(cancelTwo.contains("STATUS:CANCELLED\r\n"))
        #expect(cancelTwo.contains("COMMENT:This session is cancelled.\r\n"))
        #expect(unfolded(try read(folder, "cancellations/invites/ana/two.ics")).contains("STATUS:CANCELLED\r\n"))
        // Session one goes on without Bo: an uninvite, no STATUS, no RSVP, a COMMENT saying so.
        let uninvite = unfolded(try read(folder, "cancellations/invites/bo/one.ics"))
        #expect(uninvite.contains("METHOD:CANCEL\r\n"))
        #expect(uninvite.contains("UID:one@test-event.convene\r\n"))
        #expect(!uninvite.contains("STATUS:"))
        #expect(!uninvite.contains("RSVP"))
        #expect(uninvite.contains("COMMENT:You no longer take part in this session\\; it goes ahead without you.\r\n"))
        #expect(uninvite.contains("ATTENDEE;CN=Bo;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT:mailto:bo@example.org"))
        // Ana's invitation to one is updated without Bo: SEQUENCE+1, and he is not listed.
        let anaOne = unfolded(try read(folder, "invites/ana/one.ics"))
        #expect(anaOne.contains("UID:one@test-event.convene\r\nDTSTAMP:20231114T221640Z\r\nSEQUENCE:1\r\n"))
        #expect(!anaOne.contains("bo@example.org"))
        for file in try calendarFiles(folder) {
            let text = try read(folder, file)
            #expect(CalendarRestrictions.problems(in: text).isEmpty, "\(file)")
            // One meeting per iTIP message (RFC 5546 3.2.2, 3.2.5).
            if text.contains("METHOD:REQUEST") || text.contains("METHOD:CANCEL") {
                #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 2, "\(file) holds one event")
            }
        }
        // Bo takes part in nothing now: the old invitations and programme are gone, not left to be sent again.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/invites/bo").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/programmes/bo.ics").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/invites/ana/two.ics").path))
        // A cancellation nobody marked sent stays pending: the next run keeps its file.
        let rerun = try ics(removed, in: folder, epoch: "1700000300")
        #expect(rerun.status == 0)
        // Ana's invite was never marked sent, so to her it is new; Bo is uninvited from one and
        // both lose two.
        #expect(rerun.stderr.contains("convene: 1 new invite, 2 cancellations, 1 uninvite to send — convene status a.yaml lists them"), "\(rerun.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/cancellations/invites/bo/one.ics").path))
        // Marked sent, it leaves every view.
        #expect(try convene(["status", "a.yaml", "--mark-sent"], in: folder).status == 0)
        #expect(try ics(removed, in: folder, epoch: "1700000400").status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/cancellations/invites/bo/one.ics").path))
        #expect(try read(folder, "invites/ana/one.ics").contains("UID:one@test-event.convene"))
    }

    @Test("an old state file with a bad entry is an error naming the file and the entry, and nothing is written")
    func damagedState() throws {
        let folder = try temporaryFolder()
        #expect(try ics(try sample, in: folder).status == 0)
        let state = folder.appendingPathComponent("out/.convene-sent.json")
        try "{ \"convene_sent\": 1, \"calendars\": { \"event.ics\": { \"main@wps-side-event-2022.convene\": { \"sequence\": -3 } } } }"
            .write(to: state, atomically: true, encoding: .utf8)
        let before = try read(folder, "event.ics")
        let run = try ics(try sample.replacingOccurrences(of: "Closing and next steps", with: "Closing"), in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("a.yaml: 1 warning — convene check a.yaml lists it\n"), "the sample's one warning, counted")
        #expect(run.stderr.hasSuffix("\nconvene: error: out/.convene-sent.json: the entry event.ics main@wps-side-event-2022.convene cannot be imported: its sequence is not a whole number from 0 to 1000000 — correct or remove that entry, or move the file away to start without it\n"), "\(run.stderr)")
        #expect(try read(folder, "event.ics") == before)
    }

    @Test("a person without an email gets no invite, and a warning")
    func noEmail() throws {
        let folder = try temporaryFolder()
        let text = header + "organizer: { name: Org, email: org@example.org }\npeople:\n  - { id: ana, name: Ana }\nsessions:\n  - { id: s, title: S, date: 2026-12-08, start: \"10:00\", duration: 1h }\n"
        let run = try ics(text, in: folder)
        #expect(run.status == 0)
        #expect(run.stderr == "convene: warning: Ana (ana) takes part but has no email, so gets no invite — add email: to send one\nconvene: no invites: nobody with an email takes part\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/invites").path))
    }

    @Test("without an organizer email, ics refuses and build writes everything but the calendars")
    func noOrganizer() throws {
        let folder = try temporaryFolder()
        let text = header + "sessions:\n  - { id: s, title: S, date: 2026-12-08, start: \"10:00\", duration: 1h }\n"
        let run = try ics(text, in: folder)
        #expect(run.status == 1)
        #expect(run.stderr == "convene: error: the agenda has no organizer with an email, and calendars name the organizer (replies go there) — add organizer: { name: ..., email: ... }\n")
        let build = try convene(["build", "a.yaml", "-o", "built"], in: folder)
        #expect(build.status == 0)
        #expect(build.stderr.hasPrefix("convene: warning: no calendars written"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("built/agenda.json").path))
    }

    @Test("in both samples every file is clean by libical's rules, and every event sits at the timeline's instants", arguments: ["wps-side-event-2022", "kyiv-consultation-2026"])
    func everyFile(sample name: String) throws {
        let folder = try temporaryFolder()
        let text = try String(contentsOf: packageRoot.appendingPathComponent("agendas/\(name).yaml"), encoding: .utf8)
        #expect(try ics(text, in: folder).status == 0)
        let zones = try zones
        let timeline = try #require(AgendaCheck(text: text, zones: zones).timeline)
        let files = try calendarFiles(folder)
        #expect(files.contains { $0.hasPrefix("programmes/") } && files.contains { $0.hasPrefix("invites/") })
        for file in files {
            let calendar = try read(folder, file)
            #expect(CalendarRestrictions.problems(in: calendar).isEmpty, "\(file)")
            // invites/PERSON/SESSION.ics is one session; programmes/PERSON.ics all of theirs.
            let parts = file.dropLast(4).split(separator: "/").map(String.init)
            let expected = timeline.sessions.filter { timed in
                switch parts.first {
                case "invites": timed.id.rawValue == parts[2] && timed.participants.contains(PersonID(rawValue: parts[1]))
                case "programmes": timed.participants.contains(PersonID(rawValue: parts[1]))
                default: true
                }
            }.map { BusyInterval(start: $0.start.seconds, end: $0.end.seconds) }.sorted()
            // The public listings are transparent (they make no one busy): read as busy here.
            let found = try BusyCalendar(text: calendar.replacingOccurrences(of: "TRANSP:TRANSPARENT\r\n", with: ""), from: 0, to: 4_000_000_000,
                                         floatingZone: "UTC", engine: zones.engine) { _ in nil }
            #expect(found.busy == expected, "\(file)")
        }
    }

    @Test("an invite the user edited is kept when its person no longer takes part")
    func prunedOnlyIfUnchanged() throws {
        let folder = try temporaryFolder()
        let agenda = header + """
            organizer: { name: Org, email: org@example.org }
            people:
              - { id: ana, name: Ana, email: ana@example.org }
              - { id: bo, name: Bo, email: bo@example.org }
            sessions:
              - { id: one, title: One, date: 2026-12-08, start: "10:00", duration: 1h, participants: [ana, bo] }

            """
        #expect(try ics(agenda, in: folder).status == 0)
        let edited = folder.appendingPathComponent("out/invites/bo/one.ics")
        try (try read(folder, "invites/bo/one.ics") + "\r\n").write(to: edited, atomically: true, encoding: .utf8)
        let without = agenda.replacingOccurrences(of: "participants: [ana, bo]", with: "participants: [ana]")
        #expect(try ics(without, in: folder, epoch: "1700000100").status == 0)
        #expect(FileManager.default.fileExists(atPath: edited.path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/cancellations/invites/bo/one.ics").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/programmes/bo.ics").path), "the unedited programme goes")
    }

    @Test("a venue in UTC writes its times with a Z and no VTIMEZONE")
    func utcVenue() throws {
        let folder = try temporaryFolder()
        let text = "convene: 1\nid: u\ntitle: U\ntimezone: UTC\norganizer: { name: Org, email: org@example.org }\n"
            + "sessions:\n  - { id: s, title: S, date: 2026-12-08, start: \"10:00\", duration: 1h }\n"
        let run = try ics(text, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let event = try read(folder, "event.ics")
        #expect(event.contains("DTSTART:20261208T100000Z\r\n"))
        #expect(!event.contains("BEGIN:VTIMEZONE"))
        #expect(CalendarRestrictions.problems(in: event).isEmpty)
    }
}
