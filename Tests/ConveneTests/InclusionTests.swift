import Convene
import ConveneTestSupport
import Foundation
import Testing

/// The `inclusion:` key of an agenda.
@Suite("inclusion settings")
struct InclusionSettingsTests {
    func agenda(threshold: String) -> String {
        header + "inclusion:\n  women_speakers_threshold: \(threshold)\n"
    }

    @Test("the women's-share threshold is 50% unless the agenda sets one")
    func defaultThreshold() throws {
        let check = AgendaCheck(text: header, zones: try zones)
        #expect(check.agenda?.inclusion.womenSpeakersThreshold == Percentage(fraction: 0.5))
    }

    @Test("a threshold is read from a percentage or a fraction", arguments: [
        ("40%", 0.4), ("33.5%", 0.335), ("0%", 0.0), ("100%", 1.0), ("0.4", 0.4), ("1", 1.0), ("\"45 %\"", 0.45),
    ])
    func goodThresholds(text: String, fraction: Double) throws {
        let check = AgendaCheck(text: agenda(threshold: text), zones: try zones)
        #expect(check.diagnostics.items.isEmpty, "\(check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") })")
        let value = try #require(check.agenda?.inclusion.womenSpeakersThreshold.fraction)
        #expect(abs(value - fraction) < 1e-9)
    }

    @Test("a threshold outside 0–100% or not a percentage is an error at its line", arguments: [
        ("120%", "a.yaml:6:29: error: '120%' is outside 0%–100% — a share runs from 0% to 100%, e.g. 40%"),
        ("-5%", "a.yaml:6:29: error: '-5%' is outside 0%–100% — a share runs from 0% to 100%, e.g. 40%"),
        ("50", "a.yaml:6:29: error: '50' is not a percentage — write 50%; a bare number is read as a fraction from 0 to 1 (0.5 is 50%)"),
        ("half", "a.yaml:6:29: error: 'half' is not a percentage — write a share such as 40% (or the fraction 0.4)"),
        ("4O%", "a.yaml:6:29: error: '4O%' is not a percentage — write a share such as 40% (or the fraction 0.4)"),
        ("[40%]", "a.yaml:6:29: error: 'women_speakers_threshold' must be a single value, not a list — expected: a share such as 40% or 0.4"),
    ])
    func badThresholds(text: String, message: String) throws {
        #expect(try rendered(agenda(threshold: text)) == [message])
    }

    @Test("a misspelt inclusion key is named with the nearest known one")
    func unknownKey() throws {
        #expect(try rendered(header + "inclusion:\n  women_speaker_threshold: 40%\n") == [
            "a.yaml:6:3: error: unknown key 'women_speaker_threshold' in an inclusion — did you mean 'women_speakers_threshold'?",
        ])
    }

    @Test("agenda.json carries the threshold with its default filled in")
    func normalised() throws {
        let check = AgendaCheck(text: header, zones: try zones)
        let json = NormalizedAgenda.json(try #require(check.agenda)).serialized()
        #expect(json.contains("\"inclusion\": {\n    \"women_speakers_threshold\": \"50%\",\n    \"all_women_panels\": \"flag\"\n  }"))
    }
}

/// Reads a sample agenda from `agendas/`.
func sampleAgenda(_ name: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("agendas/\(name)"), encoding: .utf8)
}

