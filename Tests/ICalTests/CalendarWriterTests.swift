import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// Writing iCalendar text through libical: what every client must be able to read.
@Suite("iCalendar writing")
struct CalendarWriterTests {
    func document(summary: String = "Panel discussion", description: String? = nil, method: CalendarDocument.Method = .request) -> CalendarDocument {
        CalendarDocument(method: method, productID: "-//Convene//Convene 0.1//EN", events: [
            .init(uid: "main@wps-side-event-2022.convene", sequence: 0, stamp: 1_700_000_000, timeZone: "Asia/Kabul",
                  start: CivilTime(year: 2022, month: 10, day: 19, hour: 16, minute: 45),
                  end: CivilTime(year: 2022, month: 10, day: 19, hour: 18, minute: 15),
                  summary: summary, description: description, location: "19th floor", url: "https://example.org/j/1",
                  conference: "https://example.org/j/1",
                  organizer: .init(name: "Cordaid", email: "events@example.org"),
                  attendees: [.init(party: .init(name: "Habiba Sarabi", email: "sarabi@example.org"), role: .required)],
                  alarms: [.init(minutesBefore: 15, text: "Audio and video check")]),
        ])
    }

    @Test("the calendar is clean by libical's own iTIP rules, and names its zone by the bare IANA name")
    func clean() throws {
        let text = try CalendarWriter.text(of: document())
        #expect(CalendarRestrictions.problems(in: text).isEmpty)
        #expect(text.contains("TZID:Asia/Kabul\r\n"))
        #expect(text.contains("DTSTART;TZID=Asia/Kabul:20221019T164500\r\n"))
        #expect(!text.contains("freeassociation"))
        #expect(text.contains("METHOD:REQUEST\r\n"))
        #expect(text.contains("DTSTAMP:20231114T221320Z\r\n"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("ATTENDEE;CN=Habiba Sarabi;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sarabi@example.org\r\n"))
        #expect(unfolded.contains("CONFERENCE;VALUE=URI:https://example.org/j/1\r\n"))
        #expect(text.contains("TRIGGER:-PT15M\r\n"))
        #expect(!text.contains("DTSTART:1883"), "the VTIMEZONE is cut to the years the calendar spans")
    }

    @Test("read back, the event is at the instant that was meant")
    func roundTrip() throws {
        let text = try CalendarWriter.text(of: document())
        let zones = try zones
        let busy = try BusyCalendar(text: text, from: 0, to: 4_000_000_000, floatingZone: "UTC", engine: zones.engine) { _ in nil }
        #expect(busy.busy == [BusyInterval(start: 1_666_181_700, end: 1_666_187_100)])  // 12:15Z–13:45Z
        #expect(busy.emails == ["events@example.org", "sarabi@example.org"])
    }

    @Test("hostile text is escaped and folded: 75 octets a line, never inside a UTF-8 sequence, and no property can be injected")
    func hostileText() throws {
        let word = String(repeating: "Київ🕊️", count: 50)
        let summary = "Peace, women; security \\ 1325\r\nATTENDEE:mailto:evil@example.org\ttab \u{07}bell \u{200F}مرحبا " + word
        let text = try CalendarWriter.text(of: document(summary: summary, description: "line one\nEND:VEVENT\nBEGIN:VEVENT"))
        let lines = text.components(separatedBy: "\r\n")
        for line in lines {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line.prefix(40))")
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil, "a fold split a UTF-8 sequence")
        }
        #expect(lines.filter { $0.hasPrefix("ATTENDEE") }.count == 1, "only the real attendee")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(CalendarRestrictions.problems(in: text).isEmpty)
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Peace\\, women\\; security \\\\ 1325\\nATTENDEE:mailto:evil@example.org tab bell \u{200F}مرحبا "))
    }

    @Test("Python's icalendar reads every component without errors, hostile text included",
          .tags(.external), .enabled(if: externalToolsEnabled, "needs Python's icalendar, which make test installs"))
    func pythonIcalendar() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, document) in [document(), document(summary: "Київ; \\ «мир», مرحبا 🕊️\r\nX-INJECTED:1", method: .publish)].enumerated() {
            let url = folder.appendingPathComponent("\(index).ics")
            try CalendarWriter.text(of: document).write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", packageRoot.appendingPathComponent("scripts/check-ics.py").path] + paths
        let log = folder.appendingPathComponent("log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        python.standardOutput = try FileHandle(forWritingTo: log)
        try python.run()
        python.waitUntilExit()
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(python.terminationStatus == 0, "\(output)")
        #expect(output == "ics: 2 passed, 0 failed\n")
    }
}
