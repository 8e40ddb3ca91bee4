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
}
