import ConveneTestSupport
import Convene
import Testing

@Suite("Text sheets laid out for the page")
struct TextLayoutTests {
    @Test("characters are measured by the columns they take: wide CJK two, combining marks and RLM none")
    func displayWidth() {
        #expect(DisplayWidth.of("Kyiv") == 4)
        #expect(DisplayWidth.of("Київ") == 4)
        #expect(DisplayWidth.of("北京") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{200F}حبيبة") == 5)
        #expect(DisplayWidth.of("🇺🇦") == 2)
    }

    @Test("a long line wraps under its text, after the list marker")
    func hangingIndent() {
        let layout = TextLayout(width: 30)
        let text = layout.layOut("12. What kind of support do women and youth leaders need?\n")
        #expect(text == """
            12. What kind of support do
                women and youth leaders
                need?

            """)
    }

    @Test("a word longer than the line is broken, never lost")
    func longWord() {
        let word = String(repeating: "x", count: 75)
        let text = TextLayout(width: 30).layOut("- \(word)\n")
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 30 })
        #expect(text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "") == word)
    }

    @Test("tab-separated lines become a table: columns aligned by display width, numbers right-aligned, the last cell wrapped")
    func table() {
        let text = TextLayout(width: 40).layOut("""
            Time\tMin\tWho
            09:30\t5\tІрина Мороз
            10:40\t120\tMarieke van Dalen, Tamar Gelashvili, Юлія Гриценко

            """)
        #expect(text == """
             Time  Min  Who
            09:30    5  Ірина Мороз
            10:40  120  Marieke van Dalen, Tamar
                        Gelashvili, Юлія Гриценко

            """)
    }

    @Test("a rule under a heading takes the heading's width; blank lines never pile up")
    func rulesAndBlankLines() {
        let text = TextLayout().layOut("\n\nПрограма\n===\n\n\n\nx\n\n")
        #expect(text == "Програма\n========\n\nx\n")
    }

    @Test("a table too wide for the page narrows its columns and wraps inside them")
    func narrowColumns() {
        let long = String(repeating: "a", count: 50)
        let text = TextLayout(width: 40).layOut("\(long)\tlast cell\n")
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 40 })
        #expect(text.contains("last cell"))
    }
}
