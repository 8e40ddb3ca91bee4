import Foundation

/// Keeps people out of the text the inclusion report prints: titles written by the organisers
/// may name a speaker ("Keynote by Habiba Sarabi"), and a session id may carry a surname.
///
/// Every person's name, each word of it of three letters or more, their e-mail address and
/// their organisation are withheld wherever they stand as whole words, in any case.
struct NameFilter: Sendable {
    /// What titles print instead of a name.
    static let placeholder = "[withheld]"

    private let needles: [String]
    private let nameWords: Set<String>

    init(agenda: Agenda) {
        var needles = Set<String>(), words = Set<String>()
        for person in agenda.people {
            for text in [person.name, person.email, person.organization].compactMap({ $0?.trimmingSpaces }) where !text.isEmpty {
                needles.insert(text)
            }
            for word in person.name.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }) where word.count >= 3 {
                needles.insert(String(word))
                words.insert(word.lowercased())
            }
        }
        self.needles = needles.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        self.nameWords = words
    }

    /// `text` on one line, with every name, address and organisation withheld.
    func clean(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "\n", with: " ")
        for needle in needles { result = TextRedaction.replacingWholeWords(needle, in: result, with: Self.placeholder) }
        return result
    }

    /// `id`, unless one of its parts (split at `-`, `_`, `.`) is a word of someone's name;
    /// then `fallback`.
    func clean(id: String, fallback: String) -> String {
        let parts = id.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        return parts.contains { nameWords.contains(String($0)) } ? fallback : id
    }

}
