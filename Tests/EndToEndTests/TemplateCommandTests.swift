@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene templates and new`: what the binary does, driven as a user would.
@Suite("convene templates and new", .tags(.endToEnd))
struct TemplateCommandTests {
    let library = TemplateLibrary(folders: [packageRoot.appendingPathComponent("templates/agenda").path])

    @Test("a start so late that a later session would pass midnight is a command-line error naming the template")
    func lateStart() throws {
        let run = try convene(["new", "track2-dialogue-workshop", "-o", "/tmp/never-written.yaml", "--start", "22:00", "--date", "2026-12-08"])
        #expect(run.status == 2)
        #expect(run.stderr == "convene: error: a session of template 'track2-dialogue-workshop' starts 5h after the first, which from 22:00 would be past midnight — choose an earlier --start\n")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.yaml"))
    }
    @Test("a user's templates folder adds templates and can replace a shipped one")
    func userFolder() throws {
        let folder = try temporaryFolder()
        try """
            # convene-template: side-event-panel
            # summary: Our own side-event format
            # default-timezone: Europe/Amsterdam
            convene: 1
            id: "${id}"
            title: "${title}"
            timezone: "${timezone}"
            sessions:
              - { id: main, title: Main, date: "${date}", start: "${start}", duration: 1h }

            """.write(to: folder.appendingPathComponent("side-event-panel.yaml"), atomically: true, encoding: .utf8)
        try "# convene-template: briefing\n# summary: A short briefing\nconvene: 1\nid: \"${id}\"\ntitle: \"${title}\"\ntimezone: \"${timezone}\"\n"
            .write(to: folder.appendingPathComponent("briefing.yaml"), atomically: true, encoding: .utf8)
        let combined = TemplateLibrary(folders: [folder.path] + library.folders)
        let all = combined.templates().templates
        #expect(all.count == 6)
        #expect(all.first { $0.name == "side-event-panel" }?.summary == "Our own side-event format")

        let listed = try convene(["templates"], environment: ["CONVENE_TEMPLATES": folder.path])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("briefing                     A short briefing\n"))
        #expect(listed.stdout.contains("side-event-panel             Our own side-event format\n"))
        let drafted = try convene(["new", "briefing", "--templates", folder.path, "-o", folder.appendingPathComponent("b.yaml").path, "--title", "Брифінг", "--timezone", "Europe/Kyiv"])
        #expect(drafted.status == 0, "\(drafted.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("b.yaml"), encoding: .utf8)
        #expect(text.contains("title: \"Брифінг\""))
        #expect(text.contains("id: \"bryfinh-"), "a Ukrainian title is spelled by the national table")
    }
    @Test("a broken user template is refused with its place, and nothing is written")
    func brokenUserTemplate() throws {
        let folder = try temporaryFolder()
        try "# convene-template: bad\nconvene: 1\nid: \"${id}\"\ntitle: \"${titel}\"\ntimezone: \"${timezone}\"\n"
            .write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("draft.yaml")
        let run = try convene(["new", "bad", "--templates", folder.path, "-o", out.path])
        #expect(run.status == 1)
        #expect(run.stderr == "convene: error: \(folder.path)/bad.yaml:4: unknown placeholder '${titel}' — placeholders are ${title}, ${id}, ${timezone}, ${date}, ${date+N}, ${start} and ${start+DURATION}\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
    @Test("convene new writes a draft that passes check, and refuses to overwrite without --force")
    func newCommand() throws {
        let folder = try temporaryFolder()
        let run = try convene(["new", "side-event-panel", "-o", "panel.yaml", "--title", "Inclusive peace negotiations & the WPS agenda",
                               "--date", "2022-10-19", "--start", "08:15", "--timezone", "US/Eastern"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout == "wrote panel.yaml from template side-event-panel — next: edit it, then convene check panel.yaml\n")
        #expect(run.stderr == "convene: warning: 'US/Eastern' is a legacy name for 'America/New_York'; the draft uses 'America/New_York'\n")
        let check = try convene(["check", "panel.yaml"], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout == "panel.yaml: ok\n")
        let draft = try String(contentsOf: folder.appendingPathComponent("panel.yaml"), encoding: .utf8)
        #expect(draft.contains("id: \"inclusive-peace-negotiations-the-wps-agenda-2022\""))

        let again = try convene(["new", "track2-dialogue-workshop", "-o", "panel.yaml"], in: folder)
        #expect(again.status == 3)
        #expect(again.stderr == "convene: error: panel.yaml already exists — pass --force to replace it, or choose another file name with -o\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("panel.yaml"), encoding: .utf8) == draft)
        let forced = try convene(["new", "track2-dialogue-workshop", "-o", "panel.yaml", "--force", "--date", "2026-12-08"], in: folder)
        #expect(forced.status == 0)
    }
    @Test("running convene new (or schema -o) again onto the file it just wrote says the file exists and how to replace it, not that it was edited")
    func rerunOntoOwnFile() throws {
        let folder = try temporaryFolder()
        let arguments = ["new", "mediator-training", "-o", "training.yaml", "--title", "Introduction à la médiation", "--date", "2026-12-08"]
        let first = try convene(arguments, in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try String(contentsOf: folder.appendingPathComponent("training.yaml"), encoding: .utf8)
        let again = try convene(arguments, in: folder)
        #expect(again.status == 3)
        #expect(again.stdout == "")
        #expect(again.stderr == "convene: error: training.yaml already exists — pass --force to replace it, or choose another file name with -o\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("training.yaml"), encoding: .utf8) == written)
        let forced = try convene(arguments + ["--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")

        let schema = try convene(["schema", "-o", "agenda.schema.json"], in: folder)
        #expect(schema.status == 0)
        let schemaAgain = try convene(["schema", "-o", "agenda.schema.json"], in: folder)
        #expect(schemaAgain.status == 3)
        #expect(schemaAgain.stderr == "convene: error: agenda.schema.json already exists — pass --force to replace it, or choose another file name with -o\n")
    }
    @Test("the id made from a French or Ukrainian title is the title in plain letters, and the draft passes check")
    func idsFromTitles() throws {
        let folder = try temporaryFolder()
        for (title, id) in [
            ("Introduction à la médiation — formation de médiateurs 2026", "introduction-a-la-mediation-formation-de-mediateurs-2026"),
            ("Консультації в Києві: Юрій, Олексій і Знам'янка", "konsultatsii-v-kyievi-yurii-oleksii-i-znamianka-2026"),
        ] {
            let run = try convene(["new", "mediator-training", "-o", "draft.yaml", "--title", title, "--date", "2026-12-07", "--force"], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            let draft = try String(contentsOf: folder.appendingPathComponent("draft.yaml"), encoding: .utf8)
            #expect(draft.contains("id: \"\(id)\""), "\(title)")
            #expect(try convene(["check", "draft.yaml"], in: folder).status == 0)
        }
    }
    @Test("an Arabic or Persian title gives no id: convene new asks for --id with an example, exits 2 and writes nothing", arguments: [
        ("منتدى السلام والأمن", "م"), ("گفت‌وگوی صلح زنان", "گ"),
    ])
    func titleNeedsAnID(title: String, letter: String) throws {
        let folder = try temporaryFolder()
        let run = try convene(["new", "side-event-panel", "-o", "panel.yaml", "--title", title, "--date", "2026-12-08"], in: folder)
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "convene: error: no id can be made from the title: it has letters of the Arabic script ('\(letter)'), and convene spells only Latin letters and Ukrainian or Russian Cyrillic in an id — give the event's id with --id, e.g. --id side-event-panel-2026\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("panel.yaml").path))
        let withID = try convene(["new", "side-event-panel", "-o", "panel.yaml", "--title", title, "--date", "2026-12-08", "--id", "kabul-peace-forum-2026"], in: folder)
        #expect(withID.status == 0, "\(withID.stderr)")
        let draft = try String(contentsOf: folder.appendingPathComponent("panel.yaml"), encoding: .utf8)
        #expect(draft.contains("id: \"kabul-peace-forum-2026\""))
        #expect(draft.contains("title: \"\(title)\""))
    }
    @Test("without --date the draft is dated the first Monday at least a week ahead")
    func defaultDate() throws {
        let folder = try temporaryFolder()
        let run = try convene(["new", "track3-community-dialogue", "-o", "d.yaml"], in: folder)
        #expect(run.status == 0)
        let agenda = try #require(AgendaCheck(text: try String(contentsOf: folder.appendingPathComponent("d.yaml"), encoding: .utf8), zones: try zones).agenda)
        let date = try #require(agenda.sessions.first?.date)
        let today = LocalDate.fromDaysSinceEpoch(Int(Date().timeIntervalSince1970 / 86_400))
        #expect(date.weekday == .mon)
        #expect((7...13).contains(date.daysSinceEpoch - today.daysSinceEpoch))
        #expect(run.stderr == "convene: note: no --date given; the draft starts on mon \(date)\n")
    }
}
