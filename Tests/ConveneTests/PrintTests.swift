import Convene
import ConveneTestSupport
import Foundation
import Testing

@Suite("Printed sheets")
struct PrintTests {
    static let samples: [(name: String, briefings: [PersonID])] = [
        ("wps-side-event-2022", ["sarabi"]),
        ("kyiv-consultation-2026", ["van-dalen", "mensah", "gelashvili"]),
    ]

    @Test("every sheet of both samples, in every format, matches its golden file")
    func goldenSheets() throws {
        for sample in Self.samples {
            let timeline = try sampleTimeline(sample.name)
            for format in SheetFormat.allCases {
                for sheet in [Sheet.agenda, .runOfShow] {
                    try expectGolden(try printed(timeline, sheet, format), "\(sample.name)/\(sheet.rawValue).\(format.fileExtension)")
                }
                for person in sample.briefings {
                    try expectGolden(try printed(timeline, .briefing, format, person: person),
                                     "\(sample.name)/briefing-\(person).\(format.fileExtension)")
                }
            }
        }
    }

    @Test("the side event's agenda in French and the consultation's run-of-show in Ukrainian match their golden files")
    func goldenLanguages() throws {
        try expectGolden(try printed(try sampleTimeline("wps-side-event-2022"), .agenda, .text, language: .fr), "wps-side-event-2022/agenda.fr.txt")
        try expectGolden(try printed(try sampleTimeline("kyiv-consultation-2026"), .runOfShow, .text, language: .uk),
                         "kyiv-consultation-2026/run-of-show.uk.txt")
    }

    @Test("the side event's agenda in each language added after the first three matches its golden file", arguments: [
        SheetLanguage.es, .ru, .ar, .faAF, .ps,
    ])
    func goldenNewLanguages(_ language: SheetLanguage) throws {
        let timeline = try sampleTimeline("wps-side-event-2022")
        try expectGolden(try printed(timeline, .agenda, .text, language: language), "wps-side-event-2022/agenda.\(language.rawValue).txt")
        // Right to left: the page's direction and the dates' two calendars, as HTML.
        if language == .faAF {
            try expectGolden(try printed(timeline, .agenda, .html, language: language), "wps-side-event-2022/agenda.fa-AF.html")
        }
    }

    @Test("build's online speakers are the samples' online people with the floor")
    func onlineSpeakers() throws {
        for sample in Self.samples {
            let builder = SheetBuilder(timeline: try sampleTimeline(sample.name), zones: try zones, language: .en, audience: .organizers)
            #expect(builder.onlineSpeakers.map(\.id) == sample.briefings)
        }
    }

    @Test("the side event's run-of-show has Sarabi's tech check at 08:10 New York, 16:40 Kabul, and 11 minutes each on the panel")
    func sideEventRunOfShow() throws {
        let text = try printed(try sampleTimeline("wps-side-event-2022"), .runOfShow, .text)
        #expect(text.contains("08:10       −5    95       Tech: Connection and audio check before Panel\n"))
        #expect(text.contains("                           Habiba Sarabi — 16:40 in Kabul\n"))
        #expect(text.contains("Floor: Habiba Sarabi (online, 16:55 in Kabul) —\n"))
        #expect(text.components(separatedBy: "11\u{A0}min").count - 1 == 5, "the panel's 55 minutes, 11 for each of five speakers")
        #expect(text.contains("09:45      +90     0       End"))
    }

    @Test("a sheet's HTML fetches nothing from the network and marks its language")
    func selfContainedHTML() throws {
        for sample in Self.samples {
            let timeline = try sampleTimeline(sample.name)
            for sheet in [Sheet.agenda, .runOfShow] {
                let html = try printed(timeline, sheet, .html)
                for fetch in ["src=", "<link", "@import", "url(", "<script"] {
                    #expect(!html.contains(fetch), "\(sample.name) \(sheet.rawValue) has \(fetch)")
                }
                #expect(html.contains("<html lang=\"\(SheetLanguage.preferred(in: timeline.agenda.languages).rawValue)\" dir=\"ltr\">"))
                #expect(html.contains("@page"))
            }
        }
    }

