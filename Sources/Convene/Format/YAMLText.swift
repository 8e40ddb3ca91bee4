import Foundation
import Yams

/// Turns the bytes of an agenda or roster file into a YAML node tree, refusing what would make the
/// parser crash or stall: files too large to be agendas, bytes that are not UTF-8 text,
/// nesting deep enough to exhaust the stack, and anchors that expand without end.
enum YAMLText {
    /// Agenda files are a few kilobytes; anything beyond this is not an agenda.
    static let maximumSize = 4 * 1024 * 1024
    /// How long composing YAML that uses aliases may take before the file is given up on:
    /// a few seconds, and more for a larger file. YAML without aliases reads in linear time
    /// and has no deadline, so a busy machine cannot make a good file fail.
    static func deadline(for text: String) -> TimeInterval {
        5 + 10 * Double(text.utf8.count) / 1_048_576
    }

    /// What kind of file is read, for the messages: an agenda, a roster, or a print labels file.
    enum Document: String {
        case agenda
        case roster
        case labels

        /// "an agenda", "a roster", "a labels file".
        var withArticle: String {
            switch self {
            case .agenda: "an agenda"
            case .roster: "a roster"
            case .labels: "a labels file"
            }
        }

        /// How to start a file of this kind.
        var starter: String {
            switch self {
            case .agenda: "start one with 'convene new'"
            case .roster: "docs/rosters.md shows one"
            case .labels: "copy templates/labels/en.yaml and translate it"
            }
        }
    }

    enum Outcome {
        case document(Node, text: String)
        case empty
        case failure(Diagnostic)
    }

    /// Decodes, parses and composes `bytes`.
    static func compose(_ bytes: [UInt8], document: Document = .agenda) -> Outcome {
        guard bytes.count <= maximumSize else {
            return .failure(Diagnostic(.error, at: .start,
                "the file is larger than \(maximumSize / 1_048_576) MB, too large for \(document.withArticle)",
                hint: "check that this is the \(document.rawValue) file and not an export or an archive"))
        }
        let text: String
        switch decode(bytes, document: document) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        if text.allSatisfy({ $0.isWhitespace }) || text.split(separator: "\n").allSatisfy({ $0.trimmingSpaces.isEmpty || $0.trimmingSpaces.hasPrefix("#") }) {
            return .empty
        }
        return composeGuarded(text, document: document)
    }

