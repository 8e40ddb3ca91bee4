import Mustache

/// Plain text needs no escaping: agenda text reaches templates as single lines without tabs.
struct PlainTextContent: MustacheContentType {
    func escapeText(_ text: String) -> String { text }
}

/// Markdown escaping: every character that could start emphasis, a link, code, an HTML tag,
/// an entity, a table cell or, at the start of a line, a heading, list or quote is escaped
/// with a backslash, so agenda text always reads as the words it is. Characters that cannot
/// act as markup where they stand (`_` inside a word, `&` not starting an entity, `+10`) are
/// left alone, so the Markdown stays readable as text.
struct MarkdownContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (position, character) in characters.enumerated() {
            let before = position > 0 ? characters[position - 1] : " "
            let after = position + 1 < characters.count ? characters[position + 1] : " "
            let escape: Bool
            switch character {
            case "\\", "`", "*", "[", "]", "<", ">", "|", "~": escape = true
            case "_": escape = !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
            case "&":
                let name = characters[(position + 1)...].prefix { $0.isLetter || $0.isNumber || $0 == "#" }
                escape = !name.isEmpty && characters.count > position + 1 + name.count && characters[position + 1 + name.count] == ";"
            case "#": escape = true  // a heading's mark at the start, its closing run at the end
            case "+", "-", "=":
                // A list item, a setext underline or a thematic break ("---") at the start.
                escape = position == 0 && (after == " " || after == character || position + 1 == characters.count || character == "=")
            default: escape = false
            }
            if escape { result.append("\\") }
            result.append(character)
        }
        // "1. " at the start would begin a numbered list.
        if let mark = result.firstIndex(where: { !$0.isNumber }), mark != result.startIndex, result[mark] == "." || result[mark] == ")" {
            let next = result.index(after: mark)
            if next == result.endIndex || result[next] == " " { result.insert("\\", at: mark) }
        }
        return result
    }
}

/// The view as the template engine should see it: structures as dictionaries holding every
/// property, with an absent value (`nil`) as an explicit null. Mustache looks a name up in
/// the enclosing objects when the current one lacks it; an explicit null stops that, so a
/// speaker without a title never shows the segment's title in its place.
enum TemplateValue {
    static func tree(of value: Any) -> Any {
        if value is String || value is Int || value is Bool { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return Absent() }
            return tree(of: wrapped.value)
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label { fields[label] = tree(of: child.value) }
            }
            return fields
        case .collection, .set:
            return mirror.children.map { tree(of: $0.value) }
        default:
            return value
        }
    }

    /// A value that is there but empty: it renders as nothing and is false in a section.
    struct Absent: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }
}
