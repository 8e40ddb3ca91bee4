import Foundation
import Mustache

/// A printed sheet's format.
public enum SheetFormat: String, Sendable, CaseIterable {
    case text, md, html

    /// The file extension of the format, which also names the shipped templates.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .md: "md"
        case .html: "html"
        }
    }

    /// The format a file name asks for by its extension.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".txt") || lower.hasSuffix(".text") { self = .text }
        else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .md }
        else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { self = .html }
        else { return nil }
    }

    /// The Mustache content type whose escaping the format needs.
    var contentType: String {
        switch self {
        case .text: "CONVENE_TEXT"
        case .md: "CONVENE_MARKDOWN"
        case .html: "HTML"
        }
    }
}

/// A sheet Convene prints.
public enum Sheet: String, Sendable, CaseIterable {
    case agenda
    case runOfShow = "run-of-show"
    case briefing
}

/// Why a sheet could not be rendered: a template that cannot be read or parsed, or that
/// tries to switch off escaping.
public struct TemplateProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public var hint: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): error: \(message)" + (hint.map { " — \($0)" } ?? "")
    }
}

/// Renders a ``SheetView`` through a Mustache template, escaping agenda text for the format:
/// HTML by the template engine's HTML escaping, Markdown by escaping every character
/// Markdown would read as markup, plain text by laying it out for the page
/// (``TextLayout``).
///
/// The shipped templates are `templates/print/SHEET.EXT.mustache`; a template whose name
/// starts with `_` (such as `_style.html.mustache`) is a partial the others include as
/// `{{> style.html}}`, and so can a user's template.
public struct SheetRenderer: Sendable {
    /// The folder of the shipped print templates.
    public let folder: String
    public let layout: TextLayout

    public init(folder: String, layout: TextLayout = TextLayout()) {
        self.folder = folder
        self.layout = layout
        Self.registerContentTypes
    }

    /// Where the shipped print templates are, found as the agenda templates are.
    public static func shippedFolder(environment: [String: String], executablePath: String) -> String? {
        guard let agendaTemplates = TemplateLibrary.shippedFolder(environment: environment, executablePath: executablePath) else { return nil }
        return URL(fileURLWithPath: agendaTemplates).deletingLastPathComponent().appendingPathComponent("print").path
    }

    /// The path of the shipped template for a sheet and format.
    public func templatePath(_ sheet: Sheet, _ format: SheetFormat) -> String {
        "\(folder)/\(sheet.rawValue).\(format.fileExtension).mustache"
    }

    /// Renders `view` with the shipped template of `sheet`, or with the template text given.
    public func render(_ view: SheetView, sheet: Sheet, format: SheetFormat, template: (text: String, file: String)? = nil) throws(TemplateProblem) -> String {
        let source: (text: String, file: String)
        if let template { source = template } else { source = try Self.read(templatePath(sheet, format)) }
        let parsed = try Self.parse(source.text, file: source.file, format: format)
        var library = MustacheLibrary()
        for (name, partial) in try partials(format: format) { library.register(partial, named: name) }
        let rendered = parsed.render(TemplateValue.tree(of: view), library: library)
        switch format {
        case .text: return layout.layOut(rendered)
        case .md: return Self.tidy(rendered)
        case .html: return rendered
        }
    }

    /// Markdown with at most one blank line in a row and one newline at the end.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " }
            if blank, lines.last.map({ $0.isEmpty }) ?? true { continue }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    func partials(format: SheetFormat) throws(TemplateProblem) -> [(String, MustacheTemplate)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var partials: [(String, MustacheTemplate)] = []
        var includes: [String: [String]] = [:]
        for file in names.sorted() where file.hasPrefix("_") && file.hasSuffix(".mustache") {
            let source = try Self.read("\(folder)/\(file)")
            let name = String(file.dropFirst().dropLast(".mustache".count))
            partials.append((name, try Self.parse(source.text, file: source.file, format: format)))
            includes[name] = Self.includedPartials(source.text)
        }
        // A partial that includes itself, directly or not, would render for ever.
        for (name, _) in partials {
            var seen: Set<String> = [], stack = includes[name] ?? []
            while let next = stack.popLast() {
                if next == name {
                    throw TemplateProblem(file: "\(folder)/_\(name).mustache", message: "the partial '\(name)' includes itself",
                                          hint: "a partial may include others, but never lead back to itself")
                }
                if seen.insert(next).inserted { stack += includes[next] ?? [] }
            }
        }
        return partials
    }

    /// The names of the partials a template includes (`{{> name}}`).
    static func includedPartials(_ text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{>") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            names.append(rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces))
        }
        return names
    }

