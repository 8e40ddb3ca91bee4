import Foundation

/// Finds names in text as a reader would see them: as whole words, whatever their case,
/// accents, spacing, invisible characters, compatibility forms or look-alike letters from
/// other scripts.
///
/// Needles and text are folded the same way (see ``fold(_:)``); a match found in the folded
/// text is mapped back to the range of the original text it came from, so that a replacement
/// covers everything a reader would read as the name and leaves the rest untouched.
public struct NameSearch: Sendable {
    /// One thing to find, and what stands in its place.
    public struct Needle: Sendable, Equatable {
        /// The name (or email, or other wording) to find.
        public var text: String
        /// What the text prints instead of the name.
        public var replacement: String

        /// A needle that finds `text` and puts `replacement` in its place.
        public init(_ text: String, replacement: String) {
            self.text = text
            self.replacement = replacement
        }
    }

    /// The needles as given, for their replacements.
    let needles: [Needle]
    /// The folded needles as a trie: the child of a node for a scalar, keyed by `edgeKey`.
    let edges: [UInt64: Int]
    /// For each trie node, the first needle whose folded text ends there, or -1.
    let endings: [Int]

    /// A search for `needles`; needles that fold to nothing are ignored.
    /// Whether a needle must stand as whole words (`true`), or counts anywhere, inside a longer
    /// word too (`false`: for links, where names are run together, `HadiaHiddenBriefing`).
    public let wholeWords: Bool

    public init(_ needles: [Needle], wholeWords: Bool = true) {
        self.needles = needles
        self.wholeWords = wholeWords
        var edges: [UInt64: Int] = [:]
        var endings = [-1]
        for (number, needle) in needles.enumerated() {
            let scalars = Self.trimmed(Self.folded(needle.text).scalars)
            guard !scalars.isEmpty else { continue }
            var node = 0
            for scalar in scalars {
                let key = Self.edgeKey(node, scalar)
                if let next = edges[key] {
                    node = next
                } else {
                    edges[key] = endings.count
                    node = endings.count
                    endings.append(-1)
                }
            }
            if endings[node] < 0 { endings[node] = number }
        }
        self.edges = edges
        self.endings = endings
    }

    /// Whether any needle stands in `text` as whole words.
    public func matches(_ text: String) -> Bool {
        !search(text, firstOnly: true).isEmpty
    }

    /// The ranges of `text` (indices of the original string) where a needle stands, with the
    /// index of its needle: the longest needle first at each place, non-overlapping, in order.
    public func ranges(in text: String) -> [(range: Range<String.Index>, needle: Int)] {
        search(text, firstOnly: false)
    }

    /// `text` with each match replaced by its needle's replacement; the rest of the text
    /// unchanged, byte for byte.
    public func replacing(in text: String) -> String {
        let found = search(text, firstOnly: false)
        guard !found.isEmpty else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var kept = text.startIndex
        for match in found {
            result += text[kept..<match.range.lowerBound]
            result += needles[match.needle].replacement
            kept = match.range.upperBound
        }
        result += text[kept...]
        return result
    }

    /// The folded form used for comparison (exposed for tests and for callers that compare
    /// names): compatibility forms and accents undone, invisible characters dropped, spaces
    /// made single and trimmed, look-alike letters made Latin, lower case.
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for value in trimmed(folded(text).scalars) {
            if let scalar = Unicode.Scalar(value) { result.append(scalar) }
        }
        return String(result)
    }
}

// MARK: - Searching

extension NameSearch {
    /// The trie key for the edge from `node` by `scalar` (scalars take 21 bits).
    static func edgeKey(_ node: Int, _ scalar: UInt32) -> UInt64 {
        UInt64(node) << 21 | UInt64(scalar)
    }

