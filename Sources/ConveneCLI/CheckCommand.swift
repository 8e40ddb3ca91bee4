import ArgumentParser
import Convene

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks an agenda file and reports every problem with its line and a hint.",
        discussion: "Exit 0 when the agenda is valid (warnings may print), 1 when it has errors."
    )

    @Argument(help: "The agenda file (- reads standard input).")
    var file: String

    @Flag(help: "Print the report as JSON on standard output.")
    var json = false

    func run() throws {
        let check = try Terminal.check(file, quiet: json)
        if json {
            Terminal.out(check.report(file: file).serialized())
        } else if check.isValid {
            Terminal.out("\(file): ok" + (check.diagnostics.warnings.isEmpty ? "" : " (\(Terminal.summary(check.diagnostics)))"))
        } else {
            Terminal.error("\(file): \(Terminal.summary(check.diagnostics))")
        }
        if !check.isValid { throw ExitCode(Terminal.Exit.invalidInput) }
    }
}
