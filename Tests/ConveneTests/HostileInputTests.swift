import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Inputs that must end in a clear message, never a crash or a hang.
@Suite("hostile input")
struct HostileInputTests {
    func diagnostics(_ bytes: [UInt8]) throws -> [String] {
        AgendaCheck(bytes: bytes, zones: try zones).diagnostics.sorted.map { $0.rendered(file: "a.yaml") }
    }

    @Test("an empty file, or one of comments only, is reported as empty")
    func empty() throws {
        let expected = ["a.yaml:1:1: error: the file is empty — start from a template: convene templates, then convene new TEMPLATE -o FILE"]
        #expect(try diagnostics([]) == expected)
        #expect(try diagnostics(Array("# nothing yet\n\n".utf8)) == expected)
    }

    @Test("binary junk is reported as not UTF-8, at the first bad byte")
    func binary() throws {
        #expect(try diagnostics(Array("convene: 1\ntitle: caf".utf8) + [0xE9, 0x0A]) ==
                ["a.yaml:2:11: error: the file is not valid UTF-8 text — save the file as UTF-8"])
        #expect(try diagnostics(Array("id: x\n".utf8) + [0x00, 0x01, 0x02]) ==
                ["a.yaml:2:1: error: the file holds binary data (a NUL byte), not agenda text — an agenda is a YAML text file; start one with 'convene new'"])
        var generator = SystemRandomNumberGenerator()
        let junk = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let result = try diagnostics(junk)
        #expect(result.count == 1)
        #expect(result.first?.contains(": error: ") == true)
    }

    @Test("a UTF-16 file is named as such")
    func utf16() throws {
        #expect(try diagnostics([0xFF, 0xFE, 0x63, 0x00]) == ["a.yaml:1:1: error: the file is UTF-16 text; agenda files are UTF-8 — save the file as UTF-8"])
    }

    @Test("a file of 50 MB is refused by its size without being parsed")
    func huge() throws {
        let bytes = Array("convene: 1\nintroduction: \"".utf8) + [UInt8](repeating: 0x61, count: 50 * 1_048_576)
        #expect(try diagnostics(bytes) == ["a.yaml:1:1: error: the file is larger than 4 MB, too large for an agenda — check that this is the agenda file and not an export or an archive"])
    }

    @Test("anchors that expand a billion times are read without expanding them")
    func billionLaughs() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        text += "people: *i\nsessions: *i\nguiding_questions: *i\n"
        let check = AgendaCheck(text: text, zones: try zones)
        #expect(!check.isValid)
        #expect(check.diagnostics.items.count <= DiagnosticList.limit)
        #expect(check.diagnostics.sorted.first?.message == "unknown key 'a' at the top of the agenda")
    }

    @Test("an alias used as a key, which would take exponential time to compare, hits the deadline")
    func exponentialKeys() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        text += "? *j\n: 1\n? [*j]\n: 2\n"
        let started = Date()
        let result = try diagnostics(Array(text.utf8))
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result == ["a.yaml:1:1: error: reading the YAML took longer than 5 seconds — the file probably uses anchors (&) and aliases (*) that expand without end; write the values out"])
    }

    @Test("nesting deep enough to exhaust a stack is an error, not a crash")
    func deepNesting() throws {
        let flow = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        let flowResult = try diagnostics(Array(flow.utf8))
        #expect(flowResult.count == 1)
        #expect(flowResult.first?.hasPrefix("a.yaml:1:") == true)
        let block = "a:\n" + (0..<5_000).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n") + "x\n"
        let blockResult = try diagnostics(Array(block.utf8))
        #expect(blockResult.count == 1)
        #expect(blockResult.first?.contains("error") == true)
    }

    @Test("aliases that fan out after parsing (sessions of segments of speakers) stop at the value budget")
    func aliasFanOut() throws {
        let speakers = "[" + Array(repeating: "a", count: 400).joined(separator: ", ") + "]"
        let text = header + """
            people: [{ id: a, name: A }]
            x-segment: &G { title: T, kind: keynote, duration: 1m, speakers: \(speakers) }
            x-session: &S { id: s, title: S, duration: 1m, segments: [\(Array(repeating: "*G", count: 400).joined(separator: ", "))] }
            sessions: [\(Array(repeating: "*S", count: 400).joined(separator: ", "))]

            """
        let started = Date()
        let check = AgendaCheck(text: text, zones: try zones)
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(!check.isValid)
        #expect(check.diagnostics.errors.contains { $0.message == "the agenda holds more than 100000 values once its aliases (*) are expanded" })
    }

    @Test("errors found after the list is full still make the file invalid")
    func errorsPastTheCap() throws {
        let hidden = (0..<250).map { "  - { id: p\($0), name: P, visibility: organizers }" }.joined(separator: "\n")
        let check = AgendaCheck(text: header + "people:\n" + hidden + "\nsessions:\n  - { id: s, title: S, date: 2026-12-08, start: \"10:00\", end: \"09:00\" }\n", zones: try zones)
        #expect(!check.isValid)
        #expect(check.diagnostics.errorCount == 1)
        #expect(check.diagnostics.errors.count == 1, "the error took the place of a warning in the list")
        #expect(check.diagnostics.warningCount == 250)
    }

    @Test("a file holding only '---' is empty; a bare '- ' item is one error")
    func emptyDocumentAndItem() throws {
        #expect(try diagnostics(Array("---\n".utf8)) == ["a.yaml:1:1: error: the file is empty — start from a template: convene templates, then convene new TEMPLATE -o FILE"])
        #expect(try rendered(header + "people:\n  -\n") == ["a.yaml:6:4: error: an item of 'people' is empty — remove the empty '- ' line"])
    }

    @Test("a key twice in a flow mapping is placed at its second occurrence")
    func duplicateKeyInFlow() throws {
        #expect(try rendered(header + "organizer: { name: A, name: B }\npeople:\n  - { id: x, name: X }\n")
                == ["a.yaml:5:23: error: the key 'name' appears twice in one mapping — keep one of them; a second value would silently replace the first"])
    }

    @Test("required text that is empty is an error")
    func emptyRequired() throws {
        #expect(try rendered("convene: 1\nid: x\ntitle: \"\"\ntimezone: UTC\n") == ["a.yaml:3:1: error: 'title' has no value — write a value after 'title:'"])
    }

    @Test("a second YAML document in the file is an error at its start")
    func twoDocuments() throws {
        #expect(try diagnostics(Array("convene: 1\n---\nid: x\n".utf8)) ==
                ["a.yaml:2:1: error: the file holds more than one YAML document — keep one agenda per file; remove the '---' line"])
    }

    @Test("a list or a lone value instead of an agenda is explained")
    func notAMapping() throws {
        #expect(try diagnostics(Array("- a\n- b\n".utf8)) ==
                ["a.yaml:1:1: error: the agenda must be a mapping of keys and values, not a list — an agenda starts with lines like 'convene: 1' and 'title: ...'"])
        #expect(try diagnostics(Array("hello\n".utf8)) ==
                ["a.yaml:1:1: error: the agenda must be a mapping of keys and values, not the text 'hello' — an agenda starts with lines like 'convene: 1' and 'title: ...'"])
    }

    @Test("thousands of problems are capped, and the count of the rest is kept")
    func manyProblems() throws {
        let people = (0..<500).map { "  - { id: p\($0), name: P, gender: x }" }.joined(separator: "\n")
        let check = AgendaCheck(text: header + "people:\n" + people + "\n", zones: try zones)
        #expect(check.diagnostics.items.count == DiagnosticList.limit)
        #expect(check.diagnostics.omitted == 300)
        #expect(check.report(file: "a.yaml").serialized().contains("\"omitted_errors\": 300"))
    }

    @Test("random mutations of a valid agenda never crash the checker")
    func mutations() throws {
        let sample = try String(contentsOf: packageRoot.appendingPathComponent("agendas/kyiv-consultation-2026.yaml"), encoding: .utf8)
        let bytes = Array(sample.utf8)
        var generator = SeededGenerator(seed: 2026)
        let alphabet = Array(":-[]{}&*!|>'\"#\t\n 0123456789abc".utf8)
        for round in 0..<300 {
            var mutated = bytes
            for _ in 0..<(1 + round % 8) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[index] = alphabet.randomElement(using: &generator) ?? 0x20
                case 1: mutated.remove(at: index)
                default: mutated.insert(alphabet.randomElement(using: &generator) ?? 0x20, at: index)
                }
            }
            let check = AgendaCheck(bytes: mutated, zones: try zones)
            #expect(check.diagnostics.items.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing mutation can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
