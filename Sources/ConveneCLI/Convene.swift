import ArgumentParser
import Convene
import Foundation

/// The `convene` command: parses arguments, calls the Convene library, prints, and picks the
/// exit code (0 success, 1 invalid input, 2 wrong command line, 3 output not written).
@main
struct ConveneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Turns one agenda file into the invites, sheets and figures a peace dialogue or WPS event needs.",
        discussion: """
            Start from a template (convene templates, convene new), check the agenda as you edit \
            it (convene check), and build everything into a folder (convene build). Find speakers \
            in a roster of experts with convene pool.
            Exit codes: 0 success, 1 the input is invalid, 2 the command line is wrong, \
            3 an output could not be written.
            """,
        version: Terminal.versionLine(),
        subcommands: [TemplatesCommand.self, NewCommand.self, CheckCommand.self, TimesCommand.self, SlotsCommand.self, PoolCommand.self, ImportCommand.self, IcsCommand.self, PrintCommand.self, ReportCommand.self, BuildCommand.self, StatusCommand.self, SendCommand.self, RepliesCommand.self, PublishCommand.self, HistoryCommand.self, ForgetCommand.self, LiveCommand.self, SchemaCommand.self, ExportCommand.self]
    )

    static func main() {
        if CommandLine.arguments.count == 1 {
            Terminal.error(helpMessage())
            Foundation.exit(Terminal.Exit.usage)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            if code == .success { self.exit(withError: error) }
            Terminal.error(fullMessage(for: error))
            Foundation.exit(Terminal.Exit.usage)
        }
        do {
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let usage as ValidationError {
            Terminal.error(fullMessage(for: usage))
            Foundation.exit(Terminal.Exit.usage)
        } catch {
            // Help and version requests come through here too: they are successes.
            if exitCode(for: error) == .success { self.exit(withError: error) }
            // A library error no command caught itself: its message and documented code.
            let (message, code) = Terminal.failure(error)
            Terminal.error(message)
            Foundation.exit(code)
        }
    }
}