    @Test("docs/printing.md names every value a template can use")
    func documentedNames() throws {
        let docs = try String(contentsOf: packageRoot.appendingPathComponent("docs/printing.md"), encoding: .utf8)
        let builder = SheetBuilder(timeline: try sampleTimeline("kyiv-consultation-2026"), zones: try zones, language: .en,
                                   audience: .organizers, reader: "mensah")
        var names = Set<String>()
        func collect(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            for child in mirror.children {
                if let label = child.label, mirror.displayStyle == .struct { names.insert(label) }
                collect(child.value)
            }
        }
        collect(try builder.runOfShow())
        collect(try builder.agendaSheet())
        collect(try builder.briefing(for: "mensah"))
        collect(try ActualRunOfShowTests().view(.organizers))
        #expect(names.count > 60)
        #expect(names == SheetView.templateNames, "the names user templates are checked against")
        for name in names.sorted() {
            #expect(docs.contains("`\(name)`"), "docs/printing.md does not mention `\(name)`")
        }
    }

    @Test("the agenda lists the sessions not yet scheduled by title")
    func unscheduledSessions() throws {
        let text = try printed(try timeline(header + """
            sessions:
              - { id: a, title: Morning, date: 2026-12-08, start: "09:00", segments: [ { title: Talk, duration: 30m } ] }
              - { id: b, title: Afternoon, segments: [ { title: Talk, duration: 30m } ] }
            """), .agenda, .text)
        #expect(text.hasSuffix("09:00–09:30  Talk\n\nTo be scheduled:\n- Afternoon\n"))
    }

    @Test("every line of every text sheet fits 80 columns")
    func textFitsEightyColumns() throws {
        for sample in Self.samples {
            let timeline = try sampleTimeline(sample.name)
            var sheets = [try printed(timeline, .agenda, .text), try printed(timeline, .runOfShow, .text)]
            for person in sample.briefings { sheets.append(try printed(timeline, .briefing, .text, person: person)) }
            for sheet in sheets {
                for line in sheet.split(separator: "\n") {
                    #expect(DisplayWidth.of(line) <= 80, "\(sample.name): \(line)")
                }
            }
        }
    }
}

@Suite("Dates and labels in three languages")
struct SheetLanguageTests {
    @Test("dates are written as English, French and Ukrainian readers write them")
    func dates() throws {
        let date = try #require(LocalDate(year: 2022, month: 10, day: 19))
        #expect(SheetLanguage.en.date(date) == "Wednesday 19 October 2022")
        #expect(SheetLanguage.fr.date(date) == "mercredi 19 octobre 2022")
        #expect(SheetLanguage.uk.date(date) == "середа, 19 жовтня 2022\u{202F}р.", "CLDR's narrow no-break space keeps р. with the year")
        let first = try #require(LocalDate(year: 2026, month: 12, day: 1))
        #expect(SheetLanguage.fr.date(first) == "mardi 1er décembre 2026")
    }

    @Test("French clocks read 8 h 15; decimal tracks take a comma in French and Ukrainian")
    func clocksAndTracks() throws {
        let morning = ZonedTime(civil: .init(year: 2022, month: 10, day: 19, hour: 8, minute: 15), offset: 0)
        let later = ZonedTime(civil: .init(year: 2022, month: 10, day: 19, hour: 9, minute: 5), offset: 0)
        #expect(SheetLanguage.fr.span(morning, later) == "8\u{A0}h\u{A0}15 – 9\u{A0}h\u{A0}05", "a clock is never broken")
        #expect(SheetLanguage.en.span(morning, later) == "08:15–09:05")
        #expect(SheetLanguage.fr.decimal("1.5") == "1,5")
        #expect(SheetLanguage.uk.decimal("1.5") == "1,5")
        #expect(SheetLanguage.en.decimal("1.5") == "1.5")
    }

    @Test("the sheets' language is the agenda's first one Convene prints in, else English")
    func preferredLanguage() {
        #expect(SheetLanguage.preferred(in: ["uk", "en"]) == .uk)
        #expect(SheetLanguage.preferred(in: ["nl", "FR"]) == .fr)
        #expect(SheetLanguage.preferred(in: ["dari", "FR"]) == .faAF)
        #expect(SheetLanguage.preferred(in: ["de", "ps"]) == .ps)
        #expect(SheetLanguage.preferred(in: ["de"]) == .en)
        #expect(SheetLanguage.preferred(in: []) == .en)
    }
}

