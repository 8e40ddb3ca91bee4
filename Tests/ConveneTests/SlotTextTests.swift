import Convene
import ConveneTestSupport
import Foundation
import Testing

/// The text of `convene slots` at a given width: lines wrap, names wrap within their column,
/// nothing is cut.
@Suite("slots: the text wraps to its width")
struct SlotTextTests {
    /// The slots text for the side event, `minutes` long, on 2026-03-09, at `width`.
    static func text(minutes: Int = 60, undp: String = "UNDP representative (to be confirmed)", width: Int) throws -> String {
        let outcome = try SlotExplanationTests.explain(SideEventFixtures.agenda(minutes: minutes, undp: undp), from: "2026-03-09", to: "2026-03-09")
        var result = outcome.result
        if !result.slots.isEmpty { result.explanation = nil }
        return result.text(agenda: outcome.agenda, from: outcome.from, to: outcome.to, step: 15, width: width)
    }

    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The words of `text`, as they read across line breaks.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    }

    @Test("at 80 columns a name longer than 26 widens its column and is whole; the times stay aligned")
    func longNameWhole() throws {
        let text = try Self.text(width: 80)
        #expect(text.contains("      UNDP representative (to be confirmed)  08:00–09:00  America/New_York\n"))
        #expect(text.contains("      Amani Njeri                            08:00–09:00  America/New_York\n"))
        #expect(Self.lines(text).allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test("at 60 columns a long name wraps within its column, never cut: every word is there, in order")
    func longNameWraps() throws {
        let text = try Self.text(width: 60)
        #expect(text.contains("""
                  UNDP representative (to  08:00–09:00  America/New_York
                  be confirmed)
                  Claire Vos               13:00–14:00  Europe/Amsterdam

            """))
        let name = Self.words("UNDP representative (to be confirmed)")
        #expect(Array(Self.words(text).drop { $0 != "UNDP" }.filter(name.contains).prefix(name.count)) == name)
    }

    @Test("--width 60 and 40: no line is wider, with slots and without")
    func noLineWider() throws {
        for width in [40, 60] {
            for minutes in [60, 75] {
                let text = try Self.text(minutes: minutes, width: width)
                for line in Self.lines(text) {
                    #expect(DisplayWidth.of(line) <= width, "\(width) columns, \(minutes)m: '\(line)'")
                }
                #expect(Self.words(text).contains("confirmed)"), "the long name's last word is there")
            }
        }
    }

    @Test("at 40 columns each name stands on its own line above its time, wrapped, not broken inside words")
    func narrow() throws {
        let text = try Self.text(width: 40)
        #expect(text.contains("""
                  UNDP representative (to be
                    confirmed)
                      08:00–09:00  America/New_York

            """))
    }

    @Test("Arabic-script names, with and without vowel marks, wrap by display width: no line wider, every word kept in order")
    func arabicNames() throws {
        // Marks (harakat) take no column: the name is 11 columns wide, not 20.
        let marked = "حَبِيبَة سَرَابِي"
        #expect(DisplayWidth.of(marked) == 11)
        let long = "عائشة عبد الرحمن بنت الشاطئ الإدريسي"
        for name in [long, marked + " " + long] {
            for width in [40, 60] {
                let text = try Self.text(undp: name, width: width)
                for line in Self.lines(text) { #expect(DisplayWidth.of(line) <= width, "'\(line)'") }
                let nameWords = Self.words(name)
                let found = Self.words(text).filter { word in nameWords.contains(word) }
                #expect(Array(found.prefix(nameWords.count)) == nameWords, "\(width) columns")
            }
        }
        let text = try Self.text(undp: long, width: 60)
        #expect(text.contains("      عائشة عبد الرحمن بنت     08:00–09:00  America/New_York\n      الشاطئ الإدريسي\n"))
    }

    @Test("Cyrillic and wide CJK names are measured by the columns they take")
    func otherScripts() throws {
        let text = try Self.text(undp: "Олександра Матвійчук-Гриценко 王小明 代表团团长", width: 60)
        for line in Self.lines(text) { #expect(DisplayWidth.of(line) <= 60, "'\(line)'") }
        #expect(text.contains("Олександра"))
        #expect(text.contains("代表团团长"))
    }
}
