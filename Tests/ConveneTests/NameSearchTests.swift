@testable import Convene
import ConveneTestSupport
import Foundation
import Testing

/// Finding hidden people's names in text however it is written.
@Suite("name search")
struct NameSearchTests {
    let hadia = NameSearch([.init("Hadia Hidden", replacement: "[withheld]")])

    /// `text` with every match replaced by "[withheld]", for one needle.
    func replacing(_ needle: String, in text: String) -> String {
        NameSearch([.init(needle, replacement: "[withheld]")]).replacing(in: text)
    }

    @Test("a name is found as whole words in any case, with or without accents")
    func plain() {
        let search = NameSearch([.init("Habiba Sarabí", replacement: "a delegate")])
        #expect(search.matches("Thanks to habiba SARABÍ."))
        #expect(search.matches("HABIBA SARABI spoke"))
        #expect(search.replacing(in: "Thanks to habiba SARABÍ.") == "Thanks to a delegate.")
        #expect(replacing("Sarabi", in: "Dr Sarabí and Dr SARABI") == "Dr [withheld] and Dr [withheld]")
        #expect(!search.matches("Habiba spoke; Sarabí listened"))
    }

    @Test("a name inside a longer word is not found")
    func insideWords() {
        let peace = NameSearch([.init("Peace", replacement: "[withheld]")])
        #expect(!peace.matches("Peacemaker"))
        #expect(peace.replacing(in: "Peacemaker, peacetime") == "Peacemaker, peacetime")
        #expect(peace.matches("Peace, at last"))
        let sarabi = NameSearch([.init("Sarabi", replacement: "[withheld]")])
        #expect(!sarabi.matches("the Sarabis arrived"))
        #expect(!sarabi.matches("xSarabi and Sarabix"))
        // Next to a number a name still stands as a word, as it does in a link.
        #expect(sarabi.matches("https://example.org/j/room%20Sarabi"))
        #expect(sarabi.replacing(in: "room2Sarabi") == "room2[withheld]")
        #expect(sarabi.matches("Sarabi's report"))
    }

    @Test("any run of whitespace inside a name matches one space, and is replaced whole")
    func whitespace() {
        for text in ["Hadia  Hidden", "Hadia\tHidden", "Hadia\u{00A0}Hidden", "Hadia\nHidden",
                     "Hadia\r\nHidden", "Hadia\u{3000}Hidden", "Hadia\u{202F}Hidden", "Hadia \u{2028}\t Hidden"] {
            #expect(hadia.matches(text), "\(text.unicodeScalars.map { $0.value })")
            #expect(hadia.replacing(in: "By \(text) today") == "By [withheld] today")
        }
        #expect(!hadia.matches("Hadia, Hidden"))
        #expect(replacing("  Hadia \t Hidden ", in: "Hadia Hidden") == "[withheld]")
    }

    @Test("zero-width spaces, soft hyphens and direction marks inside a name do not hide it")
    func invisible() {
        for text in ["Had\u{200B}ia Hidden", "Hadia Hid\u{00AD}den", "Ha\u{200E}dia Hidden",
                     "Hadia \u{202E}Hidden", "Hadia Hi\u{2060}dd\u{FEFF}en", "Had\u{200D}ia Hid\u{200C}den",
                     "Hadia\u{200B} \u{200B}Hidden", "H\u{034F}adia Hid\u{2066}\u{2069}den", "Hadia\u{061C} \u{180E}Hidden"] {
            #expect(hadia.matches(text), "\(text.unicodeScalars.map { $0.value })")
            #expect(hadia.replacing(in: "(\(text))") == "([withheld])")
        }
    }

