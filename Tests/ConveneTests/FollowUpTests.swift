@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// A session held online after the meeting (`follow_up: true`): the event's dates and venue
/// stay the meeting's, and the follow-up is listed apart with its own join link.
@Suite("follow-up sessions")
struct FollowUpTests {
    func sample() throws -> Timeline {
        try sampleTimeline("expert-group-meeting-2026")
    }

    @Test("the event's dates are the meeting's; the follow-up is listed apart, with its own link, in every format")
    func sheets() throws {
        let timeline = try sample()
        let text = try printed(timeline, .agenda, .text)
        #expect(text.contains("Monday 16 November 2026 – Wednesday 18 November 2026\n"), "\(text)")
        #expect(!text.contains("30 November 2026 –") && !text.contains("– Monday 30 November"))
        let apart = try #require(text.range(of: "Follow-up, online\n-----------------\n"))
        #expect(text[apart.upperBound...].contains("Monday 30 November 2026\nFollow-up: agreeing the report\n14:00–15:00 Addis Ababa time\nJoin online: Zoom · https://example.org/j/egm-2026-follow-up\n"))
        #expect(!text[..<apart.lowerBound].contains("agreeing the report"), "the programme of the meeting does not list it")
        let markdown = try printed(timeline, .agenda, .md)
        #expect(markdown.contains("### Follow-up, online") && markdown.contains("Join online: Zoom · https://example.org/j/egm-2026-follow-up"))
        let html = try printed(timeline, .agenda, .html)
        #expect(html.contains("<h2>Follow-up, online</h2>") && html.contains("<a href=\"https://example.org/j/egm-2026-follow-up\">"))
        let run = try printed(timeline, .runOfShow, .text, audience: .organizers)
        #expect(run.contains("Monday 30 November 2026 · 14:00–15:00 · 60\u{A0}min · Follow-up, online\nJoin online: https://example.org/j/egm-2026-follow-up"), "\(run)")
    }

    @Test("a speaker's briefing gives the follow-up's own link with the follow-up, not only the venue's")
    func briefingLink() throws {
        let text = try printed(try sample(), .briefing, .text, person: "restrepo")
        let followUp = try #require(text.range(of: "Follow-up: agreeing the report"))
        #expect(text[followUp.upperBound...].contains("Join online                 https://example.org/j/egm-2026-follow-up"), "\(text)")
    }

    @Test("a follow-up's invitation gives its own link, first in LOCATION, as URL and in the description, for everyone")
    func invitations() throws {
        let draft = try CalendarOutputs.draft(timeline: try sample(), zones: try zones, stamp: 0)
        let files = try CalendarOutputs.outputs(of: draft, history: CalendarHistory(latest: [:], lastSent: [:]), stamp: 0).all()
        for path in ["invites/tesfaye/follow-up.ics", "invites/restrepo/follow-up.ics"] {
            let text = try #require(files.first { $0.path == path }).contents.replacingOccurrences(of: "\r\n ", with: "")
            #expect(text.contains("LOCATION:https://example.org/j/egm-2026-follow-up\r\n"), "\(path): no room, the link")
            #expect(text.contains("URL:https://example.org/j/egm-2026-follow-up\r\n"))
            #expect(text.contains("Online: https://example.org/j/egm-2026-follow-up"))
        }
        let meeting = try #require(files.first { $0.path == "invites/tesfaye/day1.ics" }).contents.replacingOccurrences(of: "\r\n ", with: "")
        #expect(meeting.contains("LOCATION:Conference room 4\\, UN Conference Centre"), "the meeting keeps its room")
        let entry = try #require(draft.entries.first { $0.session == "follow-up" && $0.owner == .person("tesfaye") })
        #expect(entry.meaning.link == "https://example.org/j/egm-2026-follow-up" && entry.meaning.place == "")
    }

    @Test("a follow-up with no link anywhere is an error; follow_up takes true or false")
    func checked() throws {
        let base = header + """
            people: [{ id: a, name: A }]
            sessions:
              - { id: later, title: Later, date: 2026-12-20, start: "10:00", duration: 1h, follow_up: FLAG }

            """
        let missing = AgendaCheck(text: base.replacingOccurrences(of: "FLAG", with: "true"), zones: try zones)
        #expect(missing.diagnostics.errors.map { $0.rendered(file: "a.yaml") } == [
            "a.yaml:7:91: error: session 'later' is a follow-up, held online, but has no join link — give it its own link (online: { url: ... }), or give the venue one (online: under venue:)",
        ])
        let word = AgendaCheck(text: base.replacingOccurrences(of: "FLAG", with: "maybe"), zones: try zones)
        #expect(word.diagnostics.errors.first?.message == "'maybe' is not true or false")
        let linked = AgendaCheck(text: base.replacingOccurrences(of: "FLAG", with: "true, online: { url: \"https://example.org/j/x\" }"), zones: try zones)
        #expect(linked.isValid)
    }
}
