import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Drafting agendas from templates.
@Suite("agenda templates")
struct TemplateTests {
    let library = TemplateLibrary(folders: [packageRoot.appendingPathComponent("templates/agenda").path])

    @Test("Convene ships the five formats organisers run")
    func shipped() throws {
        let (templates, problems) = library.templates()
        #expect(problems.isEmpty)
        #expect(templates.map(\.name) == [
            "mediator-training", "side-event-panel", "track15-expert-consultation",
            "track2-dialogue-workshop", "track3-community-dialogue",
        ])
        for template in templates {
            #expect(!template.summary.isEmpty, "\(template.name) has a summary")
            #expect(try zones.lookup(template.defaultTimeZone) == .current(template.defaultTimeZone))
        }
    }

    @Test("every template drafts an agenda without errors on any date, at any sensible start, in any zone")
    func draftsPass() throws {
        let dates = ["2026-12-07", "2027-02-28", "2028-02-29", "2026-03-27", "2026-10-30"].compactMap(LocalDate.init(parsing:))
        let starts = ["08:00", "09:00", "10:30"].compactMap(LocalTime.init(parsing:))
        let zonesToTry = ["Europe/Kyiv", "America/New_York", "Asia/Kabul", "Africa/Lubumbashi", "Pacific/Chatham"]
        for template in library.templates().templates {
            for (index, date) in dates.enumerated() {
                let parameters = AgendaTemplate.Parameters(
                    title: "Draft of \(template.name)", id: "draft-\(index)", date: date,
                    start: starts[index % starts.count], timeZone: zonesToTry[index % zonesToTry.count])
                let draft = try template.render(parameters)
                let check = AgendaCheck(text: draft, zones: try zones)
                #expect(check.isValid, "\(template.name) on \(date): \(check.diagnostics.sorted.map { $0.rendered(file: template.name) })")
                #expect(check.agenda?.title == "Draft of \(template.name)")
                #expect(check.agenda?.timeZone == parameters.timeZone)
                #expect(check.agenda?.sessions.first?.date == date)
                #expect(check.agenda?.sessions.first?.start == parameters.start)
            }
        }
    }

    @Test("drafted on a Monday with its own zone and start, every template is free of warnings")
    func draftsClean() throws {
        let monday = try #require(LocalDate(parsing: "2026-12-07"))
        for template in library.templates().templates {
            let draft = try template.render(.init(title: "T", id: "t", date: monday, start: template.defaultStart, timeZone: template.defaultTimeZone))
            let check = AgendaCheck(text: draft, zones: try zones)
            #expect(check.diagnostics.items.isEmpty, "\(template.name): \(check.diagnostics.sorted.map { $0.rendered(file: template.name) })")
            #expect(check.timeline?.sessions.count == check.agenda?.sessions.count)
        }
    }

    @Test("multi-day templates put later days on the following dates")
    func multiDay() throws {
        let template = try library.template(named: "track2-dialogue-workshop")
        let date = try #require(LocalDate(parsing: "2026-12-08"))
        let draft = try template.render(.init(title: "W", id: "w", date: date, start: try #require(LocalTime(parsing: "09:00")), timeZone: "Europe/Kyiv"))
        let agenda = try #require(AgendaCheck(text: draft, zones: try zones).agenda)
        #expect(Set(agenda.sessions.compactMap(\.date)) == [date, date.adding(days: 1)])
        let training = try library.template(named: "mediator-training")
        let trainingDraft = try training.render(.init(title: "T", id: "t", date: date, start: try #require(LocalTime(parsing: "09:00")), timeZone: "Europe/Kyiv"))
        let trainingAgenda = try #require(AgendaCheck(text: trainingDraft, zones: try zones).agenda)
        #expect(Set(trainingAgenda.sessions.compactMap(\.date)).count == 3)
    }

    @Test("a title with quotes, colons, backslashes and newlines cannot break the YAML")
    func titleEscaping() throws {
        let template = try library.template(named: "side-event-panel")
        let title = "Women: \"peace\" & 1325 \\ a\nsecond line # not a comment\t{{x}} ${title}"
        let draft = try template.render(.init(title: title, id: "x", date: try #require(LocalDate(parsing: "2026-12-08")),
                                              start: try #require(LocalTime(parsing: "08:15")), timeZone: "America/New_York"))
        let check = AgendaCheck(text: draft, zones: try zones)
        #expect(check.isValid)
        #expect(check.agenda?.title == title)
    }

    @Test("a draft carries the template's comments but not its header")
    func headerLeftOut() throws {
        let template = try library.template(named: "side-event-panel")
        let draft = try template.render(.init(title: "T", id: "t", date: try #require(LocalDate(parsing: "2026-12-08")), start: template.defaultStart, timeZone: template.defaultTimeZone))
        #expect(!draft.contains("# convene-template:"))
        #expect(!draft.contains("# default-start:"))
        #expect(draft.split(separator: "\n", omittingEmptySubsequences: false).count == template.text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test("an unknown template name suggests the nearest")
    func unknownName() throws {
        #expect(throws: AgendaTemplate.Problem(line: nil, message: "no template called 'side-evnt-panel'", hint: "did you mean 'side-event-panel'?")) {
            try library.template(named: "side-evnt-panel")
        }
    }

}