    @Test("look-alike Cyrillic and Greek letters in a Latin name do not hide it")
    func lookalikes() {
        let cyrillicA = "H\u{0430}dia Hidden" // а
        let cyrillicCapitals = "\u{041D}ADIA \u{041D}IDDEN" // Н
        let cyrillicI = "Hadia H\u{0456}dden" // і
        let greek = "\u{0397}\u{03B1}dia \u{0397}idden" // Η α
        for text in [cyrillicA, cyrillicCapitals, cyrillicI, greek] {
            #expect(hadia.matches(text), "\(text.unicodeScalars.map { $0.value })")
            #expect(hadia.replacing(in: "x \(text) y") == "x [withheld] y")
        }
        #expect(NameSearch.fold(cyrillicA) == "hadia hidden")
        #expect(!hadia.matches("Hadia Hiddon"))
    }

    @Test("fullwidth, mathematical and ligature letters fold to plain letters")
    func compatibility() {
        #expect(hadia.matches("\u{FF28}\u{FF41}\u{FF44}\u{FF49}\u{FF41} \u{FF28}\u{FF49}\u{FF44}\u{FF44}\u{FF45}\u{FF4E}"))
        #expect(hadia.matches("\u{1D407}\u{1D41A}\u{1D41D}\u{1D422}\u{1D41A} Hidden"))
        #expect(replacing("Safiya", in: "Sa\u{FB01}ya spoke") == "[withheld] spoke")
        #expect(NameSearch.fold("\u{FF33}\u{FF41}\u{FF52}\u{FF41}\u{FF42}\u{FF49}") == "sarabi")
    }

    @Test("a genuine Cyrillic or Greek name matches itself in another case")
    func otherScripts() {
        let olena = NameSearch([.init("Олена Коваль", replacement: "[withheld]")])
        #expect(olena.matches("ОЛЕНА КОВАЛЬ выступила"))
        #expect(olena.replacing(in: "ОЛЕНА КОВАЛЬ выступила") == "[withheld] выступила")
        #expect(olena.matches("олена коваль"))
        #expect(!olena.matches("Олена Ковальчук"))
        #expect(replacing("Νίκος", in: "ο ΝΙΚΟΣ μίλησε") == "ο [withheld] μίλησε")
    }

    @Test("text outside a match is kept byte for byte, odd characters included")
    func surroundings() {
        let before = "Caf\u{0065}\u{0301} \u{FB01}\u{FEFF} \u{FF38}\u{00A0}\u{00A0}\u{200B}«"
        let after = "»\r\n\u{202E}x\u{2028} A\u{030A}"
        let result = hadia.replacing(in: before + "hadia\u{00A0}HIDDEN" + after)
        #expect(Array(result.utf8) == Array((before + "[withheld]" + after).utf8))
        let untouched = before + "Hadia Hiddens" + after
        #expect(Array(hadia.replacing(in: untouched).utf8) == Array(untouched.utf8))
    }

    @Test("the longest needle wins where two start at the same place")
    func longest() {
        let search = NameSearch([.init("Hidden", replacement: "[surname]"), .init("Hadia Hidden", replacement: "[name]")])
        let found = search.ranges(in: "Hadia Hidden spoke")
        #expect(found.count == 1)
        #expect(found.first?.needle == 1)
        #expect(search.replacing(in: "Hadia Hidden spoke") == "[name] spoke")
        #expect(search.replacing(in: "Hadia Hidden, then Ms Hidden") == "[name], then Ms [surname]")
        let samePlace = NameSearch([.init("Hadia", replacement: "[first name]"), .init("Hadia Hidden", replacement: "[name]")])
        #expect(samePlace.ranges(in: "Hadia Hidden spoke").map(\.needle) == [1])
        #expect(samePlace.replacing(in: "Hadia Hidden spoke, Hadia Hiddens too") == "[name] spoke, [first name] Hiddens too")
    }

