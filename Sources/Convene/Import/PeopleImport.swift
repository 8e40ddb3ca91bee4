/// Adds the people of a registration list to an agenda or roster, as text, checked exactly as
/// `convene check` checks the file.
///
/// Each row becomes an entry of the file's `people:` list, with an id made from the name. The
/// new file's text is checked whole; every problem on an entry's lines is reported at the row
/// and column of the sheet it came from, with the check's own message. A row whose e-mail is
/// already in the file (or in an earlier row), in any case, is skipped.
public struct PeopleImport: Sendable {
    /// Someone the import adds.
    public struct Added: Sendable, Equatable {
        public var row: Int
        public var id: String
        public var name: String
        /// Who may see the person's name, as written (`public` unless the sheet says otherwise).
        public var visibility: String

        /// Whether the person may not be named to everyone, so that messages name them by id only.
        public var isHidden: Bool { visibility != Visibility.public.rawValue }
    }

    /// A row the import leaves out, and why.
    public struct Skipped: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// Someone with the row's e-mail is in the file already.
            case present(id: String, name: String, isHidden: Bool)
            /// An earlier row has the same e-mail.
            case repeated(row: Int)
        }
        public var row: Int
        public var reason: Reason
    }

    /// What the import would do, and what stands in its way.
    public struct Outcome: Sendable {
        public var added: [Added] = []
        public var skipped: [Skipped] = []
        /// Problems of the sheet and its rows, placed at a row and column of the sheet.
        public var problems = DiagnosticList()
        /// Problems the new people cause elsewhere in the file, at the file's own places.
        public var fileProblems = DiagnosticList()
        /// The entries as they are added, the lines of YAML `--dry-run` prints.
        public var addition = ""
        /// The file with the new people: `nil` when there is nobody to add, or errors.
        public var text: String?

        public var hasErrors: Bool { problems.hasErrors || fileProblems.hasErrors }
    }

    public let sheet: RegistrationSheet
    public let mapping: ColumnMapping

    public init(sheet: RegistrationSheet, mapping: ColumnMapping) {
        self.sheet = sheet
        self.mapping = mapping
    }

    /// Imports into `file`, which must be valid (``PeopleFile/isValid``).
    public func run(into file: PeopleFile) -> Outcome {
        var outcome = Outcome()
        outcome.problems.append(contentsOf: sheet.diagnostics)
        guard mapping.column(for: .key("name")) != nil || mapping.column(for: .givenName) != nil
                || mapping.column(for: .familyName) != nil else {
            let found = sheet.header.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ")
            outcome.problems.error(.start, "no column holds the people's names (the header line names \(found.isEmpty ? "none" : found))",
                                   hint: "call a column Name, or First name and Last name; or pass --map 'COLUMN=name'")
            return outcome
        }
        let people = entries(file, &outcome)
        guard !people.isEmpty else { return outcome }
        guard case .document(let root, let text) = YAMLText.compose(file.bytes, document: file.kind == .agenda ? .agenda : .roster) else {
            outcome.fileProblems.error(.start, "the file could not be read as YAML", hint: "run convene check on it")
            return outcome
        }
        let edit: PeopleListText
        do {
            edit = try PeopleListText(text: text, root: root)
        } catch {
            outcome.fileProblems.append(error)
            return outcome
        }
        let lines = people.map { person in person.lines(indent: edit.dashIndent).map { ($0.text, (person.row, $0.column)) } }
        let (newText, firstLine, origins) = edit.inserting(lines)
        outcome.addition = edit.added(lines)
        let bom = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? "\u{FEFF}" : ""
        guard newText.utf8.count + bom.utf8.count <= YAMLText.maximumSize else {
            outcome.fileProblems.error(.start, "with \(people.count) more people the file would be larger than \(YAMLText.maximumSize / 1_048_576) MB, more than Convene reads",
                                       hint: "import the list into a roster, and take the people an event needs from it with roster: ID")
            return outcome
        }
        place(file.check(bom + newText), origins: origins, firstLine: firstLine, file: file, &outcome)
        if !outcome.hasErrors { outcome.text = bom + newText }
        return outcome
    }

    /// The rows as people to add, made unique: skipped rows and the people added are recorded
    /// in `outcome`.
    private func entries(_ file: PeopleFile, _ outcome: inout Outcome) -> [ImportedPerson] {
        let existing = file.checked.people
        var byEmail: [String: Person] = [:]
        for person in existing {
            if let email = person.email?.lowercased(), byEmail[email] == nil { byEmail[email] = person }
        }
        var rowByEmail: [String: Int] = [:]
        var people: [ImportedPerson] = []
        for row in sheet.rows where !row.isBlank {
            let person = ImportedPerson(row: row, mapping: mapping, kind: file.kind)
            if let email = person.email?.lowercased() {
                if let present = byEmail[email] {
                    outcome.skipped.append(Skipped(row: row.number, reason: .present(
                        id: present.id.rawValue, name: present.name, isHidden: present.visibility != .public || person.isHidden)))
                    continue
                }
                if let earlier = rowByEmail[email] {
                    outcome.skipped.append(Skipped(row: row.number, reason: .repeated(row: earlier)))
                    continue
                }
                rowByEmail[email] = row.number
            }
            people.append(person)
        }
        var ids = PersonIDs(existing: existing.map(\.id.rawValue))
        for person in people { if let id = person.text("id") { ids.claim(id) } }
        for index in people.indices where people[index].text("id") == nil {
            let id = ids.make(from: people[index].name, fallback: "row-\(people[index].row)")
            people[index].setID(id, column: people[index].nameColumn ?? people[index].fields.first?.column ?? 0)
        }
        outcome.added = people.map { Added(row: $0.row, id: $0.text("id") ?? "", name: $0.name, visibility: $0.text("visibility") ?? Visibility.public.rawValue) }
        return people
    }

    /// Sorts the problems of the new file's check: those on the new lines go to the rows and
    /// columns they came from; the others, unless the file had them before, to their place in
    /// the file as it is.
    private func place(_ check: PeopleFile.Checked, origins: [PeopleListText.Origin?],
                       firstLine: Int, file: PeopleFile, _ outcome: inout Outcome) {
        let inserted = firstLine..<(firstLine + origins.count)
        for diagnostic in check.diagnostics.items {
            let line = diagnostic.location.line
            // A blank line between entries belongs to the entry after it.
            if inserted.contains(line), let origin = origins[(line - firstLine)...].lazy.compactMap({ $0 }).first {
                outcome.problems.append(Diagnostic(diagnostic.severity, at: SourceLocation(line: origin.row, column: origin.column + 1),
                                                   diagnostic.message, hint: diagnostic.hint))
                continue
            }
            var moved = diagnostic
            if line >= inserted.upperBound { moved.location.line -= origins.count }
            if !file.diagnostics.items.contains(moved) { outcome.fileProblems.append(moved) }
        }
        let omitted = check.diagnostics.omittedErrors - file.diagnostics.omittedErrors
        if omitted > 0 {
            outcome.problems.error(.start, "\(omitted) more errors were found than can be listed", hint: "fix the ones listed, then import again")
        }
        // The file must say what it said before, with the new people after its own.
        guard !outcome.hasErrors else { return }
        let before = file.checked.contents
        guard let after = check.contents, let before, after.count == before.count + outcome.added.count,
              after.droppingLastPeople(outcome.added.count) == before else {
            outcome.fileProblems.error(.start, "convene could not add the people to this file without changing what else it says; nothing written",
                                       hint: "please report this with the file; --dry-run prints the entries, to add by hand")
            return
        }
    }
}
