@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene times`: what the binary does, driven as a user would.
@Suite("convene times", .tags(.endToEnd))
struct TimeCommandTests {
    @Test("convene times prints JSON with the tzdata version, and a table no wider than 80 columns")
    func timesCommand() throws {
        let json = try convene(["times", "agendas/kyiv-consultation-2026.yaml", "--json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"tzdata\": \"\(try zones.version)\""))
        #expect(json.stdout.contains("\"gelashvili\": {\n          \"timezone\": \"Asia/Tbilisi\",\n          \"start\": \"2026-12-08T11:30:00+04:00\""))
        let table = try convene(["times", "agendas/kyiv-consultation-2026.yaml"])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(table.stdout.contains("  09:30–09:45  Welcome and opening remarks"))
        let invalid = try convene(["times", "-"], input: "convene: 1\n")
        #expect(invalid.status == 1)
    }

    @Test("--width lays the table out for that many columns, wrapping rather than cutting; below 40 it is refused")
    func width() throws {
        let narrow = try convene(["times", "agendas/csw-side-event-2027.yaml", "--width", "60"])
        #expect(narrow.status == 0)
        #expect(narrow.stdout.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 60 })
        #expect(narrow.stdout.contains("(outside-working-hours, night)"))
        let tooNarrow = try convene(["times", "agendas/csw-side-event-2027.yaml", "--width", "39"])
        #expect(tooNarrow.status == 2)
        #expect(tooNarrow.stderr.contains("--width must be 40 to 1000 columns"), "\(tooNarrow.stderr)")
    }
}

/// A stale tz database: every command that prints or writes times says so, naming the
/// agenda's zones that the newer releases changed, and how to update.
@Suite("an old tz database", .tags(.endToEnd))
struct StaleDatabaseTests {
    /// The system's database under another release name: every zone file linked, tzdata.zi
    /// copied with its version line changed.
    func database(release: String) throws -> URL {
        let folder = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: "/usr/share/zoneinfo") where name != "tzdata.zi" {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: "/usr/share/zoneinfo/" + name)
        }
        let text = try String(contentsOfFile: "/usr/share/zoneinfo/tzdata.zi", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("# version ") ? Substring("# version \(release)") : $0 }
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("tzdata.zi"), atomically: true, encoding: .utf8)
        return folder
    }

    static let agenda = """
        convene: 1
        id: vancouver
        title: Winter dialogue
        timezone: America/Vancouver
        organizer: { name: Org, email: org@example.org }
        people:
          - { id: ana, name: Ana, email: ana@example.org, attendance: online, timezone: Europe/Kyiv }
        sessions:
          - { id: one, title: One, date: 2026-11-20, start: "10:00", duration: 1h, participants: [ana] }

        """

    @Test("under 2025b, check, times, ics and print warn that America/Vancouver changed since, and say how to update; a current database says nothing")
    func warns() throws {
        let folder = try temporaryFolder()
        try Self.agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let old = try database(release: "2025b")
        for arguments in [["check", "a.yaml"], ["times", "a.yaml"], ["ics", "a.yaml", "-o", "out"], ["print", "a.yaml"]] {
            let run = try convene(arguments, in: folder, environment: ["TZDIR": old.path])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("convene: warning: the system's tz database is release 2025b, older than \(TZReleases.newest), which Convene knows of: the releases since changed America/Vancouver (2026b"), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("update tzdata (Debian, Ubuntu: sudo apt-get install tzdata"), "\(arguments)")
            #expect(!run.stderr.contains("Europe/Kyiv ("), "Kyiv did not change since 2025b")
            let current = try convene(arguments, in: folder)
            #expect(!current.stderr.contains("tz database is release"), "\(arguments): \(current.stderr)")
        }
    }

    @Test("an old database that changed none of the agenda's zones still warns, and says so")
    func warnsWithoutZones() throws {
        let folder = try temporaryFolder()
        try Self.agenda.replacingOccurrences(of: "America/Vancouver", with: "Asia/Kathmandu")
            .write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let run = try convene(["check", "a.yaml"], in: folder, environment: ["TZDIR": try database(release: "2026e").path])
        #expect(run.stderr.contains("release 2026e, older than \(TZReleases.newest), which Convene knows of; the releases since changed none of this agenda's zones"), "\(run.stderr)")
    }
}
