@testable import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// Who does what (one roles layer) and who may be named (one disclosure step), as every output
/// reads them: each test here is a defect a reader of one output would otherwise have met.
@Suite("Roles and disclosure")
struct RolesAndDisclosureTests {
    /// A public event whose organisers' text names its hidden people in every field a reader
    /// sees, in every disguise that prints as the name: spacing, invisible characters, a
    /// look-alike letter, the surname after a title, the e-mail's local part.
    static let disguised = """
        convene: 1
        id: disguise-test
        title: "Dialogue with Hadia  Hidden and Zarina Qasemi"
        subtitle: "Hosted with the Secret Council"
        timezone: Europe/Amsterdam
        confidentiality: public
        organizer: { name: Convening Office, email: office@example.org }
        languages: [en, fr, uk]
        venue:
          name: "Residence of Mrs Hidden"
          address: "c/o hadia.hidden, Lange Voorhout 1, The Hague"
          room: "Qasemi\u{00A0}Room"
          online: { platform: Zoom, url: "https://example.org/j/hadia.hidden", notes: "Ask zqasemi for the code" }
        introduction: "Zarina\\tQasemi and Hadia\u{200B} Hidden open the day."
        guiding_questions:
          - { id: q1, text: "What did Had\u{00AD}ia Hidden learn in Herat?" }
          - { id: q2, text: "What does Amina Public propose?" }
        outcome: "A note by H\u{0430}dia Hidden."
        audience: "Friends of \u{202E}Zarina Qasemi\u{202C}."
        interpretation: { languages: [en, fr], notes: "Zarina Qasemi's interpreter sits at the back" }
        people:
          - { id: open, name: Amina Public, email: amina@example.org, organization: Open Forum, gender: woman,
              title: "Colleague of Hadia Hidden" }
          - { id: shura, name: Zarina Qasemi, email: zqasemi@example.org, organization: Herat Women Network, gender: woman,
              visibility: participants, described_as: "a rights defender from Herat",
              attendance: online, timezone: Asia/Kabul, working_hours: "06:00-23:00", working_days: [mon, tue, wed, thu, fri, sat, sun] }
          - { id: hidden, name: Hadia Hidden, email: hadia.hidden@example.org, organization: Secret Council, gender: woman,
              visibility: organizers, described_as: "a negotiator", attendance: online, timezone: Asia/Kabul,
              working_hours: "06:00-23:00", working_days: [mon, tue, wed, thu, fri, sat, sun] }
          - { id: mod, name: Chantal Moderator, email: mod@example.org, organization: Convening Office, gender: woman }
        sessions:
          - id: open-panel
            title: "Keynote by Hadia Hidden, then a panel"
            date: 2026-12-07
            start: "10:00"
            moderator: mod
            room: "Hidden Hall"
            segments:
              - { title: "Keynote by Hadia\\nHidden", kind: keynote, duration: 20m, speakers: [hidden],
                  cues: ["Hand the microphone to Mrs Hidden"], notes: "zqasemi arrives late", interpretation: "Hadia Hidden speaks Dari" }
              - { title: "Panel with Zarina Qasemi", kind: panel, duration: 40m, speakers: [open, shura, hidden] }
          - id: rule-talks
            title: "Talks under the rule with Amina Public"
            date: 2026-12-07
            start: "14:00"
            confidentiality: chatham-house
            moderator: mod
            segments:
              - { title: Exchange, kind: dialogue, duration: 60m, speakers: [open, shura, hidden], questions: [q2] }
        """

