@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// An agenda in English and French: each reader's sheet, briefing and invitation in their own
/// language, and names withheld in every language.
@Suite("bilingual agendas")
struct BilingualAgendaTests {
    static let agenda = header.replacingOccurrences(of: "title: Test event", with: "title: { en: Mediation training, fr: Formation à la médiation }") + """
        short_title: { en: Training, fr: Formation }
        languages: [en, fr]
        organizer: { name: Org, email: org@example.org }
        people:
          - { id: claire, name: Claire Martin, email: claire@example.org, languages: [fr], gender: woman, sector: civil-society,
              attendance: online, timezone: Africa/Kinshasa }
          - { id: ann, name: Ann Lee, email: ann@example.org, languages: [en], gender: woman, sector: civil-society }
          - { id: hidden, name: Hanna Verborgen, visibility: organizers, described_as: { en: a mediator, fr: une médiatrice }, gender: woman }
        guiding_questions:
          - { id: q1, text: { en: What helps?, fr: Qu'est-ce qui aide ? } }
        sessions:
          - id: day1
            title: { en: "Day 1: listening", fr: "Jour 1 : l'écoute" }
            date: 2026-12-08
            start: "10:00"
            moderator: ann
            segments:
              - { title: { en: Welcome, fr: Bienvenue }, kind: opening, duration: 15m, speakers: [claire], questions: [q1] }
              - { title: { en: Exercise, fr: "Exercice avec Hanna Verborgen" }, kind: other, duration: 45m, speakers: [claire] }

        """

    func timeline() throws -> Timeline {
        try ConveneTestSupport.timeline(Self.agenda)
    }

    func files() throws -> [String: String] {
        let draft = try CalendarOutputs.draft(timeline: try timeline(), zones: try zones, stamp: 0)
        let files = try CalendarOutputs.outputs(of: draft, history: CalendarHistory(latest: [:], lastSent: [:]), stamp: 0).all()
        return Dictionary(files.map { ($0.path, $0.contents.replacingOccurrences(of: "\r\n ", with: "")) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("each sheet takes its language's texts; the first given stands in for a language not given")
    func sheets() throws {
        let french = try printed(try timeline(), .agenda, .text, language: .fr)
        #expect(french.contains("Formation à la médiation") && french.contains("Jour 1 : l'écoute") && french.contains("Bienvenue"))
        #expect(!french.contains("Mediation training") && !french.contains("Welcome"))
        let english = try printed(try timeline(), .agenda, .text, language: .en)
        #expect(english.contains("Mediation training") && english.contains("Day 1: listening") && english.contains("Welcome"))
        let ukrainian = try printed(try timeline(), .agenda, .text, language: .uk)
        #expect(ukrainian.contains("Mediation training"), "no Ukrainian text: the first given")
    }

    @Test("each reader's invitation is in their language: its title, its labels, its dates")
    func invitations() throws {
        let files = try files()
        let claire = try #require(files["invites/claire/day1.ics"])
        let labels = SheetLabels.of(.fr)
        #expect(claire.contains("SUMMARY:Jour 1 : l'écoute — Formation"), "\(claire)")
        #expect(claire.contains("\(labels.yourTime) (Africa/Kinshasa)\(labels.colon) mardi 8 décembre 2026\\, 9\u{A0}h\u{A0}00 – 10\u{A0}h\u{A0}00"), "\(claire)")
        #expect(claire.contains(labels.yourSegments + labels.colon) && claire.contains("Qu'est-ce qui aide ?"))
        let ann = try #require(files["invites/ann/day1.ics"])
        #expect(ann.contains("SUMMARY:Day 1: listening — Training"))
        #expect(ann.contains("Your time (Europe/Kyiv): Tuesday 8 December 2026\\, 10:00–11:00"), "\(ann)")
    }

    @Test("a French speaker's briefing is in French, with the French texts")
    func briefing() throws {
        let text = try printed(try timeline(), .briefing, .text, language: .fr, person: "claire")
        #expect(text.contains("Jour 1 : l'écoute") && text.contains("Bienvenue"))
    }

    @Test("a hidden name in one language's text is warned about and withheld in that language")
    func hiddenInTranslation() throws {
        let check = AgendaCheck(text: Self.agenda, zones: try zones)
        #expect(check.diagnostics.warnings.contains { $0.code == .hiddenName && $0.message.contains("(fr)") && $0.message.contains("Hanna Verborgen") },
                "\(check.diagnostics.warnings.map(\.message))")
        let french = try printed(try timeline(), .agenda, .text, language: .fr)
        #expect(!french.contains("Verborgen"), "\(french)")
        #expect(french.contains("Exercice avec une médiatrice"), "her description in French stands in for her name: \(french)")
        #expect(try printed(try timeline(), .agenda, .text, language: .en).contains("Exercise"), "and in English, the English one")
        let claire = try #require(try files()["invites/claire/day1.ics"])
        #expect(!claire.contains("Verborgen"))
    }

    @Test("a language the agenda lists but a text leaves out is a warning at that text")
    func untranslated() throws {
        let check = AgendaCheck(text: Self.agenda.replacingOccurrences(of: "languages: [en, fr]", with: "languages: [en, fr, uk]"), zones: try zones)
        let warnings = check.diagnostics.warnings.filter { $0.code == .untranslated }
        #expect(warnings.count == 7, "\(warnings.map(\.message))")
        #expect(warnings.first?.rendered(file: "a.yaml").contains("the event's title has no uk text, though the agenda lists uk among its languages") == true)
        #expect(AgendaCheck(text: Self.agenda, zones: try zones).diagnostics.warnings.allSatisfy { $0.code != .untranslated })
    }

    @Test("a text by language takes language codes only")
    func badCode() throws {
        let check = AgendaCheck(text: Self.agenda.replacingOccurrences(of: "{ en: Training, fr: Formation }", with: "{ english: Training }"), zones: try zones)
        #expect(check.diagnostics.errors.first?.message == "each key of 'short_title' is a language code such as en, fr or fa-AF")
    }

    @Test("a short title that names a hidden person is withheld in the public calendar")
    func shortTitleCleaned() throws {
        let text = Self.agenda.replacingOccurrences(of: "{ en: Training, fr: Formation }", with: "Training with Hanna Verborgen")
        let draft = try CalendarOutputs.draft(timeline: try ConveneTestSupport.timeline(text), zones: try zones, stamp: 0)
        let files = try CalendarOutputs.outputs(of: draft, history: CalendarHistory(latest: [:], lastSent: [:]), stamp: 0).all()
        let event = try #require(files.first { $0.path == "event.ics" }).contents
        #expect(!event.contains("Verborgen") && event.contains("Training with"), "\(event)")
    }
}
