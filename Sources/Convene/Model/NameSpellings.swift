/// A name written in several scripts (`names: { arab: …, latn: … }`): each spelling is printed
/// where its script is, and every spelling is withheld where the person may not be named.
extension Person {
    /// Every way the person's name is written: `name` first, then each of `names`.
    public var spellings: [String] {
        var all = [name]
        for script in names.keys.sorted() {
            if let spelling = names[script], !all.contains(spelling) { all.append(spelling) }
        }
        return all.filter { !$0.trimmingSpaces.isEmpty }
    }

    /// The name as written in `script` (an ISO 15924 code such as `arab`, `latn`, `cyrl`),
    /// else `name`.
    public func name(inScript script: String) -> String {
        names.first { $0.key.lowercased() == script.lowercased() }?.value ?? name
    }
}

extension SheetLanguage {
    /// The script the language is printed in (ISO 15924, lower case): `latn`, `cyrl`, `arab`.
    public var script: String {
        let base = rawValue.lowercased().split(separator: "-").first.map(String.init) ?? rawValue.lowercased()
        switch base {
        case "uk", "ru", "be", "bg", "sr", "mk", "kk", "ky", "tg": return "cyrl"
        case "ar", "fa", "prs", "ps", "ur", "ku": return "arab"
        default: return "latn"
        }
    }
}
