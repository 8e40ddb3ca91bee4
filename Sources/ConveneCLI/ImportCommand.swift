import ArgumentParser

/// `convene import`: brings what other tools export into Convene's files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Adds what other tools export to an agenda or roster: convene import people adds a registration list.",
        subcommands: [ImportPeopleCommand.self]
    )

    /// Without a subcommand, the help on standard error and exit 2, as `convene` alone does.
    func run() throws {
        Terminal.error(ConveneCommand.helpMessage(for: Self.self))
        throw ExitCode(Terminal.Exit.usage)
    }
}