/// The inclusion figures of valid agenda text.
func inclusionFigures(_ text: String) throws -> InclusionFigures {
    let check = AgendaCheck(text: text, zones: try zones)
    #expect(check.isValid, "\(check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") })")
    return InclusionFigures(timeline: try #require(check.timeline))
}

/// An event on Track 2 with an all-male panel and a woman moderating (lines 5 to 19).
let allMalePanel = header + """
    tracks: ["2"]
    people:
      - { id: ana, name: Ana Example, gender: woman, sector: civil-society }
      - { id: ben, name: Ben Example, gender: man, sector: government }
      - { id: carl, name: Carl Example, gender: man, sector: government }
      - { id: dan, name: Dan Example, gender: man, sector: academia }
    sessions:
      - id: s1
        title: Security talks
        date: 2026-12-08
        start: "09:00"
        moderator: ana
        segments:
          - { title: Opening, kind: opening, duration: 10m, speakers: [ben] }
          - { title: Security panel, kind: panel, duration: 50m, speakers: [ben, carl, dan] }

    """

/// Who spoke, moderated and took part, and for how long, by gender.
@Suite("inclusion figures")
struct InclusionFigureTests {
    func gender(_ count: GenderCount) -> [Int] { [count.total, count.women, count.men, count.nonBinary, count.undisclosed] }

    @Test("the side-event sample: six women speak, one woman moderates, seven women take part, 65 minutes")
    func sideEvent() throws {
        let figures = try inclusionFigures(try sampleAgenda("wps-side-event-2022.yaml"))
        let event = figures.event
        #expect(gender(event.speakers) == [6, 6, 0, 0, 0])
        #expect(event.speakers.womenShare == 1.0)
        #expect(gender(event.moderators) == [1, 1, 0, 0, 0])
        #expect(gender(event.participants) == [7, 7, 0, 0, 0])
        #expect(gender(event.speakingMinutes) == [65, 65, 0, 0, 0], "10m opening by one, 55m panel split by five; Q&A and closing have no speakers")
        #expect(event.speakerSectors.count("government") == 2)
        #expect(event.speakerSectors.count("civil_society") == 3)
        #expect(event.speakerSectors.count("international_organization") == 1)
        #expect(event.speakerAttendance.count("online") == 1)
        #expect(event.speakerAttendance.count("in_person") == 5)
        #expect(event.languages.entries.map { "\($0.key) \($0.count)" } == ["en 3", "fr 2", "fa-AF 1"])
        #expect(event.languagesUnspecified == 4)
        #expect(event.interpretation.interpreted.isEmpty, "one working language: nothing is interpreted")
        #expect(event.interpretation.spokenNotInterpreted == ["fr", "fa-AF"])
        #expect(figures.sessions.map(\.figures.flags) == [[.singleSexPanel]])
        #expect(figures.tracks.map(\.scope.key) == ["2"])
        #expect(event.singleSexSegments.map { "\($0.segment) \($0.gender) \($0.speakers)" } == ["1 woman 5"])
    }

    @Test("the Kyiv sample: 10 of 13 speakers are women, 353 of 426 planned minutes, per track and per session")
    func kyiv() throws {
        let figures = try inclusionFigures(try sampleAgenda("kyiv-consultation-2026.yaml"))
        #expect(gender(figures.event.speakers) == [13, 10, 2, 0, 1])
        #expect(gender(figures.event.moderators) == [3, 2, 1, 0, 0])
        #expect(gender(figures.event.participants) == [13, 10, 2, 0, 1])
        // The panel gives its three speakers 12 minutes each and leaves 24 to the moderator.
        #expect(gender(figures.event.speakingMinutes) == [426, 353, 43, 0, 30])
        #expect(figures.tracks.map(\.scope.key) == ["1.5", "2"])
        #expect(figures.tracks.map { gender($0.figures.speakers) } == [[11, 9, 2, 0, 0], [9, 7, 1, 0, 1]])
        #expect(figures.tracks.map { gender($0.figures.speakingMinutes) } == [[186, 154, 32, 0, 0], [240, 199, 11, 0, 30]])
        #expect(figures.sessions.map { gender($0.figures.speakers) } == [[8, 7, 1, 0, 0], [5, 4, 1, 0, 0], [4, 4, 0, 0, 0], [6, 4, 1, 0, 1]])
        #expect(figures.sessions.map { $0.figures.speakingMinutes.total } == [111, 75, 85, 155])
        #expect(figures.sessions.map(\.figures.flags) == [[.singleSexPanel], [], [.singleSexPanel], []])
        #expect(figures.sessions.allSatisfy { $0.isConfidential }, "the event is under the Chatham House Rule")
        #expect(figures.event.interpretation.interpreted == ["uk", "en"])
        #expect(figures.event.interpretation.spokenNotInterpreted == ["fr", "ka", "nl", "ru"])
        #expect(figures.event.interpretation.participantsNotCovered == 0)
    }

    @Test("an all-male panel is flagged single-sex, with no woman speaking, under the threshold and without civil society")
    func allMale() throws {
        let figures = try inclusionFigures(allMalePanel)
        #expect(gender(figures.event.speakers) == [3, 0, 3, 0, 0], "the woman moderating is not a speaker")
        #expect(gender(figures.event.moderators) == [1, 1, 0, 0, 0])
        #expect(gender(figures.event.participants) == [4, 1, 3, 0, 0])
        #expect(figures.event.participants.womenShare == 0.25)
        #expect(gender(figures.event.speakingMinutes) == [60, 0, 60, 0, 0])
        #expect(figures.sessions.first?.figures.flags == [.singleSexPanel, .noWomanSpeaker, .belowThreshold, .noCivilSocietySpeaker])
        #expect(figures.event.singleSexSegments.map { "\($0.segment) \($0.gender) \($0.speakers)" } == ["1 man 3"])
    }

    @Test("undisclosed genders count in every total, and a panel with one is not provably single-sex")
    func undisclosed() throws {
        let figures = try inclusionFigures(header + """
            people:
              - { id: ana, name: Ana, gender: woman }
              - { id: eve, name: Eve, gender: woman }
              - { id: uma, name: Uma }
              - { id: max, name: Max, gender: man }
            sessions:
              - id: s1
                title: One
                date: 2026-12-08
                start: "09:00"
                moderator: max
                segments:
                  - { title: Panel, kind: panel, duration: 30m, speakers: [ana, eve, uma] }
              - id: s2
                title: Two
                date: 2026-12-08
                start: "10:00"
                moderator: ana
                segments:
                  - { title: Talk, kind: dialogue, duration: 30m, speakers: [uma] }
              - id: s3
                title: Three
                date: 2026-12-08
                start: "11:00"
                moderator: ana
                segments:
                  - { title: Talk, kind: dialogue, duration: 30m, speakers: [max, uma] }

            """)
        let first = try #require(figures.sessions.first?.figures)
        #expect(gender(first.speakers) == [3, 2, 0, 0, 1])
        #expect(first.speakers.womenShare == 2.0 / 3.0, "women / everyone, undisclosed included")
        #expect(first.flags.isEmpty, "not single-sex: one speaker's gender is undisclosed")
        #expect(first.speakingMinutes.undisclosed == 10)
        #expect(figures.sessions[1].figures.flags.isEmpty, "nothing is known of the only speaker: nothing to flag")
        #expect(figures.sessions[2].figures.flags == [.noWomanSpeaker, .belowThreshold])
        #expect(gender(figures.event.speakers) == [4, 2, 1, 0, 1])
    }

    @Test("a segment's minutes come from its instants and split evenly, once per speaker, the moderator left out")
    func minutes() throws {
        let text = header.replacingOccurrences(of: "Europe/Kyiv", with: "America/New_York") + """
            people:
              - { id: a, name: A }
              - { id: b, name: B }
              - { id: c, name: C }
              - { id: m, name: M }
            sessions:
              - id: s1
                title: Across the change to summer time
                date: 2026-03-08
                start: "01:00"
                moderator: m
                segments:
                  - { title: Panel, kind: panel, duration: 30m, speakers: [a, b, c, a, m] }
                  - { title: Night talk, kind: other, duration: 1h30m, speakers: [c] }

            """
        let check = AgendaCheck(text: text, zones: try zones)
        let timeline = try #require(check.timeline)
        let segments = try #require(timeline.sessions.first?.roles.segments)
        #expect(segments[1].minutes.map { "\($0.person) \($0.minutes)" } == ["c 30"],
                "01:30 to 03:00 on the wall clock is 30 minutes on the night the clocks go forward")
        let roles = InclusionFigures(timeline: timeline).sessions[0].roles
        #expect(roles.minutes == ["a": 10, "b": 10, "c": 40], "the session's moderator, listed as a speaker too, is not one")
        #expect(roles.speakers == ["a", "b", "c"])
        let odd = SegmentRoles.minutes(of: ["a", "b", "c"], given: [], length: 50)
        #expect(odd.map { "\($0.person) \($0.minutes)" } == ["a 17", "b 17", "c 16"], "the first listed take the odd minutes")
    }
}

