import Foundation

/// How agendas name the languages Convene prints in: by code (`fr`, `fa-AF`, in any case), or
/// by the names people write (`dari`, `Français`, `русский`), which `convene check` reads as
/// the code with a warning ([language-name]).
extension SheetLanguage {
    /// The language of a code, in any case and with `_` or `-`: `fr`, `FR`, `fa-AF`, `fa_af`,
    /// `prs` (Dari's ISO 639-3 code). A code with a region or script (`es-CO`, `ar-EG`) is its
    /// language's; Persian is Dari only in Afghanistan (`fa-AF`), so `fa` and `fa-IR` are not.
    public init?(code: String) {
        let parts = code.trimmingCharacters(in: .whitespaces).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.lowercased() }
        guard let primary = parts.first, parts.dropFirst().allSatisfy({ (2...4).contains($0.count) && $0.allSatisfy(\.isASCII) }) else { return nil }
        switch primary {
        case "prs": self = .faAF
        case "fa": if parts.dropFirst().contains("af") { self = .faAF } else { return nil }
        default:
            guard let language = SheetLanguage(rawValue: primary), language != .faAF else { return nil }
            self = language
        }
    }

    /// The language a name stands for, as people write it in any case and with or without
    /// accents: "dari", "دری", "pashto", "arabic", "français", "español", "русский", "english".
    public init?(name: String) {
        guard let language = Self.byName[Self.folded(name)] else { return nil }
        self = language
    }

    /// How an agenda's `languages:` entry reads: a code or a name of a language Convene prints
    /// in; `nil` for another language (`nl`, `lingala`).
    public init?(written: String) {
        guard let language = SheetLanguage(code: written) ?? SheetLanguage(name: written) else { return nil }
        self = language
    }

    /// The language of an agenda's sheets: the first of its languages Convene prints in, or
    /// English.
    public static func preferred(in languages: [String]) -> SheetLanguage {
        first(in: languages) ?? .en
    }

    /// The first of `languages` (codes such as `uk` in any case, or names) Convene prints in, if any.
    public static func first(in languages: [String]) -> SheetLanguage? {
        languages.lazy.compactMap { SheetLanguage(written: $0) }.first
    }

    /// Each language of `languages` Convene prints in, once, in their order.
    public static func all(in languages: [String]) -> [SheetLanguage] {
        var found: [SheetLanguage] = []
        for language in languages.compactMap({ SheetLanguage(written: $0) }) where !found.contains(language) { found.append(language) }
        return found
    }

    /// Every name CLDR (and scripts/cldr-data.py) gives the languages, folded.
    private static let byName: [String: SheetLanguage] = {
        var names: [String: SheetLanguage] = [:]
        for language in allCases {
            for name in language.format.names { names[folded(name)] = language }
        }
        return names
    }()

    /// A name without case, accents or the spacing of its words, and with the Arabic letters
    /// that Persian writes otherwise (ي ك) in their Persian form, so that "دري" is "دری".
    static func folded(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "\u{064A}", with: "\u{06CC}").replacingOccurrences(of: "\u{0643}", with: "\u{06A9}")
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
