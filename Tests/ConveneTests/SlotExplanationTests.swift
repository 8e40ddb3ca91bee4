import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// Why `convene slots` finds nothing, and what would open a slot: the shared windows, whose
/// hours or calendars close them, and the suggestions, for a CSW side event in New York.
@Suite("slots: why no time suits everyone")
struct SlotExplanationTests {
    struct Outcome {
        var result: SlotFinder.Result
        var explanation: NoSlotExplanation
        var agenda: Agenda
        var from: LocalDate
        var to: LocalDate

        func text(width: Int = 80, step: Int = 15) -> String {
            result.text(agenda: agenda, from: from, to: to, step: step, width: width)
        }
    }

    /// Searches `text`'s session as `convene slots` does, the calendars read again for the
    /// days after the search, and explains the outcome.
    static func explain(_ text: String, from: String, to: String, step: Int = 15, calendars: [BusyTimes.File] = []) throws -> Outcome {
        let zones = try zones
        let agenda = try #require(AgendaCheck(text: text, zones: zones).agenda)
        let finder = SlotFinder(agenda: agenda, zones: zones)
        let first = try #require(LocalDate(parsing: from)), last = try #require(LocalDate(parsing: to))
        guard case .success(let (layout, _)) = SegmentLayout.of(agenda.sessions[0]) else { throw CLIError(message: "no length") }
        let (start, end) = try finder.window(from: first, to: last)
        let busy = BusyTimes(files: calendars, agenda: agenda, from: start, to: end.adding(minutes: layout.length), zones: zones)
        let (laterStart, laterEnd) = try finder.window(from: last.adding(days: 1), to: last.adding(days: SlotFinder.laterDays))
        let later = BusyTimes(files: calendars, agenda: agenda, from: laterStart, to: laterEnd.adding(minutes: layout.length), zones: zones)
        var result = try finder.search(sessionIndex: 0, minutes: layout.length, from: first, to: last, step: step, top: 5, busy: busy)
        let explanation = try finder.explain(sessionIndex: 0, minutes: layout.length, from: first, to: last, step: step, busy: busy, later: later)
        result.explanation = explanation
        return Outcome(result: result, explanation: explanation, agenda: agenda, from: first, to: last)
    }

    /// Whether the search finds a slot at `start` (UTC) in `text`'s agenda.
    static func finds(_ start: String, in text: String, on day: String, minutes: Int? = nil) throws -> Bool {
        let zones = try zones
        let agenda = try #require(AgendaCheck(text: text, zones: zones).agenda)
        let date = try #require(LocalDate(parsing: day))
        let finder = SlotFinder(agenda: agenda, zones: zones)
        let (from, to) = try finder.window(from: date, to: date)
        let length = minutes ?? 75
        let busy = BusyTimes(files: [], agenda: agenda, from: from, to: to.adding(minutes: length), zones: zones)
        let result = try finder.search(sessionIndex: 0, minutes: length, from: date, to: date, step: 15, top: 100, busy: busy)
        return result.slots.contains { $0.start.description == start }
    }

