import Convene
import ConveneTestSupport
import Foundation
import Testing

@Suite("Agenda text cannot break a sheet, and hidden people are never named")
struct PrintSafetyTests {
    static let longWord = String(repeating: "Peacebuilding", count: 24)  // 312 characters

    /// An agenda whose every text field tries to break out of its place.
    static var hostile: String {
        header + """
            subtitle: "<script>alert('x')</script> {{event.title}} </td></tr></table>"
            kind: side-event
            languages: [en]
            venue: { name: "Room | with *stars* and [a](link)", online: { url: "https://example.org/?a=1&b=<2>" } }
            introduction: "# Not a heading\\n\\n- not a list\\n\\n1. not a number\\n\\n\(longWord)"
            guiding_questions:
              - { id: q1, text: "Is \\u202Ereversed text\\u202C contained? {{#sessions}}x{{/sessions}}" }
            people:
              - { id: host, name: "</td></tr><tr><td>Injected", title: "{{labels.end}}", gender: woman }
              - { id: far, name: "\\u200Fحبيبة سرابي", attendance: online, timezone: Asia/Kabul, gender: woman,
                  organization: "Tab\\there | pipe" }
              - { id: hidden, name: Secret Name, email: secret@example.org, organization: Secret Org,
                  visibility: organizers, described_as: "an expert from the east" }
            sessions:
              - id: s1
                title: "\(longWord)"
                date: 2026-12-08
                start: "09:00"
                moderator: host
                segments:
                  - { title: "<b>Bold</b> & \\u202Eevil", kind: panel, duration: 30m, speakers: [far, hidden], questions: [q1],
                      cues: ["</li><li>cue", "*emphasis* `code`"], notes: "line one\\nline two\\ttabbed" }
                  - { title: "| a | b |", duration: 10m, speakers: [host] }
            """
    }

    @Test("HTML escapes every piece of agenda text: no tag, cell or row comes from the agenda")
    func html() throws {
        for sheet in [Sheet.agenda, .runOfShow] {
            let html = try printed(try timeline(Self.hostile), sheet, .html, audience: .organizers)
            #expect(!html.contains("<script"))
            #expect(!html.contains("<b>Bold"))
            #expect(!html.contains("<td>Injected"))
            #expect(!html.contains("</li><li>cue"))
            #expect(html.contains("&lt;script&gt;"))
            #expect(html.contains("{{event.title}}"), "a template tag in agenda text is printed, not run")
            #expect(!html.contains("\u{202E}"))
            #expect(html.components(separatedBy: "<tr").count == html.components(separatedBy: "</tr>").count)
            #expect(html.components(separatedBy: "<td").count == html.components(separatedBy: "</td>").count)
        }
    }

    @Test("text keeps 80 columns, one value per line, and every character of a 300-character word")
    func text() throws {
        for sheet in [Sheet.agenda, .runOfShow] {
            let text = try printed(try timeline(Self.hostile), sheet, .text, audience: .organizers)
            #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 80 })
            #expect(!text.contains("\t"))
            #expect(!text.contains("\u{202E}"))
            let joined = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            #expect(joined.contains(Self.longWord))
            if sheet == .agenda { #expect(text.contains("{{labels.end}}"), "a speaker's title that looks like a tag is printed as it is") }
        }
    }

    @Test("Markdown escapes markup, and a table row keeps its number of cells")
    func markdown() throws {
        let md = try printed(try timeline(Self.hostile), .agenda, .md, audience: .organizers)
        for tag in ["<script", "</script", "</td", "<b>"] {
            #expect(md.components(separatedBy: tag).dropFirst().count == md.components(separatedBy: "\\" + tag).dropFirst().count,
                    "every \(tag) is escaped")
        }
        #expect(md.contains("\\<script\\>"))
        #expect(md.contains("\\# Not a heading"))
        #expect(md.contains("\\- not a list"))
        #expect(md.contains("1\\. not a number"))
        #expect(md.contains("\\*stars\\*"))
        for line in md.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(cells == 3, "\(line)")
        }
    }

    @Test("a person visible to organisers only is described, not named, for participants and the public")
    func hiddenPerson() throws {
        let timeline = try timeline(Self.hostile)
        for audience in [Audience.public, .participants] {
            for format in SheetFormat.allCases {
                for sheet in [Sheet.agenda, .runOfShow] {
                    let output = try printed(timeline, sheet, format, audience: audience)
                    for secret in ["Secret Name", "secret@example.org", "Secret Org"] {
                        #expect(!output.contains(secret), "\(audience) \(sheet) \(format) shows \(secret)")
                    }
                    #expect(output.contains("an expert from the east"))
                }
            }
        }
        #expect(try printed(timeline, .runOfShow, .text, audience: .organizers).contains("Secret Name"))
    }

    @Test("the public agenda of the Chatham House consultation names nobody, in any format or language")
    func chathamHouseAgenda() throws {
        let timeline = try sampleTimeline("kyiv-consultation-2026")
        for language in SheetLanguage.allCases {
            for format in SheetFormat.allCases {
                let output = try printed(timeline, .agenda, format, language: language, audience: .public)
                for person in timeline.agenda.people {
                    #expect(!output.contains(person.name), "\(language) \(format) names \(person.id)")
                    if let email = person.email { #expect(!output.contains(email)) }
                    // The convening organisation is named as the organiser; its members are not.
                    if let organization = person.organization, organization != timeline.agenda.organizer?.name {
                        #expect(!output.contains(organization), "\(organization)")
                    }
                }
                // Under the Chatham House Rule the public learns how many speak, not who: not even
                // a description of the people it may not name.
                for person in timeline.agenda.people {
                    if let description = person.describedAs { #expect(!output.contains(description), "\(language) \(format) describes \(person.id)") }
                }
                #expect(output.contains(language.speakerCount(3)), "\(language) \(format) says how many speak")
            }
        }
    }

    @Test("a briefing names its reader, even when others may not see their name")
    func briefingReader() throws {
        let text = try printed(try timeline(Self.hostile), .briefing, .text, audience: .public, person: "hidden")
        #expect(text.contains("Speaker briefing — Secret Name"))
    }

    @Test("a template that would switch escaping off is refused at its line and column")
    func unescapedTemplate() throws {
        for (template, tag, column) in [("ok\n  {{{event.title}}}", "{", 3), ("ok\nx{{& event.title}}", "&", 2),
                                        ("ok\n{{=<% %>=}}", "=", 1), ("ok\n{{% CONTENT_TYPE: TEXT }}", "%", 1)] {
            #expect(throws: TemplateProblem(file: "t.mustache", line: 2, column: column, message: "'{{\(tag)' is not allowed in a print template",
                                            hint: "agenda text is always escaped for the format; write {{name}}")) {
                try SheetRenderer.parse(template, file: "t.mustache", format: .html)
            }
        }
    }

    @Test("a partial that leads back to itself is refused instead of rendering for ever")
    func recursivePartial() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{{> b}}".utf8).write(to: folder.appendingPathComponent("_a.mustache"))
        try Data("x {{> a}}".utf8).write(to: folder.appendingPathComponent("_b.mustache"))
        try Data("{{> a}}".utf8).write(to: folder.appendingPathComponent("agenda.txt.mustache"))
        let view = try SheetBuilder(timeline: try timeline(header), zones: try zones, language: .en, audience: .public).agendaSheet()
        #expect(throws: TemplateProblem.self) {
            try SheetRenderer(folder: folder.path).render(view, sheet: .agenda, format: .text)
        }
    }
}
