import ArgumentParser
import Convene

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks an agenda file (or a roster) and reports every problem with its line and a hint.",
        discussion: """
            Exit 0 when the file is valid (warnings may print), 1 when it has errors. An agenda is \
            checked with the rosters it names; a file with 'roster: 1' and no 'convene:' is checked \
            as a roster.
            """
    )

    @Argument(help: "The agenda or roster file (- reads standard input).")
    var file: String

    @Flag(help: "Print the report as JSON on standard output.")
    var json = false

    func run() throws {
        if file != "-", case .success(let bytes) = Terminal.readFile(file), RosterLoader.looksLikeRoster(bytes) {
            return try checkRoster(bytes)
        }
        let check = try Terminal.check(file, quiet: json, allWarnings: true)
        if json {
            Terminal.out(check.report(file: file).serialized())
        } else if check.isValid {
            Terminal.out("\(file): ok" + (check.diagnostics.warnings.isEmpty ? "" : " (\(Terminal.summary(check.diagnostics)))"))
        } else {
            Terminal.error("\(file): \(Terminal.summary(check.diagnostics))")
        }
        if !check.isValid { throw ExitCode(Terminal.Exit.invalidInput) }
    }

    private func checkRoster(_ bytes: [UInt8]) throws {
        let loaded = RosterLoader(zones: try Terminal.zones()).load(bytes, name: file)
        if json {
            Terminal.out(loaded.report().serialized())
        } else {
            Terminal.printDiagnostics(loaded.diagnostics, file: file)
            if loaded.isValid {
                let count = loaded.roster?.people.count ?? 0
                Terminal.out("\(file): ok, a roster of \(count) \(count == 1 ? "person" : "people")"
                             + (loaded.diagnostics.warnings.isEmpty ? "" : " (\(Terminal.summary(loaded.diagnostics)))"))
            } else {
                Terminal.error("\(file): \(Terminal.summary(loaded.diagnostics))")
            }
        }
        if !loaded.isValid { throw ExitCode(Terminal.Exit.invalidInput) }
    }
}