    /// The text of a template file, or why it cannot be used.
    public static func read(_ path: String) throws(TemplateProblem) -> (text: String, file: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TemplateProblem(file: path, message: "the print template cannot be read",
                                  hint: "check the path; the shipped templates are in templates/print (set CONVENE_HOME to the folder that holds templates/)")
        }
        guard data.count <= 1_000_000, let text = String(data: data, encoding: .utf8) else {
            throw TemplateProblem(file: path, message: "the print template is not UTF-8 text of at most 1 MB")
        }
        return (text, path)
    }

    /// Parses a template under the format's content type. Tags that would switch escaping
    /// off (`{{{…}}}`, `{{&…}}`, a content-type pragma, new delimiters) are refused, so that
    /// agenda text can never become markup.
    public static func parse(_ text: String, file: String, format: SheetFormat) throws(TemplateProblem) -> MustacheTemplate {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let inside = rest[open.upperBound...].drop { $0 == " " || $0 == "\t" }
                if let first = inside.first, "{&%=".contains(first) {
                    throw TemplateProblem(file: file, line: number + 1, column: line.distance(from: line.startIndex, to: open.lowerBound) + 1,
                                          message: "'{{\(first)' is not allowed in a print template",
                                          hint: "agenda text is always escaped for the format; write {{name}}")
                }
                rest = rest[open.upperBound...]
            }
        }
        let pragma = "{{% CONTENT_TYPE: \(format.contentType) }}"
        do {
            return try MustacheTemplate(string: pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            var line = error.context.lineNumber
            var column = line == 1 ? max(error.context.columnNumber - pragma.count, 1) : error.context.columnNumber
            let (message, hint) = Self.explain(error.error)
            if case MustacheTemplate.Error.expectedSectionEnd = error.error, let open = Self.unclosedSection(in: text) {
                (line, column) = (open.line, open.column)
                throw TemplateProblem(file: file, line: line, column: column, message: "the section {{\(open.tag)}} is never closed",
                                      hint: "close it with {{/\(open.name)}}")
            }
            throw TemplateProblem(file: file, line: line, column: column, message: message, hint: hint)
        } catch {
            throw TemplateProblem(file: file, message: "the template cannot be read: \(error)")
        }
    }

    /// What a parse error means, in the template writer's words.
    static func explain(_ error: any Error) -> (String, String) {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?:
            ("a section is closed with another name than the one it was opened with", "close {{#name}} with {{/name}}, innermost first")
        case .unfinishedName?:
            ("a tag is not finished", "every {{ needs its }}, and a name is letters, digits, '.' and '_'")
        case .expectedSectionEnd?:
            ("a section is never closed", "close every {{#name}} and {{^name}} with {{/name}}")
        case .invalidSetDelimiter?, .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
            ("this tag is not one a print template can use", "use {{name}}, {{#name}}…{{/name}}, {{^name}}…{{/name}}, {{! comment}} and {{> partial}}")
        case .transformAppliedToInheritanceSection?, .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            ("a block of an inherited partial is written wrongly", "inside {{<partial}}…{{/partial}} write only {{$block}}…{{/block}}")
        case nil:
            ("the template cannot be read", "check that every tag is closed")
        }
    }

    /// The innermost section tag opened and never closed: its line, column, tag and name.
    static func unclosedSection(in text: String) -> (line: Int, column: Int, tag: String, name: String)? {
        var open: [(line: Int, column: Int, tag: String, name: String)] = []
        for tag in tags(in: text) {
            guard let sigil = tag.body.first, "#^/".contains(sigil) else { continue }
            let name = tag.body.dropFirst().trimmingCharacters(in: .whitespaces)
            if sigil == "/" {
                if let index = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(index...) }
            } else {
                open.append((tag.line, tag.column, String(sigil) + name, name))
            }
        }
        return open.last
    }

    /// Every `{{…}}` tag of a template, with its place and what is between the braces.
    static func tags(in text: String) -> [(line: Int, column: Int, body: String)] {
        var tags: [(Int, Int, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                tags.append((number + 1, column, rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)))
                rest = rest[close.upperBound...]
            }
        }
        return tags
    }

    /// Names in a user's template that no sheet provides, and partials that do not exist:
    /// Mustache prints nothing for them, so `{{event.titel}}` would leave a blank without a word.
    public func unknownNames(in text: String, file: String) -> [TemplateProblem] {
        let partials = Set(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("_") && $0.hasSuffix(".mustache") }.map { String($0.dropFirst().dropLast(".mustache".count)) })
        var problems: [TemplateProblem] = []
        for tag in Self.tags(in: text) {
            guard let first = tag.body.first, first != "!" else { continue }
            if first == ">" {
                let name = tag.body.dropFirst().trimmingCharacters(in: .whitespaces)
                if !partials.contains(name) {
                    problems.append(TemplateProblem(file: file, line: tag.line, column: tag.column, message: "there is no partial '\(name)'",
                                                    hint: partials.isEmpty ? nil : "the partials are: \(partials.sorted().joined(separator: ", "))"))
                }
                continue
            }
            let name = "#^/".contains(first) ? tag.body.dropFirst().trimmingCharacters(in: .whitespaces) : tag.body
            guard name != "." else { continue }
            for part in name.split(separator: ".") where !SheetView.templateNames.contains(String(part)) && !part.hasSuffix("()") {
                let near = Suggestion.nearest(to: String(part), in: Array(SheetView.templateNames))
                problems.append(TemplateProblem(file: file, line: tag.line, column: tag.column,
                                                message: "'\(part)' in {{\(tag.body)}} is not a name any sheet has, so it prints nothing",
                                                hint: near.map { "did you mean '\($0)'? docs/printing.md lists the names" } ?? "docs/printing.md lists the names"))
            }
        }
        return problems
    }

    private static let registerContentTypes: Void = {
        MustacheContentTypes.register(PlainTextContent(), named: SheetFormat.text.contentType)
        MustacheContentTypes.register(MarkdownContent(), named: SheetFormat.md.contentType)
    }()
}

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
