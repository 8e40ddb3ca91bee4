import Yams

extension AgendaDecoder {
    /// An item of a `languages:` list. A language Convene prints in written by its name
    /// ("dari", "Français", "русский") is read as its code (`fa-AF`, `fr`, `ru`), with a warning
    /// that suggests the code; every code, and any other language (`nl`, `lingala`), is kept
    /// as written (`prs` and `FR` are read as Dari and French wherever a language is chosen).
    func language(_ node: Node, _ path: SourcePath, person: PersonID? = nil) -> String? {
        guard let written = scalarText(node, path) else { return nil }
        guard SheetLanguage(code: written) == nil, let language = SheetLanguage(name: written) else { return written }
        let other = language == .faAF ? " (or prs)" : ""
        diagnostics.warning(Self.location(of: node),
                            "'\(written.trimmingSpaces)' is read as the language code '\(language.rawValue)' (\(language.englishName))",
                            hint: "write the code \(language.rawValue)\(other), as convene reads it", code: .languageName, person: person)
        return language.rawValue
    }
}
