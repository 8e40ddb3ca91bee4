import Convene
import ConveneLive
import ConveneStore
import ConveneTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Testing

/// The clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant
    init(_ start: Instant) { current = start }
    var now: Instant {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }
    func advance(minutes: Int) { now = now.adding(minutes: minutes) }
}

/// `convene live`'s server, driven through its router (HummingbirdTesting) and, for the
/// WebSocket, on loopback (docs/live.md, "Running the day: convene live").
@Suite("LiveServer: the live day's API, views and pushes")
struct LiveServerTests {
    /// 10:00 on 7 December 2026 at the venue (Kinshasa, UTC+1): when the open panel starts.
    static let opening = Instant(seconds: 1_796_634_000)

    struct Fixture {
        let folder: URL
        let store: String
        let timeline: Timeline
        let clock: TestClock
        let day: LiveDay
        let server: LiveServer

        /// The same event store opened afresh, as after a restart.
        func restarted() throws -> Fixture {
            let store = try EventStore(path: self.store, event: timeline.agenda.id)
            let day = try LiveDay(timeline: timeline, zones: try zones, store: store, clock: { [clock] in clock.now })
            return Fixture(folder: folder, store: self.store, timeline: timeline, clock: clock, day: day, server: LiveServer(day: day))
        }
    }

