@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Invitations as a phone shows them: the title's start and LOCATION.
@Suite("calendars on a phone")
struct PhoneCalendarTests {
    func files() throws -> [String: String] {
        let timeline = try sampleTimeline("csw-side-event-2027")
        let draft = try CalendarOutputs.draft(timeline: timeline, zones: try zones, stamp: 0)
        let files = try CalendarOutputs.outputs(of: draft, history: CalendarHistory(latest: [:], lastSent: [:]), stamp: 0).all()
        return Dictionary(files.map { ($0.path, $0.contents.replacingOccurrences(of: "\r\n ", with: "")) }, uniquingKeysWith: { first, _ in first })
    }

    func line(_ name: String, in text: String?) -> String? {
        text?.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }
    }

    @Test("an online attendee's LOCATION starts with the join link, the room after it; URL and DESCRIPTION keep the link")
    func onlineLocation() throws {
        let files = try files()
        let online = files["invites/sari/main.ics"]
        #expect(line("LOCATION", in: online) == "LOCATION:https://example.org/j/csw-side-event-2027\\, 8th floor conference room\\, Church Center for the United Nations\\, 777 United Nations Plaza\\, New York\\, NY 10017")
        #expect(line("URL", in: online) == "URL:https://example.org/j/csw-side-event-2027")
        #expect(online?.contains("Online: https://example.org/j/csw-side-event-2027") == true)
        let inRoom = files["invites/lindqvist/main.ics"]
        #expect(line("LOCATION", in: inRoom)?.hasPrefix("LOCATION:8th floor conference room") == true, "someone in the room sees the room first")
        #expect(line("LOCATION", in: files["event.ics"])?.hasPrefix("LOCATION:8th floor conference room") == true)
    }

    @Test("SUMMARY puts the session first, then the event's short title")
    func summaryFirst() throws {
        let files = try files()
        for path in ["invites/sari/main.ics", "programmes/sari.ics", "event.ics"] {
            #expect(line("SUMMARY", in: files[path]) == "SUMMARY:From national action plans to budget lines — WPS parliamentarians", "\(path)")
        }
        var agenda = try sampleTimeline("csw-side-event-2027").agenda
        agenda.shortTitle = nil
        #expect(Invites.summary(of: agenda.sessions[0], in: agenda) == "From national action plans to budget lines — Parliamentarians for Women, Peace and Security: from commitments to budgets")
        agenda.sessions[0].title = agenda.title
        #expect(Invites.summary(of: agenda.sessions[0], in: agenda) == agenda.title, "a session named as the event is not named twice")
    }
}
