import Convene
import ConveneLive
import ConveneStore
import ConveneTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `start` on a day that is not the agenda's, and the rehearsal that runs the day on today's
/// date instead (docs/live.md, "The wrong day, and rehearsals").
@Suite("LiveServer: the wrong day and rehearsals")
struct LiveWrongDayTests {
    /// 10:00 on 5 December 2026 at the venue: two days before the open panel.
    static let early = LiveServerTests.opening.adding(minutes: -2 * 1440)

    static func date(_ text: String) throws -> LocalDate { try #require(LocalDate(parsing: text)) }

    @Test("start on a date of none of the sessions is refused with 409, naming the session and its date, and the console says so")
    func wrongDayRefusesStart() async throws {
        let live = try LiveServerTests().fixture()
        live.clock.now = Self.early
        let app = live.server.application(host: "127.0.0.1", port: 0)
        let token = live.day.consoleToken
        try await app.test(.router) { client in
            let console = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get, headers: [.authorization: "Bearer \(token)"]).body)
            let wrong = try #require(console["wrongDay"] as? [String: Any])
            #expect(wrong["session"] as? String == "open-panel")
            #expect(wrong["date"] as? String == SheetLanguage.fr.date(try Self.date("2026-12-07")))
            #expect(wrong["today"] as? String == SheetLanguage.fr.date(try Self.date("2026-12-05")))
            // A day past is shown as planned, not "4 320 minutes late".
            live.clock.now = LiveServerTests.opening.adding(minutes: 3 * 1440)
            let past = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get).body)
            #expect(past["asPlanned"] as? Bool == true && past["late"] is NSNull && past["minutesLate"] as? Int == 0)
            let first = try #require((past["items"] as? [[String: Any]])?.first)
            #expect(first["time"] as? String == first["plannedTime"] as? String && first["delayMinutes"] as? Int == 0)
            live.clock.now = Self.early
            let refused = try await LiveServerTests.post(client, #"{"action": "start"}"#, token: token)
            #expect(refused.status == .conflict)
            let message = try #require(try LiveServerTests.object(refused.body)["error"] as? String)
            #expect(message.contains("today (2026-12-05) is not the day of session 'open-panel'") && message.contains("2026-12-07"))
            #expect(message.contains("convene live --rehearsal"))
            // On the day itself start is taken, and the console no longer warns.
            live.clock.now = LiveServerTests.opening
            #expect(try await LiveServerTests.post(client, #"{"action": "start"}"#, token: token).status == .ok)
            let after = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get, headers: [.authorization: "Bearer \(token)"]).body)
            #expect(after["wrongDay"] is NSNull && after["asPlanned"] as? Bool == false)
            #expect(after["minutesLate"] as? Int == 0)
        }
        #expect(try live.day.state().history.map(\.action) == [.start])
    }

    @Test("a rehearsal runs the day at its clock times on today's date, recorded apart: the real day and report --actual never see it")
    func rehearsalIsKeptApart() async throws {
        let live = try LiveServerTests().fixture()
        // 9:00 on 1 December at the venue: the open panel is rehearsed at 10:00 that day.
        let clock = TestClock(LiveServerTests.opening.adding(minutes: -6 * 1440 - 60))
        let store = try EventStore(path: live.store, event: live.timeline.agenda.id)
        let rehearsal = try LiveDay(timeline: live.timeline, zones: try zones, store: store, rehearsal: true, clock: { [clock] in clock.now })
        #expect(try rehearsal.rehearsal == Self.date("2026-12-01"))
        #expect(rehearsal.room == "@rehearsal 2026-12-01")
        #expect(rehearsal.initial.items.first?.plannedStart == clock.now.adding(minutes: 60))
        // The third session, planned a day after the first, is rehearsed a day after too.
        #expect(rehearsal.initial.items.last?.plannedStart == LiveServerTests.opening.adding(minutes: -5 * 1440))
        // The same addresses as the real day's.
        #expect(rehearsal.consoleToken == live.day.consoleToken)
        clock.advance(minutes: 65)
        let app = LiveServer(day: rehearsal).application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let started = try await LiveServerTests.post(client, #"{"action": "start"}"#, token: rehearsal.consoleToken)
            #expect(started.status == .ok)
            let state = try LiveServerTests.object(started.body)
            // Started at 10:05 on the rehearsal's date: 5 minutes after its planned start that day.
            #expect((state["items"] as? [[String: Any]])?.first?["delayMinutes"] as? Int == 5)
            #expect(state["rehearsal"] as? String == SheetLanguage.fr.date(try Self.date("2026-12-01")))
            #expect(state["wrongDay"] is NSNull)
            let board = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get).body)
            #expect(board["rehearsal"] as? String == SheetLanguage.fr.date(try Self.date("2026-12-01")))
        }
        clock.advance(minutes: 30)
        try rehearsal.record(.startTurn("open"))
        #expect(try store.liveEvents(room: "@rehearsal 2026-12-01").count == 2)
        // The real day has recorded nothing, and what report --actual reads is empty.
        #expect(try store.liveEvents(room: "").isEmpty)
        #expect(try live.restarted().day.state().history.isEmpty)
        // A rehearsal run again the same day resumes where it was.
        let again = try LiveDay(timeline: live.timeline, zones: try zones, store: store, rehearsal: true, clock: { [clock] in clock.now })
        #expect(try again.state().history.map(\.action) == [.start, .startTurn("open")])
    }
}
