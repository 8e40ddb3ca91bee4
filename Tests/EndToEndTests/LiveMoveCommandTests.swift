import ConveneTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A session moved in `convene live` reaches the people invited to it: `convene status` lists
/// their updates and `convene send` writes them at the new instants (docs/live.md, "Moving
/// later sessions").
@Suite("LiveMoveCommand: a session moved on the live day is sent again", .tags(.endToEnd))
struct LiveMoveCommandTests {
    /// Two days in Kyiv, in years to come so that the server's clock is before them.
    static let agenda = header + """
        organizer: { name: Org Events, email: events@example.org }
        people:
          - { id: ana, name: Ana Example, email: ana@example.org }
          - { id: habiba, name: Habiba Sarabi, email: habiba@example.org, timezone: Asia/Kabul, attendance: online }
        sessions:
          - id: day1
            title: Opening day
            date: 2030-12-09
            start: "10:00"
            duration: 1h
            participants: [ana]
          - id: day2
            title: Second day
            date: 2030-12-10
            start: "10:00"
            participants: [ana, habiba]
            segments:
              - { title: Talk, kind: keynote, duration: 45m, speakers: [habiba] }

        """

    /// The moved invitation Ana's second send writes, once `day2` moved 30 minutes later.
    func movedDraft() throws -> (folder: URL, status: Run, message: String) {
        let folder = try temporaryFolder()
        try Self.agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let epoch = ["SOURCE_DATE_EPOCH": "1900000000"]
        #expect(try convene(["send", "a.yaml", "--outbox", "first"], in: folder, environment: epoch).status == 0)
        #expect(try convene(["status", "a.yaml", "--mark-sent"], in: folder).status == 0)
        let server = try LiveCommandTests.Server(["a.yaml", "--port", "0"], in: folder)
        defer { server.stop() }
        let console = try server.console()
        let token = String(try #require(console.split(separator: "/").last))
        let marker = try #require(console.range(of: "/console/"))
        let base = String(console[..<marker.lowerBound])
        let live = LiveCommandTests()
        let refused = try live.request(base + "/api/actions", token: nil, body: #"{"action": "moveSession", "session": "day2", "minutes": 30}"#)
        #expect(refused.status == 403)
        let moved = try live.request(base + "/api/actions", token: token, body: #"{"action": "moveSession", "session": "day2", "minutes": 30}"#)
        #expect(moved.status == 200, "\(moved.body)")
        server.stop()
        let status = try convene(["status", "a.yaml"], in: folder)
        #expect(try convene(["send", "a.yaml", "--outbox", "second"], in: folder, environment: epoch).status == 0)
        let message = try String(contentsOf: folder.appendingPathComponent("second/messages/ana/day2-1.eml"), encoding: .utf8)
        return (folder, status, message)
    }

    @Test("after moveSession, status lists the invited people's updates and send writes SEQUENCE 1 at 10:30 Kyiv time", .timeLimit(.minutes(2)))
    func movedSessionIsSent() throws {
        let (folder, status, message) = try movedDraft()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(status.status == 0)
        #expect(status.stderr.contains("convene: note: 1 session was moved during the live day (convene live); the agenda file still says the planned times"))
        // Both people invited to day two, and the public programme's entry; nothing of day one.
        let pending = status.stdout.split(separator: "\n").filter { $0.hasSuffix("update (time)") }
            .map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(pending == ["programme day2", "ana day2", "habiba day2"], "\(status.stdout)")
        #expect(status.stdout.contains("2 updates (time) to send."))
        let calendar = try #require(SendCommandTests().parts(of: message).parts.first { $0.type.hasPrefix("application/ics") }?.text)
        #expect(calendar.contains("DTSTART;TZID=Europe/Kyiv:20301210T103000\r\n"))
        #expect(calendar.contains("DTEND;TZID=Europe/Kyiv:20301210T111500\r\n"))
        #expect(calendar.contains("SEQUENCE:1\r\n"))
        // The agenda file is as it was.
        #expect(try String(contentsOf: folder.appendingPathComponent("a.yaml"), encoding: .utf8) == Self.agenda)
        // Every other command says it, once.
        let printed = try convene(["print", "a.yaml", "--sheet", "run-of-show"], in: folder)
        #expect(printed.stdout.contains("10:30"))
        #expect(printed.stderr.components(separatedBy: "moved during the live day").count == 2)
    }

    @Test("Python's icalendar reads the moved invitation at 08:30 UTC, SEQUENCE 1",
          .tags(.external), .enabled(if: externalToolsEnabled, "needs Python's icalendar, which make test installs"), .timeLimit(.minutes(2)))
    func pythonReadsTheMovedInstant() throws {
        let (folder, _, _) = try movedDraft()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
            import email, sys, icalendar
            message = email.message_from_binary_file(open(sys.argv[1], "rb"))
            for part in message.walk():
                if part.get_content_type() == "application/ics":
                    event = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]
                    start = event.decoded("DTSTART").astimezone(__import__("datetime").timezone.utc)
                    print(start.isoformat(), event.get("SEQUENCE"))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, folder.appendingPathComponent("second/messages/ana/day2-1.eml").path]
        let log = folder.appendingPathComponent("python.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        python.standardOutput = try FileHandle(forWritingTo: log)
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(try String(contentsOf: log, encoding: .utf8) == "2030-12-10T08:30:00+00:00 1\n")
    }

    @Test("print --actual before anything was recorded says so, how to record it, and exits 1; --actual is for the run-of-show")
    func nothingRecorded() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let run = try convene(["print", "a.yaml", "--sheet", "run-of-show", "--actual"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("convene: error: nothing has been recorded for the live day in "))
        #expect(run.stderr.contains("/test-event.convene.db yet — run convene live a.yaml and record the day from its console (docs/live.md), then print it again"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("test-event.convene.db").path), "print makes no store")
        #expect(try convene(["print", "a.yaml", "--actual"], in: folder).status == 2)
    }
}
