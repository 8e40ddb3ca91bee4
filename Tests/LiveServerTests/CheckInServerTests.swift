import Convene
import ConveneLive
import ConveneStore
import ConveneTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Testing

/// Check-in at the door through the live server: the door's page and token, `POST /api/checkin`
/// and its answers, the push to other doors and consoles, and that nothing of it reaches the
/// public views (docs/live.md, "Check-in at the door").
@Suite("LiveServer: check-in at the door")
struct CheckInServerTests {
    static func post(_ client: some TestClientProtocol, _ body: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: "/api/checkin", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func session(_ document: [String: Any], _ id: String) throws -> [String: Any] {
        let sessions = try #require(document["sessions"] as? [[String: Any]])
        return try #require(sessions.first { $0["id"] as? String == id })
    }

    static func present(_ session: [String: Any]) -> [String] {
        ((session["people"] as? [[String: Any]]) ?? []).filter { $0["present"] as? Bool == true }.compactMap { $0["id"] as? String }
    }

    @Test("the door marks a person present and not, the console sees it, a tap sent twice is recorded once, and a restart keeps it")
    func marks() async throws {
        let live = try LiveServerTests().fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let marked = try await Self.post(client, #"{"session": "open-panel", "person": "kivu", "present": true}"#, token: live.day.doorToken)
            #expect(marked.status == .ok)
            let panel = try Self.session(try LiveServerTests.object(marked.body), "open-panel")
            #expect(Self.present(panel) == ["kivu"])
            // The session's list: its moderator and its three speakers, the hidden one too.
            #expect(panel["expected"] as? Int == 4 && panel["present"] as? Int == 1)
            let before = try live.day.store.lastCheckIn()
            #expect(try await Self.post(client, #"{"session": "open-panel", "person": "kivu", "present": true}"#, token: live.day.doorToken).status == .ok)
            #expect(try live.day.store.lastCheckIn() == before, "the same mark again writes nothing")
            _ = try await Self.post(client, #"{"session": "open-panel", "person": "open", "present": true}"#, token: live.day.consoleToken)
            _ = try await Self.post(client, #"{"session": "open-panel", "person": "kivu", "present": false}"#, token: live.day.consoleToken)
            let seen = try LiveServerTests.object(try await client.execute(uri: "/api/checkin", method: .get,
                                                                            headers: [.authorization: "Bearer \(live.day.doorToken)"]).body)
            #expect(Self.present(try Self.session(seen, "open-panel")) == ["open"], "the last mark wins")
            #expect(seen["current"] as? String == "open-panel")
        }
        let again = try live.restarted()
        #expect(again.day.doorToken == live.day.doorToken)
        #expect(try again.day.checkIn().present[SessionID(rawValue: "open-panel")] == [PersonID(rawValue: "open")])
    }

    @Test("only the door's token and the console's check people in (403 otherwise); the door's token opens nothing else")
    func tokens() async throws {
        let live = try LiveServerTests().fixture()
        let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        #expect(live.day.doorToken.count == 32 && live.day.doorToken != live.day.consoleToken)
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            for token in [nil, "not-a-token", speaker, String(live.day.doorToken.dropLast())] {
                #expect(try await Self.post(client, #"{"session": "open-panel", "person": "open", "present": true}"#, token: token).status == .forbidden)
                #expect(try await client.execute(uri: "/api/checkin?token=\(token ?? "")", method: .get).status == .forbidden)
            }
            #expect(try await client.execute(uri: "/door/\(speaker)", method: .get).status == .forbidden)
            let door = try await client.execute(uri: "/door/\(live.day.doorToken)", method: .get)
            #expect(door.status == .ok)
            #expect(LiveServerTests.text(door.body).contains("Amani Okello"), "the door is the organisers': the hidden speaker is on its list")
            #expect(try await client.execute(uri: "/door/\(live.day.consoleToken)", method: .get).status == .ok)
            // The door drives nothing of the day and sees none of the console.
            #expect(try await LiveServerTests.post(client, #"{"action": "start"}"#, token: live.day.doorToken).status == .forbidden)
            #expect(try await client.execute(uri: "/console/\(live.day.doorToken)", method: .get).status == .forbidden)
            #expect(try await client.execute(uri: "/api/state?token=\(live.day.doorToken)", method: .get).status == .forbidden)
        }
        #expect(try live.day.checkIn().checked.isEmpty)
        #expect(try live.day.state().history.isEmpty)
    }

    @Test("an unknown person, one not on the session's list, an unknown session or a malformed body is 400 with a hint; a stale unlisted count is 409")
    func refused() async throws {
        let live = try LiveServerTests().fixture()
        let token = live.day.doorToken
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let cases: [(String, String)] = [
                (#"{"session": "open-panel", "person": "nobody", "present": true}"#, "nobody in the agenda has the id 'nobody'"),
                (#"{"session": "open-panel", "person": "pavlo", "present": true}"#, "'pavlo' is not on the list of session 'open-panel'"),
                (#"{"session": "lunch", "person": "open", "present": true}"#, "no session 'lunch' is checked in here — give one of open-panel, closed-talks, shut"),
                (#"{"session": "open-panel", "person": "open"}"#, "a check-in is either a person's mark or an unlisted count"),
                (#"{"session": "open-panel", "unlisted": "female", "count": 1}"#, "'female' is not a gender — give one of woman, man, non-binary, undisclosed"),
                (#"{"session": "open-panel", "unlisted": "woman", "count": -1}"#, "-1 is not a count of people"),
                ("[1]", "the body is not a check-in in JSON"),
            ]
            for (body, message) in cases {
                let response = try await Self.post(client, body, token: token)
                #expect(response.status == .badRequest, "\(body)")
                #expect((try LiveServerTests.object(response.body)["error"] as? String)?.hasPrefix(message) == true, "\(body)")
            }
            // Two doors count a walk-in from 0 at once: the second is told the count moved.
            #expect(try await Self.post(client, #"{"session": "open-panel", "unlisted": "woman", "count": 1, "expected": 0}"#, token: token).status == .ok)
            let stale = try await Self.post(client, #"{"session": "open-panel", "unlisted": "woman", "count": 1, "expected": 0}"#, token: live.day.consoleToken)
            #expect(stale.status == .ok, "the same count again is what the device wanted")
            let late = try await Self.post(client, #"{"session": "open-panel", "unlisted": "woman", "count": 2, "expected": 0}"#, token: live.day.consoleToken)
            #expect(late.status == .conflict)
            #expect(try LiveServerTests.object(late.body)["error"] as? String == CheckInError.unlistedChanged("open-panel", .woman, expected: 0, found: 1).description)
            let two = try await Self.post(client, #"{"session": "open-panel", "unlisted": "woman", "count": 2, "expected": 1}"#, token: live.day.consoleToken)
            let unlisted = try #require(try Self.session(try LiveServerTests.object(two.body), "open-panel")["unlisted"] as? [String: Int])
            #expect(unlisted["woman"] == 2 && unlisted["man"] == 0)
        }
    }

    @Test("a mark on one device is pushed to the other doors and consoles; the board is sent none of it", .timeLimit(.minutes(1)))
    func pushes() async throws {
        let live = try LiveServerTests().fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let received = LiveServerTests.Received()
            try await client.ws("/ws/checkin?token=\(live.day.consoleToken)") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                if case .text(let first) = try await messages.next() { await received.add(first) }
                #expect(try await Self.post(client, #"{"session": "closed-talks", "person": "kivu", "present": true}"#, token: live.day.doorToken).status == .ok)
                if case .text(let second) = try await messages.next() { await received.add(second) }
            }
            let texts = await received.texts
            #expect(texts.count == 2)
            let first = try #require(try JSONSerialization.jsonObject(with: Data((texts.first ?? "").utf8)) as? [String: Any])
            let second = try #require(try JSONSerialization.jsonObject(with: Data((texts.last ?? "").utf8)) as? [String: Any])
            #expect(Self.present(try Self.session(first, "closed-talks")).isEmpty)
            #expect(Self.present(try Self.session(second, "closed-talks")) == ["kivu"])
            await #expect(throws: (any Error).self) {
                try await client.ws("/ws/checkin") { _, _, _ in }
            }
            // The public board's state, its page and the timer say nothing of who came.
            let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
            for uri in ["/api/state", "/board", "/timer", "/api/state?token=\(speaker)", "/speaker/\(speaker)"] {
                let text = LiveServerTests.text(try await client.execute(uri: uri, method: .get).body)
                #expect(!text.contains("Okello") && !text.contains("\"present\"") && !text.contains("/api/checkin"), "\(uri)")
            }
        }
    }

    @Test("a mark made through another server on the same event store reaches this one's doors within a second", .timeLimit(.minutes(1)))
    func otherServer() async throws {
        let live = try LiveServerTests().fixture()
        let other = try live.restarted()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.live) { client in
            let received = LiveServerTests.Received()
            try await client.ws("/ws/checkin?token=\(live.day.doorToken)") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                if case .text(let first) = try await messages.next() { await received.add(first) }
                try other.day.checkIn("open", session: "open-panel", present: true)
                if case .text(let second) = try await messages.next() { await received.add(second) }
            }
            let texts = await received.texts
            let last = try #require(try JSONSerialization.jsonObject(with: Data((texts.last ?? "").utf8)) as? [String: Any])
            #expect(texts.count == 2)
            #expect(Self.present(try Self.session(last, "open-panel")) == ["open"])
        }
    }
}

/// The door's page in every reader's language (docs/live.md, "Check-in at the door").
@Suite("LiveServer: the door's page in every language")
struct DoorLanguageTests {
    @Test("the door's page is in the language asked for, right to left where it runs so, with no English word of its own left",
          arguments: SheetLanguage.allCases.filter { $0 != .en })
    func doorInLanguage(_ language: SheetLanguage) async throws {
        let live = try LiveServerTests().fixture()
        try await live.server.application(host: "127.0.0.1", port: 0).test(.router) { client in
            let english = String(buffer: try await client.execute(uri: "/door/\(live.day.doorToken)?lang=en", method: .get).body)
            let page = String(buffer: try await client.execute(uri: "/door/\(live.day.doorToken)?lang=\(language.rawValue)", method: .get).body)
            let direction = SheetLabels.of(language).direction == "rtl" ? "rtl" : "ltr"
            #expect(page.contains("<html lang=\"\(language.rawValue)\" dir=\"\(direction)\">"))
            #expect(page.contains(language.live.text("doorSearch")) && page.contains(language.live.text("doorNotOnList")))
            // The script's words are the language's own labels, each of them.
            let words = try LiveLanguageTests.words(in: page), englishWords = try LiveLanguageTests.words(in: english)
            #expect(Set(words.keys) == Set(englishWords.keys) && words.count >= 16)
            let own = Set(language.live.texts.values)
            for (key, text) in words where key != "listSeparator" { #expect(own.contains(text), "\(language.rawValue): \(key) is '\(text)'") }
            // No English heading or placeholder is left in what the page shows before its script runs.
            let shown = page.components(separatedBy: "<script").first ?? page
            for key in ["doorTitle", "doorSearch", "doorNotOnList", "sessionLabel", "offline"] {
                for fragment in LiveLanguageTests.fragments(SheetLanguage.en.live.text(key)) where !own.joined(separator: " ").contains(fragment) {
                    #expect(!LiveLanguageTests.containsWord(shown, fragment), "\(language.rawValue): '\(fragment)' (\(key)) is English")
                }
            }
        }
    }
}
