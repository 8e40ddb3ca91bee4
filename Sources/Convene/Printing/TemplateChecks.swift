import Foundation
import Mustache

extension SheetRenderer {
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
}