    @Test("a CSW side event: the text says the shared window (12:00–13:00 UTC, 08:00–09:00 in New York) is shorter than the session, names the Jakarta parliamentarian whose hours close it, and what would open a slot")
    func sideEventText() throws {
        let outcome = try Self.explain(SideEventFixtures.agenda(), from: "2026-03-09", to: "2026-03-13")
        #expect(outcome.result.slots.isEmpty)
        #expect(outcome.text() == """
            Times for 'side-event' (1h15m) from 2026-03-09 to 2026-03-13
            Every 15m of venue time (America/New_York)

            No time suits everyone: all 480 candidate starts are ruled out.
            The working hours all 6 people share are shorter than the session (1h15m): at
            most 1h on any day.

            Working time everyone shares (in UTC and on the venue's clock):
              Monday 2026-03-09 to Friday 2026-03-13
                12:00–13:00 UTC, 08:00–09:00 America/New_York: 1h
                  opens when Amani Njeri, Lotte Bakker and UNDP representative (to be
                    confirmed) start work at 08:00 America/New_York (in the room)
                  closes when Dewi Wulandari stops work at 20:00 Asia/Jakarta (online)

            What would make a slot possible:
              - a shorter session: 1h fits, first on Monday 2026-03-09 08:00–09:00
              - Dewi Wulandari's consent to end at 20:15 Asia/Jakarta, 15m past their
                working hours (08:00-20:00): Monday 2026-03-09 08:00–09:15
              - the consent of Amani Njeri, Lotte Bakker and UNDP representative (to be
                confirmed) to start at 07:45 America/New_York, 15m before their working
                hours (08:00-20:00): Monday 2026-03-09 07:45–09:00
            No other day: nothing suits everyone in the 28 days after 2026-03-13 either.

            """)
    }

    @Test("the shared window per day, the session's length, and whose hours bind: the Jakarta parliamentarian first, the three New Yorkers with the same hours as one group")
    func sideEventFacts() throws {
        let explanation = try Self.explain(SideEventFixtures.agenda(), from: "2026-03-09", to: "2026-03-13").explanation
        #expect(explanation.cause == .workingHours)
        #expect(explanation.sessionMinutes == 75)
        #expect(explanation.longestSharedMinutes == 60)
        #expect(explanation.days.map(\.date.description) == ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"])
        for day in explanation.days {
            let window = try #require(day.windows.first)
            #expect(day.windows.count == 1)
            #expect(ZonedTime.utc(window.start).clock == "12:00" && ZonedTime.utc(window.end).clock == "13:00")
            #expect(window.venueStart.clock == "08:00" && window.venueEnd.clock == "09:00")
            #expect(window.openedBy.map(\.group.people) == [["amani", "bakker", "undp"]])
            #expect(window.closedBy.map(\.group.people) == [["wulandari"]])
            #expect(window.closedBy.first?.local.clock == "20:00")
        }
        #expect(explanation.binding.map(\.group.people) == [["wulandari"], ["amani", "bakker", "undp"]])
        #expect(explanation.binding.allSatisfy { $0.reason == .workingHours })
        #expect(explanation.binding.first?.group.timeZone == "Asia/Jakarta")
    }

    @Test("each suggestion, applied, opens the slot it names: the shorter session, the Jakarta parliamentarian ending 15 minutes later, the New Yorkers starting 15 minutes earlier")
    func suggestionsHold() throws {
        let suggestions = try Self.explain(SideEventFixtures.agenda(), from: "2026-03-09", to: "2026-03-13").explanation.suggestions
        #expect(suggestions.map(\.kind) == [.shorterSession, .workingHours, .workingHours])
        let shorter = suggestions[0], jakarta = suggestions[1], newYork = suggestions[2]
        #expect(shorter.minutes == 60 && shorter.start.description == "2026-03-09T12:00:00Z")
        #expect(try Self.finds("2026-03-09T12:00:00Z", in: SideEventFixtures.agenda(minutes: 60), on: "2026-03-09", minutes: 60))

        let ask = try #require(jakarta.asks.first)
        #expect(ask.group.people == ["wulandari"] && ask.after == 15 && ask.before == 0 && ask.localEnd.clock == "20:15")
        #expect(ask.group.timeZone == "Asia/Jakarta")
        #expect(try Self.finds(jakarta.start.description, in: SideEventFixtures.agenda(jakarta: "08:00-20:15"), on: "2026-03-09"))
        #expect(try !Self.finds(jakarta.start.description, in: SideEventFixtures.agenda(jakarta: "08:00-20:14"), on: "2026-03-09"))

        let early = try #require(newYork.asks.first)
        #expect(early.group.people == ["amani", "bakker", "undp"] && early.before == 15 && early.localStart.clock == "07:45")
        #expect(newYork.start.description == "2026-03-09T11:45:00Z")
    }

    @Test("before New York's clocks change, the shared window is 30 minutes; another day after the search (Monday 2026-03-09) suits everyone")
    func anotherDay() throws {
        let outcome = try Self.explain(SideEventFixtures.agenda(jakarta: "08:00-20:30"), from: "2026-03-02", to: "2026-03-06")
        let explanation = outcome.explanation
        #expect(explanation.cause == .workingHours)
        #expect(explanation.longestSharedMinutes == 30)
        let window = try #require(explanation.days.first?.windows.first)
        #expect(ZonedTime.utc(window.start).clock == "13:00" && ZonedTime.utc(window.end).clock == "13:30")
        let another = try #require(explanation.suggestions.first { $0.kind == .anotherDay })
        #expect(another.start.description == "2026-03-09T12:00:00Z")
        #expect(another.minutes == 75)
        #expect(explanation.laterDays == 28)
        #expect(outcome.text().contains("  - another day: Monday 2026-03-09 08:00–09:15 suits everyone (the first time in\n    the 28 days after the search)\n"))
        #expect(!outcome.text().contains("No other day"))
    }

    @Test("when working hours leave two hours but calendars close them, the calendars are named, and freeing one of them opens a slot")
    func calendarsClose() throws {
        let outcome = try Self.explain(SideEventFixtures.agenda(jakarta: "08:00-21:00"), from: "2026-03-09", to: "2026-03-13",
                                       calendars: SideEventFixtures.calendars)
        let explanation = outcome.explanation
        #expect(explanation.cause == .calendars)
        #expect(explanation.longestSharedMinutes == 120)
        let window = try #require(explanation.days.first?.windows.first)
        #expect(window.minutes == 120 && window.freeMinutes == 30)
        #expect(window.busy == ["vos", "zhakupova"])
        #expect(explanation.binding.map(\.group.people) == [["vos"], ["zhakupova"]])
        #expect(explanation.binding.allSatisfy { $0.reason == .busy })
        let calendar = try #require(explanation.suggestions.first { $0.kind == .calendar })
        let ask = try #require(calendar.asks.first)
        #expect(ask.group.people == ["zhakupova"])
        #expect(ask.busyStart?.clock == "18:30" && ask.busyEnd?.clock == "19:00")
        let text = outcome.text()
        #expect(text.contains("Working hours leave time for the session (1h15m), but calendars close it: Claire\nVos's calendar and Aizada Zhakupova's calendar.\n"))
        #expect(text.contains("      busy then: Claire Vos and Aizada Zhakupova; free in every calendar: 30m at\n        most\n"))
        #expect(text.contains("  - Aizada Zhakupova freeing 18:30–19:00 Asia/Bishkek in their calendar: Monday\n    2026-03-09 08:00–09:15\n"))
        // Calendars come first among the asks when they are the cause.
        let kinds = explanation.suggestions.map(\.kind).filter { $0 == .calendar || $0 == .workingHours }
        #expect(kinds.first == .calendar)
    }

    @Test("a long enough stretch that --step 60 misses is a finer step")
    func finerStep() throws {
        let outcome = try Self.explain(SideEventFixtures.agenda(jakarta: "08:00-21:00", first: "08:30-20:00"), from: "2026-03-09", to: "2026-03-13", step: 60)
        #expect(outcome.explanation.cause == .step)
        let finer = try #require(outcome.explanation.suggestions.first)
        #expect(finer.kind == .finerStep && finer.step == 30 && finer.venueStart.clock == "08:30")
        #expect(outcome.text(step: 60).contains("  - a finer step: --step 30 finds Monday 2026-03-09 08:30–09:45\n"))
    }

    @Test("a Saturday is a day off for everyone: the cause is working days")
    func dayOff() throws {
        let outcome = try Self.explain(SideEventFixtures.agenda(), from: "2026-03-14", to: "2026-03-14")
        #expect(outcome.explanation.cause == .workingDays)
        #expect(outcome.explanation.days.first?.off.flatMap(\.people).count == 6)
        #expect(outcome.text().contains("  Saturday 2026-03-14: no working time in common: a day off for everyone\n"))
    }

    @Test("working hours past midnight (22:00-02:00 in Tokyo) open and close a window; the same ask is suggested once")
    func overnightHours() throws {
        let agenda = """
            convene: 1
            id: night
            title: Night
            timezone: Europe/London
            people:
              - { id: host, name: London Host, working_hours: "09:00-17:00" }
              - { id: tokyo, name: Tokyo Expert, attendance: online, timezone: Asia/Tokyo, working_hours: "22:00-02:00" }
              - { id: sydney, name: Sydney Expert, attendance: online, timezone: Australia/Sydney, working_hours: "00:00-24:00", working_days: [mon, tue, wed, thu, fri, sat, sun] }
            sessions:
              - { id: s, title: S, duration: 5h }

            """
        let explanation = try Self.explain(agenda, from: "2026-03-09", to: "2026-03-10").explanation
        let window = try #require(explanation.days.first?.windows.first)
        #expect(window.minutes == 240)
        #expect(window.openedBy.map(\.group.people) == [["tokyo"]] && window.openedBy.first?.isHoursEdge == true)
        #expect(window.closedBy.map(\.group.people) == [["host"], ["tokyo"]])
        let hours = explanation.suggestions.filter { $0.kind == .workingHours }
        #expect(hours.count == 1)
        #expect(hours.first?.asks.map(\.group.people) == [["tokyo"]] && hours.first?.asks.first?.localStart.clock == "21:00")
    }

    @Test("why_none is in the JSON after blockers, which stay as they were; it is null when slots are found")
    func json() throws {
        let outcome = try Self.explain(SideEventFixtures.agenda(), from: "2026-03-09", to: "2026-03-09")
        let json = outcome.result.json().serialized()
        #expect(json.contains("\"blockers\": [\n    {\n      \"person\": \"amani\",\n      \"reason\": \"working hours\","))
        #expect(json.contains("\"why_none\": {\n    \"cause\": \"working hours\",\n    \"session_minutes\": 75,\n    \"people\": 6,\n    \"longest_shared_minutes\": 60,"))
        #expect(json.contains("\"closed_by\": [\n              {\n                \"people\": [\"wulandari\"],\n                \"timezone\": \"Asia/Jakarta\","))
        #expect(json.contains("\"kind\": \"shorter-session\""))
        #expect(json.contains("\"after_minutes\": 15"))
        #expect(json.hasSuffix("    \"later_days\": 28\n  }\n}\n"))
        let found = try Self.explain(SideEventFixtures.agenda(minutes: 60), from: "2026-03-09", to: "2026-03-09")
        #expect(!found.result.slots.isEmpty)
        var result = found.result
        result.explanation = nil
        #expect(result.json().serialized().hasSuffix("  \"why_none\": null\n}\n"))
    }
}