    /// Everything Convene makes that `reader` gets, rendered: for an audience, the agenda and
    /// run-of-show in every format and language, the programme calendar, the schedule and the
    /// inclusion report (and, for the organisers, `times --json`); for one person, their briefing and
    /// their invite.
    static func outputs(of timeline: Timeline, audience: Audience?, person: PersonID?) throws -> [(String, String)] {
        var outputs: [(String, String)] = []
        let invites = Invites(timeline: timeline, zones: try zones, stamp: 0)
        if let audience {
            for language in SheetLanguage.allCases {
                for format in SheetFormat.allCases {
                    outputs.append(("agenda.\(language).\(format)", try printed(timeline, .agenda, format, language: language, audience: audience)))
                    outputs.append(("run-of-show.\(language).\(format)", try printed(timeline, .runOfShow, format, language: language, audience: audience)))
                }
            }
            outputs.append(("event.ics", try CalendarWriter.text(of: invites.published(for: audience))))
            let schedule = try FrabSchedule(timeline: timeline, zones: try zones, audience: audience)
            outputs.append(("schedule.xml", schedule.document(.xml)))
            outputs.append(("schedule.json", schedule.document(.json)))
            let report = InclusionReport(timeline: timeline, audience: audience)
            outputs.append(("report.txt", report.text()))
            outputs.append(("report.json", report.json().serialized()))
            if audience == .organizers { outputs.append(("times.json", try TimesReport(timeline: timeline, zones: try zones).json().serialized())) }
        }
        if let person, let reader = timeline.agenda.person(person) {
            let builder = SheetBuilder(timeline: timeline, zones: try zones, language: .en, audience: .participants)
            if builder.speakers.contains(where: { $0.id == person }) {
                for format in SheetFormat.allCases {
                    outputs.append(("briefing.\(format)", try printed(timeline, .briefing, format, audience: .participants, person: person)))
                }
            }
            outputs.append(("invites/\(person).ics", try CalendarWriter.text(of: invites.invite(for: reader))))
        }
        return outputs.map { ($0.0, HiddenPeople.readable($0.1)) }
    }

    /// What identifies `person` in an output: their name, surname, e-mail and organisation.
    static func identifying(_ person: Person) -> NameSearch {
        NameSearch(DisclosedTimeline.needles(for: person, replacement: "", visibleWords: [], visibleOrganizations: []))
    }

