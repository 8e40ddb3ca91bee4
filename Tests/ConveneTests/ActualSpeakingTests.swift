import Convene
import ConveneTestSupport
import ICal
import Testing

/// `report --actual`: speaking time by gender as the moderator marked the turns, beside the plan.
@Suite("actual speaking time by gender")
struct ActualSpeakingTests {
    static let agenda = header + """
        people:
          - { id: amina, name: Amina Yusuf, gender: woman }
          - { id: olena, name: Olena Koval, gender: woman, visibility: organizers, described_as: a mediator }
          - { id: petro, name: Petro Bondar, gender: man }
          - { id: chair, name: Mona Chair, gender: woman }
        sessions:
          - id: panel
            title: Panel
            date: 2026-12-08
            start: "10:00"
            moderator: chair
            segments:
              - { title: Opening, kind: opening, duration: 10m, speakers: [amina] }
              - { title: Discussion with Olena Koval, kind: panel, duration: 30m, speakers: [amina, olena, petro], speaking: { amina: 10m, olena: 10m, petro: 10m } }
          - id: closed
            title: Closed talks
            date: 2026-12-08
            start: "14:00"
            confidentiality: chatham-house
            moderator: chair
            segments:
              - { title: Talks, kind: panel, duration: 20m, speakers: [petro, amina] }

        """

    func at(_ clock: String) throws -> Instant {
        let parts = clock.split(separator: ":").compactMap { Int($0) }
        return try zones.instant(at: CivilTime(year: 2026, month: 12, day: 8, hour: parts[0], minute: parts[1]), in: "Europe/Kyiv")
    }

    func day() throws -> (LiveState, Timeline) {
        let timeline = try timeline(Self.agenda)
        var state = try LiveState(timeline: timeline, zones: try zones)
        let steps: [(LiveAction, String)] = [
            (.start, "10:00"), (.startTurn("amina"), "10:00"), (.endTurn("amina"), "10:09"),
            (.next, "10:10"), (.startTurn("petro"), "10:10"), (.endTurn("petro"), "10:28"),
            (.startTurn("amina"), "10:28"), (.endTurn("amina"), "10:34"), (.startTurn("olena"), "10:34"), (.endTurn("olena"), "10:40"),
            (.next, "10:40"), (.start, "14:00"), (.startTurn("petro"), "14:00"), (.endTurn("petro"), "14:15"), (.startTurn("amina"), "14:15"),
        ]
        for (action, clock) in steps { state = try state.applying(action, at: try at(clock)) }
        return (state, timeline)
    }

    @Test("minutes planned and spoken by gender, per session and for the event; a turn still open counts to now")
    func figures() throws {
        let (state, timeline) = try day()
        let speaking = ActualSpeaking(state: state, timeline: timeline, audience: .organizers, now: try at("14:18"))
        let panel = try #require(speaking.sessions.first { $0.name == "Session panel" })
        let women = try #require(panel.byGender.first { $0.0 == "woman" }).1
        let men = try #require(panel.byGender.first { $0.0 == "man" }).1
        // Amina 10 + 10 planned, spoke 9 + 6; Olena 10 planned, spoke 6; Petro 10 planned, spoke 18.
        #expect(women == .init(plannedSeconds: 30 * 60, actualSeconds: 21 * 60, speakers: 2))
        #expect(men == .init(plannedSeconds: 10 * 60, actualSeconds: 18 * 60, speakers: 1))
        #expect(panel.segments.map(\.actualSeconds) == [10 * 60, 30 * 60])
        // The event: Amina's open turn runs 14:15 to 14:18.
        let event = try #require(speaking.event.byGender.first { $0.0 == "woman" }).1
        #expect(event.actualSeconds == 24 * 60)
        #expect(try #require(speaking.event.byGender.first { $0.0 == "man" }).1.actualSeconds == 33 * 60)
        #expect(speaking.openTurns == 1)
        let text = speaking.text()
        #expect(text.contains("SESSION PANEL                           PLANNED    ACTUAL     SHARE     SPOKE\n  woman                                   30:00     21:00       54%         2\n  man                                     10:00     18:00       46%         1\n"), "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("for the public: no name, a hidden name in a title withheld, a session under a rule counted in the event only")
    func publicFigures() throws {
        let (state, timeline) = try day()
        let speaking = ActualSpeaking(state: state, timeline: timeline, audience: .public, now: try at("14:18"))
        #expect(speaking.sessions.map(\.name) == ["Session panel"])
        #expect(try #require(speaking.event.byGender.first { $0.0 == "man" }).1.actualSeconds == 33 * 60, "the closed session still counts in the event")
        let text = speaking.text() + speaking.json().serialized()
        for name in ["Amina", "Olena", "Koval", "Petro", "Bondar", "Mona"] { #expect(!text.contains(name), "\(name) in the public figures") }
    }
}
