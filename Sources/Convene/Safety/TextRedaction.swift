import Foundation

/// Keeps hidden people's names out of the organisers' own text (titles, introduction,
/// questions) in what an audience sees: a title such as "Keynote by Hadia Hidden" would
/// otherwise print a name that the speaker lists leave out.
///
/// A person the audience may not name in a session has their name and email replaced, as
/// whole words and whatever their case or accents, by their `described_as` wording (or
/// "[withheld]") in that session's text; in the event's own text, the people the audience may
/// not name at the event's rule. `convene check` warns about such text too, so that organisers
/// can write it without the name.
public struct TextRedaction: Sendable {
    /// What text prints instead of a name without a description.
    public static let placeholder = "[withheld]"

    let disclosure: Disclosure
    let people: [Person]

    public init(disclosure: Disclosure, people: [Person]) {
        self.disclosure = disclosure
        self.people = people.filter { !$0.name.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// `text` with the name and email of everyone the audience may not name in `session` (or
    /// at the event's rule, for `nil`) replaced.
    public func clean(_ text: String, in session: Session?) -> String {
        var result = text
        for person in people where !disclosure.mayName(person, in: session) {
            let replacement = person.describedAs ?? Self.placeholder
            for needle in [person.name, person.email].compactMap({ $0?.trimmingCharacters(in: .whitespaces) }) where !needle.isEmpty {
                result = Self.replacingWholeWords(needle, in: result, with: replacement)
            }
        }
        return result
    }

    /// `text` with every whole-word occurrence of `needle` (in any case, with or without
    /// accents) replaced.
    public static func replacingWholeWords(_ needle: String, in text: String, with replacement: String) -> String {
        var result = "", rest = text[...]
        while let range = rest.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) {
            let before = range.lowerBound == rest.startIndex ? result.last : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound == rest.endIndex ? nil : rest[range.upperBound]
            let whole = !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false)
            result += rest[..<range.lowerBound]
            result += whole ? replacement : String(rest[range])
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Whether `needle` stands in `text` as whole words, in any case, with or without accents.
    public static func contains(_ needle: String, in text: String) -> Bool {
        replacingWholeWords(needle, in: text, with: "\u{0}") != text
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
