import Foundation

/// ASCII for the Latin letters of a title (`é` is `e`, `ß` is `ss`, `ø` is `o`, `ł` is `l`,
/// `ı` is `i`, `đ` is `d`), for an id made from it.
enum LatinFolding {
    /// The ASCII letters for the lowercase Latin letter `letter`, or nil when it is not a Latin
    /// letter, or one Convene cannot spell in ASCII.
    static func ascii(_ letter: Unicode.Scalar) -> String? {
        if letter.isASCII { return String(letter) }
        guard isLatin(letter) else { return nil }
        // Foundation takes off the marks (é, ğ, ş, ą, ạ, ễ) and folds widths and ligatures
        // (Ｗ, ﬁ); what it leaves are letters of their own, spelled by the table.
        let folded = String(letter).folding(options: [.diacriticInsensitive, .widthInsensitive, .caseInsensitive], locale: nil)
        var spelled = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII {
                spelled.unicodeScalars.append(scalar)
            } else if let letters = ownLetters[scalar] {
                spelled += letters
            } else {
                // The rarer letters of the Latin blocks (ǆ, ȼ, ɨ) as ICU's Latin-ASCII spells them.
                guard let transformed = String(scalar).applyingTransform(StringTransform("Latin-ASCII"), reverse: false),
                      transformed.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
                spelled += transformed
            }
        }
        spelled = spelled.lowercased()
        return spelled.unicodeScalars.allSatisfy(isASCIILetterOrDigit) ? spelled : nil
    }

    /// Latin letters that are not a plain letter with marks, which Foundation's folding keeps.
    /// The usual ASCII spellings (as ICU's Latin-ASCII has most of them), kept here so that an
    /// id does not depend on the ICU data at hand.
    static let ownLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "ı": "i", "đ": "d", "ð": "d",
        "þ": "th", "ħ": "h", "ŧ": "t", "ŋ": "ng", "ĸ": "q", "ŀ": "l", "ſ": "s", "ƒ": "f",
        "ĳ": "ij", "ə": "e", "ɛ": "e", "ɔ": "o", "ɓ": "b", "ɗ": "d", "ƙ": "k", "ƴ": "y",
        "ª": "a", "º": "o",
    ]

    /// Whether `scalar` is in one of the Latin blocks (beyond ASCII).
    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AA, 0x00BA, 0x00C0...0x024F, 0x0250...0x02AF, 0x1D00...0x1DBF, 0x1E00...0x1EFF,
             0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB06,
             0xFF21...0xFF3A, 0xFF41...0xFF5A:
            // × and ÷ sit among the letters of Latin-1 and are not letters.
            scalar.value != 0x00D7 && scalar.value != 0x00F7
        default:
            false
        }
    }

    static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
