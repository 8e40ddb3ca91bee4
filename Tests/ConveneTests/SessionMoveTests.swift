import Convene
import ConveneStore
import ConveneTestSupport
import Foundation
import Testing

/// Sessions moved during the live day (docs/live.md, "Moving later sessions"): the moderator's
/// `moveSession`, what it refuses, and the timeline every command reads after it. Every case
/// is worked by hand; the times are the venue's clock unless a zone is named.
@Suite("SessionMove: later sessions moved during the live day")
struct SessionMoveTests {
    static let kyiv = "Europe/Kyiv"

    /// Two days in Kyiv; an online speaker in Kabul on the second.
    static let twoDays = """
        people:
          - { id: m, name: Moderator }
          - { id: sarabi, name: Habiba Sarabi, attendance: online, timezone: Asia/Kabul }
        sessions:
          - id: morning
            title: Morning
            date: 2026-12-08
            start: "10:00"
            moderator: m
            segments:
              - { title: Opening, duration: 30m }
              - { title: Panel, duration: 60m }
          - id: afternoon
            title: Afternoon
            date: 2026-12-08
            start: "14:00"
            duration: 1h
          - id: day2
            title: Day two
            date: 2026-12-09
            start: "10:00"
            moderator: m
            segments:
              - { title: Day two opening, duration: 15m }
              - { title: Day two panel, duration: 45m, speakers: [sarabi] }
        """

    func valid(_ body: String, venue: String = kyiv) throws -> ValidAgenda {
        let text = header.replacingOccurrences(of: "timezone: \(Self.kyiv)", with: "timezone: \(venue)") + body
        let check = AgendaCheck(text: text, zones: try zones)
        return try #require(check.valid, "\(check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") })")
    }

    /// The instant `zone`'s clock shows `wall`, written `2026-12-08 10:20`.
    func at(_ wall: String, in zone: String = kyiv) throws -> Instant {
        try LiveScheduleTests().at(wall, in: zone)
    }

    /// `YYYY-MM-DD HH:MM` on `zone`'s clock.
    func wall(_ instant: Instant, in zone: String = kyiv) throws -> String {
        let zoned = try zones.zonedTime(instant, in: zone)
        return "\(zoned.date) \(zoned.clock)"
    }

    func session(_ timeline: Timeline, _ id: SessionID) throws -> TimedSession {
        try #require(timeline.sessions.first { $0.id == id })
    }

