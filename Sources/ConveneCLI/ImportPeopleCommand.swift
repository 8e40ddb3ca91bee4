import ArgumentParser
import Convene
import Foundation

struct ImportPeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "Adds the people of a registration list (CSV from Indico, Google Forms or Excel) to an agenda or roster.",
        discussion: """
            Columns are matched by their header (Name, First name and Last name, Email, Affiliation, \
            Position, Gender, Time zone, Attendance, ...; docs/commands.md lists them); --map \
            'COLUMN=KEY' sets one. Each row becomes an entry at the end of the file's people: list, \
            with an id made from the name; the rest of the file is kept as it is, comments and all. \
            Someone whose e-mail is in the file already is skipped. Every row is checked as convene \
            check would check the file, at its row and column; when any has an error, nothing is written.
            """
    )

    @Argument(help: "The registration list: a CSV file, comma-, semicolon- or tab-separated, with a header line.")
    var file: String

    @Option(help: ArgumentHelp("The agenda or roster to add the people to.", valueName: "agenda-or-roster"))
    var into: String

    @Option(name: .customLong("map"), help: ArgumentHelp(
        "Fill KEY from the column with this header, e.g. --map 'Organisation name=organization'; repeatable. KEY is a person key, or given_name, family_name, hidden or publish_name.",
        valueName: "COLUMN=KEY"))
    var map: [String] = []

    @Flag(help: "Print the entries that would be added, and write nothing.")
    var dryRun = false

    func validate() throws {
        if into.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--into needs the agenda or roster file to add the people to") }
        for argument in map where ColumnOverride(argument) == nil {
            throw ValidationError("--map '\(argument)' is not COLUMN=KEY — e.g. --map 'Organisation name=organization'")
        }
    }

    func run() throws {
        let bytes = try read(file, what: "registration list")
        let target = try read(into, what: "agenda or roster")
        let zones = try Terminal.zones()
        let people = PeopleFile(bytes: target, name: into, zones: zones, rosters: Terminal.rosterSource(for: into))
        try checkFirst(people)
        let sheet: RegistrationSheet
        do {
            sheet = try RegistrationSheet(bytes: bytes)
        } catch let problem {
            Terminal.error(problem.rendered(file: file))
            Terminal.error("\(file): 1 error, 0 warnings; nothing written")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        let mapping: ColumnMapping
        do {
            mapping = try ColumnMapping(header: sheet.header, kind: people.kind, overrides: map.compactMap(ColumnOverride.init))
        } catch {
            Terminal.error("convene: error: \(error)")
            throw ExitCode(Terminal.Exit.usage)
        }
        if !mapping.ignored.isEmpty {
            let columns = mapping.ignored.map { "'\($0.header)'" + ($0.reason.map { " (\($0))" } ?? "") }
            Terminal.error("convene: note: \(file): not imported: \(columns.joined(separator: ", ")) — --map 'COLUMN=KEY' imports a column")
        }
        let outcome = PeopleImport(sheet: sheet, mapping: mapping).run(into: people)
        Terminal.printDiagnostics(outcome.problems, file: file)
        Terminal.printDiagnostics(outcome.fileProblems, file: into)
        if outcome.hasErrors {
            var all = outcome.problems
            all.append(contentsOf: outcome.fileProblems)
            Terminal.error("\(file): \(Terminal.summary(all)); nothing written")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        try report(outcome, into: people)
    }

    /// The bytes of a file named on the command line (through a symbolic link, the file it
    /// names), or the documented exit: 2 when it is not there, 1 when it cannot be read.
    private func read(_ path: String, what: String) throws -> [UInt8] {
        switch Terminal.readFile(Self.resolved(path)) {
        case .success(let bytes):
            return bytes
        case .failure(let problem):
            let missing = problem == .missing || problem == .folder
            Terminal.error("convene: error: \(path): \(problem.reason) — \(missing ? "give the path of the \(what)" : "check the file")")
            throw ExitCode(missing ? Terminal.Exit.usage : Terminal.Exit.invalidInput)
        }
    }

    /// The file must be valid before people are added: its errors, or the count of its warnings.
    private func checkFirst(_ people: PeopleFile) throws {
        Terminal.printRosterErrors(people.rosters)
        var errors = DiagnosticList()
        for diagnostic in people.diagnostics.errors { errors.append(diagnostic) }
        Terminal.printDiagnostics(errors, file: into)
        if !people.isValid {
            Terminal.error("\(into): \(Terminal.summary(people.diagnostics)); fix the errors, then import again")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        let count = people.diagnostics.warningCount
        if count > 0 { Terminal.error("\(into): \(count) warning\(count == 1 ? "" : "s") — convene check \(into) lists \(count == 1 ? "it" : "them")") }
    }

    /// Who was added and skipped, then the file written; with --dry-run, the entries instead.
    private func report(_ outcome: PeopleImport.Outcome, into people: PeopleFile) throws {
        let place = people.kind == .agenda ? "the agenda" : "the roster"
        var lines: [String] = outcome.added.map { person in
            person.isHidden ? "added \(person.id) (row \(person.row)), named to \(person.visibility) only"
                            : "added \(person.id) (row \(person.row)): \(person.name)"
        }
        lines += outcome.skipped.map { skipped in
            switch skipped.reason {
            case .present(let id, let name, let hidden):
                "skipped row \(skipped.row): " + (hidden ? "already in \(place), as \(id)" : "\(name) is in \(place) already, as \(id)") + " (the same e-mail)"
            case .repeated(let row):
                "skipped row \(skipped.row): the same e-mail as row \(row)"
            }
        }
        let added = count(outcome.added.count, "person", "people"), skipped = count(outcome.skipped.count, "row", "rows")
        guard let text = outcome.text, !outcome.added.isEmpty else {
            for line in lines { Terminal.out(line) }
            let nobody = outcome.skipped.isEmpty ? "\(file) lists nobody below its header line" : "everyone in \(file) is in \(place) already"
            return Terminal.out("nothing added to \(into): \(nobody)")
        }
        if dryRun {
            Terminal.out(outcome.addition)
            for line in lines where line.hasPrefix("skipped") { Terminal.error("convene: note: \(line)") }
            return Terminal.error("convene: note: --dry-run: \(added) would be added to \(into), \(skipped) skipped; nothing written")
        }
        // A link stays a link: the file it names is replaced.
        let path = Self.resolved(into)
        try Terminal.write { () throws(OutputError) in try OutputWriter(force: true).replace(text, at: path, expecting: people.bytes) }
        for line in lines { Terminal.out(line) }
        Terminal.out("wrote \(into): \(added) added, \(skipped) skipped")
    }

    /// `path` with every symbolic link in it followed; `path` itself when it does not exist.
    private static func resolved(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
}
