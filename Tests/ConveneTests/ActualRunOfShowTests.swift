import Convene
import ConveneTestSupport
import Testing

/// `convene print --sheet run-of-show --actual`: the run as the live day recorded it, beside
/// the plan (docs/printing.md, "The run-of-show as it happened").
@Suite("ActualRunOfShow: the run-of-show as it happened")
struct ActualRunOfShowTests {
    static let agenda = header + """
        people:
          - { id: m, name: Marta Moderator }
          - { id: ana, name: Ana Example }
          - { id: hidden, name: Hanna Verborgen, visibility: organizers, described_as: a mediator }
        sessions:
          - id: morning
            title: Morning
            date: 2026-12-08
            start: "10:00"
            moderator: m
            segments:
              - { title: Opening, kind: opening, duration: 10m }
              - { title: Panel, kind: panel, duration: 50m, speakers: [ana, hidden] }
              - { title: Questions, kind: qa, duration: 20m }
              - { title: Closing, kind: closing, duration: 10m }
          - id: day2
            title: Day two
            date: 2026-12-09
            start: "10:00"
            segments:
              - { title: Day two opening, duration: 30m }
        """

    /// The morning as it ran: a late start, a pause, five minutes added, a skipped segment,
    /// three turns; day two moved 30 minutes later.
    func day() throws -> (Timeline, LiveState) {
        let check = AgendaCheck(text: Self.agenda, zones: try zones)
        let valid = try #require(check.valid)
        func at(_ clock: String) throws -> Instant { try LiveScheduleTests().at("2026-12-08 " + clock) }
        let moved = valid.moving([SessionMove(session: "day2", minutes: 30, at: try at("10:05"))], zones: try zones).agenda.timeline
        var state = try LiveState(timeline: moved, zones: try zones)
        let steps: [(LiveAction, String)] = [
            (.start, "10:02"), (.startTurn("m"), "10:02"), (.moveSession("day2", minutes: 30), "10:05"), (.endTurn("m"), "10:09"),
            (.next, "10:14"), (.startTurn("ana"), "10:15"), (.pause, "10:20"), (.resume, "10:28"), (.endTurn("ana"), "10:40"),
            (.addMinutes(5), "10:41"), (.startTurn("hidden"), "10:41"), (.skip, "10:45"), (.next, "11:12"), (.next, "11:22"),
        ]
        for (action, clock) in steps { state = try state.applying(action, at: try at(clock)) }
        return (moved, state)
    }

    /// The sheet's view of ``day()`` for `audience`.
    func view(_ audience: Audience, language: SheetLanguage = .en) throws -> SheetView {
        let (timeline, state) = try day()
        let builder = SheetBuilder(timeline: timeline, zones: try zones, language: language, audience: audience)
        return try builder.actualRunOfShow(state, now: try #require(state.lastAction))
    }

    func printed(_ audience: Audience, _ format: SheetFormat, language: SheetLanguage = .en) throws -> String {
        try shippedRenderer.render(try view(audience, language: language), sheet: .runOfShow, format: format)
    }

    @Test("the text sheet gives each segment's planned and actual times, the minutes added, the skip, the pause, the turns and the day's final delay")
    func textSheet() throws {
        let text = try printed(.organizers, .text)
        try expectGolden(text, "run-of-show-actual.txt")
        // Worked by hand (minutes are written with a no-break space): the panel ran
        // 10:14–11:12, 5 minutes added, paused 10:20–10:28; Ana spoke 25 minutes less the pause.
        #expect(text.contains("10:10–11:00  10:14–11:12  +5\u{A0}min  Panel"))
        #expect(text.contains("Paused: 10:20–10:28 (8\u{A0}min)"))
        #expect(text.contains("Floor: Ana Example, 10:15–10:40 (17\u{A0}min)"))
        #expect(text.contains("Questions · skipped"))
        #expect(text.contains("Moved during the live day: +30\u{A0}min"))
        // The last segment ended 11:22, planned for 11:30.
        #expect(text.contains("Delay at the day's end: Tuesday 8 December 2026 · −8\u{A0}min"))
    }

    @Test("for the public the sheet names nobody the public agenda withholds; in French its words are French")
    func disclosureAndLanguage() throws {
        let organizers = try printed(.organizers, .html)
        #expect(organizers.contains("Hanna Verborgen"))
        for format in [SheetFormat.text, .md, .html] {
            let text = try printed(.public, format)
            #expect(!text.contains("Hanna Verborgen"), "\(format)")
            #expect(!text.contains("Verborgen"), "\(format)")
            #expect(text.contains("a mediator"), "\(format)")
        }
        let french = try printed(.organizers, .text, language: .fr)
        #expect(french.contains("Prévu"))
        #expect(french.contains("sauté"))
    }
}
