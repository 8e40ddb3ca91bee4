import Foundation

/// Ids for imported people, made from their names as ids must be written (ASCII letters,
/// digits and `-`, at most 64 characters) and unique in the file, also in case: ids name files.
///
/// A name in another script is written in Latin letters first: `Марія Шевчук` is
/// `maria-sevcuk`, `Zoë Müller` is `zoe-muller`. A name already taken gets `-2`, `-3`, …
struct PersonIDs: Sendable {
    /// Every id in use, in lower case.
    private var taken: Set<String>

    init(existing: some Sequence<String>) {
        taken = Set(existing.map { $0.lowercased() })
    }

    /// Records an id given in the sheet, so that no made id takes it.
    mutating func claim(_ id: String) {
        taken.insert(id.lowercased())
    }

    /// A new id for someone called `name`; `fallback` when the name gives no letters or digits.
    mutating func make(from name: String, fallback: String) -> String {
        var base = Self.slug(name)
        if base.isEmpty { base = fallback }
        var id = base
        var number = 2
        while taken.contains(id.lowercased()) {
            id = "\(base)-\(number)"
            number += 1
        }
        taken.insert(id.lowercased())
        return id
    }

    /// The longest a made id is before a number is added, so that it stays within 64.
    static let maximumLength = 48

    /// `name` in lower-case ASCII letters and digits, words joined by `-`; apostrophes are
    /// dropped (`O'Brien` is `obrien`).
    static func slug(_ name: String) -> String {
        let latin = name.applyingTransform(StringTransform(rawValue: "Any-Latin; Latin-ASCII; Lower"), reverse: false) ?? name.lowercased()
        var slug = ""
        for scalar in latin.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if slug.count >= maximumLength { break }
                slug.unicodeScalars.append(scalar)
            } else if "'’ʼ`".unicodeScalars.contains(scalar) {
                continue
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }
}
