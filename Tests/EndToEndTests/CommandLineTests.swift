import Convene
import ConveneTestSupport
import Foundation
import Testing

/// The `convene` binary as users run it: output streams, exit codes, files written.
@Suite("convene command line", .tags(.endToEnd))
struct CommandLineTests {
    let valid = header + """
        organizer: { name: Org, email: org@example.org }
        sessions:
          - id: s1
            title: One
            date: 2026-12-08
            start: "09:00"
            duration: 30m

        """

    @Test("check on a valid agenda prints ok on standard output and exits 0, warnings on standard error")
    func checkValid() throws {
        let clean = try convene(["check", "-"], input: valid)
        #expect(clean.status == 0)
        #expect(clean.stdout == "-: ok\n")
        #expect(clean.stderr.isEmpty)
        let run = try convene(["check", "agendas/wps-side-event-2022.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout == "agendas/wps-side-event-2022.yaml: ok (0 errors, 1 warning)\n")
        #expect(run.stderr.hasPrefix("agendas/wps-side-event-2022.yaml:183:9: warning: all 5 speakers of the panel 'Panel discussion' are women"))
    }

    @Test("check on an invalid agenda prints every diagnostic on standard error and exits 1")
    func checkInvalid() throws {
        let run = try convene(["check", "-"], input: header + "kind: party\nsessions: 3\n")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == """
            -:5:7: error: 'party' is not a valid kind — use one of: side-event, workshop, dialogue, consultation, community-dialogue, training, meeting
            -:6:11: error: 'sessions' must be a list, not the text '3' — write it as [a, b] or as lines starting with '- '
            -: 2 errors, 0 warnings

            """)
    }

    @Test("check --json prints errors and warnings with file, line, column, message and hint")
    func checkJSON() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("a.yaml")
        try (header.replacingOccurrences(of: "Europe/Kyiv", with: "Europe/Kiev") + "people:\n  - { id: x, name: X, gender: male }\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try convene(["check", "a.yaml", "--json"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == """
            {
              "errors": [
                {
                  "file": "a.yaml",
                  "line": 6,
                  "column": 31,
                  "message": "'male' is not a valid gender",
                  "hint": "did you mean 'man'? use one of: woman, man, non-binary, undisclosed"
                }
              ],
              "warnings": [
                {
                  "file": "a.yaml",
                  "line": 4,
                  "column": 11,
                  "message": "'Europe/Kiev' is a legacy name for the time zone 'Europe/Kyiv'; Convene uses 'Europe/Kyiv'",
                  "hint": "write timezone: Europe/Kyiv",
                  "code": "legacy-zone-name",
                  "can_be_accepted": true
                }
              ],
              "accepted_warnings": []
            }

            """)
    }

    @Test("a wrong command line exits 2 with the reason")
    func usageErrors() throws {
        let unknownCommand = try convene(["chek", "a.yaml"])
        #expect(unknownCommand.status == 2)
        #expect(unknownCommand.stderr.hasPrefix("Error: 2 unexpected arguments: 'chek', 'a.yaml'\nUsage: convene <subcommand>"))
        let missingFile = try convene(["check", "no-such-agenda.yaml"])
        #expect(missingFile.status == 2)
        #expect(missingFile.stderr == "convene: error: no-such-agenda.yaml: no such file — check the path; convene new drafts an agenda from a template\n")
        let badDate = try convene(["new", "side-event-panel", "-o", "/tmp/x.yaml", "--date", "19/10/2022"])
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--date '19/10/2022' is not a date — write YYYY-MM-DD, e.g. 2026-12-08"))
        let missingOption = try convene(["build", "agendas/wps-side-event-2022.yaml"])
        #expect(missingOption.status == 2)
        #expect(missingOption.stderr.contains("Missing expected argument '--output <output>'"))
    }

    @Test("--version names the tzdata release the times come from and the languages whose labels are not yet reviewed")
    func version() throws {
        let run = try convene(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            convene 0.1.0 (tzdata \(try zones.version))
            labels not yet reviewed by a native speaker: fr (French), uk (Ukrainian), es (Spanish), ru (Russian), ar (Arabic), fa-AF (Dari), ps (Pashto)

            """)
    }

