import Yams

/// Where new entries go in the text of a file's `people:` list, written as the file writes its
/// own: the same indentation, a blank line between entries where the file has them, its line
/// endings. Nothing else in the file is touched, so its comments, key order and layout stay.
///
/// The entries go after the list's last entry, before the comments and blank lines that lead
/// to the next key; a file without `people:` gets one at its end.
struct PeopleListText: Sendable {
    /// The file's lines, split at `\n` (a CRLF file's lines keep their `\r`).
    private var lines: [String]
    private let endsWithNewline: Bool
    private let carriageReturns: Bool
    /// Where the new lines go: after this many lines.
    private(set) var insertAfter: Int
    /// The column of the dash of each entry, from 0.
    private(set) var dashIndent = 2
    private var blankBetween = false
    /// Whether the file has no `people:`, so the key is added before the entries.
    private var addsKey = false

    /// The edit of `text`, whose composed tree is `root`; throws when the list is written in a
    /// way new lines cannot join (`people: [{...}]`, a file that is one `{...}`).
    init(text: String, root: Node) throws(Diagnostic) {
        // Split by scalars: "\r\n" is one Character, which a split at "\n" would not see.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
        endsWithNewline = text.unicodeScalars.last == "\n"
        if endsWithNewline { lines.removeLast() }
        self.lines = lines
        carriageReturns = text.contains("\r\n")
        insertAfter = lines.count
        // Yams gives a collection the style of its end, not its start: the text tells.
        func opens(_ mark: Mark?, with character: Unicode.Scalar) -> Bool {
            guard let mark, mark.line >= 1, mark.line <= lines.count else { return false }
            let scalars = Array(lines[mark.line - 1].unicodeScalars)
            return mark.column >= 1 && mark.column <= scalars.count && scalars[mark.column - 1] == character
        }
        guard case .mapping(let top) = root, !opens(top.mark, with: "{") else {
            throw Diagnostic(.error, at: .start, "the file is written as one mapping in braces ({ ... })",
                             hint: "write its keys as lines of 'key: value' to import people into it")
        }
        guard let (key, list) = top.first(where: { $0.key.string == "people" }), let keyLine = key.mark?.line else {
            addsKey = true
            return
        }
        let nextKeyLine = top.compactMap { $0.key.mark?.line }.filter { $0 > keyLine }.min() ?? lines.count + 1
        switch list {
        case .sequence(let entries) where !opens(entries.mark, with: "[") && !entries.isEmpty:
            dashIndent = max(0, (entries.mark?.column ?? 3) - 1)
            if entries.count > 1, let second = entries[1].mark?.line, let before = line(second - 1) {
                blankBetween = Self.isBlank(before)
            }
            // A '#' line indented deeper than an entry's keys is the text of a block scalar.
            let keyIndent = dashIndent + 2
            insertAfter = ((keyLine + 1)..<max(nextKeyLine, keyLine + 1)).last { number in
                line(number).map { !Self.isBlank($0) && !(Self.isComment($0) && Self.indent($0) <= keyIndent) } ?? false
            } ?? keyLine
        case .sequence(let entries) where entries.isEmpty && opens(entries.mark, with: "["):
            try removeEmptyValue(at: entries.mark, closing: "]")
            insertAfter = entries.mark?.line ?? keyLine
        case .scalar(let scalar) where ["", "~", "null", "Null", "NULL"].contains(scalar.string) && scalar.style == .plain:
            if !scalar.string.isEmpty { try removeEmptyValue(at: scalar.mark, length: scalar.string.unicodeScalars.count) }
            insertAfter = scalar.string.isEmpty ? keyLine : scalar.mark?.line ?? keyLine
        default:
            throw Diagnostic(.error, at: SourceLocation(line: list.mark?.line ?? keyLine, column: list.mark?.column ?? 1),
                             "the people: list is written in brackets ([ ... ])",
                             hint: "write each person as lines starting with '- ' to import people into it")
        }
    }

    /// The lines of one entry, each with the row and column of the sheet it came from.
    typealias Entry = [(text: String, origin: Origin)]
    typealias Origin = (row: Int, column: Int)

    /// The file with `entries` added, and where their lines are: the line (from 1) of the
    /// first, and for each line where in the sheet it came from (`nil` for a blank line or
    /// the `people:` key).
    func inserting(_ entries: [Entry]) -> (text: String, firstLine: Int, origins: [Origin?]) {
        var added: [(text: String, origin: Origin?)] = addsKey ? [("people:", nil)] : []
        for entry in entries {
            if blankBetween { added.append(("", nil)) }
            added += entry.map { ($0.text, $0.origin) }
        }
        let ending = carriageReturns ? "\r" : ""
        let after = min(insertAfter, lines.count)
        let result = lines[..<after] + added.map { $0.text + ending } + lines[after...]
        let text = result.joined(separator: "\n") + (endsWithNewline || after == lines.count ? "\n" : "")
        return (text, after + 1, added.map(\.origin))
    }

    /// What is inserted, on its own: what `--dry-run` shows.
    func added(_ entries: [Entry]) -> String {
        var text = addsKey ? "people:\n" : ""
        for entry in entries {
            if blankBetween, !text.isEmpty { text += "\n" }
            text += entry.map { $0.text + "\n" }.joined()
        }
        return text
    }

    /// Takes `[]`, `~` or `null` after `people:` out of its line, keeping a comment after it.
    private mutating func removeEmptyValue(at mark: Mark?, closing: Unicode.Scalar? = nil, length: Int = 1) throws(Diagnostic) {
        guard let mark, mark.line >= 1, mark.line <= lines.count else { return }
        let line = Array(lines[mark.line - 1].unicodeScalars)
        let start = mark.column - 1
        var end = start + length
        if let closing {
            guard let close = line[start...].firstIndex(of: closing) else {
                throw Diagnostic(.error, at: SourceLocation(line: mark.line, column: mark.column), "the empty people: list spans several lines",
                                 hint: "write people: on a line of its own to import people into it")
            }
            end = close + 1
        }
        guard start >= 0, end <= line.count else { return }
        var kept = String.UnicodeScalarView(line[..<start])
        kept.append(contentsOf: line[end...])
        lines[mark.line - 1] = String(kept)
    }

    /// The line numbered `number` (from 1), if the file has it.
    private func line(_ number: Int) -> String? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }
    private static func isComment(_ line: String) -> Bool { line.drop(while: \.isWhitespace).first == "#" }
    private static func indent(_ line: String) -> Int { line.prefix(while: { $0 == " " }).count }
}
