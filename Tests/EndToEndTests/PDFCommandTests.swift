import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene print --format pdf` and the PDFs of `convene build`, printed by the real browser
/// and read back with poppler (`pdfinfo`, `pdftotext -layout`) as a reader's printer would
/// see them. The tests that print need Chromium and poppler-utils (`scripts/install-deps.sh
/// --test`); those about a missing or stuck engine need neither.
@Suite("PDF sheets: convene print --format pdf and the PDFs of convene build", .tags(.endToEnd))
struct PDFCommandTests {
    let training = "agendas/mediator-training-2026.yaml"
    let sideEvent = "agendas/wps-side-event-2022.yaml"

    /// Prints `arguments` (after `print FILE`) to a PDF in a new folder; the folder and the
    /// PDF's path.
    func printPDF(_ file: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws -> (folder: URL, pdf: String) {
        let folder = try temporaryFolder()
        let pdf = folder.appendingPathComponent("sheet.pdf").path
        var env = pdfEngineEnvironment
        for (key, value) in environment { env[key] = value }
        let run = try convene(["print", file, "-o", pdf] + arguments, environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote \(pdf)\n")
        return (folder, pdf)
    }

    @Test("the four-day training prints on A4 in at most 4 pages: every session and segment in order, none cut, the title and page numbers at every foot",
          .enabled(if: pdfToolsInstalled))
    func trainingOnA4() throws {
        let (folder, pdf) = try printPDF(training)
        defer { try? FileManager.default.removeItem(at: folder) }
        let info = try pdfInfo(pdf)
        #expect(info.pages <= 4, "\(info.pages) pages")
        #expect(info.size == "595×842", "The Hague is in the Netherlands, which prints on A4: \(info.size)")
        let pages = try pdfPages(pdf)
        #expect(pages.count == info.pages)
        let text = pages.joined(separator: "\n")

        // What the sheet must hold, from the same agenda read in-process.
        let view = try SheetBuilder(timeline: try sampleTimeline("mediator-training-2026"), zones: try zones, language: .en, audience: .public).agendaSheet()
        #expect(view.sessions.count == 4)
        var searchFrom = text.startIndex
        for session in view.sessions {
            for expected in [session.title, session.time] + session.segments.flatMap({ [$0.time, $0.title] }) {
                let found = text.range(of: expected, range: searchFrom..<text.endIndex)
                #expect(found != nil, "'\(expected)' of '\(session.title)' is not in the PDF after what comes before it")
                if let found { searchFrom = found.upperBound }
            }
            // Each session is on one page, whole: no page holds a piece of one.
            let page = pages.firstIndex { $0.contains(session.title) }
            #expect(page != nil)
            if let page {
                for segment in session.segments {
                    #expect(pages[page].contains(segment.title), "'\(segment.title)' is not on the page of '\(session.title)'")
                }
            }
        }
        for (index, page) in pages.enumerated() {
            let foot = page.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
            #expect(foot.contains("Mediation skills for women peacebuilders"), "page \(index + 1)'s foot: \(foot)")
            #expect(foot.contains(try Regex("\\b\(index + 1)\\s*/\\s*\(pages.count)\\s*$")), "page \(index + 1)'s foot: \(foot)")
            #expect(page.contains("Day "), "page \(index + 1) holds no session's title, only a piece of one")
        }
    }

    @Test("a venue in the United States prints on Letter, and --paper chooses the other paper", .enabled(if: pdfToolsInstalled))
    func paper() throws {
        let letter = try printPDF(sideEvent)
        defer { try? FileManager.default.removeItem(at: letter.folder) }
        let info = try pdfInfo(letter.pdf)
        #expect(info.size == "612×792", "New York prints on Letter: \(info.size)")
        #expect(info.pages <= 2, "a 90-minute side event is a compact public agenda: \(info.pages) pages")
        #expect(try pdfPages(letter.pdf).first?.contains("Inclusive peace negotiations & the WPS agenda") == true)

        let a4 = try printPDF(sideEvent, ["--paper", "a4"])
        defer { try? FileManager.default.removeItem(at: a4.folder) }
        #expect(try pdfInfo(a4.pdf).size == "595×842")
        let overridden = try printPDF(training, ["--sheet", "run-of-show", "--paper", "letter"])
        defer { try? FileManager.default.removeItem(at: overridden.folder) }
        #expect(try pdfInfo(overridden.pdf).size == "612×792")
    }

    @Test("the same sheet prints to the same bytes: undated, or dated SOURCE_DATE_EPOCH", .enabled(if: pdfToolsInstalled))
    func reproducible() throws {
        let first = try printPDF(training), second = try printPDF(training)
        defer {
            try? FileManager.default.removeItem(at: first.folder)
            try? FileManager.default.removeItem(at: second.folder)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.pdf)) == Data(contentsOf: URL(fileURLWithPath: second.pdf)))
        #expect(try pdfInfo(first.pdf).creationDate == nil)
        let dated = try printPDF(training, environment: ["SOURCE_DATE_EPOCH": "1700000000", "TZ": "UTC"])
        defer { try? FileManager.default.removeItem(at: dated.folder) }
        #expect(try pdfInfo(dated.pdf).creationDate?.contains("Nov 14 22:13:20 2023") == true)
        // Nothing is left beside the PDF but the manifest (and the lock): no working folder.
        let left = try FileManager.default.contentsOfDirectory(atPath: first.folder.path).sorted()
        #expect(left == [".convene-lock", ".convene-manifest.json", "sheet.pdf"])
    }

