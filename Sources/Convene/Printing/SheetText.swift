/// Agenda text made safe to place in any sheet: one line per value, with nothing that could
/// move or hide the text around it.
enum SheetText {
    /// `text` as one line: line breaks and tabs become spaces, runs of spaces one space,
    /// control characters and bidirectional embeddings, overrides and isolates are removed
    /// (the marks U+200E and U+200F stay: they cannot reorder what follows them).
    /// ``line(_:)`` for a value that may be missing; nil when nothing is left.
    static func optionalLine(_ text: String?) -> String? {
        text.map(line).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func line(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if isRemoved(scalar) { continue }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// The paragraphs of `text`, each as one line. Where the text has blank lines, they
    /// separate paragraphs and single line breaks only wrap (a literal `|` block); where it
    /// has none, each line is a paragraph (a folded `>` block, whose blank lines YAML has
    /// turned into single line breaks).
    static func paragraphs(_ text: String?) -> [String] {
        guard let text else { return [] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let filled = lines.indices.filter { !lines[$0].allSatisfy(\.isWhitespace) }
        let blankInside = filled.count > 1 && (filled[0]...filled[filled.count - 1]).contains { lines[$0].allSatisfy(\.isWhitespace) }
        guard blankInside else {
            return lines.map { line(String($0)) }.filter { !$0.isEmpty }
        }
        var paragraphs: [String] = []
        var current = ""
        for raw in lines {
            if raw.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(line(current)) }
                current = ""
            } else {
                current += " " + raw
            }
        }
        if !current.isEmpty { paragraphs.append(line(current)) }
        return paragraphs.filter { !$0.isEmpty }
    }

    /// `text` as one line, or `nil` when nothing printable is left.
    static func optional(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = line(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// `text` (already one line) as the inside of a CSS string: letters, digits, marks and
    /// spaces as they are, every other character as a CSS escape (`\26 ` for `&`). What is
    /// left holds none of the characters HTML escaping changes, and none that could close the
    /// string, the rule or the `<style>` element.
    static func cssString(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark:
                result.unicodeScalars.append(scalar)
            default:
                if scalar == " " { result += " " } else { result += "\\" + String(scalar.value, radix: 16) + " " }
            }
        }
        return result
    }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069: return true  // embeddings, overrides, isolates
        case 0x200E, 0x200F: return false
        default: return scalar.properties.generalCategory == .control
        }
    }
}
