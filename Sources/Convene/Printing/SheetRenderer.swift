import Foundation
import Mustache

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
        let rendered = Self.withReviewNotice(parsed.render(TemplateValue.tree(of: view), library: library), view.labels.reviewNotice, format: format)
        switch format {
        case .text:
            let text = layout.layOut(rendered)
            // A right-to-left sheet: each line starts with a right-to-left mark, so a terminal
            // or editor that applies the bidirectional algorithm sets it right-to-left.
            guard view.labels.direction == "rtl" else { return text }
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? String($0) : "\u{200F}" + $0 }.joined(separator: "\n")
        case .md: return Self.tidy(rendered)
        case .html: return rendered
        }
    }

    /// A sheet whose language's labels are not yet reviewed says so at its foot, in the
    /// language and in English, whatever its template: the last lines of text or Markdown, a
    /// `<footer>` before the HTML's `</body>`.
    static func withReviewNotice(_ rendered: String, _ notice: [String], format: SheetFormat) -> String {
        guard !notice.isEmpty else { return rendered }
        switch format {
        case .text:
            return rendered + "\n\n" + notice.joined(separator: "\n") + "\n"
        case .md:
            return rendered + "\n\n" + notice.map { "_\(MarkdownContent().escapeText($0))_" }.joined(separator: "\n\n") + "\n"
        case .html:
            let escape = { (text: String) in
                text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            }
            let paragraphs = notice.enumerated().map { index, text in
                index == 0 ? "<p dir=\"auto\">\(escape(text))</p>" : "<p lang=\"en\" dir=\"ltr\">\(escape(text))</p>"
            }
            let footer = "<footer class=\"review\">\(paragraphs.joined())</footer>\n"
            guard let body = rendered.range(of: "</body>", options: .backwards) else { return rendered + footer }
            return rendered.replacingCharacters(in: body.lowerBound..<body.lowerBound, with: footer)
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

    /// How deep a template's sections may be nested.
    public static let maximumNesting = 50

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
        var depth = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let inside = rest[open.upperBound...].drop { $0 == " " || $0 == "\t" }
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if let first = inside.first, "{&%=".contains(first) {
                    throw TemplateProblem(file: file, line: number + 1, column: column,
                                          message: "'{{\(first)' is not allowed in a print template",
                                          hint: "agenda text is always escaped for the format; write {{name}}")
                }
                // The renderer recurses once per open section: a bound, stated, before it runs.
                if let first = inside.first, first == "#" || first == "^" {
                    depth += 1
                    if depth > maximumNesting {
                        throw TemplateProblem(file: file, line: number + 1, column: column,
                                              message: "sections are nested more than \(maximumNesting) deep",
                                              hint: "a sheet needs a few levels at most; close sections before opening new ones")
                    }
                } else if inside.first == "/" {
                    depth = max(0, depth - 1)
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

    private static let registerContentTypes: Void = {
        MustacheContentTypes.register(PlainTextContent(), named: SheetFormat.text.contentType)
        MustacheContentTypes.register(MarkdownContent(), named: SheetFormat.md.contentType)
    }()
}
