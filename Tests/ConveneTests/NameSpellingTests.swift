@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// A name written in several scripts: each printed where its script is, every one withheld.
@Suite("names in several scripts")
struct NameSpellingTests {
    static let agenda = header + """
        languages: [en, uk]
        people:
          - id: sarabi
            name: Habiba Sarabi
            names: { arab: حبیبه سرابی, cyrl: Хабіба Сарабі }
            gender: woman
          - id: hidden
            name: Zarina Qasemi
            names: { arab: زرینه قاسمی }
            visibility: organizers
            described_as: a women's rights defender
            gender: woman
        sessions:
          - id: main
            title: { en: Opening, fa-AF: گفتگو با زرینه قاسمی }
            date: 2026-12-08
            start: "10:00"
            segments:
              - { title: Welcome, kind: opening, duration: 30m, speakers: [sarabi] }

        """

    @Test("each spelling is printed where its script is: Cyrillic in the Ukrainian sheet, the name as given in English")
    func printedInScript() throws {
        let timeline = try timeline(Self.agenda)
        #expect(try printed(timeline, .agenda, .text, language: .uk).contains("Хабіба Сарабі"))
        #expect(try printed(timeline, .agenda, .text, language: .en).contains("Habiba Sarabi"))
        let person = try #require(timeline.agenda.person("sarabi"))
        #expect(person.name(inScript: "arab") == "حبیبه سرابی" && person.name(inScript: "grek") == "Habiba Sarabi")
        #expect(person.spellings.count == 3)
    }

    @Test("a hidden person's name in another script is found and withheld, not only the Latin spelling")
    func withheldInEveryScript() throws {
        let check = AgendaCheck(text: Self.agenda, zones: try zones)
        #expect(check.diagnostics.warnings.contains { $0.code == .hiddenName && $0.message.contains("(fa-AF)") }, "\(check.diagnostics.warnings.map(\.message))")
        let dari = try timeline(Self.agenda).localized(to: "fa-AF")
        let disclosed = DisclosedTimeline(dari, audience: .public)
        #expect(!disclosed.timeline.sessions[0].session.title.contains("قاسمی"), "\(disclosed.timeline.sessions[0].session.title)")
        #expect(disclosed.timeline.agenda.people.first { $0.id == "hidden" }?.names.isEmpty == true)
    }

    @Test("a script code has four letters")
    func badScript() throws {
        let check = AgendaCheck(text: Self.agenda.replacingOccurrences(of: "{ arab: زرینه قاسمی }", with: "{ arabic: زرینه قاسمی }"), zones: try zones)
        #expect(check.diagnostics.errors.first?.message == "each entry of 'names' is a script code of four letters and the name written in it")
    }
}
