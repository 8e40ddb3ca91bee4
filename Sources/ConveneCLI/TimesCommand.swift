import ArgumentParser
import Convene

struct TimesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "times",
        abstract: "Shows every segment in venue time, UTC, and each online participant's local time.",
        discussion: """
            Flags mark local times a person may mind: outside-working-hours, night (22:00-06:00), \
            not-a-working-day, next-day and previous-day (against the venue's date).
            """
    )

    @Argument(help: "The agenda file (- reads standard input).")
    var file: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Lay the table out for N columns, wrapping what is longer (at least 40; default: the terminal's width, or 80 when not on a terminal).")
    var width: Int?

    func validate() throws {
        if let problem = Terminal.widthProblem(width) { throw ValidationError(problem) }
    }

    func run() throws {
        let zones = try Terminal.zones()
        let valid = try Terminal.valid(file, zones: zones, then: "fix the errors, then run times again")
        let report = try Terminal.reporting { try TimesReport(timeline: valid.timeline, zones: zones) }
        Terminal.out(json ? report.json().serialized() : report.text(width: Terminal.width(option: width)))
    }
}
