import Convene
import ConveneLive
import ConveneStore
import ConveneTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The stage timer's message line and thresholds, and the board in a viewer's zone, through
/// the server (docs/live.md, "The views").
@Suite("LiveTimerServer: the message line, the thresholds and the viewer's zone")
struct LiveTimerServerTests {
    let base = LiveServerTests()

    @Test("the console's message reaches the timer and the speaker, survives a restart, and a bad one is 400")
    func messageLine() async throws {
        let live = try base.fixture()
        let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        try await live.server.application(host: "127.0.0.1", port: 0).test(.router) { client in
            let posted = try await LiveServerTests.post(client, #"{"action": "message", "text": "Two minutes, please"}"#, token: live.day.consoleToken)
            #expect(posted.status == .ok)
            let timer = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get).body)
            #expect(timer["message"] as? String == "Two minutes, please")
            let hers = try LiveServerTests.object(try await client.execute(uri: "/api/state?token=\(speaker)", method: .get).body)
            #expect(hers["message"] as? String == "Two minutes, please")
            // Only the console sets it; a message is one line.
            #expect(try await LiveServerTests.post(client, #"{"action": "message", "text": "x"}"#, token: speaker).status == .forbidden)
            let long = try await LiveServerTests.post(client, "{\"action\": \"message\", \"text\": \"\(String(repeating: "a", count: 141))\"}",
                                                      token: live.day.consoleToken)
            #expect(long.status == .badRequest)
            #expect(String(buffer: long.body).contains("at most 140 characters"))
            #expect(try await LiveServerTests.post(client, #"{"action": "message"}"#, token: live.day.consoleToken).status == .badRequest)
        }
        // The store keeps the line: a restart shows it again.
        let again = try live.restarted()
        try await again.server.application(host: "127.0.0.1", port: 0).test(.router) { client in
            let timer = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get).body)
            #expect(timer["message"] as? String == "Two minutes, please")
            #expect(try await LiveServerTests.post(client, #"{"action": "message", "text": ""}"#, token: again.day.consoleToken).status == .ok)
            let cleared = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get).body)
            #expect(cleared["message"] is NSNull)
        }
    }

    @Test("the running clock carries the timer's thresholds: from its length, or as convene live sets them")
    func thresholds() async throws {
        let live = try base.fixture()
        try await live.server.application(host: "127.0.0.1", port: 0).test(.router) { client in
            _ = try await LiveServerTests.post(client, #"{"action": "start"}"#, token: live.day.consoleToken)
            let state = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get).body)
            let current = try #require(state["current"] as? [String: Any])
            let length = try #require(current["length"] as? Int)
            let expected = TimerThresholds().of(length: length)
            #expect(current["warning"] as? Int == expected.warning && current["danger"] as? Int == expected.danger)
        }
        let folder = try temporaryFolder()
        let store = try EventStore(path: folder.appendingPathComponent("set.convene.db").path, event: live.timeline.agenda.id)
        let set = try LiveDay(timeline: live.timeline, zones: try zones, store: store, thresholds: TimerThresholds(warning: 180, danger: 60),
                              clock: { LiveServerTests.opening })
        try await LiveServer(day: set).application(host: "127.0.0.1", port: 0).test(.router) { client in
            _ = try await LiveServerTests.post(client, #"{"action": "start"}"#, token: set.consoleToken)
            let current = try #require(try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get).body)["current"] as? [String: Any])
            #expect(current["warning"] as? Int == 180 && current["danger"] as? Int == 60)
        }
    }

    @Test("?zone= shows the board in the viewer's zone; an unknown zone is 400 with the nearest name")
    func viewersZone() async throws {
        let live = try base.fixture()
        try await live.server.application(host: "127.0.0.1", port: 0).test(.router) { client in
            let venue = try LiveServerTests.object(try await client.execute(uri: "/api/state?lang=en", method: .get).body)
            #expect(venue["timeZone"] as? String == "Africa/Kinshasa" && venue["venueTimeZone"] as? String == "Africa/Kinshasa")
            let kabul = try LiveServerTests.object(try await client.execute(uri: "/api/state?lang=en&zone=Asia/Kabul", method: .get).body)
            #expect(kabul["timeZone"] as? String == "Asia/Kabul" && kabul["venueTimeZone"] as? String == "Africa/Kinshasa")
            let items = try #require(venue["items"] as? [[String: Any]]), kabulItems = try #require(kabul["items"] as? [[String: Any]])
            // 10:00 in Kinshasa (UTC+1) is 13:30 in Kabul (UTC+4:30); the instants are the same.
            #expect((items.first?["time"] as? String)?.hasPrefix("10:00") == true)
            #expect((kabulItems.first?["time"] as? String)?.hasPrefix("13:30") == true)
            #expect(items.first?["start"] as? Int == kabulItems.first?["start"] as? Int)
            // An alias is read as its current name.
            let alias = try LiveServerTests.object(try await client.execute(uri: "/api/state?zone=Asia/Calcutta", method: .get).body)
            #expect(alias["timeZone"] as? String == "Asia/Kolkata")
            let unknown = try await client.execute(uri: "/api/state?zone=Asia/Kabol", method: .get)
            #expect(unknown.status == .badRequest)
            #expect(String(buffer: unknown.body).contains("did you mean 'Asia/Kabul'?"))
            let page = try await client.execute(uri: "/board?zone=Mars/Olympus", method: .get)
            #expect(page.status == .badRequest)
            let board = String(buffer: try await client.execute(uri: "/board?zone=Asia/Kabul", method: .get).body)
            #expect(board.contains("\"timeZone\": \"Asia/Kabul\""))
        }
    }
}
