@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Every message Convene can print, read from the sources: the errors, warnings and hints the
/// checks give, and what the commands print on standard error. Each is held to how the rest
/// read, so none ends on a dangling colon or counts "all 2".
@Suite("the wording of messages")
struct MessageWordingTests {
    /// Each message and hint written in the sources, with where it stands.
    static func messages() throws -> [(place: String, text: String)] {
        var found: [(String, String)] = []
        let calls = #/(hint: |diagnostics\.(?:error|warning)\([^"]*|Terminal\.error\(|ValidationError\(|reason: |fail\([^"]*)"((?:[^"\\\n]|\\.)*)"/#
        for folder in ["Sources/Convene", "Sources/ConveneCLI", "Sources/ConveneStore", "Sources/ICal"] {
            let root = packageRoot.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(atPath: root.path)
            while let path = enumerator?.nextObject() as? String {
                guard path.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
                for match in text.matches(of: calls) {
                    let line = text[..<match.range.lowerBound].filter { $0 == "\n" }.count + 1
                    found.append(("\(folder)/\(path):\(line)", String(match.output.2)))
                }
            }
        }
        return found
    }

    @Test("there are messages to read: the scan finds the checks' and the commands' words")
    func found() throws {
        let messages = try Self.messages()
        #expect(messages.count > 150, "\(messages.count)")
        #expect(messages.contains { $0.text.contains("both moderates and speaks") })
    }

    @Test("no message or hint ends on a colon, as if something were missing after it")
    func noDanglingColon() throws {
        // A line that introduces the lines printed after it may end on one.
        let leadIns = ["nothing written:"]
        let dangling = try Self.messages().filter { message in
            message.text.hasSuffix(":") && !leadIns.contains { message.text.hasSuffix($0) }
        }
        #expect(dangling.isEmpty, "\(dangling.map { "\($0.place): \($0.text)" })")
    }

    @Test("counts of a whole group are worded for one and two: no 'all \\(n)' written by hand")
    func countsOfGroups() throws {
        let byHand = try Self.messages().filter { $0.text.contains("all \\(") }
        #expect(byHand.isEmpty, "use Wording.all: \(byHand.map(\.place))")
        #expect(Wording.all(2, "speakers", one: "speaker") == "both speakers")
        #expect(Wording.all(1, "speakers", one: "speaker") == "the one speaker")
        #expect(Wording.all(4, "speakers", one: "speaker") == "all 4 speakers")
    }

    @Test("no message has two spaces in a row or a space before a comma")
    func spacing() throws {
        let odd = try Self.messages().filter { $0.text.contains("  ") || $0.text.contains(" ,") }
        #expect(odd.isEmpty, "\(odd.map { "\($0.place): \($0.text)" })")
    }

    @Test("a two-speaker panel of women reads 'both speakers'")
    func bothSpeakers() throws {
        let check = AgendaCheck(text: header + """
            people:
              - { id: a, name: A, gender: woman }
              - { id: b, name: B, gender: woman }
              - { id: m, name: M, gender: man }
            sessions:
              - { id: s, title: S, date: 2026-12-08, start: "09:00", moderator: m,
                  segments: [{ title: Panel, kind: panel, duration: 1h, speakers: [a, b] }] }

            """, zones: try zones)
        #expect(check.diagnostics.warnings.contains { $0.message.hasPrefix("both speakers of the panel 'Panel' are women") }, "\(check.diagnostics.warnings.map(\.message))")
    }
}
