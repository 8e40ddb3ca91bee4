import ArgumentParser
import Convene

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Writes everything Convene makes from an agenda into a folder.",
        discussion: """
            Writes agenda.json (the agenda with every default filled in) and the check report \
            (check.json, check.txt). Nothing is written when the agenda has errors. Files written \
            by an earlier build are replaced; a file you created or edited there is kept unless \
            you pass --force.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @Option(name: .shortAndLong, help: "The output folder.")
    var output: String

    @Flag(help: "Replace files in the folder even if they were edited.")
    var force = false

    func validate() throws {
        if output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("-o needs the folder to write into")
        }
    }

    func run() throws {
        let check = try Terminal.check(file)
        guard check.isValid else {
            Terminal.error("\(file): \(Terminal.summary(check.diagnostics)); nothing written")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        let files = Build.outputs(for: check, file: file)
        try Terminal.write { () throws(OutputError) in try OutputWriter(force: force).write(files, into: output) }
        for file in files { Terminal.out("wrote \(output)/\(file.path)") }
    }
}
