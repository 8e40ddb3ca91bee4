@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// The programme in the frab schedule format: its structure and values for the samples, the
/// guid and version rules, what is recorded, and who is named.
@Suite("the frab schedule export")
struct FrabExportTests {
    static func forum() throws -> Timeline {
        try timeline(String(contentsOf: packageRoot.appendingPathComponent("docs/examples/regional-wps-forum-2027.yaml"), encoding: .utf8))
    }

    /// A schedule's JSON, parsed as any reader parses it.
    static func parsed(_ schedule: FrabSchedule) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(schedule.document(.json).utf8))
        return try #require((object as? [String: Any])?["schedule"] as? [String: Any])
    }

    static func events(_ schedule: FrabSchedule) -> [FrabSchedule.Event] {
        schedule.days.flatMap { $0.rooms.flatMap(\.events) }
    }

    @Test("SHA-1 and name-based UUIDs are those of FIPS 180-4 and Python's uuid.uuid5")
    func digests() {
        #expect(NameBasedUUID.sha1Hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(NameBasedUUID.sha1Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(NameBasedUUID.sha1Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(NameBasedUUID.sha1Hex(String(repeating: "a", count: 1000)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
        // uuid.uuid5(uuid.UUID('0C9A24B4-72AA-4202-9F91-5A2B6BFF2E6F'), 'public-main@wps-side-event-2022.convene')
        #expect(NameBasedUUID.uuid5("public-main@wps-side-event-2022.convene") == "951e6027-87ff-51b2-92d2-672363e15738")
        // uuid.uuid5(uuid.NAMESPACE_URL, 'acct:user@example.org')
        let url: [UInt8] = [0x6B, 0xA7, 0xB8, 0x11, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8]
        #expect(NameBasedUUID.uuid5("acct:user@example.org", namespace: url) == "3fcbb2db-c2d2-5dbb-9afc-85961b68b323")
    }

    @Test("the side-event sample: one day, one room, one event with every field")
    func sideEvent() throws {
        let schedule = try FrabSchedule(timeline: try sampleTimeline("wps-side-event-2022"), zones: try zones)
        #expect(schedule.title == "Inclusive peace negotiations & the WPS agenda")
        #expect(schedule.acronym == "wps_side_event_2022")
        #expect(schedule.timeZone == "America/New_York")
        #expect(schedule.timeslot == "00:15")
        #expect(schedule.tracks == [.init(name: "Track 2", slug: "track-2")])
        let day = try #require(schedule.days.first)
        #expect(schedule.days.count == 1)
        #expect((day.index, day.date.description, day.start.rfc3339, day.end.rfc3339)
                == (1, "2022-10-19", "2022-10-19T08:15:00-04:00", "2022-10-19T09:45:00-04:00"))
        #expect(day.rooms.map(\.name) == ["Permanent Mission of the Kingdom of the Netherlands"])
        let event = try #require(day.rooms.first?.events.first)
        #expect(event.guid == "951e6027-87ff-51b2-92d2-672363e15738")
        #expect(event.id == 951602, "the first six digits of the guid, as the c3voc tools number events")
        #expect(event.start.rfc3339 == "2022-10-19T08:15:00-04:00")
        #expect(event.start.clock == "08:15")
        #expect(event.duration == "01:30")
        #expect(event.slug == "wps_side_event_2022-main")
        #expect(event.title == "Inclusive peace negotiations & the WPS agenda")
        #expect(event.subtitle == "Lessons learned from experiences in Afghanistan and the DRC", "the event's subtitle, for the session of its title")
        #expect(event.track == "Track 2")
        #expect(event.type == "side-event")
        #expect(event.language == "en")
        #expect(event.abstract == "")
        #expect(event.persons == ["Yoka Brandt", "Claire Hutchinson", "Habiba Sarabi", "Claudine Tsongo", "Storai Tapesh", "Winnie Tshilobo", "Anne Kwakkenbos"])
        #expect(event.description == """
            08:15–08:25 Welcome and opening remarks — Yoka Brandt
            08:25–09:20 Panel discussion — Claire Hutchinson, Habiba Sarabi, Claudine Tsongo, Storai Tapesh, Winnie Tshilobo
            09:20–09:40 Questions from the floor
            09:40–09:45 Closing and next steps

            Moderator: Anne Kwakkenbos

            Online: https://example.org/j/wps-side-event-2022
            """)
        #expect(event.links == [.init(url: "https://example.org/j/wps-side-event-2022", title: "Zoom")])
        #expect(!event.doNotRecord)

        let xml = schedule.document(.xml)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <generator name=\"Convene\" version=\"\(ConveneVersion.current)\"/>\n  <version>\(schedule.version)</version>\n"))
        #expect(xml.contains("<day index=\"1\" date=\"2022-10-19\" start=\"2022-10-19T08:15:00-04:00\" end=\"2022-10-19T09:45:00-04:00\">"))
        #expect(xml.contains("<event guid=\"951e6027-87ff-51b2-92d2-672363e15738\" id=\"951602\">"))
        #expect(xml.contains("<title>Inclusive peace negotiations &amp; the WPS agenda</title>"))
        #expect(xml.contains("<recording>\n          <license/>\n          <optout>false</optout>\n        </recording>"))
        #expect(xml.contains("<person>Habiba Sarabi</person>"))
        #expect(xml.contains("<link href=\"https://example.org/j/wps-side-event-2022\">Zoom</link>"))

        let json = try Self.parsed(schedule)
        #expect((json["generator"] as? [String: String]) == ["name": "Convene", "version": ConveneVersion.current])
        #expect(json["version"] as? String == schedule.version)
        let conference = try #require(json["conference"] as? [String: Any])
        #expect(conference["daysCount"] as? Int == 1)
        #expect(conference["start"] as? String == "2022-10-19" && conference["end"] as? String == "2022-10-19")
        let days = try #require(conference["days"] as? [[String: Any]])
        let rooms = try #require(days.first?["rooms"] as? [String: [[String: Any]]])
        let object = try #require(rooms["Permanent Mission of the Kingdom of the Netherlands"]?.first)
        #expect(object["date"] as? String == "2022-10-19T08:15:00-04:00")
        #expect(object["do_not_record"] as? Bool == false)
        #expect(object["url"] as? String == "https://example.org/j/wps-side-event-2022")
        let persons = try #require(object["persons"] as? [[String: String]])
        #expect(persons.first == ["name": "Yoka Brandt", "public_name": "Yoka Brandt"], "both the pretalx and the frab name")
    }

    @Test("the Kyiv sample: two days, every session under the rule: counted, not named, not recorded")
    func kyiv() throws {
        let timeline = try sampleTimeline("kyiv-consultation-2026")
        let schedule = try FrabSchedule(timeline: timeline, zones: try zones)
        #expect(schedule.days.map(\.date.description) == ["2026-12-08", "2026-12-09"])
        #expect(schedule.days.map { $0.start.rfc3339 } == ["2026-12-08T09:30:00+02:00", "2026-12-09T09:30:00+02:00"])
        #expect(schedule.tracks.map(\.name) == ["Track 1.5", "Track 2"])
        let events = Self.events(schedule)
        #expect(events.map(\.session) == ["day1-morning", "day1-afternoon", "day2-morning", "day2-afternoon"])
        #expect(events.map(\.track) == ["Track 1.5", "Track 1.5", "Track 2", "Track 2"])
        #expect(events.map(\.duration) == ["03:30", "03:00", "03:30", "03:00"])
        #expect(Set(events.map(\.room)) == ["Hall B (plenary); rooms 2.1 and 2.2 (breakouts)"], "the venue's room")
        for event in events {
            #expect(event.persons.isEmpty, "\(event.session)")
            #expect(event.doNotRecord, "\(event.session)")
            #expect(event.abstract.hasPrefix("This meeting is held under the Chatham House Rule") && event.abstract.hasSuffix(" Participants are not listed."))
        }
        #expect(events[0].description.hasPrefix("09:30–09:45 Welcome and opening remarks — 2 speakers\n09:45–09:55 Ground rules and the Chatham House Rule\n"))
        // Participants see everyone but the people kept to the organisers, who are described.
        let participants = try FrabSchedule(timeline: timeline, zones: try zones, audience: .participants)
        let morning = try #require(Self.events(participants).first)
        #expect(morning.persons == ["Ірина Мороз", "Наталія Ткаченко", "Marieke van Dalen", "Tamar Gelashvili", "Юлія Гриценко",
                                    "a government adviser on negotiations", "Марія Шевчук", "Світлана Мельник", "Олена Коваленко"])
        #expect(morning.doNotRecord, "what may be recorded does not depend on the reader")
        let afternoon = try #require(Self.events(participants).last)
        #expect(afternoon.description.hasPrefix("14:30–15:30 Working group: consolidating the recommendations — Світлана Мельник (Moderator: Олена Коваленко)\n"))
        #expect(afternoon.description.contains("\n\nModerator: Юлія Гриценко\n"))
        #expect(participants.version != schedule.version, "another programme, another version")
        // Under the rule, the public schedule gives no way in; the participants' does.
        #expect(Self.events(schedule).allSatisfy { $0.joinLink == nil && $0.links.isEmpty && !$0.description.contains("https://") })
        #expect(Self.events(participants).contains { $0.joinLink != nil })
    }

    @Test("the forum: three days and a follow-up, parallel sessions in their rooms, the follow-up in a room named for its platform")
    func forum() throws {
        let schedule = try FrabSchedule(timeline: try Self.forum(), zones: try zones)
        #expect(schedule.rooms.map(\.name) == ["Plenary hall", "Room A", "Room B", "Room C", "Zoom"])
        #expect(schedule.tracks.map(\.slug) == ["track-1-5", "track-2", "track-3"])
        #expect(schedule.days.map { "\($0.index) \($0.start.rfc3339) \($0.end.rfc3339)" } == [
            "1 2027-10-26T09:30:00+02:00 2027-10-26T16:00:00+02:00",
            "2 2027-10-27T09:30:00+02:00 2027-10-27T17:00:00+02:00",
            "3 2027-10-28T09:30:00+02:00 2027-10-28T13:00:00+02:00",
            "4 2027-11-09T15:00:00+01:00 2027-11-09T16:00:00+01:00",
        ], "each day at the offset the venue's clock has then")
        let first = try #require(schedule.days.first)
        let rooms = Dictionary(first.rooms.map { ($0.name, $0.events.map { "\($0.start.clock) \($0.session)" }) }, uniquingKeysWith: { a, _ in a })
        #expect(rooms["Room A"] == ["11:30 track2-local-mediation", "14:30 track2-youth"])
        #expect(rooms["Room B"] == ["11:30 track3-missing-persons"])
        #expect(rooms["Room C"] == ["14:30 track15-officials"])
        let events = Dictionary(Self.events(schedule).map { ($0.session.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        let followUp = try #require(events["follow-up"])
        #expect(followUp.room == "Zoom")
        #expect(followUp.joinLink == "https://example.org/j/regional-wps-forum-2027-follow-up")
        #expect(followUp.track == nil, "no track in an event of several")
        #expect(events["opening"]?.track == nil)
        #expect(events["opening"]?.persons.contains("a community peacebuilder from the region") == true)
        #expect(events["track3-missing-persons"]?.persons == ["a community peacebuilder from the region", "a negotiator", "Goran Babić", "Amra Hadžić"])
        #expect(events["track15-officials"]?.persons == [])
        #expect(events["track15-officials"]?.description.hasPrefix("14:30–15:45 Dialogue: women at the negotiating table — 4 speakers") == true)
        // Every guid, id and slug is its session's own.
        let all = Self.events(schedule)
        #expect(all.count == 13)
        #expect(Set(all.map(\.guid)).count == 13 && Set(all.map(\.id)).count == 13 && Set(all.map(\.slug)).count == 13)
        for event in all {
            #expect(event.guid == NameBasedUUID.uuid5(Invites.publicUID(event: "regional-wps-forum-2027", session: event.session)))
        }
    }

    @Test("guids stay the same run after run and when a session moves; the version changes with the programme")
    func guidsAndVersion() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("agendas/wps-side-event-2022.yaml"), encoding: .utf8)
        let first = try FrabSchedule(timeline: try timeline(text), zones: try zones)
        let again = try FrabSchedule(timeline: try timeline(text), zones: try zones)
        #expect(first.document(.xml) == again.document(.xml) && first.document(.json) == again.document(.json))
        #expect(first.version.count == 12 && first.version.allSatisfy(\.isHexDigit))
        let moved = try FrabSchedule(timeline: try timeline(text.replacingOccurrences(of: "start: \"08:15\"", with: "start: \"08:30\"")
                                         .replacingOccurrences(of: "end: \"09:45\"", with: "end: \"10:00\"")), zones: try zones)
        #expect(moved.version != first.version, "a moved session is a new programme")
        #expect(Self.events(moved).map(\.guid) == Self.events(first).map(\.guid))
        #expect(Self.events(moved).first?.start.clock == "08:30")
        let retitled = try FrabSchedule(timeline: try timeline(text.replacingOccurrences(of: "title: Panel discussion", with: "title: Panel")), zones: try zones)
        #expect(retitled.version != first.version, "so is a new segment title")
    }

    static let recording = header + """
        organizer: { name: Org, email: org@example.org }
        people:
          - { id: pub, name: Paula Public, email: paula@example.org }
          - { id: quiet, name: Quinn Quiet, visibility: participants, described_as: a listener }
          - { id: hid, name: Hana Hid, visibility: organizers, described_as: a host }
        sessions:
          - id: open
            title: Open talk
            date: 2026-12-08
            start: "10:00"
            participants: [pub, quiet]
            segments: [{ title: Talk, duration: 30m, speakers: [pub] }]
          - id: hosted
            title: Hosted talk
            date: 2026-12-08
            start: "11:00"
            moderator: hid
            participants: [pub]
            segments: [{ title: Talk, duration: 30m, speakers: [pub] }]
          - id: rule
            title: Off the record
            date: 2026-12-08
            start: "12:00"
            confidentiality: off-the-record
            participants: [pub]
            segments: [{ title: Talk, duration: 30m, speakers: [pub] }]
          - id: led
            title: Workshop
            date: 2026-12-08
            start: "13:00"
            participants: [pub]
            segments: [{ title: Exercise, duration: 30m, facilitators: [quiet] }]

        """

    @Test("recording is opted out for a session not held in public and for one in which someone talks whom the public may not name")
    func recordingOptOut() throws {
        let timeline = try timeline(Self.recording)
        for audience in Audience.allCases {
            let events = Self.events(try FrabSchedule(timeline: timeline, zones: try zones, audience: audience))
            #expect(events.map { "\($0.session) \($0.doNotRecord)" } == ["open false", "hosted true", "rule true", "led true"], "\(audience)")
        }
        let xml = try FrabSchedule(timeline: timeline, zones: try zones).document(.xml)
        #expect(xml.components(separatedBy: "<optout>true</optout>").count == 4 && xml.components(separatedBy: "<optout>false</optout>").count == 2)
        let json = try FrabSchedule(timeline: timeline, zones: try zones).document(.json)
        #expect(json.components(separatedBy: "\"do_not_record\": true").count == 4)
    }

    @Test("titles are in the agenda's first language, and its code is the events' language")
    func firstLanguage() throws {
        let french = try FrabSchedule(timeline: try timeline(BilingualAgendaTests.agenda.replacingOccurrences(of: "languages: [en, fr]", with: "languages: [fr, en]")),
                                      zones: try zones)
        #expect(french.title == "Formation à la médiation")
        let event = try #require(Self.events(french).first)
        #expect(event.title == "Jour 1 : l'écoute")
        #expect(event.language == "fr")
        #expect(event.description.contains("Bienvenue — Claire Martin"))
        #expect(event.description.contains("Exercice avec une médiatrice"), "a hidden name in a title, by her description in French")
        let english = try FrabSchedule(timeline: try timeline(BilingualAgendaTests.agenda), zones: try zones)
        #expect(Self.events(english).first?.title == "Day 1: listening")
        #expect(Self.events(english).first?.language == "en")
    }

    /// What identifies `person` in text: every spelling of the name, the surname, the e-mail
    /// address and its local part, and the organisation unless it is the organiser's.
    static func secrets(of person: Person, in agenda: Agenda) -> NameSearch {
        var needles = DisclosedTimeline.needles(for: person, replacement: "", visibleWords: [], visibleOrganizations: [])
        if let organization = person.organization, organization == agenda.organizer?.name {
            needles.removeAll { $0.text == organization }
        }
        return NameSearch(needles)
    }

    @Test("the public export of every sample names nobody it may not: names in every script, e-mail addresses, organisations")
    func hiddenPeople() throws {
        let samples: [(String, Timeline)] = [
            ("wps", try sampleTimeline("wps-side-event-2022")), ("kyiv", try sampleTimeline("kyiv-consultation-2026")),
            ("forum", try Self.forum()), ("purpose-made", try timeline(HiddenPeople.purposeMade)),
            ("probe", try timeline(HiddenNameProbeTests.agenda)), ("disguised", try timeline(RolesAndDisclosureTests.disguised)),
        ]
        var searched = 0
        for (name, timeline) in samples {
            let schedule = try FrabSchedule(timeline: timeline, zones: try zones)
            let hidden = HiddenPeople.hidden(in: timeline)
            for format in FrabSchedule.Format.allCases {
                let text = HiddenPeople.readable(schedule.document(format))
                for person in hidden {
                    searched += 1
                    let found = Self.secrets(of: person, in: timeline.agenda).ranges(in: text).map { String(text[$0.range]) }
                    #expect(found.isEmpty, "\(name) \(format.fileName) shows \(found)")
                }
            }
        }
        #expect(searched >= 40, "hidden people in every sample were searched for")
        // The search is not blind: the forum's participants read the name, in both scripts' search.
        let forum = try FrabSchedule(timeline: try Self.forum(), zones: try zones, audience: .participants).document(.json)
        #expect(forum.contains("Jelena Marković"))
        #expect(!forum.contains("Dragana") && forum.contains("a negotiator"), "kept to the organisers even from participants")
        let probe = try FrabSchedule(timeline: try timeline(HiddenNameProbeTests.agenda), zones: try zones).document(.xml)
        #expect(probe.contains("<room>Zoom (host a host)</room>") || probe.contains("<room>Zoom (host [withheld])</room>"), "\(probe)")
        #expect(probe.contains("https://example.org/j/withheld"), "the link kept a link")
    }

    @Test("a session id that carries a hidden name gives a slug by the session's place; a short id is lengthened")
    func slugs() throws {
        let agenda = header + """
            organizer: { name: Org, email: org@example.org }
            people:
              - { id: hanna, name: Hanna Hidden, visibility: participants, described_as: a mediator }
            sessions:
              - { id: hanna-hidden-talk, title: A talk, date: 2026-12-08, start: "10:00", duration: 30m }
              - { id: s2, title: Another, date: 2026-12-08, start: "11:00", duration: 30m }
              - { id: S2., title: A third, date: 2026-12-08, start: "12:00", duration: 30m }

            """
        let timeline = try timeline(agenda)
        #expect(Self.events(try FrabSchedule(timeline: timeline, zones: try zones)).map(\.slug)
                == ["test_event-session-1", "test_event-s2-session", "test_event-s2--session"])
        #expect(Self.events(try FrabSchedule(timeline: timeline, zones: try zones, audience: .participants)).first?.slug == "test_event-hanna-hidden-talk")
        #expect(FrabSchedule.acronym(of: "A.b") == "a_b_")
        #expect(FrabSchedule.numericID(of: "aaaaaaaa-bbbb-0ccc-8ddd-eeeeeeeeeeee") == 8, "leading zeros dropped")
        #expect(FrabSchedule.numericID(of: "aaaaaaaa-bbbb-aaaa-aaaa-aaaaaaaaaaaa") == 1)
        #expect(FrabSchedule.timeslot(for: [495, 90]) == "00:15" && FrabSchedule.timeslot(for: [490, 90]) == "00:10"
                && FrabSchedule.timeslot(for: [485]) == "00:05" && FrabSchedule.timeslot(for: [487]) == "00:01")
    }

    @Test("XML text cannot break out of its element: markup escaped, characters XML forbids left out")
    func xmlEscaping() {
        let element = XMLValue("e", [("a", "x\"<&>\n\t\r")], children: [XMLValue("t", text: "<b>&</b> \"q\" \u{1}\u{FFFE}\r\nend 🕊")])
        #expect(element.serialized() == """
            <?xml version="1.0" encoding="UTF-8"?>
            <e a="x&quot;&lt;&amp;&gt;&#10;&#9;&#13;">
              <t>&lt;b&gt;&amp;&lt;/b&gt; "q" &#13;
            end 🕊</t>
            </e>

            """)
        #expect(XMLValue("empty", text: "").serialized().hasSuffix("<empty/>\n"))
    }

    @Test("an agenda with no scheduled session has no programme to export")
    func nothingScheduled() throws {
        let timeline = try timeline(String(contentsOf: packageRoot.appendingPathComponent("docs/examples/csw-side-event-2026.yaml"), encoding: .utf8))
        #expect(timeline.sessions.isEmpty)
        #expect(throws: FrabSchedule.NothingScheduled.self) { try FrabSchedule(timeline: timeline, zones: try zones) }
    }
}
