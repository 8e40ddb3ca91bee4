import ConveneTestSupport
import Convene
import Testing

/// Every diagnostic `convene check` promises, with its exact message and position.
@Suite("check diagnostics")
struct DiagnosticTests {
    @Test("a YAML syntax error points at the line and column libyaml stopped at")
    func yamlSyntax() throws {
        let lines = try rendered(header + "subtitle: \"never closed\nkind: workshop\n")
        #expect(lines == ["a.yaml:7:1: error: YAML syntax: found unexpected end of stream while scanning a quoted scalar (line 5) — a quote or bracket is not closed"])
    }

    @Test("a value with ': ' in it gets a hint to quote it")
    func unquotedColon() throws {
        let lines = try rendered(header + "subtitle: Panel: lessons learned\n")
        #expect(lines == ["a.yaml:5:16: error: YAML syntax: mapping values are not allowed in this context — a value that contains ': ' must be quoted, e.g. title: \"Panel: lessons learned\""])
    }

    @Test("a tab used for indentation is named as the problem")
    func tabIndentation() throws {
        let lines = try rendered("convene: 1\nid: x\n\ttitle: y\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("a.yaml:3:1: error: YAML syntax: found a tab character") == true)
        #expect(lines.first?.hasSuffix("— YAML indents with spaces, never tabs; replace the tab with spaces") == true)
    }

    @Test("a key given twice is an error at its second place")
    func duplicateKey() throws {
        let lines = try rendered(header + "title: Again\n")
        #expect(lines == ["a.yaml:5:1: error: the key 'title' appears twice in one mapping — keep one of them; a second value would silently replace the first"])
    }

    @Test("an unknown key suggests the nearest known key, at every level")
    func unknownKeys() throws {
        let lines = try rendered(header + """
            titel: x
            people:
              - id: ana
                name: Ana
                organisation: WICC
            sessions:
              - id: s1
                title: One
                duration: 1h
                segmnts: []

            """)
        #expect(lines == [
            "a.yaml:5:1: error: unknown key 'titel' at the top of the agenda — did you mean 'title'?",
            "a.yaml:9:5: error: unknown key 'organisation' in a person — did you mean 'organization'?",
            "a.yaml:14:5: error: unknown key 'segmnts' in a session — did you mean 'segments'?",
        ])
    }

    @Test("a missing required key is named with what it is for")
    func missingRequired() throws {
        let lines = try rendered("convene: 1\nid: x\ntimezone: UTC\npeople:\n  - id: ana\n")
        #expect(lines == [
            "a.yaml:1:1: error: the agenda has no 'title' — add 'title:' (the event's title)",
            "a.yaml:5:5: error: this person has no 'name' — add 'name:' (the name as it should be printed, in any script)",
        ])
    }

    @Test("a wrong enum value lists the allowed values and suggests the nearest")
    func enumValues() throws {
        let lines = try rendered(header + "kind: sideevent\ntracks: [\"2\", \"4\"]\nconfidentiality: secret\n")
        #expect(lines == [
            "a.yaml:5:7: error: 'sideevent' is not a valid kind — did you mean 'side-event'? use one of: side-event, workshop, dialogue, consultation, community-dialogue, training, meeting",
            "a.yaml:6:15: error: '4' is not a valid track — use one of: 1, 1.5, 2, 3",
            "a.yaml:7:18: error: 'secret' is not a valid confidentiality — use one of: public, chatham-house, off-the-record, closed",
        ])
    }

    @Test("common words for a value are understood as suggestions")
    func synonyms() throws {
        let lines = try rendered(header + "people:\n  - id: ana\n    name: Ana\n    gender: female\n    attendance: remote\n")
        #expect(lines == [
            "a.yaml:8:13: error: 'female' is not a valid gender — did you mean 'woman'? use one of: woman, man, non-binary, undisclosed",
            "a.yaml:9:17: error: 'remote' is not a valid attendance — did you mean 'online'? use one of: in-person, online",
        ])
    }

    @Test("a list where text belongs, and text where a list belongs, are type errors")
    func wrongTypes() throws {
        let lines = try rendered(header + "subtitle: [a, b]\ntracks: \"2\"\nvenue: Kyiv\n")
        #expect(lines == [
            "a.yaml:5:11: error: 'subtitle' must be a single value, not a list — expected: text, or texts by language such as { en: ..., fr: ... }",
            "a.yaml:6:9: error: 'tracks' must be a list, not the text '2' — write it as [a, b] or as lines starting with '- '",
            "a.yaml:7:8: error: a venue must be a mapping of keys and values, not the text 'Kyiv' — write it as indented 'key: value' lines",
        ])
    }

    @Test("unknown person and question ids are errors with the nearest id suggested")
    func unknownReferences() throws {
        let lines = try rendered(header + """
            guiding_questions:
              - id: q1
                text: Why?
            people:
              - id: sarabi
                name: Habiba Sarabi
            sessions:
              - id: main
                title: Main
                moderator: nobody
                duration: 30m
                participants: [sarabi, sarabbi]
                segments:
                  - title: Panel
                    kind: panel
                    duration: 30m
                    speakers: [sarab]
                    questions: [q1, q2]

            """)
        #expect(lines == [
            "a.yaml:14:16: error: unknown person 'nobody' as moderator — add them under people: with id: nobody",
            "a.yaml:16:28: error: unknown person 'sarabbi' as participant — did you mean 'sarabi'?",
            "a.yaml:21:20: error: unknown person 'sarab' as speaker — did you mean 'sarabi'?",
            "a.yaml:22:25: error: unknown guiding question 'q2' — define it under guiding_questions: with id: q2",
        ])
    }

    @Test("duplicate ids of people, sessions and questions point back at the first")
    func duplicateIDs() throws {
        let lines = try rendered(header + """
            guiding_questions:
              - { id: q1, text: A }
              - { id: q1, text: B }
            people:
              - { id: ana, name: Ana }
              - { id: ana, name: Anna }
            sessions:
              - { id: s1, title: One, duration: 1h }
              - { id: s1, title: Two, duration: 1h }

            """)
        #expect(lines == [
            "a.yaml:7:11: error: duplicate guiding question id 'q1' — the first 'q1' is on line 6; ids must be unique",
            "a.yaml:10:11: error: duplicate person id 'ana' — the first 'ana' is on line 9; ids must be unique",
            "a.yaml:13:11: error: duplicate session id 's1' — the first 's1' is on line 12; ids must be unique",
        ])
    }

    @Test("ids that differ only in case are refused: they name files that collide where case is not told apart")
    func caseOnlyIDs() throws {
        let lines = try rendered(header + """
            people:
              - { id: sarabi, name: Habiba Sarabi }
              - { id: Sarabi, name: H. Sarabi }
            sessions:
              - { id: Main, title: One, duration: 1h }
              - { id: main, title: Two, duration: 1h }

            """)
        #expect(lines == [
            "a.yaml:7:11: error: the person id 'Sarabi' differs from 'sarabi' (line 6) only in case — ids name files, and many file systems do not tell case apart; make them differ otherwise",
            "a.yaml:10:11: error: the session id 'main' differs from 'Main' (line 9) only in case — ids name files, and many file systems do not tell case apart; make them differ otherwise",
        ])
    }

    @Test("an id that could not name a file is refused")
    func badIdentifier() throws {
        let lines = try rendered("convene: 1\nid: ../etc/passwd\ntitle: x\ntimezone: UTC\n")
        #expect(lines == ["a.yaml:2:5: error: '../etc/passwd' is not a valid id — ids use letters, digits, '-', '_' and '.', and start with a letter or digit; they name files and calendar UIDs"])
    }

    @Test("an unknown time zone suggests the nearest IANA name")
    func unknownZone() throws {
        let lines = try rendered("convene: 1\nid: x\ntitle: x\ntimezone: Europe/Kiew\npeople:\n  - { id: a, name: A, timezone: Kabul }\n")
        #expect(lines == [
            "a.yaml:4:11: error: unknown time zone 'Europe/Kiew' — did you mean 'Europe/Kyiv'?",
            "a.yaml:6:33: error: unknown time zone 'Kabul' — did you mean 'Asia/Kabul'?",
        ])
    }

    @Test("a legacy zone alias is accepted, normalised, and warned about")
    func legacyAlias() throws {
        let check = AgendaCheck(text: "convene: 1\nid: x\ntitle: x\ntimezone: Europe/Kiev\npeople:\n  - { id: a, name: A, timezone: US/Eastern }\n", zones: try zones)
        #expect(check.isValid)
        #expect(check.agenda?.timeZone == "Europe/Kyiv")
        #expect(check.agenda?.people.first?.timeZone == "America/New_York")
        #expect(check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") } == [
            "a.yaml:4:11: warning: 'Europe/Kiev' is a legacy name for the time zone 'Europe/Kyiv'; Convene uses 'Europe/Kyiv' — write timezone: Europe/Kyiv [legacy-zone-name]",
            "a.yaml:6:33: warning: 'US/Eastern' is a legacy name for the time zone 'America/New_York'; Convene uses 'America/New_York' — write timezone: America/New_York [legacy-zone-name]",
        ])
    }

    @Test("bad durations, times, dates and working hours say how to write them")
    func badValues() throws {
        let lines = try rendered(header + """
            people:
              - { id: a, name: A, working_hours: "9-17" }
            sessions:
              - id: s1
                title: One
                date: 2026-02-30
                start: "9.30"
                duration: 90
              - id: s2
                title: Two
                duration: 1 hour

            """)
        #expect(lines == [
            "a.yaml:6:38: error: '9-17' is not a span of working hours — write it as HH:MM-HH:MM in the person's own zone, e.g. \"08:00-20:00\"",
            "a.yaml:10:11: error: '2026-02-30' is not a date — write dates as YYYY-MM-DD, e.g. 2026-12-08",
            "a.yaml:11:12: error: '9.30' is not a time of day — write times as 24-hour HH:MM in quotes, e.g. \"08:15\" or \"14:30\"",
            "a.yaml:12:15: error: '90' is not a duration — give the unit: 90m",
            "a.yaml:15:15: error: '1 hour' is not a duration — write durations like 90m, 1h30m or 1h",
        ])
    }

    @Test("a session that ends before it starts, or when it starts, is an error")
    func endBeforeStart() throws {
        let lines = try rendered(header + """
            sessions:
              - { id: late, title: Late, date: 2026-12-08, start: "22:00", end: "01:00" }
              - { id: zero, title: Zero, date: 2026-12-08, start: "10:00", end: "10:00" }

            """)
        #expect(lines == [
            "a.yaml:6:69: error: session 'late' ends at 01:00, before it starts at 22:00 — for a session that runs past midnight, give its duration (duration:) instead of its end (end:)",
            "a.yaml:7:69: error: session 'zero' ends at 10:00, the moment it starts — for a session that runs past midnight, give its duration (duration:) instead of its end (end:)",
        ])
    }

    @Test("segments that run past the session's end are an error at the last segment")
    func overrun() throws {
        let lines = try rendered(header + """
            sessions:
              - id: s1
                title: One
                date: 2026-12-08
                start: "09:00"
                end: "10:00"
                segments:
                  - { title: Opening, kind: opening, duration: 40m }
                  - { title: Talk, kind: keynote, duration: 30m }

            """)
        #expect(lines == ["a.yaml:13:49: error: the segments of 's1' run until 10:10, 10m past the session's end at 10:00 — shorten a segment by 10m or end the session at 10:10"])
    }

    @Test("time at the end of a session that no segment covers is a warning")
    func unexplainedEnd() throws {
        let lines = try rendered(header + """
            sessions:
              - id: s1
                title: One
                date: 2026-12-08
                start: "09:00"
                end: "10:00"
                segments:
                  - { title: Opening, kind: opening, duration: 45m }

            """)
        #expect(lines == ["a.yaml:10:10: warning: the segments of 's1' end at 09:45; the last 15m until 10:00 are not in any segment — add a segment or a break, lengthen one, or end the session at 09:45 [segment-gap]"])
    }

    @Test("a segment pinned before the previous one ends overlaps it")
    func pinnedOverlap() throws {
        let lines = try rendered(header + """
            sessions:
              - id: s1
                title: One
                date: 2026-12-08
                start: "09:00"
                end: "11:00"
                segments:
                  - { title: Opening, kind: opening, duration: 40m }
                  - { title: Keynote, kind: keynote, at: "09:30", duration: 1h30m }

            """)
        #expect(lines == ["a.yaml:13:46: error: 'Keynote' is pinned at 09:30, but 'Opening' before it runs until 09:40 — shorten the segments before it by 10m or pin it at 09:40"])
    }

    @Test("a segment without duration runs until the next pinned segment")
    func openEndedBeforePinned() throws {
        let check = AgendaCheck(text: header + """
            sessions:
              - id: s1
                title: One
                date: 2026-12-08
                start: "09:00"
                end: "11:00"
                segments:
                  - { title: Arrival and coffee, kind: break }
                  - { title: Keynote, kind: keynote, at: "09:30" }

            """, zones: try zones)
        #expect(check.isValid)
        #expect(check.diagnostics.items.isEmpty)
    }

    @Test("a segment without duration followed by one that is not pinned is an error")
    func openEndedNotPinned() throws {
        let lines = try rendered(header + """
            sessions:
              - id: s1
                title: One
                date: 2026-12-08
                start: "09:00"
                end: "11:00"
                segments:
                  - { title: Arrival, kind: break }
                  - { title: Keynote, kind: keynote, duration: 30m }

            """)
        #expect(lines == ["a.yaml:12:9: error: 'Arrival' has no duration, and 'Keynote' after it is not pinned — give it a duration (duration:), or pin the next segment (at:)"])
    }

    @Test("a panel or dialogue without a moderator is an error; the session's moderator counts")
    func moderatorNeeded() throws {
        let lines = try rendered(header + """
            people:
              - { id: mod, name: Moderator }
            sessions:
              - id: s1
                title: One
                duration: 1h
                segments:
                  - { title: Panel, kind: panel, duration: 30m }
                  - { title: Dialogue, kind: dialogue, duration: 30m }
              - id: s2
                title: Two
                duration: 30m
                moderator: mod
                segments:
                  - { title: Panel, kind: panel, duration: 30m }

            """)
        #expect(lines == [
            "a.yaml:12:31: error: the panel 'Panel' has no moderator — set moderator: on the session or on this segment",
            "a.yaml:13:34: error: the dialogue 'Dialogue' has no moderator — set moderator: on the session or on this segment",
        ])
    }

    @Test("an online person without a time zone is an error")
    func onlineWithoutZone() throws {
        let lines = try rendered(header + "people:\n  - { id: sarabi, name: Habiba Sarabi, attendance: online }\n")
        #expect(lines == ["a.yaml:6:52: error: Habiba Sarabi attends online but has no timezone — add timezone: with the zone they join from, e.g. Asia/Kabul, so their local times are right"])
    }

    @Test("a person who may not be named needs a description to stand in for the name")
    func hiddenWithoutDescription() throws {
        let lines = try rendered(header + "people:\n  - { id: o, name: Олена, visibility: participants }\n")
        #expect(lines.first == "a.yaml:6:39: warning: Олена may not be named publicly but has no described_as — add described_as: (e.g. \"a civil-society expert from Kharkiv\") so outputs can mention them without their name [no-described-as, protects people: cannot be accepted]")
    }

    @Test("a file with many problems reports all of them in one run")
    func allErrorsAtOnce() throws {
        let check = AgendaCheck(text: """
            convene: 2
            id: bad id
            titel: x
            kind: party
            timezone: Mars/Olympus
            people:
              - { id: a, name: A, attendance: online }
              - { id: a, name: B, gender: f }
            sessions:
              - { id: s, title: S, date: 2026-13-01, start: "25:00" }

            """, zones: try zones)
        #expect(check.diagnostics.errors.count == 11)
        #expect(check.diagnostics.errors.map(\.location.line) == [1, 1, 2, 3, 4, 5, 7, 8, 8, 10, 10])
    }

    @Test("a file for another format version asks for a newer convene")
    func formatVersion() throws {
        let lines = try rendered("convene: 2\nid: x\ntitle: x\ntimezone: UTC\n")
        #expect(lines == ["a.yaml:1:10: error: this file is agenda format version 2; this convene reads version 1 — use a newer convene"])
    }

    @Test("an address that is not an email is refused")
    func badEmail() throws {
        let lines = try rendered(header + "organizer: { name: WICC, email: info at wicc.net.ua }\n")
        #expect(lines == ["a.yaml:5:33: error: 'info at wicc.net.ua' is not an email address — write a plain address, e.g. name@example.org"])
    }

    @Test("a session needs both a date and a start, or neither")
    func dateWithoutStart() throws {
        let lines = try rendered(header + "sessions:\n  - { id: s1, title: One, date: 2026-12-08, duration: 1h }\n  - { id: s2, title: Two, start: \"09:00\", duration: 1h }\n")
        #expect(lines == [
            "a.yaml:6:33: error: session 's1' has a date but no start — give both date: and start:, or neither while the session is unscheduled",
            "a.yaml:7:34: error: session 's2' has a start but no date — give both date: and start:, or neither while the session is unscheduled",
        ])
    }

    @Test("an end and a duration that disagree are an error")
    func endAndDuration() throws {
        let lines = try rendered(header + "sessions:\n  - { id: s1, title: One, date: 2026-12-08, start: \"09:00\", end: \"10:00\", duration: 90m }\n")
        #expect(lines == ["a.yaml:6:85: error: session 's1' lasts 1h30m by its duration but 1h from 09:00 to 10:00 — give either end: or duration:, not both"])
    }

    @Test("a session with no end, no duration and no segments has no length")
    func noLength() throws {
        let lines = try rendered(header + "sessions:\n  - { id: s1, title: One, date: 2026-12-08, start: \"09:00\" }\n")
        #expect(lines == ["a.yaml:6:5: error: session 's1' has no length — give end: or duration:, or list its segments with durations"])
    }

    @Test("a segment pinned before its session starts is an error; a gap before a pinned segment is a warning")
    func pinnedPlacement() throws {
        let lines = try rendered(header + """
            sessions:
              - id: s1
                title: One
                date: 2026-12-08
                start: "09:00"
                end: "10:00"
                segments:
                  - { title: Early, kind: other, at: "08:30", duration: 30m }
              - id: s2
                title: Two
                date: 2026-12-09
                start: "09:00"
                end: "10:00"
                segments:
                  - { title: Opening, kind: opening, duration: 15m }
                  - { title: Keynote, kind: keynote, at: "09:20", duration: 40m }

            """)
        #expect(lines == [
            "a.yaml:12:42: error: 'Early' is pinned at 08:30, before session 's1' starts at 09:00 — pin it at 09:00 or later",
            "a.yaml:20:46: warning: 5m between 09:15 and 09:20 before 'Keynote' are not in any segment — add a break, lengthen a segment, or leave out duration: on the segment before so it runs until 09:20 [segment-gap]",
        ])
    }

    @Test("a moderator listed among the speakers, and a track the event does not list, are warnings")
    func softProblems() throws {
        let lines = try rendered(header + """
            tracks: ["2"]
            people:
              - { id: mod, name: Moderator }
            sessions:
              - id: s1
                title: One
                duration: 30m
                track: "3"
                moderator: mod
                segments:
                  - { title: Panel, kind: panel, duration: 30m, speakers: [mod] }

            """)
        #expect(lines == [
            "a.yaml:12:12: warning: session 's1' is on track 3, which the event's tracks do not list — add \"3\" to tracks: at the top, or correct the session's track [track-not-listed]",
            "a.yaml:15:63: warning: 'mod' both moderates and speaks in 'Panel' — the moderator is not counted as a speaker; if they teach or lead it, list them under facilitators:, otherwise remove them from speakers: or name another moderator [moderator-speaks]",
        ])
    }

    @Test("an empty list item and a list inside a list of ids are errors")
    func badListItems() throws {
        let lines = try rendered(header + "people:\n  - { id: a, name: A }\nsessions:\n  - id: s1\n    title: One\n    duration: 30m\n    participants:\n      -\n      - [a]\n")
        #expect(lines == [
            "a.yaml:12:8: error: an item of 'participants' is empty — remove the empty '- ' line",
            "a.yaml:13:9: error: an item of 'participants' must be a single value, not a list",
        ])
    }

    @Test("a session past midnight is given by its duration, and a pinned segment after midnight fits it")
    func pastMidnight() throws {
        let check = AgendaCheck(text: header + """
            sessions:
              - id: night
                title: Night session
                date: 2026-12-08
                start: "22:00"
                duration: 3h
                segments:
                  - { title: Talks, kind: other }
                  - { title: Wrap-up, kind: closing, at: "00:30", duration: 30m }

            """, zones: try zones)
        #expect(check.diagnostics.items.isEmpty, "\(check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") })")
    }
}