    @Test("every output, for every audience and every person, holds no name, e-mail or organisation its reader may not see, and the names it may")
    func everyOutputEveryReader() throws {
        let timeline = try timeline(Self.disguised)
        let people = timeline.agenda.people
        let readers: [(String, Audience?, PersonID?, mayNotSee: [PersonID], maySee: [PersonID])] = [
            ("public", .public, nil, ["shura", "hidden"], ["open"]),
            ("participants", .participants, nil, ["hidden"], ["open", "shura"]),
            ("organizers", .organizers, nil, [], ["open", "shura", "hidden"]),
        ] + people.map { person in
            (person.id.rawValue, nil, person.id, person.id == "hidden" ? [] : ["hidden"], [person.id])
        }
        var searched = 0
        for (label, audience, person, mayNotSee, maySee) in readers {
            let outputs = try Self.outputs(of: timeline, audience: audience, person: person)
            for (file, text) in outputs {
                searched += 1
                for id in mayNotSee {
                    let hidden = try #require(people.first { $0.id == id })
                    let found = Self.identifying(hidden).ranges(in: text).map { String(text[$0.range]) }
                    #expect(found.isEmpty, "\(label) \(file) shows \(found)")
                }
                // The report names nobody, whoever reads it.
                if file.hasPrefix("report.") {
                    for someone in people { #expect(!NameSearch([.init(someone.name, replacement: "")]).matches(text), "\(label) \(file) names \(someone.id)") }
                }
            }
            // Where the reader may see someone, the search finds them: it is not blind.
            let sheets = outputs.filter { $0.0.hasPrefix("run-of-show.en.text") || $0.0.hasPrefix("invites/") }.map(\.1).joined()
            for id in maySee {
                let someone = try #require(people.first { $0.id == id })
                #expect(NameSearch([.init(someone.name, replacement: "")]).matches(sheets), "\(label) should see \(id)")
            }
        }
        #expect(searched >= 80, "every reader's outputs were searched")
    }

    @Test("an organisers-only person named in a segment title is not named in another participant's invite")
    func inviteDescriptionRedacted() throws {
        let timeline = try timeline(Self.disguised)
        let invites = Invites(timeline: timeline, zones: try zones, stamp: 0)
        let amina = try #require(timeline.agenda.person("open"))
        let text = HiddenPeople.readable(try CalendarWriter.text(of: invites.invite(for: amina)))
        #expect(!text.contains("Hadia"), "the organisers' text is redacted for participants too")
        #expect(text.contains("Keynote by a negotiator"))
        #expect(text.contains("Zarina Qasemi"), "participants see participants")
        #expect(!text.contains("hadia.hidden"))
    }

    @Test("under the Chatham House Rule the public programme names and describes nobody, and says how many speak")
    func chathamHouseSessionAsAWhole() throws {
        let timeline = try timeline(Self.disguised)
        let calendar = try Invites(timeline: timeline, zones: try zones, stamp: 0).published()
        let rule = try #require(calendar.events.last?.description)
        #expect(rule.contains("14:00 Exchange — 3 speakers"))
        let speakerLines = rule.components(separatedBy: "\n").filter { $0.hasPrefix("14:") }
        #expect(speakerLines == ["14:00 Exchange — 3 speakers"], "no name and no description, only how many")
        #expect(calendar.events.last?.summary.contains("Amina") == false, "the session's title is cleaned at its own rule")
        let agenda = try printed(timeline, .agenda, .text, language: .en, audience: .public)
        #expect(agenda.contains("3 speakers"))
        // A question asked inside the session is read at the session's rule, not the event's.
        let ros = try printed(timeline, .runOfShow, .text, language: .en, audience: .public)
        #expect(!ros.contains("What does Amina Public propose"), "\(ros)")
        #expect(ros.contains("What does [withheld] propose"))
        // In the public session, the public speaker is named and the hidden ones described.
        let open = try #require(calendar.events.first?.description)
        #expect(open.contains("Panel with a rights defender from Herat — Amina Public, a rights defender from Herat, a negotiator"))
    }

    @Test("hidden names are caught in the venue, the room, the link and other people's titles, however they are disguised")
    func disguisesCaught() throws {
        let timeline = try timeline(Self.disguised)
        let disclosed = DisclosedTimeline(timeline, audience: .public)
        let agenda = disclosed.agenda
        #expect(agenda.title == "Dialogue with a negotiator and a rights defender from Herat")
        #expect(agenda.subtitle == "Hosted with the [withheld]", "a hidden person's organisation")
        #expect(agenda.venue?.name == "Residence of Mrs a negotiator", "the surname after a title")
        #expect(agenda.venue?.address?.hasPrefix("c/o a negotiator,") == true, "the e-mail's local part")
        #expect(agenda.venue?.room == "a rights defender from Herat\u{00A0}Room", "what stands outside the name is kept as written")
        #expect(agenda.venue?.online?.url == "https://example.org/j/withheld", "a link stays a link")
        // Names run together in a link, or next to an escaped space, are found too.
        var linked = timeline
        linked.agenda.venue?.online?.url = "https://meet.example.org/HadiaHiddenBriefing?n=Hadia%20Hidden&c=zqasemi"
        let link = DisclosedTimeline(linked, audience: .public).agenda.venue?.online?.url
        #expect(link == "https://meet.example.org/withheldBriefing?n=withheld%20withheld&c=withheld")
        #expect(DisclosedTimeline(linked, audience: .participants).agenda.venue?.online?.url == "https://meet.example.org/withheldBriefing?n=withheld%20withheld&c=zqasemi",
                "participants may see Zarina")
        #expect(agenda.introduction == "a rights defender from Herat and a negotiator open the day.", "a tab and a zero-width space")
        #expect(agenda.guidingQuestions.first?.text == "What did a negotiator learn in Herat?", "a soft hyphen")
        #expect(agenda.outcome == "A note by a negotiator.", "a Cyrillic look-alike letter")
        #expect(agenda.audience == "Friends of \u{202E}a rights defender from Herat\u{202C}.", "right-to-left override characters")
        #expect(agenda.person("open")?.title == "Colleague of a negotiator", "another person's title")
        #expect(disclosed.timeline.sessions[0].segments[0].segment.title == "Keynote by a negotiator", "a line break")
        #expect(disclosed.timeline.sessions[0].session.room == "a negotiator Hall")
        #expect(agenda.person("hidden")?.name == "", "someone the reader sees nowhere keeps no name")
        #expect(agenda.person("hidden")?.email == nil && agenda.person("hidden")?.organization == nil)
        // The organisers' view is the timeline as written.
        #expect(DisclosedTimeline(timeline, audience: .organizers).agenda == timeline.agenda)
    }