/// `convene report`: the figures as text and JSON, for the public and for the participants.
@Suite("inclusion report")
struct InclusionReportTests {
    func report(_ text: String, audience: Audience = .public) throws -> InclusionReport {
        InclusionReport(figures: try inclusionFigures(text), audience: audience)
    }

    @Test("a report on speakers whose gender is not recorded says why nothing is flagged")
    func undisclosedFlags() throws {
        let text = try report(header + """
            people:
              - { id: a, name: A }
              - { id: b, name: B }
              - { id: m, name: M }
            sessions:
              - { id: s, title: S, date: 2026-12-08, start: "10:00", moderator: m,
                  segments: [ { title: Panel, kind: panel, duration: 30m, speakers: [a, b] } ] }
            """).text(width: 80)
        #expect(text.contains("\n  Flags: none (no speaker's gender is recorded to judge by)\n"))
    }

    @Test("the public report counts the confidential sessions' flagged panels on one line, without their titles")
    func confidentialPanelsCounted() throws {
        let text = try report(try sampleAgenda("kyiv-consultation-2026.yaml")).text(width: 80)
        #expect(text.contains("\n  Flags: single-sex-panel\n    2 panels in confidential sessions, each: all 3 speakers are women\n"))
        #expect(!text.contains("Expert panel"))
    }

