import ArgumentParser
import Convene

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Writes everything Convene makes from an agenda into a folder.",
        discussion: """
            Writes agenda.json (the agenda with every default filled in), the check report \
            (check.json, check.txt), the inclusion report of convene report for the public \
            audience (report.json, report.txt), the calendars of convene ics, and the printed \
            sheets of convene print: agenda and run-of-show as .txt, .md and .html (also in each \
            other language of the agenda, as agenda.LANG.html), and briefings/PERSON-ID.* for \
            each online speaker. Nothing is written when the agenda has errors. Files written \
            by an earlier build are replaced; a file you created or edited there is kept unless \
            you pass --force.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @OptionGroup var folder: OutputFolder

    var output: String { folder.output }
    var force: Bool { folder.force }

    func run() throws {
        let check = try Terminal.check(file)
        guard check.isValid else {
            Terminal.error("\(file): \(Terminal.summary(check.diagnostics)); nothing written")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        var files = Build.outputs(for: check, file: file)
        if let timeline = check.timeline {
            do {
                files += try PrintedSheets.files(timeline: timeline, zones: try Terminal.zones(), renderer: try Terminal.sheetRenderer())
            } catch let problem as TemplateProblem {
                Terminal.error(problem.description + "; nothing written")
                throw ExitCode(Terminal.Exit.invalidInput)
            }
            if check.agenda?.organizer?.email == nil {
                Terminal.error("convene: warning: no calendars written: the agenda has no organizer with an email — add organizer: { name: ..., email: ... }")
            } else {
                files += try Terminal.calendarOutputs(timeline: timeline, zones: try Terminal.zones(), folder: output).files
            }
        }
        try Terminal.write { () throws(OutputError) in
            try OutputWriter(force: force).write(files, into: output, pruning: CalendarOutputs.prunedFolders + PrintedSheets.prunedFolders)
        }
        for file in files where !file.path.hasPrefix(".") { Terminal.out("wrote \(output)/\(file.path)") }
    }
}