    func fixture(_ text: String = HiddenPeople.purposeMade) throws -> Fixture {
        let folder = try temporaryFolder()
        let timeline = try ConveneTestSupport.timeline(text)
        let path = folder.appendingPathComponent("live.convene.db").path
        let store = try EventStore(path: path, event: timeline.agenda.id)
        let clock = TestClock(Self.opening)
        let day = try LiveDay(timeline: timeline, zones: try zones, store: store, clock: { [clock] in clock.now })
        return Fixture(folder: folder, store: path, timeline: timeline, clock: clock, day: day, server: LiveServer(day: day))
    }

    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any])
    }

    static func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }

    static func post(_ client: some TestClientProtocol, _ body: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: "/api/actions", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    // MARK: The API

    @Test("an action from the console changes the state every view reads")
    func actionChangesTheState() async throws {
        let live = try fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let before = try Self.object(try await client.execute(uri: "/api/state", method: .get).body)
            #expect(before["status"] as? String == "not-started")
            #expect(before["view"] as? String == "board")
            let started = try await Self.post(client, #"{"action": "start"}"#, token: live.day.consoleToken)
            #expect(started.status == .ok)
            let state = try Self.object(started.body)
            #expect(state["status"] as? String == "running")
            #expect((state["current"] as? [String: Any])?["title"] as? String == "Panel")
            live.clock.advance(minutes: 3)
            let added = try await Self.post(client, #"{"action": "addMinutes", "minutes": 5}"#, token: live.day.consoleToken)
            #expect(added.status == .ok)
            let board = try Self.object(try await client.execute(uri: "/api/state", method: .get).body)
            let current = try #require(board["current"] as? [String: Any])
            #expect(current["length"] as? Int == 65 * 60)
            #expect(current["elapsed"] as? Int == 3 * 60)
            // The console reads the state with its token, and sees more than the public.
            let console = try Self.object(try await client.execute(uri: "/api/state", method: .get,
                                                                   headers: [.authorization: "Bearer \(live.day.consoleToken)"]).body)
            #expect(console["view"] as? String == "console")
            #expect(console["actions"] as? Int == 2)
            #expect(board["actions"] == nil && board["brokenCommitments"] == nil)
        }
    }

    @Test("no action without the console's token: none, a wrong one or a speaker's is refused with 403, and nothing is recorded")
    func actionsNeedTheConsoleToken() async throws {
        let live = try fixture()
        let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            for token in [nil, "not-a-token", speaker, String(live.day.consoleToken.dropLast())] {
                let response = try await Self.post(client, #"{"action": "start"}"#, token: token)
                #expect(response.status == .forbidden)
            }
            #expect(try await client.execute(uri: "/console/\(speaker)", method: .get).status == .forbidden)
            #expect(try await client.execute(uri: "/speaker/\(live.day.consoleToken)", method: .get).status == .forbidden)
            #expect(try await client.execute(uri: "/api/state?token=wrong", method: .get).status == .forbidden)
            #expect(try await client.execute(uri: "/console/\(live.day.consoleToken)", method: .get).status == .ok)
        }
        #expect(try live.day.state().history.isEmpty)
    }

    @Test("an action the engine refuses is 409 with its reason; a body that is not an action is 400")
    func refusedAndMalformedActions() async throws {
        let live = try fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let refused = try await Self.post(client, #"{"action": "next"}"#, token: live.day.consoleToken)
            #expect(refused.status == .conflict)
            #expect(try Self.object(refused.body)["error"] as? String == LiveError.nothingRunning(next: "Panel").description)
            for body in ["{\"action\": ", "[1, 2]", #"{"minutes": 5}"#, #"{"action": "rewind"}"#, #"{"action": "addMinutes"}"#,
                         #"{"action": "next", "minutes": 5}"#, #"{"action": "addMinutes", "minutes": "five"}"#,
                         #"{"action": "addMinutes", "minutes": 1441}"#, #"{"action": "addMinutes", "minutes": 9223372036854775807}"#,
                         #"{"action": "addMinutes", "minutes": 1e30}"#, #"{"action": "removeMinutes", "minutes": 5, "person": "open"}"#] {
                let response = try await Self.post(client, body, token: live.day.consoleToken)
                #expect(response.status == .badRequest, "\(body)")
                #expect(try Self.object(response.body)["error"] is String)
            }
            let none = try await Self.post(client, #"{"action": "addMinutes", "minutes": 0}"#, token: live.day.consoleToken)
            #expect(none.status == .conflict)
            let nobody = try await Self.post(client, #"{"action": "start"}"#, token: live.day.consoleToken)
            #expect(nobody.status == .ok)
            let stranger = try await Self.post(client, #"{"action": "startTurn", "person": "nobody"}"#, token: live.day.consoleToken)
            #expect(stranger.status == .conflict)
            #expect(try Self.object(stranger.body)["error"] as? String == "the agenda lists no person 'nobody'")
            let plain = try await client.execute(uri: "/ws", method: .get)
            #expect(plain.status == .upgradeRequired)
            let tooBig = try await Self.post(client, "{\"action\": \"" + String(repeating: "x", count: 40_000) + "\"}", token: live.day.consoleToken)
            #expect(tooBig.status == .contentTooLarge)
        }
        #expect(try live.day.state().history.map(\.action) == [.start])
    }

    @Test("moveSession from the console moves the sessions, records their updates for convene send, and survives a restart; only the console may move")
    func moveSessions() async throws {
        let live = try fixture()
        // What was sent before the day: every invitation at the planned times.
        let store = try EventStore(path: live.store, event: live.timeline.agenda.id)
        _ = try store.record(try CalendarOutputs.draft(timeline: live.timeline, zones: try zones, stamp: 1_796_600_000).entries, at: 1_796_600_000)
        _ = try store.markSent(EventStore.Selection(), at: 1_796_600_100)
        let planned = Dictionary(uniqueKeysWithValues: live.timeline.sessions.map { ($0.id, $0.start.seconds) })
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let move = #"{"action": "moveSession", "session": "closed-talks", "minutes": 30, "later": true}"#
            for token in [nil, live.day.speakerTokens.values.first] {
                #expect(try await Self.post(client, move, token: token).status == .forbidden)
            }
            #expect(try await Self.post(client, #"{"action": "start"}"#, token: live.day.consoleToken).status == .ok)
            let started = try await Self.post(client, #"{"action": "moveSession", "session": "open-panel", "minutes": 10}"#, token: live.day.consoleToken)
            #expect(started.status == .conflict)
            #expect(try Self.object(started.body)["error"] as? String == LiveError.sessionStarted("open-panel").description)
            #expect(try await Self.post(client, #"{"action": "next", "later": true}"#, token: live.day.consoleToken).status == .badRequest)
            #expect(try await Self.post(client, #"{"action": "moveSession", "minutes": 10}"#, token: live.day.consoleToken).status == .badRequest)
            #expect(try await Self.post(client, #"{"action": "carryDelay", "minutes": 10}"#, token: live.day.consoleToken).status == .badRequest)
            let nothing = try await Self.post(client, #"{"action": "carryDelay"}"#, token: live.day.consoleToken)
            #expect(nothing.status == .conflict)
            #expect(try Self.object(nothing.body)["error"] as? String == LiveError.nothingToCarry.description)
            let moved = try await Self.post(client, move, token: live.day.consoleToken)
            #expect(moved.status == .ok)
            let items = try #require(try Self.object(moved.body)["items"] as? [[String: Any]])
            let shut = try #require(items.first { $0["sessionId"] as? String == "shut" })
            #expect(shut["plannedStart"] as? Int == Int(try #require(planned["shut"])) + 1800)
            // The public board learns the new time and no more.
            let board = Self.text(try await client.execute(uri: "/api/state", method: .get).body)
            #expect(!board.contains("Amani Okello"))
        }
        // The moves wait as updates, SEQUENCE 1, for everyone invited to the two sessions.
        let pending = try store.history().latest.values.filter { $0.isPending && $0.entry.owner != .programme }
        #expect(!pending.isEmpty)
        #expect(Set(pending.map(\.entry.session)) == ["closed-talks", "shut"])
        #expect(pending.allSatisfy { $0.kind == .update && $0.sequence == 1 && $0.changed.contains("time") })
        #expect(pending.allSatisfy { $0.entry.meaning.start == (planned[$0.entry.session] ?? 0) + 1800 })
        let again = try live.restarted()
        let state = try again.day.state()
        #expect(state.history.map(\.action) == [.start, .moveSession("closed-talks", minutes: 30), .moveSession("shut", minutes: 30)])
        #expect(again.day.timeline.movedSessions.map(\.id) == ["closed-talks", "shut"])
    }

    @Test("a restart replays the event store: the same state, the same addresses; two servers on one store agree")
    func replayAfterRestart() async throws {
        let live = try fixture()
        try live.day.record(.start)
        live.clock.advance(minutes: 2)
        try live.day.record(.startTurn("open"))
        live.clock.advance(minutes: 4)
        try live.day.record(.pause)
        live.clock.advance(minutes: 1)
        try live.day.record(.resume)
        try live.day.record(.addMinutes(5))
        let again = try live.restarted()
        #expect(again.day.consoleToken == live.day.consoleToken)
        #expect(again.day.speakerTokens == live.day.speakerTokens)
        #expect(try again.day.state().history == live.day.state().history)
        let read = { (fixture: Fixture) async throws -> String in
            try await fixture.server.application(host: "127.0.0.1", port: 0).test(.router) { client in
                Self.text(try await client.execute(uri: "/api/state", method: .get,
                                                   headers: [.authorization: "Bearer \(live.day.consoleToken)"]).body)
            }
        }
        #expect(try await read(live) == read(again))
        // The second server records the next action; the first reads it from the store.
        live.clock.advance(minutes: 1)
        try again.day.record(.next)
        #expect(try live.day.state().history.count == 6)
        #expect(try await read(live) == read(again))
        // An action that no longer applies on the store's state is refused by the first too.
        #expect(throws: LiveError.self) { try live.day.record(.endTurn("open")) }
    }

    // MARK: What the public sees

    /// Every word that would name someone the public agenda withholds: the names, surnames,
    /// e-mail addresses and organisations of people with `visibility: organizers` or
    /// `participants`, and of people who take part only in confidential sessions.
    static let withheld = ["Amani", "Okello", "Kivu", "Zarina", "Qasemi", "Shura", "Pavlo", "Marchenko", "Kharkiv", "zq@", "@example.org"]

    @Test("the board, the timer and the public state never name anyone the public agenda withholds, whoever has the floor")
    func boardIsRedacted() async throws {
        let live = try fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        // The whole day: every session runs, and everyone hidden takes the floor.
        let steps: [LiveAction] = [.start, .startTurn("kivu"), .endTurn("kivu"), .startTurn("shura"), .endTurn("shura"), .next,
                                   .next, .start, .startTurn("pavlo"), .endTurn("pavlo"), .startTurn("kivu"), .next, .start,
                                   .startTurn("pavlo"), .next]
        try await app.test(.router) { client in
            var seen: [String] = []
            for step in steps {
                let response = try await Self.post(client, "{\"action\": \"\(step.name)\"\(step.person.map { ", \"person\": \"\($0)\"" } ?? "")}",
                                                   token: live.day.consoleToken)
                #expect(response.status == .ok, "\(step)")
                live.clock.advance(minutes: 7)
                for uri in ["/api/state", "/board", "/timer", "/board?lang=fr", "/api/state?lang=fr"] {
                    seen.append(Self.text(try await client.execute(uri: uri, method: .get).body))
                }
            }
            for page in seen {
                for word in Self.withheld {
                    #expect(!page.localizedCaseInsensitiveContains(word), "\(word)")
                }
            }
            // The described speaker appears by her description; a withheld one as "a speaker".
            #expect(seen.contains { $0.contains("a women's rights defender from Herat") })
            #expect(seen.contains { $0.contains("Amina Lusamba") })
            // The console, for the organisers, names them.
            let console = Self.text(try await client.execute(uri: "/console/\(live.day.consoleToken)", method: .get).body)
            #expect(console.contains("Amani Okello") && console.contains("Pavlo Marchenko"))
        }
    }

    @Test("a speaker's page shows her own day in her zone and language, and her token opens nothing else")
    func speakerView() async throws {
        let live = try fixture()
        let token = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        #expect(live.day.speakerTokens.count == 1)
        #expect(token.count == 32 && token != live.day.consoleToken)
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let state = try Self.object(try await client.execute(uri: "/api/state", method: .get, headers: [.authorization: "Bearer \(token)"]).body)
            #expect(state["view"] as? String == "speaker")
            #expect(state["timeZone"] as? String == "Asia/Kabul")
            let you = try #require(state["you"] as? [String: Any])
            #expect(you["name"] as? String == "Zarina Qasemi")
            let next = try #require(you["nextTurn"] as? [String: Any])
            // 10:00 in Kinshasa is 13:30 in Kabul; she reads the agenda's French, as her briefing
            // does, and her check is 15 minutes before.
            #expect((next["time"] as? String)?.hasPrefix("13\u{00A0}h\u{00A0}30") == true)
            let checks = try #require(you["techChecks"] as? [[String: Any]])
            #expect(checks.first?["time"] as? String == "13\u{00A0}h\u{00A0}15")
            // Participants do not see the organisers-only speaker.
            let page = Self.text(try await client.execute(uri: "/speaker/\(token)", method: .get).body)
            #expect(page.contains("<html lang=\"fr\" dir=\"ltr\">"))
            #expect(!page.contains("Okello"))
            #expect(try await Self.post(client, #"{"action": "start"}"#, token: token).status == .forbidden)
        }
    }

    @Test("views in Arabic, Dari and Pashto run right to left")
    func rightToLeft() async throws {
        let live = try fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            for (code, direction) in [("ar", "rtl"), ("fa-AF", "rtl"), ("ps", "rtl"), ("uk", "ltr")] {
                let page = Self.text(try await client.execute(uri: "/board?lang=\(code)", method: .get).body)
                #expect(page.contains("<html lang=\"\(code)\" dir=\"\(direction)\">"))
            }
        }
    }

    @Test("a view's page links to nothing: its icon is inline, so a browser asks for no /favicon.ico")
    func pagesLinkNothing() async throws {
        let live = try fixture()
        let speaker = try #require(live.day.speakerTokens.values.first)
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            for uri in ["/console/\(live.day.consoleToken)", "/timer", "/board", "/speaker/\(speaker)"] {
                let page = Self.text(try await client.execute(uri: uri, method: .get).body)
                let head = String(page[..<(page.range(of: "</head>")?.lowerBound ?? page.endIndex)])
                #expect(head.contains(#"<link rel="icon" href="data:,">"#), "\(uri)")
                // The only addresses in the HTML: the inline icon's (the join link is drawn by the script).
                let linked = page.components(separatedBy: #"href=""#).dropFirst().map { rest in String(rest.prefix { $0 != "\"" }) }
                #expect(linked == ["data:,"], "\(uri): \(linked)")
                #expect(!page.contains(#"src=""#), "\(uri)")
            }
        }
    }

    // MARK: The WebSocket

    @Test("the WebSocket sends the view's state on connect and again after every action", .timeLimit(.minutes(1)))
    func webSocketPushes() async throws {
        let live = try fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        let token = live.day.consoleToken
        try await app.test(.live) { client in
            let received = Received()
            try await client.ws("/ws") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                if case .text(let first) = try await messages.next() { await received.add(first) }
                _ = try await Self.post(client, #"{"action": "start"}"#, token: token)
                if case .text(let second) = try await messages.next() { await received.add(second) }
            }
            let texts = await received.texts
            #expect(texts.count == 2)
            #expect(texts.first?.contains("\"status\": \"not-started\"") == true)
            #expect(texts.last?.contains("\"status\": \"running\"") == true)
            #expect(texts.allSatisfy { $0.contains("\"view\": \"board\"") && !$0.contains("Okello") })
        }
    }

    @Test("the WebSocket refuses a token that opens no view, and gives a speaker her own view", .timeLimit(.minutes(1)))
    func webSocketTokens() async throws {
        let live = try fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        try await app.test(.live) { client in
            await #expect(throws: (any Error).self) {
                try await client.ws("/ws?token=wrong") { _, _, _ in }
            }
            let received = Received()
            try await client.ws("/ws?token=\(speaker)") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                if case .text(let first) = try await messages.next() { await received.add(first) }
            }
            let texts = await received.texts
            #expect(texts.count == 1)
            #expect(texts.first?.contains("\"view\": \"speaker\"") == true && texts.first?.contains("Zarina Qasemi") == true)
            #expect(texts.first?.contains("Okello") == false)
        }
    }

    actor Received {
        var texts: [String] = []
        func add(_ text: String) { texts.append(text) }
    }
}
