import Convene
import ConveneTestSupport
import Foundation
import Testing

@Suite("convene print and the sheets of convene build", .tags(.endToEnd))
struct PrintCommandTests {
    let wps = "agendas/wps-side-event-2022.yaml"

    @Test("print writes the agenda as text to standard output by default")
    func defaultText() throws {
        let run = try convene(["print", wps])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Inclusive peace negotiations & the WPS agenda\n=============================================\n"))
    }

    @Test("-o picks the format from the extension and will not replace an edited file without --force")
    func outputFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sheet.html").path
        let first = try convene(["print", wps, "--sheet", "run-of-show", "-o", path], in: packageRoot)
        #expect(first.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try convene(["print", wps, "--sheet", "run-of-show", "-o", path]).status == 0, "its own file is replaced")
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: path))
        let refused = try convene(["print", wps, "-o", path])
        #expect(refused.status == 3)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my notes\n")
        #expect(try convene(["print", wps, "-o", path, "--force"]).status == 0)
    }

    @Test("a briefing needs a speaker: without --person, or with someone who has no floor, it exits 2 and lists them")
    func briefingPerson() throws {
        let missing = try convene(["print", wps, "--sheet", "briefing"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("pass --person with one of: brandt, hutchinson, sarabi, tsongo, tapesh, tshilobo, kwakkenbos"))
        let unknown = try convene(["print", wps, "--sheet", "briefing", "--person", "nobody"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no person 'nobody' in the agenda"))
        let wrongSheet = try convene(["print", wps, "--person", "sarabi"])
        #expect(wrongSheet.status == 2)
        #expect(wrongSheet.stderr.contains("--person is for --sheet briefing"))
    }

    @Test("a briefing is in the speaker's own language unless --lang says otherwise")
    func briefingLanguage() throws {
        let french = try convene(["print", wps, "--sheet", "briefing", "--person", "tsongo"])
        #expect(french.status == 0)
        #expect(french.stdout.hasPrefix("Fiche d’intervention — Claudine Tsongo"))
        let english = try convene(["print", wps, "--sheet", "briefing", "--person", "tsongo", "--lang", "en"])
        #expect(english.stdout.hasPrefix("Speaker briefing — Claudine Tsongo"))
    }

    @Test("--lang takes every code, Dari as fa-AF or prs, and names; a briefing of a Dari speaker is in Dari")
    func languages() throws {
        for (lang, start) in [("es", "Evento paralelo"), ("ru", "Параллельное мероприятие"), ("ar", "فعالية جانبية"),
                              ("fa-AF", "برنامهٔ جانبی"), ("prs", "برنامهٔ جانبی"), ("dari", "برنامهٔ جانبی"), ("PS", "څنګیزه غونډه")] {
            let run = try convene(["print", wps, "--lang", lang])
            #expect(run.status == 0, "\(lang): \(run.stderr)")
            // Right-to-left sheets mark each line so.
            let mark = ["ar", "fa-AF", "prs", "dari", "PS"].contains(lang) ? "\u{200F}" : ""
            #expect(run.stdout.contains("\n\n\(mark)\(start) · "), "\(lang)")
            #expect(run.stdout.hasSuffix("\n\(mark)Labels in this language have not yet been reviewed by a native speaker.\n"), "\(lang)")
        }
        let dari = try convene(["print", wps, "--sheet", "briefing", "--person", "sarabi"])
        #expect(dari.stdout.hasPrefix("\u{200F}رهنمود برای سخنران — حبیبه سرابی\n"), "her name as Dari writes it")
        #expect(dari.stdout.contains("۱۶:۵۵ تا ۱۷:۵۰  Panel discussion"))
        #expect(try convene(["print", wps, "--lang", "fa"]).status == 2, "Persian as written in Iran is not Dari")
    }

    @Test("a labels file with a problem stops printing in its language, at its line, and only in its language")
    func brokenLabels() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let templates = home.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for folder in ["agenda", "print", "labels"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("templates/\(folder)"), to: templates.appendingPathComponent(folder))
        }
        let file = templates.appendingPathComponent("labels/es.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "  venue: ", with: "  venu: ")
        try Data(text.utf8).write(to: file)
        let line = (text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  venu: ") } ?? 0) + 1
        let spanish = try convene(["print", wps, "--lang", "es"], environment: ["CONVENE_HOME": home.path])
        #expect(spanish.status == 1)
        #expect(spanish.stdout.isEmpty)
        #expect(spanish.stderr.contains("\(file.path):\(line):3: error: 'labels.venu' is not a key the sheets use — did you mean 'venue'?"), "\(spanish.stderr)")
        #expect(try convene(["print", wps, "--lang", "fr"], environment: ["CONVENE_HOME": home.path]).status == 0)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("labels"))
        let none = try convene(["print", wps], environment: ["CONVENE_HOME": home.path])
        #expect(none.status == 1)
        #expect(none.stderr.contains("the sheets' labels were not found — set CONVENE_HOME to the folder that holds templates/labels"))
        #expect(try convene(["check", wps], environment: ["CONVENE_HOME": home.path]).status == 0, "check needs no labels")
    }

    @Test("an unknown format extension and a bad width are command-line errors")
    func commandLineErrors() throws {
        let run = try convene(["print", wps, "-o", "/tmp/sheet.docx"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot tell the format from '/tmp/sheet.docx' — name it .txt, .md, .html or .pdf, or pass --format"))
        #expect(try convene(["print", wps, "--width", "20"]).status == 2)
        let mismatch = try convene(["print", wps, "-o", "/tmp/sheet.md", "--format", "html"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("--format html would write html into '/tmp/sheet.md'"))
        let missing = try convene(["print", wps, "--template", "/nonexistent/t.mustache"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--template /nonexistent/t.mustache: no such file"))
        #expect(try convene(["print", wps, "--lang", "de"]).status == 2)
    }

    @Test("a user's template is used, and a broken one is reported at its line with exit 1")
    func userTemplate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("short.mustache"), bad = folder.appendingPathComponent("bad.mustache")
        try Data("{{event.title}}\n{{#sessions}}{{#segments}}{{start}}\t{{title}}\n{{/segments}}{{/sessions}}".utf8).write(to: good)
        try Data("line one\n{{#sessions}}\n".utf8).write(to: bad)
        let run = try convene(["print", wps, "--template", good.path])
        #expect(run.status == 0)
        #expect(run.stdout == """
            Inclusive peace negotiations & the WPS agenda
            08:15  Welcome and opening remarks
            08:25  Panel discussion
            09:20  Questions from the floor
            09:40  Closing and next steps

            """)
        let typo = folder.appendingPathComponent("typo.mustache")
        try Data("{{event.titel}}\n{{> nosuch}}\n".utf8).write(to: typo)
        let warned = try convene(["print", wps, "--template", typo.path])
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("\(typo.path):1:1: warning: 'titel' in {{event.titel}} is not a name any sheet has, so it prints nothing — did you mean 'title'?"))
        #expect(warned.stderr.contains("\(typo.path):2:1: warning: there is no partial 'nosuch'"))
        let broken = try convene(["print", wps, "--template", bad.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\n\(bad.path):"))
        #expect(broken.stderr.contains("\(bad.path):2:1: error: the section {{#sessions}} is never closed — close it with {{/sessions}}"))
        // 5,000 nested sections: refused at the 51st, before anything renders.
        let deep = folder.appendingPathComponent("deep.mustache")
        try Data((String(repeating: "{{#sessions}}", count: 5_000) + "x" + String(repeating: "{{/sessions}}", count: 5_000)).utf8).write(to: deep)
        let nested = try convene(["print", wps, "--template", deep.path])
        #expect(nested.status == 1)
        #expect(nested.stdout.isEmpty)
        #expect(nested.stderr.contains("\(deep.path):1:651: error: sections are nested more than 50 deep"), "\(nested.stderr)")
    }

    @Test("an invalid agenda prints nothing and exits 1")
    func invalidAgenda() throws {
        let run = try convene(["print", "-"], input: header + "sessions: 3\n")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
    }

    @Test("build writes every sheet in every format, the other languages, and a briefing per online speaker")
    func build() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try convene(["build", packageRoot.path + "/agendas/kyiv-consultation-2026.yaml", "-o", folder.path,
                               "--state", folder.appendingPathComponent("kyiv.convene.db").path])
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["agenda", "run-of-show", "agenda.uk", "run-of-show.uk", "briefings/van-dalen", "briefings/gelashvili", "briefings/mensah"] {
            for ext in ["txt", "md", "html"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name).\(ext)").path), "\(name).\(ext)")
            }
        }
        let agenda = try String(contentsOf: folder.appendingPathComponent("agenda.uk.txt"), encoding: .utf8)
        #expect(agenda.contains("вівторок, 8 грудня 2026\u{202F}р."))
    }
}
