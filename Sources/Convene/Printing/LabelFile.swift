import Foundation
import Yams

/// One labels file, `templates/labels/LANG.yaml`, read and checked: the keys English has,
/// no others, each phrase with its placeholders, a plural form for each of the language's
/// CLDR plural categories. Every problem is reported at its line, not only the first.
struct LabelFile {
    let path: String
    let language: SheetLanguage
    private var problems: [TemplateProblem] = []

    init(path: String, language: SheetLanguage) {
        self.path = path
        self.language = language
    }

    /// The top-level keys of a labels file.
    static let sections = ["reviewed", "reviewNotice", "labels", "phrases", "eventKinds", "segmentKinds", "notices", "live"]

    /// The file's words, or every problem in it.
    func read() -> Result<SheetWords, LabelCatalog.Problems> {
        var file = self
        if let words = file.parse(), file.problems.isEmpty { return .success(words) }
        return .failure(.init(all: file.problems.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }))
    }

    private mutating func parse() -> SheetWords? {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(TemplateProblem(file: path, message: "there is no labels file for \(language.englishName) (\(language.rawValue))",
                                            hint: "copy templates/labels/en.yaml to \(language.rawValue).yaml and translate it"))
            return nil
        }
        let root: Node
        switch YAMLText.compose(Array(data), document: .labels) {
        case .document(let node, _): root = node
        case .empty:
            problems.append(problem(nil, "the labels file is empty", hint: "copy templates/labels/en.yaml and translate it"))
            return nil
        case .failure(let diagnostic):
            problems.append(TemplateProblem(file: path, line: diagnostic.location.line, column: diagnostic.location.column,
                                            message: diagnostic.message, hint: diagnostic.hint))
            return nil
        }
        let top = mapping(root, "the labels file", expected: Self.sections)
        var words = SheetWords(reviewed: false, reviewNotice: "", labels: SheetLabels(), speakerCount: [:], timeInPlace: "",
                               cityTime: "", track: "", eventKinds: [:], segmentKinds: [:], notices: [:])
        if let node = top["reviewed"] {
            switch text(node, "reviewed") {
            case "true"?: words.reviewed = true
            case "false"?: words.reviewed = false
            case let other?: problems.append(problem(node, "reviewed: must be true or false, not '\(other)'",
                                                     hint: "write reviewed: true once a native speaker has read every label, false until then"))
            case nil: break
            }
        }
        words.reviewNotice = top["reviewNotice"].flatMap { text($0, "reviewNotice") } ?? ""
        if let node = top["labels"] {
            let labels = mapping(node, "labels", expected: SheetLabels.keys.map(\.name))
            for (name, property) in SheetLabels.keys {
                if let value = labels[name].flatMap({ text($0, "labels.\(name)") }) { words.labels[keyPath: property] = value }
            }
        }
        if let node = top["phrases"] {
            let phrases = mapping(node, "phrases", expected: SheetWords.phrases.map(\.name))
            if let counts = phrases["speakerCount"] { words.speakerCount = pluralForms(counts, "phrases.speakerCount") }
            for (name, placeholders, property) in SheetWords.plainPhrases {
                words[keyPath: property] = phrases[name].flatMap { phrase($0, "phrases.\(name)", placeholders) } ?? ""
            }
        }
        if let node = top["live"] {
            let live = mapping(node, "live", expected: LiveWords.keys.map(\.name) + LiveWords.pluralKeys)
            for (name, placeholders) in LiveWords.keys {
                if let value = live[name].flatMap({ phrase($0, "live.\(name)", placeholders) }) { words.live.texts[name] = value }
            }
            for name in LiveWords.pluralKeys {
                if let counts = live[name] { words.live.counted[name] = pluralForms(counts, "live.\(name)") }
            }
        }
        words.eventKinds = names(top["eventKinds"], "eventKinds", EventKind.allCases)
        words.segmentKinds = names(top["segmentKinds"], "segmentKinds", SheetWords.namedSegmentKinds)
        words.notices = names(top["notices"], "notices", SheetWords.noticedRules)
        return words
    }

    /// A phrase with `{n}` in a form for each of the language's CLDR plural categories (a
    /// form may leave the number out: "دقيقة" is one minute).
    private mutating func pluralForms(_ node: Node, _ name: String) -> [PluralCategory: String] {
        let categories = language.format.plural.categories.map(\.rawValue)
        let forms = mapping(node, name, expected: categories, what: "plural form",
                            hint: "\(language.englishName) has the CLDR plural forms \(Suggestion.list(categories)), and needs each of them")
        var result: [PluralCategory: String] = [:]
        for category in PluralCategory.allCases {
            if let node = forms[category.rawValue], let form = phrase(node, "\(name).\(category.rawValue)", ["n"], required: category == .other) {
                result[category] = form
            }
        }
        return result
    }

    /// The names a file gives the values of one of the agenda's vocabularies (`side-event: Side event`).
    private mutating func names<Value: RawRepresentable & Hashable>(_ node: Node?, _ section: String, _ values: [Value]) -> [Value: String]
    where Value.RawValue == String {
        guard let node else { return [:] }
        let entries = mapping(node, section, expected: values.map(\.rawValue))
        var names: [Value: String] = [:]
        for value in values {
            if let entry = entries[value.rawValue], let name = text(entry, "\(section).\(value.rawValue)") { names[value] = name }
        }
        return names
    }

    /// The values of a mapping by key; a key that is not `expected` and an expected key that
    /// is missing are problems.
    private mutating func mapping(_ node: Node, _ name: String, expected: [String], what: String = "key", hint: String? = nil) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            problems.append(problem(node, "\(name) must be a mapping of keys and texts", hint: "write it as indented 'key: \"text\"' lines, as in en.yaml"))
            return [:]
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                problems.append(problem(key, "a key in \(name) must be a plain word"))
                continue
            }
            let word = scalar.string
            let place = name == "the labels file" ? word : "\(name).\(word)"
            guard expected.contains(word) else {
                let near = Suggestion.nearest(to: word, in: expected)
                problems.append(problem(key, "'\(place)' is not a \(what) the sheets use",
                                        hint: hint ?? near.map { "did you mean '\($0)'?" } ?? "en.yaml has exactly the keys every file needs"))
                continue
            }
            values[word] = value
        }
        for key in expected where values[key] == nil {
            let place = name == "the labels file" ? key : "\(name).\(key)"
            problems.append(problem(node, "the \(what) '\(place)' is missing",
                                    hint: hint ?? "add \(key): with its text in \(language.englishName), as en.yaml has it"))
        }
        return values
    }

    private mutating func text(_ node: Node, _ name: String) -> String? {
        guard case .scalar(let scalar) = node else {
            problems.append(problem(node, "\(name) must be one text", hint: "write it in double quotes on one line"))
            return nil
        }
        return scalar.string
    }

    /// A phrase that must hold its placeholders (`{n}`, `{city}`) and no others; with
    /// `required: false`, the placeholders may be left out ("متحدث واحد" needs no number).
    private mutating func phrase(_ node: Node, _ name: String, _ placeholders: [String], required: Bool = true) -> String? {
        guard let value = text(node, name) else { return nil }
        let used = Self.placeholders(in: value)
        for unknown in used where !placeholders.contains(unknown) {
            problems.append(problem(node, "\(name) has the placeholder {\(unknown)}, which it cannot fill",
                                    hint: "it can use \(Suggestion.list(placeholders.map { "{\($0)}" }))"))
        }
        for missing in placeholders where required && !used.contains(missing) {
            problems.append(problem(node, "\(name) lacks the placeholder {\(missing)}", hint: "keep {\(missing)} where it goes in the sentence"))
        }
        return value
    }

    /// The `{name}` placeholders of a phrase.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    private func problem(_ node: Node?, _ message: String, hint: String? = nil) -> TemplateProblem {
        TemplateProblem(file: path, line: node?.mark?.line, column: node?.mark?.column, message: message, hint: hint)
    }
}