    /// The matches in `text`, stopping at the first one if `firstOnly`.
    func search(_ text: String, firstOnly: Bool) -> [(range: Range<String.Index>, needle: Int)] {
        guard endings.count > 1, !text.isEmpty else { return [] }
        let folded = Self.folded(text)
        let scalars = folded.scalars
        let kinds = scalars.map(Self.kind)
        let count = scalars.count
        var found: [(range: Range<String.Index>, needle: Int)] = []
        var start = 0
        while start < count {
            if wholeWords, start > 0, !Self.isEdge(kinds[start - 1], kinds[start]) {
                start += 1
                continue
            }
            var node = 0, end = start, bestEnd = -1, bestNeedle = -1
            while end < count, let next = edges[Self.edgeKey(node, scalars[end])] {
                node = next
                end += 1
                let needle = endings[node]
                if needle >= 0, !wholeWords || end == count || Self.isEdge(kinds[end - 1], kinds[end]) {
                    bestEnd = end
                    bestNeedle = needle
                }
            }
            guard bestEnd > start else {
                start += 1
                continue
            }
            let lower = folded.starts[start], upper = folded.ends[bestEnd - 1]
            if let last = found.last, lower < last.range.upperBound {
                // Two matches folded out of one original character: one range covers both.
                found[found.count - 1].range = last.range.lowerBound..<max(upper, last.range.upperBound)
            } else {
                found.append((lower..<upper, bestNeedle))
            }
            if firstOnly { break }
            start = bestEnd
        }
        return found
    }

    /// A folded scalar that is not part of a word.
    static let nonWord: UInt8 = 0
    /// A letter, digit or spacing mark of a script written with spaces between words.
    static let word: UInt8 = 1
    /// A letter of a script written without spaces between words, or whose words take
    /// endings without a space (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar, Tibetan).
    static let unspacedWord: UInt8 = 2
    /// A digit: a name next to a number (`%20Hidden`, `room2Hidden`, in a link) still stands
    /// as a word, so letters and digits meet at an edge.
    static let digit: UInt8 = 3

    /// Whether a word may begin or end between scalars of kinds `before` and `after`.
    static func isEdge(_ before: UInt8, _ after: UInt8) -> Bool {
        before != after || before == nonWord || before == unspacedWord
    }

    /// The kind of a folded scalar, for word edges.
    static func kind(_ value: UInt32) -> UInt8 {
        if value < 0x80 {
            switch value {
            case 0x30...0x39: return digit
            case 0x61...0x7A: return word
            default: return nonWord
            }
        }
        guard let scalar = Unicode.Scalar(value) else { return nonWord }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber:
            return digit
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .spacingMark:
            break
        default:
            return nonWord
        }
        switch value {
        case 0x0E00...0x0EFF, // Thai, Lao
             0x0F00...0x0FFF, // Tibetan
             0x1000...0x109F, 0xA9E0...0xA9FF, 0xAA60...0xAA7F, // Myanmar
             0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7FF, // Hangul
             0x1780...0x17FF, 0x19E0...0x19FF, // Khmer
             0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3038...0x303B, // Han marks
             0x3040...0x30FF, 0x31F0...0x31FF, // kana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: // Han
            return unspacedWord
        default:
            return word
        }
    }
}

// MARK: - Folding

extension NameSearch {
    /// Folded text: its scalars, and for each the original range it came from.
    struct Folded {
        var scalars: [UInt32] = []
        var starts: [String.Index] = []
        var ends: [String.Index] = []
    }

    /// `scalars` without the spaces at either end.
    static func trimmed(_ scalars: [UInt32]) -> [UInt32] {
        guard let first = scalars.firstIndex(where: { $0 != 0x20 }),
              let last = scalars.lastIndex(where: { $0 != 0x20 }) else { return [] }
        return Array(scalars[first...last])
    }

