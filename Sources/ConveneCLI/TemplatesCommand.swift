import ArgumentParser
import Convene
import Foundation

/// The `--templates` option, shared by the commands that use templates.
struct TemplateFolders: ParsableArguments {
    @Option(name: .customLong("templates"), help: ArgumentHelp(
        "A folder of your own agenda templates (repeatable); CONVENE_TEMPLATES may list more, separated by ':'.",
        valueName: "dir"))
    var folders: [String] = []

    var library: TemplateLibrary {
        TemplateLibrary(folders: TemplateLibrary.folders(
            userFolders: folders, environment: ProcessInfo.processInfo.environment,
            executablePath: Bundle.main.executablePath ?? CommandLine.arguments[0]))
    }
}

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Lists the agenda templates, with a line on each."
    )

    @OptionGroup var templates: TemplateFolders

    func run() throws {
        let (found, problems) = templates.library.templates()
        for problem in problems { Terminal.error("convene: warning: \(problem)") }
        guard !found.isEmpty else {
            Terminal.error("convene: error: no agenda templates found — pass --templates DIR or set CONVENE_HOME to the folder that holds templates/")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        let width = found.map(\.name.count).max() ?? 0
        for template in found {
            Terminal.out(template.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + template.summary)
        }
    }
}
