import Convene
import ConveneLive
import ConveneStore
import ConveneTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every word of the live views in the view's language and digits (docs/live.md, "Languages").
@Suite("LiveServer: the views in every reader's language")
struct LiveLanguageTests {
    static let extendedArabicIndic = "۰۱۲۳۴۵۶۷۸۹"

    /// The words a page was served with (its `config` script).
    static func words(in page: String) throws -> [String: String] {
        let start = try #require(page.range(of: "<script id=\"config\" type=\"application/json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let config = try #require(JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        return try #require(config["words"] as? [String: String])
    }

    /// The parts of a text between its placeholders ("Running {n} minutes late" → "Running",
    /// "minutes late"), those long enough to mean something.
    static func fragments(_ text: String) -> [String] {
        text.split(separator: "{").flatMap { part -> [Substring] in
            let rest = part.split(separator: "}", maxSplits: 1)
            return part.contains("}") ? Array(rest.dropFirst()) : [part]
        }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }.filter { $0.count >= 3 }
    }

    /// Whether `word` stands in `text` as a word of its own (no letter touching it).
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var searched = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searched) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            if !before.isLetter && !after.isLetter { return true }
            searched = found.upperBound..<text.endIndex
        }
        return false
    }

    func get(_ client: some TestClientProtocol, _ uri: String, token: String? = nil) async throws -> String {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        #expect(response.status == .ok, "\(uri)")
        return LiveServerTests.text(response.body)
    }

    @Test("a Dari board, timer and speaker page and their state carry the Dari words, Extended Arabic-Indic digits and dir=rtl")
    func dari() async throws {
        let live = try LiveServerTests().fixture()
        let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        // The panel starts 7 minutes late and is given 200 minutes more: the afternoon session
        // starts 42 minutes late, after the 165-minute gap before it.
        live.clock.advance(minutes: 7)
        try live.day.record(.start)
        try live.day.record(.addMinutes(200))
        let app = live.server.application(host: "127.0.0.1", port: 0)
        let dari = SheetLanguage.faAF
        try await app.test(.router) { client in
            for uri in ["/board?lang=fa-AF", "/timer?lang=fa-AF", "/speaker/\(speaker)?lang=fa-AF"] {
                let page = try await get(client, uri)
                #expect(page.contains("<html lang=\"fa-AF\" dir=\"rtl\">"), "\(uri)")
                let words = try Self.words(in: page)
                #expect(words["now"] == "اکنون" && words["upNext"] == "بعدی" && words["paused"] == "متوقف", "\(uri)")
                #expect(page.contains("\"digits\": \"\(Self.extendedArabicIndic)\""), "\(uri)")
                #expect(page.contains("اتصال قطع شد"), "\(uri)")
            }
            let board = try LiveServerTests.object(try await client.execute(uri: "/api/state?lang=fa-AF", method: .get).body)
            #expect(board["direction"] as? String == "rtl")
            #expect(board["minutesLate"] as? Int == 42)
            #expect(board["late"] as? String == "۴۲ دقیقه تأخیر")
            let items = try #require(board["items"] as? [[String: Any]])
            // 10:07 to 14:27, as the Dari sheets write a span.
            #expect(items.first?["time"] as? String == "۱۰:۰۷ تا ۱۴:۲۷")
            #expect(board["day"] as? String == dari.date(try #require(LocalDate(parsing: "2026-12-07"))))
            #expect((board["day"] as? String)?.contains("۲۰۲۶") == true)
            let state = try LiveServerTests.object(try await client.execute(uri: "/api/state?lang=fa-AF", method: .get,
                                                                           headers: [.authorization: "Bearer \(speaker)"]).body)
            let you = try #require(state["you"] as? [String: Any])
            let turn = try #require(you["nextTurn"] as? [String: Any])
            // 10:07 in Kinshasa is 13:37 in Kabul.
            #expect((turn["time"] as? String)?.hasPrefix("۱۳:۳۷") == true)
            #expect(state["late"] as? String == dari.lateness(42))
        }
    }

    @Test("a French console carries French button words, its refusal and alert words, and says how late the day runs in French")
    func frenchConsole() async throws {
        let live = try LiveServerTests().fixture()
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            // The agenda's first language is French: the console is in it without ?lang=.
            let page = try await get(client, "/console/\(live.day.consoleToken)")
            #expect(page.contains("<html lang=\"fr\" dir=\"ltr\">"))
            let words = try Self.words(in: page)
            #expect(words["start"] == "Démarrer" && words["next"] == "Suivant" && words["previous"] == "Précédent")
            #expect(words["pause"] == "Pause" && words["resume"] == "Reprendre" && words["skip"] == "Passer")
            #expect(words["refused"] == "L’action a été refusée." && words["alerts"] == "Alertes")
            let state = try LiveServerTests.object(try await client.execute(uri: "/api/state", method: .get,
                                                                           headers: [.authorization: "Bearer \(live.day.consoleToken)"]).body)
            #expect(state["late"] as? String == "À l’heure")
        }
    }

    @Test("no English word of the live views remains in a page or a state in another language", arguments: SheetLanguage.allCases.filter { $0 != .en })
    func noEnglishLeft(_ language: SheetLanguage) async throws {
        let live = try LiveServerTests().fixture()
        let speaker = try #require(live.day.speakerTokens[PersonID(rawValue: "shura")])
        live.clock.advance(minutes: 12)
        try live.day.record(.start)
        let app = live.server.application(host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let code = language.rawValue
            // The English words, read from the English pages: what the views say.
            let english = try Self.words(in: try await get(client, "/console/\(live.day.consoleToken)?lang=en"))
            let pages = [
                try await get(client, "/console/\(live.day.consoleToken)?lang=\(code)"), try await get(client, "/board?lang=\(code)"),
                try await get(client, "/timer?lang=\(code)"), try await get(client, "/speaker/\(speaker)?lang=\(code)"),
                try await get(client, "/api/state?lang=\(code)", token: live.day.consoleToken), try await get(client, "/api/state?lang=\(code)"),
                try await get(client, "/api/state?lang=\(code)", token: speaker),
            ]
            let own = try Self.words(in: pages[0])
            #expect(Set(own.keys) == Set(english.keys))
            var checked = 0
            for (key, text) in english where own[key] != text {
                for fragment in Self.fragments(text) where !Self.fragments(own[key] ?? "").contains(fragment) {
                    checked += 1
                    for page in pages {
                        #expect(!Self.containsWord(page, fragment), "\(code): '\(fragment)' (\(key)) is English")
                    }
                }
            }
            for late in ["Running", "minutes late", "minute late", "On time"] {
                for page in pages { #expect(!Self.containsWord(page, late), "\(code): '\(late)'") }
            }
            #expect(checked > 20)
        }
    }
}
