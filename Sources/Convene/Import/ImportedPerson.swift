/// One row of a registration list as a person of the file: the keys to write, in the
/// format's order, each with its value and the column it came from.
struct ImportedPerson: Sendable, Equatable {
    enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    struct Field: Sendable, Equatable {
        var key: String
        var value: Value
        /// The column (from 0) the value came from, where a problem with it is reported.
        var column: Int
    }

    /// The row's number in the sheet (the header is row 1).
    var row: Int
    var fields: [Field]

    /// The row as a person of a file of `kind`: values cleaned of control characters and runs
    /// of spaces and line breaks, closed vocabularies in the format's words where the export's
    /// words plainly mean one (`Female`, `In person`), and the visibility a hidden marker asks for.
    init(row: RegistrationSheet.Row, mapping: ColumnMapping, kind: PeopleFile.Kind) {
        self.row = row.number
        nameColumn = mapping.column(for: .key("name")) ?? mapping.column(for: .givenName) ?? mapping.column(for: .familyName)
        let spec = kind == .agenda ? AgendaFormat.person : RosterFormat.person
        var values: [String: Field] = [:]
        var given: (String, Int)?, family: (String, Int)?
        var hiddenBy: Int?
        for (column, use) in mapping.uses.sorted(by: { $0.key < $1.key }) {
            let cell = Self.clean(row[column])
            switch use {
            case .key(let key):
                guard !cell.isEmpty, let field = spec.field(key) else { continue }
                values[key] = Field(key: key, value: Self.value(row[column], cleaned: cell, type: field.type), column: column)
            case .givenName:
                if !cell.isEmpty { given = (cell, column) }
            case .familyName:
                if !cell.isEmpty { family = (cell, column) }
            case .hidden:
                if Self.answer(cell) != false { hiddenBy = column }
            case .publishName:
                if Self.answer(cell) != true { hiddenBy = column }
            }
        }
        if values["name"] == nil, let column = given?.1 ?? family?.1 {
            let name = [given?.0, family?.0].compactMap { $0 }.joined(separator: " ")
            values["name"] = Field(key: "name", value: .text(name), column: column)
        }
        if let hiddenBy, values["visibility"]?.value != .text(Visibility.organizers.rawValue) {
            values["visibility"] = Field(key: "visibility", value: .text(Visibility.organizers.rawValue), column: hiddenBy)
        }
        fields = spec.keys.compactMap { values[$0] }
    }

    func text(_ key: String) -> String? {
        guard case .text(let text) = fields.first(where: { $0.key == key })?.value else { return nil }
        return text
    }

    var name: String { text("name") ?? "" }
    var email: String? { text("email") }
    /// Whether the person may not be named to everyone: any visibility but `public`, also one
    /// the check will refuse.
    var isHidden: Bool { (text("visibility") ?? "public") != Visibility.public.rawValue }
    /// The column of the name (or its first part), where a problem with it or with the made
    /// id is reported, also when the row leaves it empty.
    let nameColumn: Int?

    /// Puts `id` first, from `column`.
    mutating func setID(_ id: String, column: Int) {
        fields.removeAll { $0.key == "id" }
        fields.insert(Field(key: "id", value: .text(id), column: column), at: 0)
    }

    /// The entry as lines of a block list, the dash at `indent`, each line with the column
    /// its value came from.
    func lines(indent: Int) -> [(text: String, column: Int)] {
        let margin = String(repeating: " ", count: indent)
        return fields.enumerated().map { index, field in
            let value = switch field.value {
            case .text(let text): YAMLScalarText.render(text)
            case .list(let items): YAMLScalarText.render(list: items)
            }
            return ((index == 0 ? margin + "- " : margin + "  ") + field.key + ": " + value, field.column)
        }
    }

    // MARK: Values

    /// The value of a cell for a key of `type`: a list split at commas, semicolons and line
    /// breaks; a closed vocabulary's word where the cell means one.
    static func value(_ raw: String, cleaned: String, type: AgendaFormat.ValueType) -> Value {
        switch type {
        case .list(let item):
            let items = raw.unicodeScalars.split { $0 == "," || $0 == ";" || $0 == "\n" || $0 == "\r" }
                .map { clean(String(String.UnicodeScalarView($0))) }.filter { !$0.isEmpty }
            if case .choice(let words) = item { return .list(items.map { choice($0, words) }) }
            return .list(items)
        case .choice(let words):
            return .text(choice(cleaned, words))
        default:
            return .text(cleaned)
        }
    }

    /// The format's word for `value` when it is one in another case or spelling (`Female`,
    /// `In person`, `Prefer not to say`); else `value` as it is, for the check to refuse.
    static func choice(_ value: String, _ words: [String]) -> String {
        let lower = value.lowercased()
        for candidate in [lower, lower.split(separator: " ").joined(separator: "-")] {
            if words.contains(candidate) { return candidate }
            if let word = AgendaDecoder.synonyms[candidate], words.contains(word) { return word }
        }
        return value
    }

    /// The text of a cell: control characters dropped, every run of spaces and line breaks one
    /// space, none at either end.
    static func clean(_ cell: String) -> String {
        var text = ""
        var space = false
        for scalar in cell.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !text.isEmpty
            } else if scalar.properties.generalCategory != .control {
                if space { text.unicodeScalars.append(" ") }
                space = false
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    /// A yes (`true`), a no or nothing (`false`), or neither (`nil`): how a tick box or a
    /// yes/no question of a form is answered.
    static func answer(_ cell: String) -> Bool? {
        let word = cell.lowercased()
        if word.isEmpty || noWords.contains(word) { return false }
        return yesWords.contains(word) ? true : nil
    }

    static let yesWords: Set<String> = ["yes", "y", "true", "1", "x", "✓", "✔", "checked", "agree", "i agree", "ja", "oui", "sí", "si", "так", "да"]
    static let noWords: Set<String> = ["no", "n", "false", "0", "-", "unchecked", "disagree", "i do not agree", "nein", "non", "ні", "нет"]
}