    /// `text` folded one character at a time, each folded scalar remembering the original
    /// character it came from; a run of whitespace becomes one space covering the whole run.
    static func folded(_ text: String) -> Folded {
        var result = Folded()
        let capacity = text.utf8.count
        result.scalars.reserveCapacity(capacity)
        result.starts.reserveCapacity(capacity)
        result.ends.reserveCapacity(capacity)
        var known: [Character: [UInt32]] = [:]
        var piece: [UInt32] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = text[index]
            piece.removeAll(keepingCapacity: true)
            if let ascii = character.asciiValue {
                if let value = foldedASCII(ascii) { piece.append(value) }
            } else if let cached = known[character] {
                piece = cached
            } else {
                foldCharacter(character, into: &piece)
                known[character] = piece
            }
            for value in piece {
                if value == 0x20, result.scalars.last == 0x20 {
                    result.ends[result.ends.count - 1] = next
                } else {
                    result.scalars.append(value)
                    result.starts.append(index)
                    result.ends.append(next)
                }
            }
            index = next
        }
        return result
    }

    /// An ASCII character folded: lower case, whitespace as a space, the backtick as an
    /// apostrophe, other control characters dropped.
    static func foldedASCII(_ ascii: UInt8) -> UInt32? {
        switch ascii {
        case 0x41...0x5A: return UInt32(ascii) + 0x20
        case 0x09...0x0D, 0x20: return 0x20
        case 0x60: return 0x27
        case 0x00...0x1F, 0x7F: return nil
        default: return UInt32(ascii)
        }
    }

    /// A character other than ASCII folded: compatibility decomposition, then marks and
    /// invisible characters dropped, whitespace as a space, lower case, look-alikes mapped.
    static func foldCharacter(_ character: Character, into piece: inout [UInt32]) {
        var source = String.UnicodeScalarView()
        for scalar in character.unicodeScalars {
            // Spacing accents used as apostrophes decompose to a space and a mark.
            if scalar.value == 0x00B4 || scalar.value == 0x1FFD {
                source.append("'")
            } else {
                source.append(scalar)
            }
        }
        for scalar in String(source).decomposedStringWithCompatibilityMapping.unicodeScalars {
            let properties = scalar.properties
            if properties.isWhitespace || scalar.value == 0x2800 {
                if piece.last != 0x20 { piece.append(0x20) }
                continue
            }
            if isInvisible(scalar) { continue }
            for lower in properties.lowercaseMapping.unicodeScalars where !isInvisible(lower) {
                if let lookalike = lookalikes[lower.value] {
                    piece.append(contentsOf: lookalike.unicodeScalars.map(\.value))
                } else {
                    piece.append(lower.value)
                }
            }
        }
    }

    /// Whether a scalar is dropped from folded text: marks that sit on a letter, format and
    /// control characters, default-ignorable characters, and the Arabic tatweel.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return true
        default:
            return scalar.properties.isDefaultIgnorableCodePoint || scalar.value == 0x0640
        }
    }

    /// Letters and punctuation that look like (or are spelling variants of) a Latin letter
    /// or ASCII mark, keyed by the lower-case scalar, and what they fold to.
    ///
    /// Mappings are chosen by glyph similarity. Because a mapping must hold for both cases of
    /// a letter (or a name in capitals would not match itself), where the capital and the
    /// small letter look like different Latin letters the capital wins: Greek Η, Ν, Μ, Υ and
    /// Cyrillic В, Н, М, Т fold to h, n, m, y, b, h, m, t. Letters already handled by the
    /// compatibility decomposition (ﬁ, ſ, fullwidth and mathematical letters, ї and ё,
    /// which are і and е with a mark) are not listed.
    static let lookalikes: [UInt32: String] = [
        // Cyrillic
        0x0430: "a", // а
        0x0432: "b", // в (В)
        0x0433: "r", // г
        0x0435: "e", // е
        0x043A: "k", // к
        0x043C: "m", // м (М)
        0x043D: "h", // н (Н)
        0x043E: "o", // о
        0x043F: "n", // п
        0x0440: "p", // р
        0x0441: "c", // с
        0x0442: "t", // т (Т)
        0x0443: "y", // у
        0x0445: "x", // х
        0x0455: "s", // ѕ
        0x0456: "i", // і
        0x0458: "j", // ј
        0x0461: "w", // ѡ
        0x0475: "v", // ѵ
        0x0493: "f", // ғ
        0x04AF: "y", // ү
        0x04BB: "h", // һ
        0x04CF: "i", // ӏ (palochka, Ӏ)
        0x0501: "d", // ԁ
        0x051B: "q", // ԛ
        0x051D: "w", // ԝ
        // Greek
        0x03B1: "a", // α
        0x03B2: "b", // β (Β)
        0x03B3: "y", // γ
        0x03B5: "e", // ε
        0x03B6: "z", // ζ (Ζ)
        0x03B7: "h", // η (Η)
        0x03B9: "i", // ι
        0x03BA: "k", // κ
        0x03BC: "m", // μ (Μ)
        0x03BD: "n", // ν (Ν)
        0x03BF: "o", // ο
        0x03C1: "p", // ρ
        0x03C2: "\u{03C3}", // ς, final sigma, as σ (case folding)
        0x03C4: "t", // τ (Τ)
        0x03C5: "y", // υ (Υ)
        0x03C7: "x", // χ
        0x03C9: "w", // ω
        0x03DD: "f", // ϝ (Ϝ)
        0x03F2: "c", // ϲ, lunate sigma
        0x03F3: "j", // ϳ
        // Armenian
        0x0570: "h", // հ
        0x0578: "n", // ո
        0x057D: "u", // ս
        0x0585: "o", // օ
        // Latin letters with a stroke or other shape that does not decompose
        0x00DF: "ss", // ß (case folding)
        0x00E6: "ae", // æ
        0x00F8: "o", // ø
        0x0111: "d", // đ
        0x0127: "h", // ħ
        0x0131: "i", // ı, dotless
        0x0142: "l", // ł
        0x0153: "oe", // œ
        0x0167: "t", // ŧ
        0x0180: "b", // ƀ
        0x01B6: "z", // ƶ
        0x01E5: "g", // ǥ
        0x0237: "j", // ȷ, dotless
        0x0251: "a", // ɑ
        0x0261: "g", // ɡ
        0x0268: "i", // ɨ
        0x0269: "i", // ɩ
        // Latin small capitals
        0x1D00: "a", 0x0299: "b", 0x1D04: "c", 0x1D05: "d", 0x1D07: "e", 0x0262: "g",
        0x029C: "h", 0x026A: "i", 0x1D0A: "j", 0x1D0B: "k", 0x029F: "l", 0x1D0D: "m",
        0x0274: "n", 0x1D0F: "o", 0x1D18: "p", 0x0280: "r", 0xA731: "s", 0x1D1B: "t",
        0x1D1C: "u", 0x1D20: "v", 0x1D21: "w", 0x028F: "y", 0x1D22: "z",
        // Arabic letters as typed on a Persian keyboard
        0x06A9: "\u{0643}", // ک as ك
        0x06CC: "\u{064A}", // ی as ي
        0x0649: "\u{064A}", // ى (alef maksura, a final yeh in Arabic spelling) as ي
        0x0629: "\u{0647}", // ة (teh marbuta) as ه, as Persian writes a name's ending
        0x06C1: "\u{0647}", // ہ as ه
        0x0623: "\u{0627}", 0x0625: "\u{0627}", 0x0622: "\u{0627}", 0x0671: "\u{0627}", // أ إ آ ٱ as ا
        // Apostrophes
        0x0060: "'", 0x00B4: "'", 0x02B9: "'", 0x02BB: "'", 0x02BC: "'",
        0x2018: "'", 0x2019: "'", 0x2032: "'",
        // Dashes and minus
        0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-",
        0x2212: "-",
    ]
}
