import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene slots` when nothing fits, and `--width`: the binary driven as a user would.
@Suite("convene slots: why none, and --width", .tags(.endToEnd))
struct SlotReportCommandTests {
    /// A folder with the side event's agenda as `csw.yaml` and its calendars in `calendars/`.
    static func folder(_ agenda: String) throws -> URL {
        let folder = try temporaryFolder()
        try agenda.write(to: folder.appendingPathComponent("csw.yaml"), atomically: true, encoding: .utf8)
        let calendars = folder.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        for file in SideEventFixtures.calendars {
            try file.text.write(to: calendars.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let search = ["slots", "csw.yaml", "--session", "side-event", "--from", "2026-03-09", "--to", "2026-03-13"]

    @Test("the CSW side event: the Jakarta parliamentarian's hours close the window; at 80 columns when standard output is not a terminal")
    func sideEvent() throws {
        let run = try convene(Self.search, in: try Self.folder(SideEventFixtures.agenda()))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("      closes when Dewi Wulandari stops work at 20:00 Asia/Jakarta (online)\n"))
        #expect(run.stdout.contains("  - Dewi Wulandari's consent to end at 20:15 Asia/Jakarta, 15m past their\n"))
        #expect(run.stdout.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(run.stdout.split(separator: "\n").contains { DisplayWidth.of($0) > 70 }, "80 columns are used")
    }

    @Test("--width 60: no line of the explanation is longer than 60 columns")
    func width60() throws {
        let run = try convene(Self.search + ["--width", "60"], in: try Self.folder(SideEventFixtures.agenda()))
        #expect(run.status == 0, "\(run.stderr)")
        for line in run.stdout.split(separator: "\n") { #expect(DisplayWidth.of(line) <= 60, "'\(line)'") }
        #expect(run.stdout.contains("      closes when Dewi Wulandari stops work at 20:00\n        Asia/Jakarta (online)\n"))
    }

    @Test("--width 60 with slots: the long name wraps within its column")
    func width60Slots() throws {
        let run = try convene(Self.search + ["--width", "60", "--top", "1"], in: try Self.folder(SideEventFixtures.agenda(minutes: 60)))
        #expect(run.status == 0, "\(run.stderr)")
        for line in run.stdout.split(separator: "\n") { #expect(DisplayWidth.of(line) <= 60, "'\(line)'") }
        #expect(run.stdout.contains("      UNDP representative (to  08:00–09:00  America/New_York\n      be confirmed)\n"))
    }

    @Test("a --width under 40 or over 1000 is a command-line mistake")
    func widthOutOfRange() throws {
        let folder = try Self.folder(SideEventFixtures.agenda())
        for width in ["39", "1001", "wide"] {
            let run = try convene(Self.search + ["--width", width], in: folder)
            #expect(run.status == 2, "\(width)")
            #expect(run.stdout.isEmpty)
        }
        let run = try convene(Self.search + ["--width", "39"], in: folder)
        #expect(run.stderr.hasPrefix("Error: --width must be 40 to 1000 columns\n"))
    }

    @Test("calendars that close the window are named, in the text and in why_none")
    func calendars() throws {
        let folder = try Self.folder(SideEventFixtures.agenda(jakarta: "08:00-21:00"))
        let text = try convene(Self.search + ["--busy", "calendars"], in: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("but calendars close it: Claire\nVos's calendar and Aizada Zhakupova's calendar.\n"))
        let json = try convene(Self.search + ["--busy", "calendars", "--json"], in: folder)
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"why_none\": {\n    \"cause\": \"calendars\","))
        #expect(json.stdout.contains("\"busy\": [\"vos\", \"zhakupova\"]"))
        #expect(json.stdout.contains("\"kind\": \"calendar\""))
    }

    @Test("the CSW example's output in docs/time-and-scheduling.md (80 columns) and docs/commands.md (--width 60) is what convene prints")
    func documentedExample() throws {
        let command = ["slots", "docs/examples/csw-side-event-2026.yaml", "--session", "side-event", "--from", "2026-03-09", "--to", "2026-03-13"]
        for (page, width) in [("time-and-scheduling.md", nil), ("commands.md", "60")] as [(String, String?)] {
            let doc = try String(contentsOf: packageRoot.appendingPathComponent("docs/\(page)"), encoding: .utf8)
            let marker = "      --from 2026-03-09 --to 2026-03-13" + (width.map { " --width \($0)" } ?? "") + "\n"
            let start = try #require(doc.range(of: "$ convene slots docs/examples/csw-side-event-2026.yaml --session side-event \\\n" + marker))
            let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
            let run = try convene(command + (width.map { ["--width", $0] } ?? []))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == String(doc[start.upperBound..<end.lowerBound]), "\(page)")
        }
    }

    @Test("another day after the search is found through the calendars read again for those days")
    func anotherDay() throws {
        // The calendars are busy every day until 2026-04-07; the next day is free.
        let folder = try Self.folder(SideEventFixtures.agenda(jakarta: "08:00-21:00"))
        let run = try convene(Self.search + ["--busy", "calendars", "--json"], in: folder)
        #expect(run.stdout.contains("\"kind\": \"another-day\",\n        \"start\": \"2026-04-08T08:00:00-04:00\","), "\(run.stdout)")
    }
}