    /// The keys of a JSON object, in order.
    func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let pairs) = value else { return [] }
        return pairs.map(\.0)
    }

    func member(_ value: JSONValue?, _ key: String) -> JSONValue? {
        guard case .object(let pairs) = value else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    func item(_ value: JSONValue?, _ index: Int) -> JSONValue? {
        guard case .array(let items) = value, items.indices.contains(index) else { return nil }
        return items[index]
    }

    @Test("no line of the text report is wider than 80 columns, for either sample and any audience",
          arguments: ["wps-side-event-2022.yaml", "kyiv-consultation-2026.yaml"], Audience.allCases)
    func width(name: String, audience: Audience) throws {
        let text = try report(try sampleAgenda(name), audience: audience).text()
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
    }

    @Test("report --json has the shape docs/commands.md gives, more keys after those it shows")
    func jsonShape() throws {
        let json = try report(try sampleAgenda("wps-side-event-2022.yaml")).json()
        #expect(keys(json) == ["event", "sessions", "tracks", "threshold", "audience", "omitted_sessions"])
        let event = member(json, "event")
        #expect(Array(keys(event).prefix(4)) == ["speakers", "moderators", "participants", "speaking_minutes"])
        let genderKeys = ["total", "women", "men", "non_binary", "undisclosed", "women_share"]
        for role in ["speakers", "moderators", "participants"] { #expect(keys(member(event, role)) == genderKeys) }
        #expect(Array(keys(member(event, "speaking_minutes")).prefix(4)) == ["women", "men", "non_binary", "undisclosed"])
        let session = item(member(json, "sessions"), 0)
        #expect(Array(keys(session).prefix(3)) == ["id", "speakers", "flags"])
        #expect(keys(member(session, "speakers")) == genderKeys)
        #expect(keys(member(json, "tracks")) == ["2"])
        #expect(keys(member(member(json, "tracks"), "2")).first == "speakers")

        let text = json.serialized()
        #expect(text.hasPrefix("""
            {
              "event": {
                "speakers": {
                  "total": 6,
                  "women": 6,
                  "men": 0,
                  "non_binary": 0,
                  "undisclosed": 0,
                  "women_share": 1.0
                },
                "moderators": {
            """))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let minutes = (parsed["event"] as? [String: Any])?["speaking_minutes"] as? [String: Int]
        #expect(minutes == ["women": 65, "men": 0, "non_binary": 0, "undisclosed": 0, "total": 65])
        let sessions = try #require(parsed["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["id"] as? String } == ["main"])
        #expect(sessions.first?["flags"] as? [String] == ["single-sex-panel"])
        #expect(parsed["threshold"] as? Double == 0.5)
    }

    @Test("shares are rounded to two places, and a role nobody holds has no share")
    func shares() throws {
        let json = try report(allMalePanel).json()
        let participants = member(member(json, "event"), "participants")
        #expect(member(participants, "women_share") == .double(0.25))
        let kyiv = try report(try sampleAgenda("kyiv-consultation-2026.yaml")).json()
        #expect(member(member(member(kyiv, "event"), "speakers"), "women_share") == .double(0.77))
        let empty = try report(header + "sessions:\n  - { id: s, title: S, date: 2026-12-08, start: \"09:00\", duration: 1h }\n").json()
        #expect(member(member(member(empty, "event"), "speakers"), "women_share") == .null)
    }

    @Test("the public report of the Kyiv consultation names no one: no name, e-mail address or organisation")
    func kyivNamesNobody() throws {
        let text = try sampleAgenda("kyiv-consultation-2026.yaml")
        let agenda = try #require(AgendaCheck(text: text, zones: try zones).agenda)
        let report = try report(text)
        for output in [report.text(), report.json().serialized()] {
            for person in agenda.people {
                let words = person.name.split(separator: " ").map(String.init)
                for needle in [person.name, person.email, person.organization].compactMap({ $0 }) + words {
                    #expect(!output.contains(needle), "\(person.id): '\(needle)' is in the public report")
                }
            }
            #expect(!output.contains("@"))
        }
    }

    @Test("for the public, confidential sessions' own figures are left out but counted in the totals")
    func publicAudience() throws {
        let text = try sampleAgenda("kyiv-consultation-2026.yaml")
        let open = try report(text), full = try report(text, audience: .participants)
        #expect(open.shownSessions.isEmpty)
        #expect(member(open.json(), "omitted_sessions") == .int(4))
        #expect(open.text().contains("4 confidential sessions (chatham-house) are left out here"))
        #expect(full.shownSessions.map(\.id) == ["day1-morning", "day1-afternoon", "day2-morning", "day2-afternoon"])
        for key in ["speakers", "moderators", "participants", "speaking_minutes", "flags"] {
            #expect(member(member(open.json(), "event"), key) == member(member(full.json(), "event"), key), "the event's \(key) are the same for everyone")
        }
        #expect(member(member(open.json(), "event"), "single_sex_segments") == .array([]), "which segments, in which confidential session, is not said")

        let mixed = try report(header + """
            people:
              - { id: ana, name: Ana Example, gender: woman }
              - { id: ben, name: Ben Example, gender: man }
            sessions:
              - { id: open, title: Open, date: 2026-12-08, start: "09:00", duration: 1h, segments: [{ title: T, duration: 1h, speakers: [ana] }] }
              - { id: shut, title: Shut, date: 2026-12-08, start: "11:00", duration: 1h, confidentiality: closed,
                  segments: [{ title: T, duration: 1h, speakers: [ben] }] }

            """)
        #expect(mixed.shownSessions.map(\.id) == ["open"])
        #expect(mixed.figures.event.speakers.total == 2, "the closed session's speaker counts in the event's figures")
        #expect(mixed.text().contains("1 confidential session (closed) is left out here; its people are counted"))
    }

    @Test("a title or session id that names a person is withheld")
    func titlesWithheld() throws {
        let report = try report(header + """
            people:
              - { id: sarabi, name: Habiba Sarabi, organization: Afghanistan High Peace Council, email: h@example.org }
            sessions:
              - id: sarabi-keynote
                title: "Keynote by Habiba Sarabi (Afghanistan High Peace Council)"
                date: 2026-12-08
                start: "09:00"
                segments: [{ title: "Sarabi speaks", kind: keynote, duration: 30m, speakers: [sarabi] }]

            """)
        let text = report.text(), json = report.json().serialized()
        // A public person is withheld as a name, never as one word of it: the id and the
        // segment title that carry the surname alone stay as written.
        #expect(text.contains("sarabi-keynote — Keynote by [withheld] ([withheld])"))
        for output in [text, json] {
            #expect(!output.contains("Habiba") && !output.contains("Peace Council"))
        }
    }

    @Test("a hidden person is withheld by surname and e-mail local part too, in titles and ids")
    func hiddenSurnameWithheld() throws {
        let report = try report(header + """
            people:
              - { id: p, name: Hadia Qaderi, email: hqaderi@example.org, visibility: participants }
            sessions:
              - id: qaderi-talk
                title: "Mrs Qaderi in conversation; questions to hqaderi"
                date: 2026-12-08
                start: "09:00"
                segments: [{ title: "Talk", kind: keynote, duration: 30m, speakers: [p] }]

            """)
        let text = report.text(), json = report.json().serialized()
        #expect(text.contains("session-1 — Mrs [withheld] in conversation; questions to [withheld]"))
        for output in [text, json] { #expect(!output.lowercased().contains("qaderi")) }
    }

    @Test("first names that are ordinary words (Peace, Justice, Amani) do not withhold those words")
    func commonWordsKept() throws {
        let report = try report("""
            convene: 1
            id: common
            title: "Women, Peace and Security: Justice for Kyrgyzstan and Indonesia"
            timezone: Europe/Kyiv
            people:
              - { id: p, name: Peace Amani, gender: woman }
              - { id: j, name: Justice Salam, gender: woman }
              - { id: k, name: Speaker Kyrgyzstan, gender: man }
            sessions:
              - id: peace-dialogue
                title: "Dialogue on Peace and Justice"
                date: 2026-12-08
                start: "09:00"
                segments: [{ title: "Panel with Peace Amani", kind: other, duration: 30m, speakers: [p, j, k] }]

            """)
        let text = report.text(), json = report.json().serialized()
        #expect(text.contains("Women, Peace and Security: Justice for Kyrgyzstan and\nIndonesia"))
        #expect(json.contains("\"Dialogue on Peace and Justice\""))
        #expect(text.contains("peace-dialogue — Dialogue on Peace and Justice"))
        #expect(json.contains("\"Panel with [withheld]\"") || !json.contains("Panel with"), "the whole name is still withheld")
        #expect(!text.contains("Peace Amani") && !json.contains("Peace Amani"))
    }

    @Test("a session without a track counts under the event's only track, or under unassigned when it has several")
    func trackScopes() throws {
        let session = "sessions:\n  - { id: s, title: S, date: 2026-12-08, start: \"09:00\", duration: 1h }\n"
        #expect(try inclusionFigures(header + "tracks: [\"3\"]\n" + session).tracks.map(\.scope.key) == ["3"])
        let several = try report(header + "tracks: [\"1.5\", \"2\"]\n" + session)
        #expect(several.figures.tracks.map(\.scope.key) == ["unassigned"])
        #expect(several.text().contains("NO TRACK · 1 session"))
        #expect(keys(member(several.json(), "tracks")) == ["unassigned"])
    }

}

/// The inclusion warnings of `convene check`, each at its line with a hint.
@Suite("inclusion warnings")
struct InclusionWarningTests {
    @Test("an all-male panel is warned about at the panel's line, with no woman, no civil society and the threshold at the session's")
    func allMale() throws {
        #expect(try rendered(allMalePanel) == [
            "a.yaml:12:3: warning: women are 0 of the event's 3 speakers (0%), under the threshold of 50% — give more of the floor to women, or set inclusion: { women_speakers_threshold: ... } to the event's own aim [women-under-threshold]",
            "a.yaml:12:5: warning: no woman speaks in session 's1' (3 speakers: 3 men) — give a woman the floor in one of its segments [no-woman-speaker]",
            "a.yaml:12:5: warning: no speaker in session 's1' is from civil society, in an event on Track 2 — give the floor to someone from civil society, or check each speaker's sector (sector: in their entry) [no-civil-society-speaker]",
            "a.yaml:19:9: warning: all 3 speakers of the panel 'Security panel' are men: a single-sex panel — invite a woman to speak in it (the moderator does not count) [single-sex-panel]",
        ])
    }

    @Test("the samples' all-women panels are the only warnings they get")
    func samples() throws {
        let wps = AgendaCheck(text: try sampleAgenda("wps-side-event-2022.yaml"), zones: try zones).diagnostics.sorted
        #expect(wps.map { $0.rendered(file: "wps.yaml") } == [
            "wps.yaml:183:9: warning: all 5 speakers of the panel 'Panel discussion' are women: a single-sex panel — if an all-women panel is by design, leave it; otherwise invite a speaker of another gender (the moderator does not count) [single-sex-panel]",
        ])
        let kyiv = AgendaCheck(text: try sampleAgenda("kyiv-consultation-2026.yaml"), zones: try zones).diagnostics.sorted
        #expect(kyiv.map { "\($0.severity) \($0.location)" } == ["warning 282:9", "warning 367:9"])
        #expect(kyiv.allSatisfy { $0.message.hasSuffix("are women: a single-sex panel") })
    }

    @Test("the threshold warning stands at the threshold's line when the agenda sets one, and 40% of 40% passes")
    func threshold() throws {
        func agenda(_ threshold: String?) -> String {
            header + (threshold.map { "inclusion: { women_speakers_threshold: \($0) }\n" } ?? "") + """
                people:
                  - { id: a, name: A, gender: woman }
                  - { id: b, name: B, gender: woman }
                  - { id: c, name: C, gender: man }
                  - { id: d, name: D, gender: man }
                  - { id: e, name: E, gender: man }
                sessions:
                  - { id: s, title: S, date: 2026-12-08, start: "09:00",
                      segments: [{ title: Talks, kind: other, duration: 1h, speakers: [a, b, c, d, e] }] }

                """
        }
        #expect(try rendered(agenda(nil)) == [
            "a.yaml:12:3: warning: women are 2 of the event's 5 speakers (40%), under the threshold of 50% — give more of the floor to women, or set inclusion: { women_speakers_threshold: ... } to the event's own aim [women-under-threshold]",
        ])
        #expect(try rendered(agenda("40%")).isEmpty)
        #expect(try rendered(agenda("0.45")) == [
            "a.yaml:5:40: warning: women are 2 of the event's 5 speakers (40%), under the threshold of 45% — give more of the floor to women, or set inclusion: { women_speakers_threshold: ... } to the event's own aim [women-under-threshold]",
        ])
    }

    @Test("undisclosed genders make no panel single-sex and no session womanless, but count against the threshold")
    func undisclosed() throws {
        let lines = try rendered(header + """
            people:
              - { id: a, name: A, gender: woman }
              - { id: u, name: U }
              - { id: v, name: V }
              - { id: m, name: M, gender: man }
            sessions:
              - { id: s1, title: One, date: 2026-12-08, start: "09:00", moderator: a,
                  segments: [{ title: Panel, kind: panel, duration: 1h, speakers: [u, v] }] }
              - { id: s2, title: Two, date: 2026-12-08, start: "11:00", moderator: a,
                  segments: [{ title: Panel, kind: panel, duration: 1h, speakers: [m, u] }] }

            """)
        #expect(lines == [
            "a.yaml:11:3: warning: women are 0 of the event's 3 speakers (0%), under the threshold of 50%; the 2 whose gender is undisclosed count in the total — give more of the floor to women, or set inclusion: { women_speakers_threshold: ... } to the event's own aim [women-under-threshold]",
            "a.yaml:13:5: warning: no woman speaks in session 's2' (2 speakers: 1 man, 1 undisclosed) — give a woman the floor in one of its segments, or record each speaker's gender (gender: in their entry) [no-woman-speaker]",
        ])
        let unknown = try rendered(header + """
            people: [{ id: u, name: U }, { id: v, name: V }, { id: m, name: M }]
            tracks: ["3"]
            sessions:
              - { id: s1, title: One, date: 2026-12-08, start: "09:00", moderator: m,
                  segments: [{ title: Panel, kind: panel, duration: 1h, speakers: [u, v] }] }

            """)
        #expect(unknown.isEmpty, "where the agenda records no gender and no sector there is nothing to flag")
    }

    @Test("a session without a civil-society speaker is warned about in Track 2 and 3 events only")
    func civilSociety() throws {
        func agenda(_ tracks: String) -> String {
            header + "tracks: \(tracks)\n" + """
                people:
                  - { id: a, name: A, gender: woman, sector: government }
                  - { id: b, name: B, gender: man, sector: academia }
                sessions:
                  - { id: s1, title: One, date: 2026-12-08, start: "09:00", segments: [{ title: Talk, duration: 1h, speakers: [a, b] }] }
                  - { id: s2, title: Two, date: 2026-12-08, start: "11:00", segments: [{ title: Quiet, duration: 1h }] }

                """
        }
        #expect(try rendered(agenda("[\"1\"]")).isEmpty)
        #expect(try rendered(agenda("[\"1\", \"3\"]")) == [
            "a.yaml:10:5: warning: no speaker in session 's1' is from civil society, in an event on Track 3 — give the floor to someone from civil society, or check each speaker's sector (sector: in their entry) [no-civil-society-speaker]",
        ], "a session nobody speaks in is not flagged")
    }
}
