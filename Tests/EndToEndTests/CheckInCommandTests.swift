import ConveneTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Check-in at the door with `convene live` as a user runs it, then `convene report --actual`:
/// marks made at the door survive `kill -9`, and the report counts who came beside who was
/// invited, naming nobody for the public and each speaker only for the organisers.
@Suite("check-in at the door, then report --actual", .tags(.endToEnd))
struct CheckInCommandTests {
    @Test("marks made at the door survive kill -9 and make report --actual's attendance; the public report names nobody", .timeLimit(.minutes(2)))
    func checkInThenReport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The day is today, so that start is taken.
        try LiveCommandTests.agenda(firstDay: Date()).write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let live = LiveCommandTests()
        let server = try LiveCommandTests.Server(["a.yaml", "--port", "0", "--state", "s.db"], in: folder)
        defer { server.stop() }
        let console = try server.console()
        let base = String(console[..<(try #require(console.range(of: "/console/"))).lowerBound])
        let consoleToken = String(console[(try #require(console.range(of: "/console/"))).upperBound...])
        let doorLine = try #require(server.printed.split(separator: "\n").first { $0.contains("/door/") })
        #expect(doorLine.hasPrefix("  door (check-in; keep it secret):      \(base)/door/"))
        let door = String(try #require(doorLine.split(separator: "/").last))
        #expect(door.count == 32 && door != consoleToken)
        #expect(try live.request(base + "/door/\(door)").status == 200)
        // Three of the open panel's four came, the hidden speaker among them; two women not on
        // the list; the moderator came to the talks under the rule.
        for body in [#"{"session": "open-panel", "person": "kivu", "present": true}"#, #"{"session": "open-panel", "person": "open", "present": true}"#,
                     #"{"session": "open-panel", "person": "mod", "present": true}"#, #"{"session": "closed-talks", "person": "mod", "present": true}"#,
                     #"{"session": "open-panel", "unlisted": "woman", "count": 2, "expected": 0}"#] {
            #expect(try live.request(base + "/api/checkin", token: door, body: body).status == 200, "\(body)")
        }
        #expect(try live.request(base + "/api/checkin", body: #"{"session": "open-panel", "person": "shura", "present": true}"#).status == 403)
        #expect(try live.request(base + "/api/actions", token: consoleToken, body: #"{"action": "start"}"#).status == 200)
        #expect(try live.request(base + "/api/actions", token: consoleToken, body: #"{"action": "startTurn", "person": "kivu"}"#).status == 200)
        kill(server.process.processIdentifier, SIGKILL)
        #expect(server.waitForExit() == SIGKILL)

        let report = try convene(["report", "a.yaml", "--actual", "--state", "s.db"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("ACTUAL ATTENDANCE"))
        // The open panel's list: the moderator and three speakers; three came, nobody answered.
        #expect(report.stdout.contains("""
            SESSION OPEN-PANEL                  INVITED   ACCEPTED    PRESENT      SHARE
            everyone                                  4          0          3       100%

            """), "\(report.stdout)")
        #expect(report.stdout.contains("  not on the list\n    woman                                                       2\n"))
        #expect(!report.stdout.contains("SESSION CLOSED-TALKS"), "the session under the rule counts in the event only")
        #expect(!report.stdout.contains("EACH SPEAKER"))
        for name in ["Okello", "Amani", "Qasemi", "Zarina", "Marchenko", "Lusamba", "Mbuyi", "kivu"] {
            #expect(!report.stdout.contains(name), "\(name) in the public report")
        }

        let organizers = try convene(["report", "a.yaml", "--actual", "--audience", "organizers", "--state", "s.db"], in: folder)
        #expect(organizers.stdout.contains("SESSION CLOSED-TALKS"))
        #expect(organizers.stdout.contains("EACH SPEAKER"))
        #expect(organizers.stdout.contains("  Amani Okello *") && organizers.stdout.contains("  Amina Lusamba "))

        let json = try convene(["report", "a.yaml", "--actual", "--json", "--state", "s.db"], in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let actual = try #require(document["actual"] as? [String: Any])
        #expect(actual["event"] != nil && actual["open_turns"] as? Int == 1, "the speaking figures keep their shape")
        let attendance = try #require(actual["attendance"] as? [String: Any])
        let event = try #require((attendance["event"] as? [String: Any])?["everyone"] as? [String: Any])
        #expect(event["invited"] as? Int == 5 && event["present"] as? Int == 3)
        let sessions = try #require(attendance["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["scope"] as? String } == ["Session open-panel"])
        #expect((sessions.first?["unlisted"] as? [String: Int]) == ["woman": 2])
        #expect((actual["speakers"] as? [Any])?.isEmpty == true)
    }
}
