import ArgumentParser
import Convene
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Drafts an agenda from a template.",
        discussion: """
            The draft passes convene check as it is; fill in the people and the details. \
            Without --date the draft is dated the first Monday at least a week from today. \
            An existing file is kept unless you pass --force.
            """
    )

    @Argument(help: "The template's name (convene templates lists them).")
    var template: String

    @Option(name: .shortAndLong, help: "The agenda file to write.")
    var output: String

    @Option(help: "The event's title.")
    var title: String?

    @Option(help: "The event's id (default: made from the title).")
    var id: String?

    @Option(help: "The first day, YYYY-MM-DD.")
    var date: String?

    @Option(help: ArgumentHelp("The first session's start, HH:MM in the venue's zone.", valueName: "HH:MM"))
    var start: String?

    @Option(help: "The venue's IANA time zone, e.g. Europe/Kyiv.")
    var timezone: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @OptionGroup var templates: TemplateFolders

    func validate() throws {
        if output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("-o needs the path of the agenda file to write")
        }
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--title is empty — give the event's title")
        }
        if let date {
            guard let day = LocalDate(parsing: date) else {
                throw ValidationError("--date '\(date)' is not a date — write YYYY-MM-DD, e.g. 2026-12-08")
            }
            guard (1970...2100).contains(day.year) else {
                throw ValidationError("--date \(date) is out of range — give a date from 1970 to 2100")
            }
        }
        if let start, LocalTime(parsing: start) == nil {
            throw ValidationError("--start '\(start)' is not a time — write HH:MM, 24-hour, e.g. 09:00")
        }
        if let id, !AgendaFormat.isIdentifier(id) {
            throw ValidationError("--id '\(id)' is not a valid id — use letters, digits, '-', '_' and '.', e.g. kyiv-consultation-2026")
        }
    }

    func run() throws {
        let zones = try Terminal.zones()
        let chosen: AgendaTemplate
        do {
            chosen = try templates.library.template(named: template)
        } catch {
            Terminal.error("convene: error: \(error)")
            throw ExitCode(Terminal.Exit.usage)
        }
        let zone = try resolveZone(timezone ?? chosen.defaultTimeZone, zones: zones)
        let day = date.flatMap(LocalDate.init(parsing:)) ?? Self.defaultDate()
        let title = title ?? chosen.defaultTitle
        let eventID: String
        do {
            eventID = try id ?? DraftIdentifier.make(title: title, year: day.year, template: chosen.name)
        } catch {
            Terminal.error("convene: error: \(error)")
            throw ExitCode(Terminal.Exit.usage)
        }
        let parameters = AgendaTemplate.Parameters(
            title: title,
            id: eventID,
            date: day,
            start: start.flatMap(LocalTime.init(parsing:)) ?? chosen.defaultStart,
            timeZone: zone)
        let draft: String
        do {
            draft = try chosen.render(parameters)
        } catch {
            Terminal.error("convene: error: \(error)")
            // A problem without a line comes from the values given on the command line.
            throw ExitCode(error.line == nil ? Terminal.Exit.usage : Terminal.Exit.invalidInput)
        }
        let check = AgendaCheck(text: draft, zones: zones)
        guard check.isValid else {
            Terminal.error("convene: error: template '\(chosen.name)' drafts an agenda with errors; nothing written:")
            // The draft keeps the template's line numbers, so the template's path is the place to fix.
            Terminal.printDiagnostics(check.diagnostics, file: chosen.path)
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        try Terminal.write { () throws(OutputError) in try OutputWriter(force: force).write(draft, to: output) }
        if date == nil { Terminal.error("convene: note: no --date given; the draft starts on \(day.weekday.rawValue) \(day)") }
        Terminal.out("wrote \(output) from template \(chosen.name) — next: edit it, then convene check \(output)")
    }

    private func resolveZone(_ name: String, zones: ZoneDirectory) throws -> String {
        switch zones.lookup(name) {
        case .current(let zone):
            return zone
        case .alias(let zone):
            Terminal.error("convene: warning: '\(name)' is a legacy name for '\(zone)'; the draft uses '\(zone)'")
            return zone
        case .unknown(let suggestion):
            Terminal.error("convene: error: unknown time zone '\(name)' — \(ZoneDirectory.hint(forUnknown: suggestion))")
            throw ExitCode(Terminal.Exit.usage)
        }
    }

    /// The first Monday at least seven days from today (UTC).
    static func defaultDate() -> LocalDate {
        let today = LocalDate.fromDaysSinceEpoch(Int(Date().timeIntervalSince1970 / 86_400))
        var day = today.adding(days: 7)
        while day.weekday != .mon { day = day.adding(days: 1) }
        return day
    }
}