    @Test("check warns for every audience that would see a hidden name, at its line")
    func warningsForEveryAudience() throws {
        let warnings = try diagnose(Self.disguised).filter { $0.message.contains("names Hadia Hidden") }.map { $0.rendered(file: "a.yaml") }
        #expect(warnings.contains { $0.hasPrefix("a.yaml:3:8: warning: the event's title names Hadia Hidden, whose visibility is organizers: what the public and participants read") })
        #expect(warnings.contains { $0.contains("the venue's room") } == false, "the room names Qasemi, not Hidden")
        #expect(warnings.contains { $0.contains("the venue's address names Hadia Hidden") })
        #expect(warnings.contains { $0.contains("the title of 'open' names Hadia Hidden") })
        #expect(!warnings.contains { $0.contains("a cue of") }, "cues reach only the organisers")
        let qasemi = try diagnose(Self.disguised).filter { $0.message.contains("names Zarina Qasemi") }.map(\.message)
        #expect(qasemi.contains { $0.hasPrefix("the venue's room names Zarina Qasemi, whose visibility is participants: what the public reads") })
    }

    @Test("a session id that carries a hidden person's name is warned about: it is in every calendar's UID")
    func sessionIDWarning() throws {
        let lines = try rendered(header + """
            people:
              - { id: h, name: Hadia Hidden, visibility: participants, described_as: a negotiator }
            sessions:
              - { id: fireside-hadia, title: S, date: 2026-12-08, start: "10:00", duration: 1h }
              - { id: plenary, title: P, date: 2026-12-09, start: "10:00", duration: 1h }
            """)
        #expect(lines.filter { $0.contains("carries the name") } == [
            "a.yaml:8:11: warning: the id of session 'fireside-hadia' carries the name of Hadia Hidden, whose visibility is participants: every calendar's UID shows it, the public programme's too — choose an id without the name before invites go out; a UID must not change after [hidden-name-in-id, protects people: cannot be accepted]",
        ])
    }

    /// An online moderator and an online speaker whose first turn is 40 minutes in.
    static let online = """
        convene: 1
        id: alarms
        title: Alarms
        timezone: Europe/Kyiv
        organizer: { name: Office, email: office@example.org }
        people:
          - { id: mod, name: Olena Moderator, email: mod@example.org, gender: woman, attendance: online, timezone: Europe/Berlin }
          - { id: late, name: Late Speaker, email: late@example.org, gender: woman, attendance: online, timezone: Asia/Tbilisi }
          - { id: room, name: Room Person, email: room@example.org, gender: man }
        sessions:
          - id: s
            title: Session
            date: 2026-12-08
            start: "10:00"
            moderator: mod
            segments:
              - { title: Opening, kind: opening, duration: 40m, speakers: [room] }
              - { title: Panel, kind: panel, duration: 50m, speakers: [late, room] }
        """

    @Test("an invite's alarm is the printed tech check: the online moderator's, and a speaker's before a later turn")
    func alarmsAreTechChecks() throws {
        let timeline = try timeline(Self.online)
        let session = try #require(timeline.sessions.first)
        #expect(session.roles.techChecks.map { "\($0.person) \(session.start.minutes(until: $0.at))" } == ["mod -15", "late 25"])
        let invites = Invites(timeline: timeline, zones: try zones, stamp: 0)
        func trigger(_ id: PersonID) throws -> String? {
            let text = try CalendarWriter.text(of: invites.invite(for: try #require(timeline.agenda.person(id))))
            return text.components(separatedBy: "\r\n").first { $0.hasPrefix("TRIGGER") }
        }
        #expect(try trigger("mod") == "TRIGGER:-PT15M", "the session's moderator online is checked 15 minutes before")
        #expect(try trigger("late") == "TRIGGER:PT25M", "15 minutes before her panel at 10:40")
        #expect(try trigger("room") == "TRIGGER:-PT30M", "someone in the room is reminded half an hour before")
        let ros = try printed(timeline, .runOfShow, .text, audience: .organizers)
        #expect(ros.contains("09:45") && ros.contains("10:25"), "the run-of-show prints the same two checks")
    }

    @Test("a trainer who facilitates the segments she moderates holds the floor: she speaks, and no flag says no woman does")
    func facilitatorsHoldTheFloor() throws {
        let text = """
            convene: 1
            id: training
            title: Training
            kind: training
            tracks: ["2"]
            timezone: Europe/Kyiv
            people:
              - { id: lead, name: Lead Trainer, gender: woman, sector: civil-society }
              - { id: guest, name: Guest Speaker, gender: man, sector: civil-society }
            sessions:
              - id: s
                title: Module
                date: 2026-12-08
                start: "10:00"
                moderator: lead
                segments:
                  - { title: Ground rules, duration: 30m, facilitators: [lead] }
                  - { title: Exercise, kind: dialogue, duration: 60m, facilitators: [lead], speakers: [guest], speaking: { lead: 20m } }
            """
        let check = AgendaCheck(text: text, zones: try zones)
        #expect(!check.diagnostics.warnings.contains { $0.message.contains("no woman speaks") })
        #expect(!check.diagnostics.warnings.contains { $0.message.contains("both moderates and speaks") })
        let timeline = try #require(check.timeline)
        let roles = try #require(timeline.sessions.first?.roles)
        #expect(roles.minutes == ["lead": 50, "guest": 40])
        #expect(roles.speakers == ["lead", "guest"])
        #expect(roles.segments[1].floor == ["lead", "guest"])
        let minutes = InclusionFigures(timeline: timeline).event.speakingMinutes
        #expect(minutes.women == 50 && minutes.men == 40)
        let agenda = try printed(timeline, .agenda, .text, audience: .organizers)
        #expect(agenda.contains("Lead Trainer"), "the programme lists who teaches")
        // Without the key, the same trainer speaks 0 minutes and the flag is raised.
        let old = AgendaCheck(text: text.replacingOccurrences(of: "facilitators: [lead], ", with: "").replacingOccurrences(of: ", facilitators: [lead]", with: "")
                                  .replacingOccurrences(of: ", speaking: { lead: 20m }", with: ""), zones: try zones)
        #expect(old.diagnostics.warnings.contains { $0.message.contains("no woman speaks") })
    }

    @Test("the training template's lead trainer facilitates, so its draft does not claim that nobody speaks")
    func trainingTemplateUsesFacilitators() throws {
        let template = try String(contentsOf: packageRoot.appendingPathComponent("templates/agenda/mediator-training.yaml"), encoding: .utf8)
        #expect(template.components(separatedBy: "facilitators: [moderator]").count > 5)
    }
}

/// The one layout: the same pure function gives the validator its diagnostics and the
/// resolver its offsets.
@Suite("Segment layout")
struct SegmentLayoutTests {
    static func session(_ segments: [Segment], start: String? = "10:00", duration: Int? = 60) -> Session {
        Session(id: "s", title: "S", date: LocalDate(parsing: "2026-12-08"), start: start.flatMap(LocalTime.init(parsing:)),
                duration: duration.map(Minutes.init), segments: segments)
    }

    @Test("durations follow each other, a pinned segment leaves a gap, and the session's end another")
    func gaps() throws {
        let pinned = Segment(title: "B", duration: Minutes(10), at: LocalTime(parsing: "10:30"))
        let result = SegmentLayout.of(Self.session([Segment(title: "A", duration: Minutes(20)), pinned]))
        let (layout, gaps) = try result.get()
        #expect(layout.starts == [0, 30] && layout.ends == [30, 60] && layout.length == 60)
        #expect(gaps == [.init(before: 1, from: 20, to: 30), .init(before: nil, from: 40, to: 60)])
    }

    @Test("segments that run past the end, or a pin inside the segment before, do not lay out")
    func problems() {
        let long = SegmentLayout.of(Self.session([Segment(title: "A", duration: Minutes(70))]))
        #expect(throws: SegmentLayout.Problem.overrun(end: 70, length: 60)) { try long.get() }
        let inside = SegmentLayout.of(Self.session([Segment(title: "A", duration: Minutes(40)),
                                                    Segment(title: "B", at: LocalTime(parsing: "10:30"))]))
        #expect(throws: SegmentLayout.Problem.pinnedInsidePrevious(segment: 1, pinned: 30, previousEnd: 40)) { try inside.get() }
        let open = SegmentLayout.of(Self.session([Segment(title: "A"), Segment(title: "B", duration: Minutes(5))], duration: nil))
        #expect(throws: SegmentLayout.Problem.openEndedNotPinned(openEnded: 0, next: 1)) { try open.get() }
    }

    @Test("the resolver's instants are the layout's offsets")
    func resolverUsesLayout() throws {
        let timeline = try timeline(header + """
            sessions:
              - id: s
                title: S
                date: 2026-12-08
                start: "10:00"
                duration: 1h
                segments:
                  - { title: A, duration: 20m }
                  - { title: B, at: "10:30" }
            """)
        let session = try #require(timeline.sessions.first)
        #expect(session.segments.map { session.start.minutes(until: $0.start) } == [0, 30])
        #expect(session.segments.map { session.start.minutes(until: $0.end) } == [30, 60], "a segment runs until the next one starts")
    }
}
