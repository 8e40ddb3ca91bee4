@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Pool: what the `convene` binary does, driven as a user would.
@Suite("convene pool", .tags(.endToEnd))
struct PoolCommandTests {
    let sample = "rosters/ukraine-women-experts.yaml"

    @Test("exit 0 with the candidates, and exit 0 with a message when no one matches")
    func found() throws {
        let run = try convene(["pool", sample, "--expertise", "mediation", "--language", "en", "--women"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("Expert pool: 4 of 15 people match\n"))
        #expect(run.stdout.contains("Оксана Бойко (boiko)"))
        let none = try convene(["pool", sample, "--expertise", "astrophysics"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("No one in the pool matches: loosen a filter, or add a roster."))
    }
    @Test("exit 1 for an invalid roster, with its errors at their lines")
    func invalidRoster() throws {
        let folder = try temporaryFolder()
        try (rosterHeader + "people:\n  - id: ana\n    name: Ana\n    visibility: secret\n")
            .write(to: folder.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let run = try convene(["pool", "r.yaml"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            r.yaml:7:17: error: 'secret' is not a valid visibility — use one of: public, participants, organizers
            r.yaml: 1 error, 0 warnings; fix the errors first

            """)
    }
    @Test("exit 2 for a wrong command line: --duration without --available-at, a missing roster, a skipped hour, no zone")
    func usage() throws {
        let duration = try convene(["pool", sample, "--duration", "90m"])
        #expect(duration.status == 2)
        #expect(duration.stderr.hasPrefix("Error: --duration needs --available-at"))
        let missing = try convene(["pool", "rosters/nowhere.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "convene: error: rosters/nowhere.yaml: no such file — check the path\n")
        let gap = try convene(["pool", sample, "--available-at", "2026-03-29T03:30", "--timezone", "Europe/Kyiv"])
        #expect(gap.status == 2)
        #expect(gap.stderr == "convene: error: --available-at 2026-03-29 03:30 does not exist in Europe/Kyiv: the clocks jump from 03:00 to 04:00 — pick a time outside the skipped hour, e.g. 2026-03-29T04:00\n")
        let noZone = try convene(["pool", sample, "--available-at", "2026-12-08T14:30"])
        #expect(noZone.status == 2)
        let badZone = try convene(["pool", sample, "--available-at", "2026-12-08T14:30", "--timezone", "Europe/Kiew"])
        #expect(badZone.status == 2)
        #expect(badZone.stderr == "convene: error: unknown time zone 'Europe/Kiew' — did you mean 'Europe/Kyiv'?\n")
    }
    @Test("--json prints one JSON document with the window and the people who are not free then")
    func json() throws {
        let run = try convene(["pool", sample, "--expertise", "mediation", "--language", "en",
                               "--available-at", "2026-12-08T16:00", "--timezone", "Europe/Kyiv", "--duration", "90m", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["window"] as? [String: Any])?["duration_minutes"] as? Int == 90)
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        let unavailable = try #require(object["unavailable"] as? [[String: Any]])
        #expect(candidates.compactMap { $0["id"] as? String } == ["boiko", "tkachuk", "marchenko"])
        #expect(unavailable.compactMap { $0["id"] as? String } == ["savchuk"])
        #expect(((unavailable.first?["local"] as? [String: Any])?["flags"] as? [String]) == ["outside-working-hours"])
    }
}