    @Test("moving tomorrow's session 30 minutes later moves its start, end, segments and the online speaker's tech check, and nothing else")
    func moveOneSession() throws {
        let planned = try valid(Self.twoDays).timeline
        let state = try LiveState(timeline: planned, zones: try zones)
        let moves = try state.moves(of: "day2", minutes: 30, later: false, at: try at("2026-12-08 11:20"))
        #expect(moves == [.moveSession("day2", minutes: 30)])
        let moved = planned.moving([SessionMove(session: "day2", minutes: 30, at: try at("2026-12-08 11:20"))])
        let day2 = try session(moved, "day2")
        #expect(try wall(day2.start) == "2026-12-09 10:30")
        #expect(try wall(day2.end) == "2026-12-09 11:30")
        #expect(try day2.segments.map { "\(try wall($0.start))–\(try zones.zonedTime($0.end, in: Self.kyiv).clock)" }
                == ["2026-12-09 10:30–10:45", "2026-12-09 10:45–11:30"])
        #expect(day2.moved == 30)
        // Her check is 15 minutes before her turn: 10:30 in Kyiv, 13:00 in Kabul.
        let check = try #require(day2.roles.techChecks.first)
        #expect(try wall(check.at) == "2026-12-09 10:30")
        #expect(try wall(check.at, in: "Asia/Kabul") == "2026-12-09 13:00")
        #expect(try session(moved, "morning").start == (try session(planned, "morning")).start)
        #expect(moved.movedSessions.map(\.id) == ["day2"])
        // The agenda still says the planned time.
        #expect(moved.agenda.sessions[2].start?.description == "10:00")
        // The live state made from it plans day two at the moved time.
        let live = try LiveState(timeline: moved, zones: try zones)
        #expect(try live.items.filter { $0.session == "day2" }.map { try wall($0.plannedStart) } == ["2026-12-09 10:30", "2026-12-09 10:45"])
    }

    @Test("later moves every session after the one named by the same minutes; a move by the opposite minutes undoes it")
    func laterAndUndo() throws {
        let planned = try valid(Self.twoDays).timeline
        let state = try LiveState(timeline: planned, zones: try zones)
        let now = try at("2026-12-08 11:40")
        let moves = try state.moves(of: "afternoon", minutes: 45, later: true, at: now)
        #expect(moves == [.moveSession("afternoon", minutes: 45), .moveSession("day2", minutes: 45)])
        let recorded = moves.compactMap { action -> SessionMove? in
            guard case .moveSession(let id, let minutes) = action else { return nil }
            return SessionMove(session: id, minutes: minutes, at: now)
        }
        let moved = planned.moving(recorded)
        #expect(try wall(try session(moved, "afternoon").start) == "2026-12-08 14:45")
        #expect(try wall(try session(moved, "day2").start) == "2026-12-09 10:45")
        // Undone: back where the agenda has them, and no longer counted as moved.
        let undone = planned.moving(recorded + [SessionMove(session: "afternoon", minutes: -45, at: now), SessionMove(session: "day2", minutes: -45, at: now)])
        #expect(undone.movedSessions.isEmpty)
        #expect(try session(undone, "afternoon").start == (try session(planned, "afternoon")).start)
    }

    @Test("a move is refused when the session has started, would start before now, would run into its neighbour, or is not of the day")
    func refusals() throws {
        let planned = try valid(Self.twoDays).timeline
        var state = try LiveState(timeline: planned, zones: try zones)
        state = try state.applying(.start, at: try at("2026-12-08 10:00"))
        let now = try at("2026-12-08 10:05")
        #expect(throws: LiveError.sessionStarted("morning")) { try state.moves(of: "morning", minutes: 10, later: false, at: now) }
        #expect(throws: LiveError.zeroMove) { try state.moves(of: "afternoon", minutes: 0, later: false, at: now) }
        #expect(throws: LiveError.notFollowed("lunch")) { try state.moves(of: "lunch", minutes: 10, later: false, at: now) }
        // 14:00 less 240 minutes is 10:00, before 10:05; and the morning runs until 11:30 anyway.
        #expect(throws: LiveError.moveIntoPast("afternoon", minutes: -240)) { try state.moves(of: "afternoon", minutes: -240, later: false, at: now) }
        #expect(throws: LiveError.moveOverlaps("afternoon", other: "morning", before: true)) { try state.moves(of: "afternoon", minutes: -160, later: false, at: now) }
        // 14:00–15:00 moved by 20 hours would pass day two's 10:00: only with it.
        #expect(throws: LiveError.moveOverlaps("afternoon", other: "day2", before: false)) { try state.moves(of: "afternoon", minutes: 1200, later: false, at: now) }
        #expect(try state.moves(of: "afternoon", minutes: 1200, later: true, at: now).count == 2)
        // Refused moves leave the state as it was; an accepted one is kept in its history.
        let after = try state.applying(.moveSession("afternoon", minutes: 15), at: now)
        #expect(after.history.last == LiveEvent(action: .moveSession("afternoon", minutes: 15), at: now))
        #expect(after.records == state.records)
        #expect(LiveAction.named("moveSession", minutes: 30) == .failure(.missing("moveSession", "session")))
        #expect(LiveAction.named("moveSession", minutes: -1441, session: "day2") == .failure(.tooManyMinutes("moveSession", -1441)))
        #expect(LiveAction.named("addMinutes", minutes: 5, session: "day2") == .failure(.unexpected("addMinutes", "session")))
        #expect(LiveAction.named("moveSession", minutes: -30, session: "day2") == .success(.moveSession("day2", minutes: -30)))
    }

    @Test("a late-evening session moved past midnight belongs to the next day, and every command is warned that it starts on another day")
    func acrossMidnight() throws {
        let agenda = try valid("""
            people:
              - { id: m, name: Moderator }
            sessions:
              - id: dinner
                title: Dinner talk
                date: 2026-12-08
                start: "21:00"
                duration: 1h
              - id: late
                title: Late reading
                date: 2026-12-08
                start: "23:00"
                segments:
                  - { title: Reading, duration: 45m }
              - id: breakfast
                title: Breakfast talk
                date: 2026-12-09
                start: "08:00"
                duration: 1h
            """)
        let now = try at("2026-12-08 22:10")
        let (moved, warnings) = agenda.moving([SessionMove(session: "late", minutes: 90, at: now)], zones: try zones)
        let late = try session(moved.timeline, "late")
        #expect(try wall(late.start) == "2026-12-09 00:30")
        #expect(try wall(late.end) == "2026-12-09 01:15")
        #expect(warnings.map(\.message) == ["session 'late', moved 90 minutes later during the live day, now starts on 2026-12-09 (2026-12-09 00:30–01:15), not on 2026-12-08 as planned"])
        #expect(warnings.first?.location.line == 16)
        // In the live day it is now the next day's: the day it starts on.
        let live = try LiveState(timeline: moved.timeline, zones: try zones)
        #expect(live.items.first { $0.session == "late" }?.day.description == "2026-12-09")
        // Moved 30 minutes instead, it starts on its day and runs past midnight.
        let (_, overnight) = agenda.moving([SessionMove(session: "late", minutes: 30, at: now)], zones: try zones)
        #expect(overnight.map(\.message) == ["session 'late', moved 30 minutes later during the live day, now runs past the end of its day (2026-12-08 23:30–00:15 on the venue's clock)"])
    }

    @Test("a move across the spring-forward change in Amsterdam is 60 real minutes: 01:30 CET becomes 03:30 CEST on the clock")
    func acrossClockChange() throws {
        // 28 March 2027: at 02:00 CET the clocks jump to 03:00 CEST.
        let amsterdam = "Europe/Amsterdam"
        let agenda = try valid("""
            sessions:
              - id: vigil
                title: Vigil
                date: 2027-03-28
                start: "01:30"
                duration: 20m
            """, venue: amsterdam)
        let moved = agenda.timeline.moving([SessionMove(session: "vigil", minutes: 60, at: try at("2027-03-28 00:00", in: amsterdam))])
        let vigil = try session(moved, "vigil")
        #expect(vigil.start.description == "2027-03-28T01:30:00Z")
        #expect(try wall(vigil.start, in: amsterdam) == "2027-03-28 03:30")
        #expect(try wall(vigil.end, in: amsterdam) == "2027-03-28 03:50")
        #expect(vigil.start.minutes(until: vigil.end) == 20)
    }

    @Test("a move that puts a speaker in two sessions at once is a warning, placed where check places the overlap")
    func overlapWarnings() throws {
        let agenda = try valid("""
            people:
              - { id: ana, name: Ana Example }
            sessions:
              - id: plenary
                title: Plenary
                date: 2026-12-08
                start: "10:00"
                duration: 1h
                room: Hall A
                segments:
                  - { title: Keynote, duration: 60m, speakers: [ana] }
              - id: workshop
                title: Workshop
                date: 2026-12-08
                start: "11:00"
                duration: 1h
                room: Hall B
                segments:
                  - { title: Practice, duration: 60m, speakers: [ana] }
            """)
        #expect(agenda.moving([], zones: try zones).warnings.isEmpty)
        let (_, warnings) = agenda.moving([SessionMove(session: "plenary", minutes: 30, at: try at("2026-12-08 09:00"))], zones: try zones)
        #expect(warnings.map(\.message) == ["after the live day's moves, Ana Example speaks or moderates in both 'plenary' (2026-12-08 10:30–11:30) and 'workshop' (2026-12-08 11:00–12:00), which overlap"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.first?.location.line == 16, "at the later session, where check places it")
    }

    @Test("carryDelay moves the day's sessions still to start by how late they are projected to start, and those they would run into; never another day's")
    func carryDelay() throws {
        let planned = try valid("""
            sessions:
              - id: morning
                title: Morning
                date: 2026-12-08
                start: "10:00"
                segments:
                  - { title: Opening, duration: 30m }
                  - { title: Panel, duration: 60m }
              - { id: midday, title: Midday, date: 2026-12-08, start: "11:45", duration: 1h }
              - { id: afternoon, title: Afternoon, date: 2026-12-08, start: "13:00", duration: 1h }
              - { id: day2, title: Day two, date: 2026-12-09, start: "10:00", duration: 1h }
            """).timeline
        var state = try LiveState(timeline: planned, zones: try zones)
        state = try state.applying(.start, at: try at("2026-12-08 10:00"))
        #expect(throws: LiveError.nothingToCarry) { try state.carriedMoves(at: try at("2026-12-08 10:05")) }
        state = try state.applying(.next, at: try at("2026-12-08 10:30"))
        // The panel, planned to end at 11:30, still runs at 11:50: midday starts 5 minutes
        // late; the 15 minutes before the afternoon absorb the rest.
        #expect(try state.carriedMoves(at: try at("2026-12-08 11:50")) == [.moveSession("midday", minutes: 5)])
        // At 12:20 midday starts 35 minutes late and ends at 13:20: the afternoon 20 minutes late.
        #expect(try state.carriedMoves(at: try at("2026-12-08 12:20")) == [.moveSession("midday", minutes: 35), .moveSession("afternoon", minutes: 20)])
    }

    @Test("moves are kept in the event store with their session and minutes, earlier ones too, and every room's are read back")
    func storeRoundTrip() throws {
        let path = try temporaryFolder().appendingPathComponent("e.convene.db").path
        let store = try EventStore(path: path, event: "test-event")
        let now = Instant(seconds: 1_796_720_000)
        let moves = [LiveEvent(action: .moveSession("afternoon", minutes: 45), at: now), LiveEvent(action: .moveSession("day2", minutes: -30), at: now)]
        try store.recordLive(room: "afternoon day2", at: now.seconds) { events in
            #expect(events.isEmpty)
            return (moves, ())
        }
        try store.recordLive(room: "", at: now.seconds) { _ in ([LiveEvent(action: .addMinutes(5), at: now)], ()) }
        let reopened = try EventStore(path: path, event: "test-event")
        #expect(try reopened.liveEvents(room: "afternoon day2") == moves)
        #expect(try reopened.liveEvents(room: "") == [LiveEvent(action: .addMinutes(5), at: now)])
        #expect(try reopened.sessionMoves() == [SessionMove(session: "afternoon", minutes: 45, at: now), SessionMove(session: "day2", minutes: -30, at: now)])
    }
}
