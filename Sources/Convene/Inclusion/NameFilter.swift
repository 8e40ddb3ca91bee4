/// Keeps people out of the text the inclusion report prints: titles written by the organisers
/// may name a speaker ("Keynote by Habiba Sarabi"), and a session id may carry a name.
///
/// The report names no one, but it must not withhold ordinary words either: first names such
/// as Peace, Justice, Amani and Salam are common among the people Convene serves, and an event
/// called "Women, Peace and Security" keeps its title. So a person whose visibility is public
/// is withheld as a name: the whole name, or two or more of its words in a row. For a hidden
/// person the filter leans towards withholding, and also catches the surname alone and the
/// local part of the e-mail address. Everyone's e-mail address and organisation are withheld
/// as written. Matching is done as ``NameSearch`` does it, so spacing, invisible characters,
/// look-alike letters and case do not let a name through.
struct NameFilter: Sendable {
    /// What titles print instead of a name.
    static let placeholder = "[withheld]"

    private let search: NameSearch
    /// The folded word sequences an id may not contain, each as its words.
    private let idSequences: [[String]]

    init(agenda: Agenda) {
        var texts = Set<String>(), sequences = Set<[String]>()
        for person in agenda.people {
            let parts = DisclosedTimeline.nameParts(person.name)
            for text in [person.name, person.email, person.organization].compactMap({ $0?.trimmingSpaces }) where !text.isEmpty {
                texts.insert(text)
            }
            if parts.count > 2 {
                for length in 2..<parts.count {
                    for start in 0...(parts.count - length) { texts.insert(parts[start..<(start + length)].joined(separator: " ")) }
                }
            }
            for length in 2...max(parts.count, 2) where parts.count >= length {
                for start in 0...(parts.count - length) { sequences.insert(parts[start..<(start + length)].map(NameSearch.fold)) }
            }
            if person.visibility != .public {
                if let surname = parts.last, parts.count > 1, surname.count >= 3 {
                    texts.insert(surname)
                    sequences.insert([NameSearch.fold(surname)])
                }
                if parts.count == 1, let only = parts.first { sequences.insert([NameSearch.fold(only)]) }
                if let email = person.email, let at = email.firstIndex(of: "@"), email.distance(from: email.startIndex, to: at) >= 3 {
                    texts.insert(String(email[..<at]))
                }
            }
        }
        search = NameSearch(texts.sorted().map { NameSearch.Needle($0, replacement: Self.placeholder) })
        idSequences = sequences.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
    }

    /// `text` on one line, with every name, address and organisation withheld.
    func clean(_ text: String) -> String {
        search.replacing(in: text.replacingOccurrences(of: "\n", with: " "))
    }

    /// `id`, unless its parts (split at `-`, `_`, `.`) carry a name as ``clean(_:)`` would
    /// withhold it (two or more words of a name in a row, or a hidden person's surname); then
    /// `fallback`.
    func clean(id: String, fallback: String) -> String {
        let parts = id.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).map { NameSearch.fold(String($0)) }
        for sequence in idSequences where sequence.count <= parts.count {
            for start in 0...(parts.count - sequence.count) where Array(parts[start..<(start + sequence.count)]) == sequence {
                return fallback
            }
        }
        return id
    }
}
