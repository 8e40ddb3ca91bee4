/// A table that spells Cyrillic in Latin letters, for an id made from a title.
///
/// Ukrainian is spelled by the national table of 2010 (Cabinet of Ministers resolution No. 55
/// of 27 January 2010), Russian by the ICAO Doc 9303 table that Russian passports use since
/// 2013. Both give plain ASCII letters, so nothing is lost to a dropped mark.
public enum CyrillicRomanization: Sendable, Equatable {
    /// The Ukrainian national table of 2010: `Київ` is `Kyiv`, `Згорани` is `Zghorany`.
    case ukrainian
    /// The ICAO Doc 9303 table, as in Russian passports: `Юрий` is `Iurii`.
    case russian

    /// The letters only Ukrainian has (`і ї є ґ`), and those only Russian has (`ы э ъ ё`).
    static let onlyUkrainian: Set<Unicode.Scalar> = ["і", "ї", "є", "ґ", "І", "Ї", "Є", "Ґ"]
    static let onlyRussian: Set<Unicode.Scalar> = ["ы", "э", "ъ", "ё", "Ы", "Э", "Ъ", "Ё"]

    /// The table for `text`: Ukrainian when it has a letter only Ukrainian has and none only
    /// Russian has; Russian for any other Cyrillic text, ambiguous text included.
    public static func table(for text: String) -> CyrillicRomanization {
        let scalars = text.unicodeScalars
        let ukrainian = scalars.contains(where: onlyUkrainian.contains)
        let russian = scalars.contains(where: onlyRussian.contains)
        return ukrainian && !russian ? .ukrainian : .russian
    }

    /// Whether `scalar` is a letter of the Cyrillic blocks (a letter of neither language too).
    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x052F).contains(scalar.value) || (0x1C80...0x1C8F).contains(scalar.value)
            || (0x2DE0...0x2DFF).contains(scalar.value) || (0xA640...0xA69F).contains(scalar.value)
    }

    /// The Latin spelling of the lowercase letter `letter`, or nil when the table has no such
    /// letter. `atWordStart` says that no letter comes before it in its word (an apostrophe
    /// inside a word does not end the word); `previous` is the letter just before it, if any.
    public func latin(_ letter: Unicode.Scalar, atWordStart: Bool, after previous: Unicode.Scalar?) -> String? {
        switch self {
        case .ukrainian: ukrainian(letter, atWordStart: atWordStart, after: previous)
        case .russian: Self.russianLetters[letter]
        }
    }

    private func ukrainian(_ letter: Unicode.Scalar, atWordStart: Bool, after previous: Unicode.Scalar?) -> String? {
        switch letter {
        // The resolution's own examples: Єнакієве → Yenakiieve, Їжакевич → Yizhakevych,
        // Йосипівка → Yosypivka, Юрій → Yurii, Яготин → Yahotyn; inside a word: ie, i, i, iu, ia.
        case "є": atWordStart ? "ye" : "ie"
        case "ї": atWordStart ? "yi" : "i"
        case "й": atWordStart ? "y" : "i"
        case "ю": atWordStart ? "yu" : "iu"
        case "я": atWordStart ? "ya" : "ia"
        // зг is zgh (Згорани → Zghorany), to tell it from zh (ж).
        case "г": previous == "з" ? "gh" : "h"
        default: Self.ukrainianLetters[letter]
        }
    }

    /// The letters whose spelling does not depend on their place.
    private static let ukrainianLetters: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "y",
        "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ь": "",
    ]

    private static let russianLetters: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    ]
}
