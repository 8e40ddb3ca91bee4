@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `accept_warnings:`: a kind of warning accepted for the event, a session or a person is
/// counted, not printed; the warnings that protect people can never be accepted.
@Suite("accepted warnings")
struct AcceptedWarningsTests {
    static let training = header + """
        people:
          - { id: trainer, name: Tess Trainer, gender: woman, sector: civil-society }
          - { id: guest, name: Gwen Guest, gender: woman, sector: civil-society }
        sessions:
          - id: one
            title: One
            date: 2026-12-07
            start: "10:00"
            moderator: trainer
            segments:
              - { title: Teaching, kind: other, duration: 30m, speakers: [trainer, guest] }
          - id: two
            title: Two
            date: 2026-12-08
            start: "10:00"
            moderator: trainer
            segments:
              - { title: More teaching, kind: other, duration: 30m, speakers: [trainer, guest] }

        """

    func check(_ text: String) throws -> AgendaCheck {
        AgendaCheck(text: text, zones: try zones)
    }

    func codes(_ check: AgendaCheck) -> [String] {
        check.diagnostics.warnings.compactMap(\.code?.rawValue)
    }

    @Test("without accept_warnings each warning is printed with its code at the end")
    func codesShown() throws {
        let check = try check(Self.training)
        #expect(codes(check) == ["moderator-speaks", "moderator-speaks"])
        let line = try #require(check.diagnostics.warnings.first).rendered(file: "a.yaml")
        #expect(line.hasSuffix("or name another moderator [moderator-speaks]"), "\(line)")
    }

    @Test("accepted for the event, a session or the person: counted, not listed", arguments: [
        ("accept_warnings: [moderator-speaks]\n", 2),
        ("", 0),
    ])
    func event(line: String, accepted: Int) throws {
        let check = try check(Self.training.replacingOccurrences(of: "people:\n", with: line + "people:\n"))
        #expect(check.diagnostics.acceptedCount == accepted)
        #expect(check.diagnostics.warningCount == 2 - accepted)
    }

    @Test("a session's accept_warnings covers that session only; a person's covers that person")
    func sessionAndPerson() throws {
        let session = try check(Self.training.replacingOccurrences(of: "    moderator: trainer\n    segments:\n      - { title: Teaching",
                                                                   with: "    moderator: trainer\n    accept_warnings: [moderator-speaks]\n    segments:\n      - { title: Teaching"))
        #expect(session.diagnostics.acceptedCount == 1)
        #expect(session.diagnostics.warnings.map(\.session) == ["two"])
        let person = try check(Self.training.replacingOccurrences(of: "sector: civil-society }\n  - { id: guest",
                                                                  with: "sector: civil-society, accept_warnings: [moderator-speaks] }\n  - { id: guest"))
        #expect(person.diagnostics.acceptedCount == 2)
        let json = person.report(file: "a.yaml").serialized()
        #expect(json.contains("\"accepted_warnings\": [") && json.contains("\"code\": \"moderator-speaks\""), "\(json)")
    }

    @Test("a warning that protects people cannot be accepted: it stays, and asking is a warning of its own")
    func protective() throws {
        let text = header + """
            accept_warnings: [hidden-name]
            people:
              - { id: hidden, name: Hanna Hidden, visibility: organizers, described_as: an expert }
            sessions:
              - { id: one, title: Talk with Hanna Hidden, date: 2026-12-07, start: "10:00", duration: 1h }

            """
        let check = try check(text)
        #expect(check.diagnostics.acceptedCount == 0)
        let rendered = check.diagnostics.warnings.map { $0.rendered(file: "a.yaml") }
        #expect(rendered.contains { $0.contains("names Hanna Hidden") && $0.hasSuffix("[hidden-name, protects people: cannot be accepted]") }, "\(rendered)")
        #expect(rendered.contains { $0.contains("'hidden-name' warns that someone who must not be named could be, and cannot be accepted") }, "\(rendered)")
    }

    @Test("an unknown code is an error at its place, with the nearest code suggested")
    func unknownCode() throws {
        let check = try check(Self.training.replacingOccurrences(of: "people:\n", with: "accept_warnings: [moderator-speak]\npeople:\n"))
        let error = try #require(check.diagnostics.errors.first)
        #expect(error.location.line == 5)
        #expect(error.rendered(file: "a.yaml").contains("did you mean 'moderator-speaks'"), "\(error.rendered(file: "a.yaml"))")
    }

    @Test("every warning convene check can give has a code: no call to warning() in the sources leaves it out")
    func everyWarningHasACode() throws {
        let sources = packageRoot.appendingPathComponent("Sources/Convene")
        var missing: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: sources.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            var rest = text[...]
            while let call = rest.range(of: "diagnostics.warning(") {
                // The call runs to its closing parenthesis at depth zero.
                var depth = 1, index = call.upperBound
                while index < rest.endIndex, depth > 0 {
                    if rest[index] == "(" { depth += 1 } else if rest[index] == ")" { depth -= 1 }
                    index = rest.index(after: index)
                }
                if !rest[call.upperBound..<index].contains("code:") { missing.append(path) }
                rest = rest[index...]
            }
        }
        #expect(missing.isEmpty, "warnings without a code in \(missing)")
    }

    @Test("the training sample accepts what trainings do, and says how many")
    func trainingSample() throws {
        let check = try check(String(contentsOf: packageRoot.appendingPathComponent("agendas/mediator-training-2026.yaml"), encoding: .utf8))
        #expect(check.isValid)
        #expect(check.diagnostics.acceptedCount == 10)
        #expect(!codes(check).contains("moderator-speaks") && !codes(check).contains("not-a-working-day"))
    }
}
