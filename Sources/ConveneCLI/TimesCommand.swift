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

    func run() throws {
        let zones = try Terminal.zones()
        let check = try Terminal.check(file, quiet: false, zones: zones)
        guard check.isValid, let timeline = check.timeline else {
            Terminal.error("\(file): \(Terminal.summary(check.diagnostics)); fix the errors, then run times again")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        let report = try TimesReport(timeline: timeline, zones: zones)
        Terminal.out(json ? report.json().serialized() : report.text())
    }
}
