@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene check and schema on rosters`: what the binary does, driven as a user would.
@Suite("convene check and schema on rosters", .tags(.endToEnd))
struct RosterCommandTests {
    let roster = RosterFixtures.roster

    func agenda(_ people: String, rosters: String = "[r.yaml]") -> String { RosterFixtures.agenda(people, rosters: rosters) }

    @Test("convene check on a roster checks it as a roster: ok with its size, or its errors at their lines and exit 1")
    func checkCommand() throws {
        let sample = try convene(["check", "rosters/ukraine-women-experts.yaml"])
        #expect(sample.status == 0)
        #expect(sample.stdout == "rosters/ukraine-women-experts.yaml: ok, a roster of 15 people\n")
        let folder = try temporaryFolder()
        try (rosterHeader + "people:\n  - id: ana\n    name: Ana\n    gender: female\n")
            .write(to: folder.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let invalid = try convene(["check", "r.yaml"], in: folder)
        #expect(invalid.status == 1)
        #expect(invalid.stderr == """
            r.yaml:7:13: error: 'female' is not a valid gender — did you mean 'woman'? use one of: woman, man, non-binary, undisclosed
            r.yaml: 1 error, 0 warnings

            """)
        let json = try convene(["check", "r.yaml", "--json"], in: folder)
        #expect(json.status == 1)
        #expect(json.stdout.hasPrefix("{\n  \"errors\": [\n    {\n      \"file\": \"r.yaml\",\n      \"line\": 7,"))
    }
    @Test("schema/roster.schema.json is the schema generated from the roster format")
    func schemaFile() throws {
        let published = try String(contentsOf: packageRoot.appendingPathComponent(RosterSchema.path), encoding: .utf8)
        #expect(RosterSchema.document().serialized() == published, "run `make schema` after changing the roster format")
        let run = try convene(["schema", "--roster"])
        #expect(run.status == 0)
        #expect(run.stdout == published)
    }
    @Test("the example under docs takes its speakers from the sample roster and checks without errors")
    func example() throws {
        let run = try convene(["check", "docs/examples/roster-briefing.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout == "docs/examples/roster-briefing.yaml: ok (0 errors, 1 warning)\n")
        // Its only warning is the inclusion check's, on a panel of three women drawn from the pool.
        #expect(run.stderr.hasPrefix("docs/examples/roster-briefing.yaml:54:9: warning: all 3 speakers of the panel"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        let times = try convene(["times", "docs/examples/roster-briefing.yaml", "--json"])
        #expect(times.status == 0)
        #expect(times.stdout.contains("\"timezone\": \"America/Toronto\",\n          \"start\": \"2026-12-10T08:00:00-05:00\""))
        #expect(times.stdout.contains("\"timezone\": \"Europe/Berlin\",\n          \"start\": \"2026-12-10T14:00:00+01:00\""))
    }
    @Test("convene check reads rosters relative to the agenda, names them from the current folder, and exits 1 on a roster's error")
    func commandLine() throws {
        let folder = try temporaryFolder()
        let agendas = folder.appendingPathComponent("agendas"), rosters = folder.appendingPathComponent("rosters")
        try FileManager.default.createDirectory(at: agendas, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: rosters, withIntermediateDirectories: true)
        try agenda("  - roster: ana\n", rosters: "[../rosters/r.yaml]").write(to: agendas.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try roster.write(to: rosters.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let valid = try convene(["check", "agendas/a.yaml"], in: folder)
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout == "agendas/a.yaml: ok\n")
        try roster.replacingOccurrences(of: "gender: woman", with: "gender: female")
            .write(to: rosters.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let invalid = try convene(["check", "agendas/a.yaml"], in: folder)
        #expect(invalid.status == 1)
        #expect(invalid.stderr == """
            rosters/r.yaml:7:13: error: 'female' is not a valid gender — did you mean 'woman'? use one of: woman, man, non-binary, undisclosed
            agendas/a.yaml:5:11: error: the roster '../rosters/r.yaml' has 1 error — they are reported under rosters/r.yaml; fix them, then check the agenda again
            agendas/a.yaml: 1 error, 0 warnings

            """)
        try FileManager.default.removeItem(at: rosters.appendingPathComponent("r.yaml"))
        let missing = try convene(["check", "agendas/a.yaml"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("agendas/a.yaml:5:11: error: cannot read the roster '../rosters/r.yaml': no such file"))
    }

    @Test("a roster given where an agenda belongs is one clear error, not one per key")
    func rosterAsAgenda() throws {
        for command in [["build", "rosters/ukraine-women-experts.yaml", "-o", try temporaryFolder().path], ["ics", "rosters/ukraine-women-experts.yaml", "-o", try temporaryFolder().path],
                        ["times", "rosters/ukraine-women-experts.yaml"], ["print", "rosters/ukraine-women-experts.yaml"]] {
            let run = try convene(command)
            #expect(run.status == 1, "\(command)")
            #expect(run.stderr == "convene: error: rosters/ukraine-women-experts.yaml is a roster of experts, not an agenda — name it in an agenda's rosters: list, or check it with convene check rosters/ukraine-women-experts.yaml\n", "\(command): \(run.stderr)")
        }
    }
}