    /// UTF-8 text without NUL bytes, a leading byte-order mark dropped.
    private static func decode(_ bytes: [UInt8], document: Document) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return .failure(Diagnostic(.error, at: .start, "the file is UTF-16 text; \(document.rawValue) files are UTF-8",
                                       hint: "save the file as UTF-8"))
        }
        if !body.contains(0), let text = String(validating: body, as: UTF8.self) {
            return .success(text)
        }
        // Find the first offending byte, to say where it is.
        var line = 1, column = 1
        var iterator = body.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\0" {
                    return .failure(Diagnostic(.error, at: SourceLocation(line: line, column: column),
                        "the file holds binary data (a NUL byte), not \(document.rawValue) text",
                        hint: "\(document.withArticle) is a YAML text file; \(document.starter)"))
                }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return .success(String(decoding: body, as: UTF8.self))
            case .error:
                return .failure(Diagnostic(.error, at: SourceLocation(line: line, column: column),
                    "the file is not valid UTF-8 text", hint: "save the file as UTF-8"))
            }
        }
    }

    /// Composes on a worker thread with a large stack, and with a deadline when the text has
    /// aliases (the only way YAML can take more than linear time).
    private static func composeGuarded(_ text: String, document: Document) -> Outcome {
        let deadline = text.utf8.contains(UInt8(ascii: "*")) ? deadline(for: text) : nil
        final class Box: @unchecked Sendable {
            var outcome: Outcome?
            let done = DispatchSemaphore(value: 0)
        }
        let box = Box()
        let thread = Thread {
            box.outcome = composeNow(text, document: document)
            box.done.signal()
        }
        thread.stackSize = 512 * 1024 * 1024
        thread.start()
        let finished = deadline.map { box.done.wait(timeout: .now() + $0) == .success } ?? { box.done.wait(); return true }()
        guard finished, let outcome = box.outcome else {
            return .failure(Diagnostic(.error, at: .start,
                "reading the YAML took longer than \(Int(deadline ?? 0)) seconds",
                hint: "the file probably uses anchors (&) and aliases (*) that expand without end; write the values out"))
        }
        return outcome
    }

    private static func composeNow(_ text: String, document: Document) -> Outcome {
        do {
            let parser = try Parser(yaml: text)
            guard let node = try parser.nextRoot() else { return .empty }
            if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null"].contains(scalar.string) { return .empty }
            if try parser.nextRoot() != nil {
                return .failure(Diagnostic(.error, at: secondDocumentLocation(in: text),
                    "the file holds more than one YAML document",
                    hint: "keep one \(document == .labels ? "language" : document.rawValue) per file; remove the '---' line"))
            }
            return .document(node, text: text)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: text))
        } catch {
            return .failure(Diagnostic(.error, at: .start, "the YAML could not be read: \(error)"))
        }
    }

    private static func secondDocumentLocation(in text: String) -> SourceLocation {
        var seenContent = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("---") && seenContent { return SourceLocation(line: index + 1, column: 1) }
            if !line.trimmingSpaces.isEmpty && !line.hasPrefix("#") && !line.hasPrefix("---") { seenContent = true }
        }
        return .start
    }

    static func diagnostic(for error: YamlError, in text: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let location = SourceLocation(line: mark.line, column: mark.column)
            var message = "YAML syntax: \(problem)"
            if let context { message += " \(context.text) (line \(context.mark.line))" }
            return Diagnostic(.error, at: location, message, hint: hint(at: location, problem: problem, in: text))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            return Diagnostic(.error, at: keyLocation(key, near: context.mark, in: text),
                "the key '\(key)' appears twice in one mapping",
                hint: "keep one of them; a second value would silently replace the first")
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, at: .start, "the file could not be read as text: \(problem)", hint: "save the file as UTF-8")
        default:
            return Diagnostic(.error, at: .start, "the YAML could not be read: \(error)")
        }
    }

    private static func hint(at location: SourceLocation, problem: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return nil }
        let line = lines[location.line - 1]
        if line.prefix(location.column).contains("\t") || line.hasPrefix("\t") || problem.contains("tab") {
            return "YAML indents with spaces, never tabs; replace the tab with spaces"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value that contains ': ' must be quoted, e.g. title: \"Panel: lessons learned\""
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check the indentation of this line against the lines above it"
        }
        if problem.contains("found undefined alias") {
            return "define the anchor (&name) before using it (*name)"
        }
        if problem.contains("unexpected end of the stream") || problem.contains("found unexpected end") {
            return "a quote or bracket is not closed"
        }
        return nil
    }

    /// Where `key` appears for the second time at or after `mark` (the mapping's start), as
    /// a key: followed by a colon, in block or flow style.
    private static func keyLocation(_ key: String, near mark: Mark, in text: String) -> SourceLocation {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var found: [SourceLocation] = []
        for (index, line) in lines.enumerated() where index + 1 >= mark.line {
            let characters = Array(line)
            let keyCharacters = Array(key)
            var column = index + 1 == mark.line ? max(mark.column - 1, 0) : 0
            while column + keyCharacters.count <= characters.count {
                let before = column == 0 ? " " : characters[column - 1]
                if Array(characters[column..<(column + keyCharacters.count)]) == keyCharacters, " \t{,-\"'".contains(before) {
                    var after = column + keyCharacters.count
                    if after < characters.count, characters[after] == "\"" || characters[after] == "'" { after += 1 }
                    while after < characters.count, characters[after] == " " { after += 1 }
                    if after < characters.count, characters[after] == ":" {
                        let quoted = column > 0 && (before == "\"" || before == "'")
                        found.append(SourceLocation(line: index + 1, column: quoted ? column : column + 1))
                        if found.count == 2 { return found[1] }
                    }
                }
                column += 1
            }
        }
        return found.last ?? SourceLocation(line: mark.line, column: mark.column)
    }
}
