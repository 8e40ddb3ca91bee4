import ArgumentParser
import Convene
import Foundation

struct SlotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "Proposes start times for a session that suit everyone's zone, hours and calendar.",
        discussion: """
            Every participant of the session must be within their working hours and working days \
            (people in the room in the venue's zone) and free in their calendars. Calendars are \
            .ics files or folders of them; a file belongs to PERSON-ID.ics, or to whoever's email \
            it names as organiser or attendee. Slots are ranked by comfort: how close the middle \
            of the session is to the middle of each person's working day, moderators and speakers \
            counting double; earlier times break ties. When no time suits everyone, it says which \
            window everyone's working hours share each day, whose hours or calendars close it, and \
            what would open one: a shorter session, another day, or someone's consent to start \
            earlier or end later.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @Option(help: "The session's id.")
    var session: String

    @Option(help: "The first date to search, YYYY-MM-DD, venue time.")
    var from: String

    @Option(help: "The last date to search, YYYY-MM-DD, venue time.")
    var to: String

    @Option(help: ArgumentHelp("A calendar file (.ics) or a folder of them; repeatable.", valueName: "path"))
    var busy: [String] = []

    @Option(help: "Minutes between candidate starts.")
    var step: Int = 15

    @Option(help: "How many slots to show.")
    var top: Int = 5

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: ArgumentHelp("The text's width in columns, 40 to 1000 (default: the terminal's width, or 80 when standard output is not a terminal).", valueName: "columns"))
    var width: Int?

    func validate() throws {
        guard let first = LocalDate(parsing: from) else { throw ValidationError("--from '\(from)' is not a date — write YYYY-MM-DD") }
        guard let last = LocalDate(parsing: to) else { throw ValidationError("--to '\(to)' is not a date — write YYYY-MM-DD") }
        guard first <= last else { throw ValidationError("--to \(to) is before --from \(from)") }
        guard last.daysSinceEpoch - first.daysSinceEpoch <= 366 else { throw ValidationError("search at most a year at a time (--from to --to)") }
        guard (1...720).contains(step) else { throw ValidationError("--step must be 1 to 720 minutes") }
        guard (1...100).contains(top) else { throw ValidationError("--top must be 1 to 100") }
        if let problem = Terminal.widthProblem(width) { throw ValidationError(problem) }
    }

    func run() throws {
        let zones = try Terminal.zones()
        let check = try Terminal.check(file, zones: zones)
        guard check.isValid, let agenda = check.agenda else {
            Terminal.error("\(file): \(Terminal.summary(check.diagnostics)); fix the errors first")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        guard let index = agenda.sessions.firstIndex(where: { $0.id == SessionID(rawValue: session) }) else {
            let ids = agenda.sessions.map(\.id.rawValue)
            Terminal.error("convene: error: no session '\(session)' in \(file) — sessions: \(ids.joined(separator: ", "))")
            throw ExitCode(Terminal.Exit.usage)
        }
        guard case .success(let (layout, _)) = SegmentLayout.of(agenda.sessions[index]) else {
            Terminal.error("convene: error: session '\(session)' has no length — give it a duration")
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        guard let first = LocalDate(parsing: from), let last = LocalDate(parsing: to) else { throw ExitCode(Terminal.Exit.usage) }
        let finder = SlotFinder(agenda: agenda, zones: zones)
        let (start, end) = try finder.window(from: first, to: last)
        let calendars = try readCalendars()
        let busyTimes = BusyTimes(files: calendars, agenda: agenda, from: start, to: end.adding(minutes: layout.length), zones: zones)
        for warning in busyTimes.warnings { Terminal.error("convene: warning: \(warning)") }
        guard busyTimes.errors.isEmpty else {
            for error in busyTimes.errors { Terminal.error("convene: error: \(error)") }
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        var result = try finder.search(sessionIndex: index, minutes: layout.length, from: first, to: last, step: step, top: top, busy: busyTimes)
        if result.slots.isEmpty {
            let later = try laterBusyTimes(calendars, finder: finder, after: last, minutes: layout.length)
            result.explanation = try finder.explain(sessionIndex: index, minutes: layout.length, from: first, to: last, step: step,
                                                    busy: busyTimes, later: later)
        }
        Terminal.out(json ? result.json().serialized()
                          : result.text(agenda: agenda, from: first, to: last, step: step, width: Terminal.width(option: width)))
    }

    /// The calendars read again for the days after the search, where another day is looked
    /// for. Their warnings are not printed: they would repeat the search's for other dates,
    /// and what could not be read counts as busy there too.
    private func laterBusyTimes(_ calendars: [BusyTimes.File], finder: SlotFinder, after last: LocalDate, minutes: Int) throws -> BusyTimes? {
        let (start, end) = try finder.window(from: last.adding(days: 1), to: last.adding(days: SlotFinder.laterDays))
        let later = BusyTimes(files: calendars, agenda: finder.agenda, from: start, to: end.adding(minutes: minutes), zones: finder.zones)
        return later.errors.isEmpty ? later : nil
    }

    /// The .ics files named by --busy, folders expanded (sorted, not recursive).
    private func readCalendars() throws -> [BusyTimes.File] {
        var files: [BusyTimes.File] = []
        for path in busy {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                Terminal.error("convene: error: \(path): no such file or folder")
                throw ExitCode(Terminal.Exit.usage)
            }
            let paths = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.lowercased().hasSuffix(".ics") }.sorted().map { path + "/" + $0 }
                : [path]
            for file in paths {
                guard let data = FileManager.default.contents(atPath: file) else {
                    Terminal.error("convene: error: \(file) cannot be read")
                    throw ExitCode(Terminal.Exit.invalidInput)
                }
                guard data.count <= 64 * 1024 * 1024 else {
                    Terminal.error("convene: error: \(file) is larger than 64 MB")
                    throw ExitCode(Terminal.Exit.invalidInput)
                }
                files.append(BusyTimes.File(name: file, text: String(decoding: data, as: UTF8.self)))
            }
        }
        return files
    }
}
