import ArgumentParser
import Convene
import Foundation

extension FrabSchedule.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes the programme in the frab schedule format (schedule.xml or schedule.json) that conference apps read.",
        discussion: """
            frab-xml is the schedule.xml of frab and pretalx; frab-json its schedule.json. Giggity, \
            EventFahrplan, pyfahrplan, info-beamer and the c3voc tools read them. One event per \
            scheduled session, its segments and their times in its description. People are named \
            as the audience may see them (public by default): others by their described_as \
            wording, or left out, and nobody in a chatham-house, off-the-record or closed \
            session for the public. Sessions not held in public, or in which someone talks whom \
            the public may not name, are marked not to be recorded. The version changes whenever \
            the exported programme does. See docs/exports.md.
            """
    )

    @Argument(help: "The agenda file (- reads standard input).")
    var file: String

    @Option(help: "The schedule's form: frab-xml (schedule.xml) or frab-json (schedule.json).")
    var format: FrabSchedule.Format

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "public, participants or organizers: who the schedule is for, and so who may be named.")
    var audience: Audience = .public

    @Flag(help: "Replace the output file even if it was edited.")
    var force = false

    func validate() throws {
        if let output, output.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("-o needs the file to write") }
    }

    func run() throws {
        let zones = try Terminal.zones()
        let timeline = try Terminal.valid(file, zones: zones, then: "nothing exported").timeline
        try Terminal.labels(for: [SheetLanguage.preferred(in: timeline.agenda.languages)])
        let schedule: FrabSchedule
        do {
            schedule = try FrabSchedule(timeline: timeline, zones: zones, audience: audience)
        } catch let nothing as FrabSchedule.NothingScheduled {
            Terminal.error("convene: error: \(file): \(nothing)")
            throw ExitCode(Terminal.Exit.invalidInput)
        } catch {
            let (message, code) = Terminal.failure(error)
            Terminal.error(message)
            throw ExitCode(code)
        }
        let text = schedule.document(format)
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: output)
        try Terminal.write { () throws(OutputError) in
            try OutputWriter(force: force).write([OutputFile(path: url.lastPathComponent, contents: text)], into: url.deletingLastPathComponent().path) {
                Terminal.error("convene: note: \($0)")
            }
        }
        Terminal.out("wrote \(output)")
    }
}