    @Test("several matches in one text each take their own needle's replacement")
    func several() {
        let search = NameSearch([.init("Hadia Hidden", replacement: "a delegate"),
                                 .init("Omar Quiet", replacement: "an observer"),
                                 .init("omar.quiet@example.org", replacement: "[email]")])
        let text = "Hadia Hidden met OMAR QUIET (omar.quiet@example.org); hadia hidden left."
        #expect(search.replacing(in: text) == "a delegate met an observer ([email]); a delegate left.")
        let found = search.ranges(in: text)
        #expect(found.map(\.needle) == [0, 1, 2, 0])
        #expect(found.map { String(text[$0.range]) } == ["Hadia Hidden", "OMAR QUIET", "omar.quiet@example.org", "hadia hidden"])
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
    }

    @Test("emoji and combining sequences elsewhere in the text keep the ranges right")
    func emoji() {
        let text = "👩🏽‍⚕️ e\u{0301}\u{0302} 🇺🇦🇵🇸 Hadia Hidden 👨‍👩‍👧‍👦 a\u{0308}\u{20DD} ok"
        let found = hadia.ranges(in: text)
        #expect(found.count == 1)
        #expect(found.first.map { String(text[$0.range]) } == "Hadia Hidden")
        #expect(Array(hadia.replacing(in: text).utf8) ==
                Array("👩🏽‍⚕️ e\u{0301}\u{0302} 🇺🇦🇵🇸 [withheld] 👨‍👩‍👧‍👦 a\u{0308}\u{20DD} ok".utf8))
    }

    @Test("a 50,000-character word with no match is returned unchanged")
    func longWord() {
        let word = String(repeating: "HadiaHidden", count: 4_546).prefix(50_000)
        let needles = (0..<1_000).map { NameSearch.Needle("Hadia\($0) Hidden", replacement: "[withheld]") }
        let search = NameSearch(needles + [.init("Hadia", replacement: "[withheld]"), .init("Hidden", replacement: "[withheld]")])
        #expect(word.count == 50_000)
        #expect(search.replacing(in: String(word)) == String(word))
        #expect(!search.matches(String(word)))
        #expect(search.replacing(in: String(word) + " Hidden") == String(word) + " [withheld]")
    }

    @Test("needles that fold to nothing are ignored, and a repeated needle takes the first replacement")
    func emptyNeedles() {
        let search = NameSearch([.init("", replacement: "x"), .init(" \t", replacement: "x"), .init("\u{200B}", replacement: "x")])
        #expect(!search.matches("any text at all \u{200B}"))
        #expect(search.replacing(in: "any text  ") == "any text  ")
        #expect(NameSearch([]).ranges(in: "Hadia Hidden").isEmpty)
        let repeated = NameSearch([.init("", replacement: "x"), .init("Hadia Hidden", replacement: "[first]"),
                                   .init("HADIA HIDDEN", replacement: "[second]")])
        #expect(repeated.replacing(in: "Hadia Hidden") == "[first]")
        #expect(repeated.ranges(in: "Hadia Hidden").map(\.needle) == [1])
    }

    @Test("typographic apostrophes and dashes match their plain forms")
    func punctuation() {
        #expect(replacing("Aoife O'Brien", in: "Aoife O’Brien spoke") == "[withheld] spoke")
        #expect(replacing("Aoife O’Brien", in: "AOIFE O`BRIEN spoke") == "[withheld] spoke")
        #expect(replacing("Jean-Luc Mbeki", in: "Jean–Luc Mbeki, Jean—Luc Mbeki") == "[withheld], [withheld]")
    }

    @Test("names in scripts written without spaces are found next to other letters")
    func unspacedScripts() {
        #expect(replacing("王芳", in: "王芳说") == "[withheld]说")
        #expect(replacing("김민수", in: "김민수가 말했다") == "[withheld]가 말했다")
    }

    @Test("the folded form is what names are compared by")
    func fold() {
        #expect(NameSearch.fold("  Habiba\u{00A0}\u{00A0}SARABÍ ") == "habiba sarabi")
        #expect(NameSearch.fold("Ha\u{200B}dia\tHid\u{00AD}den") == "hadia hidden")
        #expect(NameSearch.fold("Straße") == NameSearch.fold("STRASSE"))
        #expect(NameSearch.fold("Søren") == "soren")
    }
}