    @Test("build writes the normalised agenda, the check report, the public inclusion report and the public schedule, and rewrites its own files")
    func build() throws {
        let folder = try temporaryFolder()
        let out = folder.appendingPathComponent("out").path
        let state = ["--state", folder.appendingPathComponent("side.convene.db").path]
        let first = try convene(["build", packageRoot.path + "/agendas/wps-side-event-2022.yaml", "-o", out] + state)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == [".convene-lock", ".convene-manifest.json", "agenda.html", "agenda.json", "agenda.md", "agenda.txt", "briefings",
                            "check.json", "check.txt", "event.ics", "invites", "programmes", "report.json", "report.txt", "run-of-show.html", "run-of-show.md",
                            "run-of-show.txt", "schedule.json", "schedule.xml"])
        let report = try convene(["report", "agendas/wps-side-event-2022.yaml"])
        #expect(try String(contentsOfFile: out + "/report.txt", encoding: .utf8) == report.stdout, "the public report")
        let json = try convene(["report", "agendas/wps-side-event-2022.yaml", "--json"])
        #expect(try String(contentsOfFile: out + "/report.json", encoding: .utf8) == json.stdout)
        for format in ["frab-xml", "frab-json"] {
            let schedule = try convene(["export", "agendas/wps-side-event-2022.yaml", "--format", format])
            let file = format == "frab-xml" ? "/schedule.xml" : "/schedule.json"
            #expect(try String(contentsOfFile: out + file, encoding: .utf8) == schedule.stdout, "the public schedule, \(format)")
        }
        let agenda = try String(contentsOfFile: out + "/agenda.json", encoding: .utf8)
        #expect(agenda.contains("\"timezone\": \"Asia/Kabul\""))
        #expect(agenda.contains("\"working_days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]"))
        let checkReport = try String(contentsOfFile: out + "/check.json", encoding: .utf8)
        #expect(checkReport.hasPrefix("{\n  \"errors\": [],\n  \"warnings\": [\n    {\n"))
        #expect(checkReport.contains("\"line\": 183,"), "the warning about the all-women panel")
        let again = try convene(["build", packageRoot.path + "/agendas/wps-side-event-2022.yaml", "-o", out] + state)
        #expect(again.status == 0, "a second build replaces the files the first one wrote")
        #expect(try String(contentsOfFile: out + "/agenda.json", encoding: .utf8) == agenda, "identical input gives identical output")
    }

    @Test("build keeps a file the user edited unless --force, and writes nothing then")
    func buildProtectsEdits() throws {
        let folder = try temporaryFolder()
        let agendaFile = folder.appendingPathComponent("a.yaml")
        try valid.write(to: agendaFile, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        #expect(try convene(["build", "a.yaml", "-o", "out"], in: folder).status == 0)
        try "my notes\n".write(to: out.appendingPathComponent("check.txt"), atomically: true, encoding: .utf8)
        try (valid.replacingOccurrences(of: "title: One", with: "title: Changed")).write(to: agendaFile, atomically: true, encoding: .utf8)
        let refused = try convene(["build", "a.yaml", "-o", "out"], in: folder)
        #expect(refused.status == 3)
        #expect(refused.stderr == "convene: error: out/check.txt already exists and was not written by this convene command, or was edited since — use --force to replace it\n")
        let agenda = try String(contentsOf: out.appendingPathComponent("agenda.json"), encoding: .utf8)
        #expect(!agenda.contains("Changed"), "nothing is written when one output is refused")
        #expect(try String(contentsOf: out.appendingPathComponent("check.txt"), encoding: .utf8) == "my notes\n")
        let forced = try convene(["build", "a.yaml", "-o", "out", "--force"], in: folder)
        #expect(forced.status == 0)
        #expect(try String(contentsOf: out.appendingPathComponent("agenda.json"), encoding: .utf8).contains("Changed"))
    }

    @Test("build refuses an invalid agenda and writes nothing")
    func buildInvalid() throws {
        let folder = try temporaryFolder()
        try (header + "kind: party\n").write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let run = try convene(["build", "a.yaml", "-o", "out"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix("a.yaml: 1 error, 0 warnings; nothing written\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test("an output that cannot be written exits 3 and leaves no temporary file")
    func unwritable() throws {
        let folder = try temporaryFolder()
        try valid.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try "".write(to: folder.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let run = try convene(["build", "a.yaml", "-o", "blocker/out"], in: folder)
        #expect(run.status == 3)
        #expect(run.stderr.hasSuffix("convene: error: cannot write blocker/out: its folder cannot be created: \(folder.standardizedFileURL.path)/blocker is a file, not a folder\n"), "\(run.stderr)")
        let schemaIntoFolder = try convene(["schema", "-o", folder.path, "--force"])
        #expect(schemaIntoFolder.status == 3)
        #expect(schemaIntoFolder.stderr == "convene: error: cannot write \(folder.path): it is a folder\n")
    }

    @Test("a build leaves only its outputs in the folder: every temporary file was renamed into place")
    func noTemporaryFiles() throws {
        let folder = try temporaryFolder()
        try valid.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        #expect(try convene(["build", "a.yaml", "-o", "out"], in: folder).status == 0)
        #expect(try convene(["build", "a.yaml", "-o", "out"], in: folder).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted()
        #expect(names == [".convene-lock", ".convene-manifest.json", "agenda.html", "agenda.json", "agenda.md", "agenda.txt",
                          "check.json", "check.txt", "event.ics", "report.json", "report.txt", "run-of-show.html", "run-of-show.md", "run-of-show.txt",
                          "schedule.json", "schedule.xml"])
    }

    @Test("an empty output path, and no command at all, are command-line errors")
    func emptyOutputs() throws {
        for arguments in [["build", "agendas/wps-side-event-2022.yaml", "-o", ""], ["new", "side-event-panel", "-o", ""],
                          ["schema", "-o", ""], ["new", "side-event-panel", "-o", "/tmp/x.yaml", "--title", ""]] {
            let run = try convene(arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
        }
        let bare = try convene([])
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("SUBCOMMANDS"))
    }

    @Test("standard input is read only up to the size limit, so an endless stream is refused")
    func endlessInput() throws {
        let run = try convene(["check", "-"], input: String(repeating: "#", count: 5 * 1_048_576))
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("-:1:1: error: the file is larger than 4 MB"))
    }

    @Test("schema prints the JSON Schema that is published in the repository")
    func schema() throws {
        let run = try convene(["schema"])
        #expect(run.status == 0)
        let published = try String(contentsOf: packageRoot.appendingPathComponent(AgendaSchema.path), encoding: .utf8)
        #expect(run.stdout == published, "run `make schema` after changing the agenda format")
        #expect(AgendaSchema.document().serialized() == published)
    }
}
