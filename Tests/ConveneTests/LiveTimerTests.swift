import Convene
import ConveneTestSupport
import Testing

/// The stage timer's thresholds and the moderator's message line (docs/live.md, "The views").
@Suite("LiveTimer: when the stage timer warns, and the message line")
struct LiveTimerTests {
    @Test("by default the timer warns with a fifth of the time left (1 to 5 minutes) and shows danger with a twentieth (30 s to 2 minutes)")
    func defaultThresholds() {
        let defaults = TimerThresholds()
        // A 10-minute turn: amber at 2:00, red at 0:30.
        #expect(defaults.of(length: 600) == (120, 30))
        // An hour's panel: amber at 5:00 (the most), red at 2:00 (the most).
        #expect(defaults.of(length: 3600) == (300, 120))
        // A 2-minute intervention: amber at 1:00 (the least), red at 0:30 (the least).
        #expect(defaults.of(length: 120) == (60, 30))
        // 25 minutes: a fifth is 5:00, a twentieth 1:15.
        #expect(defaults.of(length: 1500) == (300, 75))
    }

    @Test("set thresholds hold for every length, and danger never comes before the warning")
    func setThresholds() {
        #expect(TimerThresholds(warning: 180, danger: 60).of(length: 600) == (180, 60))
        #expect(TimerThresholds(warning: 180).of(length: 3600) == (180, 120))
        // Danger from the length (2:00) above a set warning of 1:00 is held at the warning.
        #expect(TimerThresholds(warning: 60).of(length: 3600) == (60, 60))
        #expect(TimerThresholds(danger: 0).of(length: 600) == (120, 0))
    }

    @Test("a message is one line of at most 140 characters; an empty one clears the line; it moves no time")
    func messages() throws {
        #expect(LiveAction.named("message", text: "Please wrap up") == .success(.message("Please wrap up")))
        #expect(LiveAction.named("message", text: "  two minutes  ") == .success(.message("two minutes")))
        #expect(LiveAction.named("message") == .failure(.missing("message", "text")))
        #expect(LiveAction.named("start", text: "x") == .failure(.unexpected("start", "text")))
        #expect(LiveAction.named("message", text: String(repeating: "a", count: 141)) == .failure(.badMessage(141)))
        #expect(LiveAction.named("message", text: "one\ntwo") == .failure(.badMessage(7)))
        if case .failure(let problem) = LiveAction.named("message", text: String(repeating: "a", count: 141)) {
            #expect(problem.description.contains("at most 140 characters"))
        }

        let timeline = try ConveneTestSupport.timeline(HiddenPeople.purposeMade)
        let initial = try LiveState(timeline: timeline, zones: try zones)
        let start = initial.items[0].plannedStart
        var state = try initial.applying(.message("Welcome"), at: start)
        #expect(state.message == "Welcome")
        state = try state.applying(.start, at: start)
        let before = try state.projection(now: start.adding(minutes: 5))
        state = try state.applying(.message("Please wrap up"), at: start.adding(minutes: 4))
        #expect(state.message == "Please wrap up")
        let after = try state.projection(now: start.adding(minutes: 5))
        #expect(after.items.map(\.start) == before.items.map(\.start) && after.minutesLate == before.minutesLate)
        state = try state.applying(.message(""), at: start.adding(minutes: 6))
        #expect(state.message == nil)
    }
}
