/// The id `convene new` gives a draft when no `--id` is given: the title's words in ASCII
/// letters and digits, joined by `-`, then `-YEAR` (`womens-participation-in-the-peace-process-2026`).
///
/// Latin letters lose their marks (`médiation` is `mediation`, `Straße` is `strasse`, `Łódź` is
/// `lodz`); Ukrainian and Russian are spelled by ``CyrillicRomanization``. A title in any other
/// script (Arabic, Persian, Pashto, Chinese, …) has no table Convene could spell it by, so no
/// id is made from it: ``Problem/unspellable(script:letter:example:)`` asks for one. An id
/// longer than an agenda's ids may be (``AgendaFormat/identifierPattern``) loses its last words,
/// whole, never part of one.
public enum DraftIdentifier {
    /// The longest id an agenda accepts.
    public static let maximumLength = 64

    /// Why no id can be made from a title.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The title has a letter of a script Convene does not spell in Latin letters, such as
        /// Arabic; `script` says which, in words (`letters of the Arabic script`), and
        /// `example` is an id the message offers for `--id`.
        case unspellable(script: String, letter: Character, example: String)
        /// The title's first word alone is longer than an id leaves room for.
        case wordTooLong(String, example: String)

        public var description: String {
            switch self {
            case .unspellable(let script, let letter, let example):
                "no id can be made from the title: it has \(script) ('\(letter)'), and convene spells only Latin letters and Ukrainian or Russian Cyrillic in an id — give the event's id with --id, e.g. --id \(example)"
            case .wordTooLong(let word, let example):
                "no id can be made from the title: its first word (\(word.count) letters) is longer than an id of at most \(DraftIdentifier.maximumLength) characters leaves room for — give the event's id with --id, e.g. --id \(example)"
            }
        }
    }

    /// The id for a draft of `template` titled `title` in `year`: the title's words, as many
    /// whole words as fit, then `-YEAR` (which the title's words then leave out, so that the
    /// year is not there twice). A title without a letter or digit gives the template's name.
    public static func make(title: String, year: Int, template: String) throws(Problem) -> String {
        let yearWord = String(year)
        let fallback = ((try? words(of: template)) ?? []).filter { $0 != yearWord }
        let room = maximumLength - yearWord.count - 1
        let example = [join(fallback, room: room), "peace-dialogue"].first { !$0.isEmpty }.map { $0 + "-" + yearWord } ?? ""
        var chosen: [String]
        do throws(Unspellable) {
            chosen = try words(of: title).filter { $0 != yearWord }
        } catch {
            throw .unspellable(script: error.script, letter: error.letter, example: example)
        }
        if chosen.isEmpty { chosen = fallback.isEmpty ? ["event"] : fallback }
        let id = join(chosen, room: room)
        guard !id.isEmpty else { throw .wordTooLong(chosen.first ?? "", example: example) }
        return id + "-" + yearWord
    }

    /// As many of `words` as fit in `room` characters, whole, joined by `-`.
    static func join(_ words: [String], room: Int) -> String {
        var joined = ""
        for word in words {
            let longer = joined.isEmpty ? word : joined + "-" + word
            guard longer.count <= room else { break }
            joined = longer
        }
        return joined
    }

    /// A letter with no spelling in ASCII, and the script it is of.
    struct Unspellable: Error {
        var script: String
        var letter: Character
    }

    /// The words of `text` in lowercase ASCII letters and digits. Letters and digits make words;
    /// apostrophes inside a word (`women's`, `Знам'янка`), marks and invisible format characters
    /// are left out; anything else (spaces, punctuation, symbols) parts words.
    static func words(of text: String) throws(Unspellable) -> [String] {
        let text = text.lowercased().precomposedStringWithCanonicalMapping
        let table = CyrillicRomanization.table(for: text)
        var words: [String] = []
        var word = ""
        // The letter just before, in the current word: Ukrainian spells some letters by it.
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if apostrophes.contains(scalar) { continue }
            switch scalar.properties.generalCategory {
            case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                guard let latin = spelling(of: scalar, table: table, after: previous) else {
                    throw Unspellable(script: script(of: scalar), letter: Character(scalar))
                }
                word += latin
                previous = scalar
            case .decimalNumber:
                // Other scripts' digits (٢٠٢٦, ２０２６) are the same numbers.
                word += scalar.properties.numericValue.map { String(Int($0)) } ?? ""
                previous = nil
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue
            default:
                if !word.isEmpty { words.append(word) }
                word = ""
                previous = nil
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// Apostrophes, which a word keeps nothing of: `'`, `’`, and the Ukrainian `ʼ` and `ʻ`.
    static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}", "\u{02BB}"]

    private static func spelling(of letter: Unicode.Scalar, table: CyrillicRomanization, after previous: Unicode.Scalar?) -> String? {
        guard CyrillicRomanization.isCyrillic(letter) else { return LatinFolding.ascii(letter) }
        // A title with letters of both languages is read as Russian; its і, ї, є and ґ keep
        // their Ukrainian spelling.
        return table.latin(letter, atWordStart: previous == nil, after: previous)
            ?? CyrillicRomanization.ukrainian.latin(letter, atWordStart: previous == nil, after: previous)
    }

    /// The script of a letter Convene cannot spell, in words for a message.
    static func script(of letter: Unicode.Scalar) -> String {
        if CyrillicRomanization.isCyrillic(letter) {
            return "a Cyrillic letter of neither Ukrainian nor Russian"
        }
        if LatinFolding.isLatin(letter) { return "a Latin letter with no spelling in ASCII" }
        let value = letter.value
        let name = scripts.first { $0.ranges.contains { $0.contains(value) } }?.name
        let code = String(value, radix: 16, uppercase: true)
        return name.map { "letters of the \($0) script" } ?? "a letter of another script, U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code),"
    }

    private static let scripts: [(name: String, ranges: [ClosedRange<UInt32>])] = [
        ("Arabic", [0x0600...0x06FF, 0x0750...0x077F, 0x0870...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF]),
        ("Hebrew", [0x0590...0x05FF, 0xFB1D...0xFB4F]),
        ("Greek", [0x0370...0x03FF, 0x1F00...0x1FFF]),
        ("Armenian", [0x0530...0x058F]),
        ("Syriac", [0x0700...0x074F]),
        ("Thaana", [0x0780...0x07BF]),
        ("Devanagari", [0x0900...0x097F]),
        ("Bengali", [0x0980...0x09FF]),
        ("Tamil", [0x0B80...0x0BFF]),
        ("Thai", [0x0E00...0x0E7F]),
        ("Tibetan", [0x0F00...0x0FFF]),
        ("Myanmar", [0x1000...0x109F]),
        ("Georgian", [0x10A0...0x10FF, 0x1C90...0x1CBF, 0x2D00...0x2D2F]),
        ("Hangul", [0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF]),
        ("Ethiopic", [0x1200...0x139F]),
        ("Khmer", [0x1780...0x17FF]),
        ("Mongolian", [0x1800...0x18AF]),
        ("Japanese kana", [0x3040...0x30FF, 0x31F0...0x31FF]),
        ("Han (Chinese)", [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF]),
    ]
}
