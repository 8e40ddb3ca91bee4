import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene export`, driven as a user would: the two documents, -o, the audiences, the usage
/// errors and exit codes, and the schedules `convene build` writes.
@Suite("convene export: the frab schedule", .tags(.endToEnd))
struct ExportCommandTests {
    let wps = "agendas/wps-side-event-2022.yaml"
    let kyiv = "agendas/kyiv-consultation-2026.yaml"

    static func version(of json: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require((object?["schedule"] as? [String: Any])?["version"] as? String)
    }

    @Test("the XML and the JSON go to standard output, the same bytes run after run, with the agenda's warning count on standard error")
    func standardOutput() throws {
        let xml = try convene(["export", wps, "--format", "frab-xml"])
        #expect(xml.status == 0, "\(xml.stderr)")
        #expect(xml.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <generator name=\"Convene\""))
        #expect(xml.stdout.contains("<event guid=\"951e6027-87ff-51b2-92d2-672363e15738\" id=\"951602\">"))
        #expect(xml.stderr.hasSuffix("agendas/wps-side-event-2022.yaml: 1 warning — convene check agendas/wps-side-event-2022.yaml lists it\n"))
        let json = try convene(["export", wps, "--format", "frab-json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let conference = try #require((object?["schedule"] as? [String: Any])?["conference"] as? [String: Any])
        #expect(conference["acronym"] as? String == "wps_side_event_2022")
        #expect(try convene(["export", wps, "--format", "frab-xml"]).stdout == xml.stdout, "the guid and every byte stay the same")
        #expect(try Self.version(of: json.stdout) == (xml.stdout.components(separatedBy: "<version>").dropFirst().first?.components(separatedBy: "</version>").first),
                "one version for both forms")
        let piped = try convene(["export", "-", "--format", "frab-json"], input: try String(contentsOf: packageRoot.appendingPathComponent(wps), encoding: .utf8))
        #expect(piped.stdout == json.stdout, "an agenda from standard input")
    }

    @Test("-o writes the file and says so; it replaces its own file, and one you edited only with --force")
    func outputFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("schedule.xml").path
        let first = try convene(["export", wps, "--format", "frab-xml", "-o", path])
        #expect(first.status == 0)
        #expect(first.stdout == "wrote \(path)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (try convene(["export", wps, "--format", "frab-xml"])).stdout)
        #expect(try convene(["export", kyiv, "--format", "frab-xml", "-o", path]).status == 0, "its own file is replaced")
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: path))
        let refused = try convene(["export", wps, "--format", "frab-xml", "-o", path])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("already exists and was not written by this convene command, or was edited since — use --force to replace it"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my notes\n")
        #expect(try convene(["export", wps, "--format", "frab-xml", "-o", path, "--force"]).status == 0)
        let blocker = folder.appendingPathComponent("blocker")
        try Data().write(to: blocker)
        #expect(try convene(["export", wps, "--format", "frab-json", "-o", blocker.path + "/s.json"]).status == 3, "a folder that cannot be made")
    }

    @Test("--audience widens who is named: the public of the Kyiv sample sees nobody, participants everyone but the organisers' own")
    func audiences() throws {
        let everyone = try convene(["export", kyiv, "--format", "frab-json"])
        #expect(everyone.status == 0)
        #expect(!everyone.stdout.contains("Мороз") && !everyone.stdout.contains("Gelashvili"))
        let participants = try convene(["export", kyiv, "--format", "frab-json", "--audience", "participants"])
        #expect(participants.stdout.contains("\"name\": \"Ірина Мороз\"") && participants.stdout.contains("Tamar Gelashvili"))
        #expect(!participants.stdout.contains("Руденко") && participants.stdout.contains("a youth peacebuilder from Dnipro"))
        let organizers = try convene(["export", kyiv, "--format", "frab-xml", "--audience", "organizers"])
        #expect(organizers.stdout.contains("<person>Саша Руденко</person>"))
        #expect(try Self.version(of: participants.stdout) != (try Self.version(of: everyone.stdout)))
    }

    @Test("the version changes when a session moves, and the guid stays")
    func versionFollowsTheProgramme() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: packageRoot.appendingPathComponent(wps), encoding: .utf8)
        let file = folder.appendingPathComponent("a.yaml")
        try Data(text.utf8).write(to: file)
        let before = try convene(["export", "a.yaml", "--format", "frab-json"], in: folder)
        try Data(text.replacingOccurrences(of: "date: 2022-10-19", with: "date: 2022-10-20").utf8).write(to: file)
        let after = try convene(["export", "a.yaml", "--format", "frab-json"], in: folder)
        #expect(before.status == 0 && after.status == 0)
        #expect(try Self.version(of: before.stdout) != (try Self.version(of: after.stdout)))
        #expect(after.stdout.contains("\"guid\": \"951e6027-87ff-51b2-92d2-672363e15738\""))
        #expect(after.stdout.contains("\"date\": \"2022-10-20T08:15:00-04:00\""))
    }

    @Test("usage errors exit 2, an invalid agenda or one with nothing scheduled 1")
    func errors() throws {
        let noFormat = try convene(["export", wps])
        #expect(noFormat.status == 2)
        #expect(noFormat.stderr.hasPrefix("Error: Missing expected argument '--format <format>'"), "\(noFormat.stderr)")
        let badFormat = try convene(["export", wps, "--format", "ical"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("Please provide one of 'frab-xml' and 'frab-json'"), "\(badFormat.stderr)")
        #expect(try convene(["export", wps, "--format", "frab-xml", "--audience", "press"]).status == 2)
        #expect(try convene(["export", wps, "--format", "frab-xml", "-o", " "]).status == 2)
        let missing = try convene(["export", "no-such-agenda.yaml", "--format", "frab-xml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("convene: error: no-such-agenda.yaml: no such file"))
        let invalid = try convene(["export", "-", "--format", "frab-xml"], input: header + "kind: party\n")
        #expect(invalid.status == 1)
        #expect(invalid.stderr.hasSuffix("-: 1 error, 0 warnings; nothing exported\n"))
        #expect(invalid.stdout.isEmpty)
        let unscheduled = try convene(["export", "docs/examples/csw-side-event-2026.yaml", "--format", "frab-json"])
        #expect(unscheduled.status == 1)
        #expect(unscheduled.stderr.hasSuffix("convene: error: docs/examples/csw-side-event-2026.yaml: no session is scheduled yet, so there is no programme to export — give a session a date and a start\n"))
        #expect(unscheduled.stdout.isEmpty)
    }

    @Test("build writes the public schedules, and removes them once no session is scheduled, saying why")
    func build() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scheduled = header + """
            organizer: { name: Org, email: org@example.org }
            sessions:
              - { id: s1, title: One, date: 2026-12-08, start: "09:00", duration: 30m }

            """
        try Data(scheduled.utf8).write(to: folder.appendingPathComponent("a.yaml"))
        let first = try convene(["build", "a.yaml", "-o", "out"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("wrote out/schedule.xml\nwrote out/schedule.json\n"))
        let out = folder.appendingPathComponent("out")
        #expect(try String(contentsOf: out.appendingPathComponent("schedule.json"), encoding: .utf8)
                == (try convene(["export", "a.yaml", "--format", "frab-json"], in: folder)).stdout)
        try Data(scheduled.replacingOccurrences(of: "date: 2026-12-08, start: \"09:00\", ", with: "").utf8).write(to: folder.appendingPathComponent("a.yaml"))
        let second = try convene(["build", "a.yaml", "-o", "out"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("convene: warning: no schedule.xml or schedule.json written: no session is scheduled yet, so there is no programme to export — give a session a date and a start\n"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("schedule.xml").path), "no schedule older than the agenda beside it")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("schedule.json").path))
    }
}
