@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene slots`: what the binary does, driven as a user would.
@Suite("convene slots", .tags(.endToEnd))
struct SlotCommandTests {
    @Test("convene slots reads a folder of calendars and prints JSON")
    func command() throws {
        let folder = try temporaryFolder()
        let calendarFolder = folder.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: calendarFolder, withIntermediateDirectories: true)
        for file in SlotFixtures.calendars {
            try file.text.write(to: calendarFolder.appendingPathComponent(file.name.split(separator: "/").last.map(String.init) ?? file.name), atomically: true, encoding: .utf8)
        }
        try SlotFixtures.agenda(minutes: 90).write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let run = try convene(["slots", "a.yaml", "--session", "meet", "--from", "2026-12-07", "--to", "2026-12-11", "--busy", "calendars", "--json", "--top", "2"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("{\n  \"session\": \"meet\",\n  \"duration_minutes\": 90,"))
        let missing = try convene(["slots", "a.yaml", "--session", "nope", "--from", "2026-12-07", "--to", "2026-12-11"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr == "convene: error: no session 'nope' in a.yaml — sessions: meet\n")
        let backwards = try convene(["slots", "a.yaml", "--session", "meet", "--from", "2026-12-11", "--to", "2026-12-07"], in: folder)
        #expect(backwards.status == 2)
    }

    @Test("a hostile busy calendar does not keep slots busy: its owner counts as busy where it was not read, the starts say calendar-incomplete, and the search goes on", .timeLimit(.minutes(1)))
    func hostileCalendar() throws {
        let folder = try temporaryFolder()
        try SlotFixtures.agenda(minutes: 60).write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        // Every second of 9:00 to 9:59 each day, and the rule that can never happen, many times.
        var events = ""
        for index in 0..<100 {
            events += "BEGIN:VEVENT\r\nUID:s\(index)\r\nDTSTART:20261207T070000Z\r\nDTEND:20261207T070001Z\r\nRRULE:FREQ=SECONDLY;BYHOUR=7\r\nEND:VEVENT\r\n"
            events += "BEGIN:VEVENT\r\nUID:n\(index)\r\nDTSTART:20261207T070000Z\r\nDTEND:20261207T080000Z\r\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n"
        }
        try ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + events + "END:VCALENDAR\r\n").write(to: folder.appendingPathComponent("hague.ics"), atomically: true, encoding: .utf8)
        let run = try convene(["slots", "a.yaml", "--session", "meet", "--from", "2026-12-07", "--to", "2026-12-11", "--busy", "hague.ics", "--json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("needs more work than a calendar may take to read; its owner counts as busy"), "\(run.stderr)")
        #expect(run.stderr.contains("can never happen"))
        #expect(run.stdout.contains("\"reason\": \"calendar-incomplete\""), "\(run.stdout)")
        #expect(run.stdout.contains("\"feasible\": 0"), "the Hague expert counts as busy all week")
    }
}