@Suite("Printed sheets: order, narrow pages, Markdown edge cases, settings")
struct PrintDetailTests {
    @Test("sessions print in time order, whatever their order in the agenda; only the run-of-show gets rows")
    func timeOrder() throws {
        let timeline = try timeline(header + """
            sessions:
              - { id: b, title: Second day, date: 2026-12-09, start: "09:00", segments: [ { title: Talk B, duration: 30m, notes: secret } ] }
              - { id: a, title: First day, date: 2026-12-08, start: "09:00", segments: [ { title: Talk A, duration: 30m } ] }
            """)
        let builder = SheetBuilder(timeline: timeline, zones: try zones, language: .en, audience: .public)
        let agenda = try builder.agendaSheet()
        #expect(agenda.sessions.map(\.id) == ["a", "b"])
        #expect(agenda.sessions.allSatisfy { $0.rows.isEmpty })
        #expect(try builder.runOfShow().sessions.map(\.rows.count) == [2, 2])
    }

    @Test("at 40 columns the run-of-show keeps its clock times whole")
    func narrowRunOfShow() throws {
        let view = try SheetBuilder(timeline: try sampleTimeline("wps-side-event-2022"), zones: try zones, language: .en, audience: .organizers).runOfShow()
        let text = try SheetRenderer(folder: shippedRenderer.folder, layout: TextLayout(width: 40)).render(view, sheet: .runOfShow, format: .text)
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 40 })
        for clock in ["08:10", "08:15", "08:25", "09:20", "09:40", "09:45"] { #expect(text.contains("\n\(clock) "), "\(clock)") }
        #expect(text.contains(" Time  Elapsed  Left  Min  Segment"))
    }

    @Test("Markdown keeps a '---' paragraph and a title ending in '#' as text")
    func markdownEdges() throws {
        let md = try printed(try timeline(header.replacingOccurrences(of: "title: Test event", with: "title: \"Track 2 #\"") + """
            introduction: "---"
            """), .agenda, .md)
        #expect(md.hasPrefix("# Track 2 \\#\n"))
        #expect(md.contains("\n\\---\n"))
    }

    @Test("with all_women_panels: allow, an all-women panel is not flagged and an all-men one still is")
    func allWomenPanels() throws {
        func agenda(_ setting: String) -> String {
            header + setting + """
                people:
                  - { id: a, name: A, gender: woman }
                  - { id: b, name: B, gender: woman }
                  - { id: c, name: C, gender: man }
                  - { id: d, name: D, gender: man }
                  - { id: m, name: M, gender: woman }
                sessions:
                  - id: s
                    title: S
                    date: 2026-12-08
                    start: "10:00"
                    moderator: m
                    segments:
                      - { title: Women, kind: panel, duration: 30m, speakers: [a, b] }
                      - { title: Men, kind: panel, duration: 30m, speakers: [c, d] }
                """
        }
        let flagged = try diagnose(agenda("")).map(\.message).filter { $0.contains("single-sex") }
        #expect(flagged.count == 2)
        let allowed = try diagnose(agenda("inclusion: { all_women_panels: allow }\n")).map(\.message).filter { $0.contains("single-sex") }
        #expect(allowed.count == 1)
        #expect(allowed.first?.contains("are men") == true)
        #expect(try rendered(agenda("inclusion: { all_women_panels: sometimes }\n")).first == "a.yaml:5:32: error: 'sometimes' is not a valid all_women_panels — use one of: flag, allow")
    }

    @Test("a briefing dates a tech check that falls on the day before the session in the speaker's zone")
    func checkOnTheDayBefore() throws {
        let timeline = try timeline((header + """
            people:
              - { id: far, name: Far Away, attendance: online, timezone: Asia/Kabul, working_hours: "00:00-24:00" }
            sessions:
              - { id: s, title: S, date: 2026-12-08, start: "14:35", segments: [ { title: Late talk, duration: 30m, speakers: [far] } ] }
            """).replacingOccurrences(of: "Europe/Kyiv", with: "America/New_York"))
        // 14:35 in New York is 00:05 on Wednesday in Kabul; the check, 15 minutes earlier, is on Tuesday there.
        let text = try printed(timeline, .briefing, .text, person: "far")
        #expect(text.contains("Wednesday 9 December 2026\nYour time                   00:05–00:35\n"))
        #expect(text.contains("Connection and audio check  Tuesday 8 December 2026, 23:50 · 14:20 New York time"))
    }
}
