import ConveneTestSupport
import Convene
import Testing

@Suite("Speaking time and tech checks")
struct SpeakingTimeTests {
    static func agenda(_ segments: String, online: String = "") -> String {
        header + """
            people:
              - { id: a, name: A }
              - { id: b, name: B\(online) }
              - { id: c, name: C }
              - { id: m, name: M }
            sessions:
              - id: s
                title: S
                date: 2026-12-08
                start: "10:00"
                moderator: m
                segments:
            \(segments)
            """
    }

    @Test("a segment's minutes are shared evenly, the odd minutes going to the first speakers")
    func evenShare() throws {
        let timeline = try timeline(Self.agenda("      - { title: Panel, kind: panel, duration: 55m, speakers: [a, b, c] }"))
        let minutes = try #require(timeline.sessions.first?.roles.segments.first).minutes
        #expect(minutes.map(\.person) == ["a", "b", "c"])
        #expect(minutes.map(\.minutes) == [19, 18, 18])
    }

    @Test("given speaking times are kept and the others share the rest")
    func givenTimes() throws {
        let timeline = try timeline(Self.agenda("      - { title: Panel, kind: panel, duration: 60m, speakers: [a, b, c], speaking: { b: 20m } }"))
        #expect(try #require(timeline.sessions.first?.roles.segments.first).minutes.map(\.minutes) == [20, 20, 20])
    }

    @Test("speaking times that name a non-speaker, run over, or leave a speaker nothing are errors at their line")
    func errors() throws {
        #expect(try rendered(Self.agenda("      - { title: Panel, kind: panel, duration: 30m, speakers: [a, b], speaking: { c: 5m } }")) == [
            "a.yaml:17:83: error: 'c' has speaking time in 'Panel' but is not one of its speakers or facilitators — add them to speakers:, or remove the entry",
        ])
        #expect(try rendered(Self.agenda("      - { title: Panel, kind: panel, duration: 30m, speakers: [a, b], speaking: { a: 20m, b: 15m } }")) == [
            "a.yaml:17:81: error: the speaking times in 'Panel' add up to 35m, more than its 30m — shorten them by 5m or lengthen the segment",
        ])
        #expect(try rendered(Self.agenda("      - { title: Panel, kind: panel, duration: 30m, speakers: [a, b], speaking: { a: 30m } }")) == [
            "a.yaml:17:81: error: the speaking times in 'Panel' fill all its 30m, leaving none for b — give them a time too, or shorten the others",
        ])
        #expect(try rendered(Self.agenda("      - { title: Panel, kind: panel, duration: 30m, speakers: [a], speaking: { a: 5 } }")) == [
            "a.yaml:17:83: error: '5' is not a duration — give the unit: 5m",
        ])
    }

    @Test("an online speaker is checked 15 minutes before their first turn, and again after an hour away")
    func techChecks() throws {
        let timeline = try timeline(Self.agenda("""
                  - { title: One, duration: 30m, speakers: [b] }
                  - { title: Two, duration: 30m, speakers: [b] }
                  - { title: Break, kind: break, duration: 60m }
                  - { title: Three, duration: 30m, speakers: [b] }
            """, online: ", attendance: online, timezone: Asia/Kabul"))
        let session = try #require(timeline.sessions.first)
        let checks = session.roles.techChecks
        #expect(checks.map(\.segment) == [0, 3])
        #expect(checks.map { session.start.minutes(until: $0.at) } == [-15, 105])
    }
}