    @Test("build writes agenda.pdf and run-of-show.pdf, and a second build with nothing changed exits 0 with the same bytes",
          .enabled(if: pdfToolsInstalled))
    func build() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        let arguments = ["build", packageRoot.path + "/" + training, "-o", out, "--state", folder.appendingPathComponent("t.convene.db").path]
        let first = try convene(arguments, environment: pdfEngineEnvironment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("wrote \(out)/agenda.html\nwrote \(out)/agenda.pdf\n"))
        #expect(!first.stderr.contains("PDF"))
        let agenda = try Data(contentsOf: URL(fileURLWithPath: out + "/agenda.pdf"))
        #expect(try pdfInfo(out + "/run-of-show.pdf").size == "595×842")
        let again = try convene(arguments, environment: pdfEngineEnvironment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/agenda.pdf")) == agenda)
    }

    @Test("without an engine, print --format pdf exits 1 with the command that installs one; build writes the rest and warns once, removing the PDFs it can no longer keep up to date")
    func noEngine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = ["CONVENE_CHROMIUM": "/nonexistent"]
        let run = try convene(["print", training, "--format", "pdf", "-o", folder.appendingPathComponent("a.pdf").path], environment: missing)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("convene: error: CONVENE_CHROMIUM is '/nonexistent', which is not a program that can be run — install Chromium (sudo apt-get install chromium, or bash scripts/install-deps.sh --pdf)"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("a.pdf").path))
        let none = try convene(["print", training, "--format", "pdf"], environment: ["PATH": "/nonexistent", "CONVENE_CHROMIUM": ""])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no PDF engine: none of chromium, chromium-browser, google-chrome, google-chrome-stable is installed — install Chromium (sudo apt-get install chromium"), "\(none.stderr)")

        let out = folder.appendingPathComponent("out")
        let arguments = ["build", packageRoot.path + "/" + training, "-o", out.path, "--state", folder.appendingPathComponent("t.convene.db").path]
        // A PDF an earlier build printed, as it was written.
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try OutputWriter(force: false).write([OutputFile(path: "agenda.pdf", bytes: Data("%PDF-1.4 old\n".utf8))], into: out.path)
        let build = try convene(arguments, environment: missing)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.components(separatedBy: "no PDFs written").count == 2, "one warning: \(build.stderr)")
        #expect(build.stderr.contains("convene: warning: no PDFs written: CONVENE_CHROMIUM is '/nonexistent'"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("agenda.html").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("agenda.pdf").path), "an old PDF would not match the new sheets")
    }

    @Test("an engine still running at the deadline is killed with its helpers: exit 3, and nothing written or left behind")
    func stuckEngine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = folder.appendingPathComponent("stuck-browser"), pids = folder.appendingPathComponent("pids")
        try Data("#!/bin/sh\nsleep 60 &\necho $$ $! > '\(pids.path)'\nwait\n".utf8).write(to: engine)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: engine.path)
        let out = folder.appendingPathComponent("out")
        let began = Date()
        let run = try convene(["print", training, "-o", out.appendingPathComponent("a.pdf").path],
                              environment: ["CONVENE_CHROMIUM": engine.path, "CONVENE_PDF_TIMEOUT": "1"])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("was still running after 1 second and was stopped"), "\(run.stderr)")
        #expect(Date().timeIntervalSince(began) < 20)
        let started = try String(contentsOf: pids, encoding: .utf8).split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(started.count == 2)
        for pid in started {
            #expect(!Self.isRunning(pid), "process \(pid) is still running")
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(!left.contains { $0.hasSuffix(".pdf") || $0.hasPrefix(".convene-pdf") }, "\(left)")
    }

    /// Whether `pid` runs: a process killed and not yet reaped by whoever inherited it (a
    /// zombie) does not.
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    @Test("--paper is only for a PDF, and .pdf names the format")
    func commandLine() throws {
        let run = try convene(["print", training, "--paper", "letter"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--paper is for a PDF — add --format pdf, or name the file .pdf"))
        let mismatch = try convene(["print", training, "-o", "/tmp/sheet.pdf", "--format", "html"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("--format html would write html into '/tmp/sheet.pdf'"))
        #expect(try convene(["print", training, "--format", "pdf", "--paper", "a5"]).status == 2)
    }
}
