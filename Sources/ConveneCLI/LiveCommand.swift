import ArgumentParser
import Convene
import ConveneLive
import ConveneStore
import Dispatch
import Foundation

struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Runs the live day: the moderator's console, the stage timer, the public board and each online speaker's page.",
        discussion: """
            Serves the agenda's day over HTTP and prints the addresses to open: the console \
            (the only view that records actions), the stage timer, the public board (redacted as \
            the public agenda is) and one page per online speaker. The console's and the \
            speakers' addresses hold random tokens kept in the event store, so a restart keeps \
            them. Every action is recorded in the event store: stopped or killed, convene live \
            resumes where the day was. It listens on 127.0.0.1 only unless --bind names another \
            address and --allow-remote is given. Ctrl-C stops it. See docs/live.md.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var bind: String = "127.0.0.1"

    @Flag(help: "Listen on an address beyond this machine (with --bind): the tokens then cross the network unencrypted.")
    var allowRemote = false

    @Option(help: ArgumentHelp("Follow only this session (repeatable): the sessions held in one room.", valueName: "id"))
    var session: [String] = []

    @Option(help: ArgumentHelp("No break is shortened below this many minutes.", valueName: "minutes"))
    var minimumBreak: Int = 10

    @Option(help: ArgumentHelp("When the room must be empty, on the venue's clock (2026-12-08T18:00): segments that would run past it are reported.", valueName: "date-time"))
    var venueEnd: String?

    @OptionGroup var state: StateOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port — give 1 to 65535, or 0 for any free port") }
        guard minimumBreak >= 1 else { throw ValidationError("--minimum-break \(minimumBreak) is not possible — give at least 1 minute") }
        if !Self.isLoopback(bind) && !allowRemote {
            throw ValidationError("--bind \(bind) would serve the day beyond this machine, and its tokens would cross the network unencrypted — add --allow-remote to do so on a network you trust, or keep the default 127.0.0.1")
        }
    }

    /// The instant `text` (`2026-12-08T18:00`) names on the clock of `zone`, or exit 2.
    static func instant(_ text: String, in zone: String, zones: ZoneDirectory) throws -> Instant {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = LocalDate(parsing: String(parts[0])), let time = LocalTime(parsing: String(parts[1])) else {
            Terminal.error("convene: error: --venue-end \(text) is not a date and time — write it as 2026-12-08T18:00, on the venue's clock (\(zone))")
            throw ExitCode(Terminal.Exit.usage)
        }
        do {
            return try zones.instant(on: date, at: time, in: zone)
        } catch {
            Terminal.error("convene: error: --venue-end \(text): \(error.message(String(parts[1]), in: zone))")
            throw ExitCode(Terminal.Exit.usage)
        }
    }

    /// Whether `address` is this machine's own: 127.0.0.0/8, ::1 or localhost.
    static func isLoopback(_ address: String) -> Bool {
        if address == "localhost" || address == "::1" || address == "[::1]" { return true }
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    func run() throws {
        let zones = try Terminal.zones()
        let valid = try Terminal.valid(file, zones: zones, then: "nothing served")
        try Terminal.labels(for: Array(SheetLanguage.allCases))
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        // Said once here; the live day replays its own moves onto the planned timeline.
        _ = try Terminal.moved(valid, in: store, zones: zones, file: file)
        let sessions = session.isEmpty ? nil : session.map(SessionID.init(rawValue:))
        let scheduled = valid.timeline.sessions.map(\.id)
        for id in sessions ?? [] where !scheduled.contains(id) {
            Terminal.error("convene: error: --session \(id): the agenda has no scheduled session '\(id)' — give one of \(scheduled.map(\.rawValue).joined(separator: ", "))")
            throw ExitCode(Terminal.Exit.usage)
        }
        let end = try venueEnd.map { try Self.instant($0, in: valid.agenda.timeZone, zones: zones) }
        let day: LiveDay
        do {
            day = try LiveDay(timeline: valid.timeline, zones: zones, store: store, sessions: sessions, minimumBreak: minimumBreak, venueEnd: end)
        } catch LiveDayError.state(.overlappingSessions(let first, let second)) {
            Terminal.error("convene: error: sessions '\(first)' and '\(second)' overlap — a live day follows one room: give that room's sessions with --session ID (repeatable), and run one convene live per room")
            throw ExitCode(Terminal.Exit.invalidInput)
        } catch {
            _ = try Terminal.reporting { () throws -> Int in throw error }
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        if !Self.isLoopback(bind) {
            Terminal.error("convene: warning: listening on \(bind) without TLS: the console's and the speakers' addresses, tokens included, cross the network in clear — anyone who sees one can use it. Use this only on a network you trust.")
        }
        let server = LiveServer(day: day)
        let host = bind, recorded = (try? day.state().history.count) ?? 0
        let application = server.application(host: bind.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port) { port in
            Terminal.out(Self.addresses(day: day, host: host, port: port, recorded: recorded, storePath: store.path))
        }
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do {
                try await application.runService()
            } catch {
                failure.error = error
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error {
            Terminal.error("convene: error: cannot serve the live day on \(bind):\(port) (\(error)) — is another program using the port? Give another with --port")
            throw ExitCode(Terminal.Exit.cannotWrite)
        }
    }

    /// What `convene live` prints once it listens: the addresses to open.
    static func addresses(day: LiveDay, host: String, port: Int, recorded: Int, storePath: String) -> String {
        let shown = ["0.0.0.0", "::", "[::]"].contains(host) ? ProcessInfo.processInfo.hostName : host
        let base = "http://\(shown.contains(":") && !shown.hasPrefix("[") ? "[\(shown)]" : shown):\(port)"
        let segments = day.initial.items.count
        var lines = [
            "convene live: \(day.timeline.agenda.title) — \(segments) segment\(segments == 1 ? "" : "s"), \(recorded) action\(recorded == 1 ? "" : "s") recorded in \(storePath)",
            "",
            "  console (moderator; keep it secret):  \(base)/console/\(day.consoleToken)",
            "  stage timer:                          \(base)/timer",
            "  public board:                         \(base)/board",
        ]
        for speaker in day.speakers {
            if let token = day.speakerTokens[speaker.id] {
                lines.append("  \(speaker.name), online speaker (give it to them alone):")
                lines.append("                                        \(base)/speaker/\(token)")
            }
        }
        lines += ["", "Ctrl-C stops the server. The day stays in the event store: convene live again resumes it, at the same addresses."]
        return lines.joined(separator: "\n")
    }
}

/// The error the server stopped with, handed from its task to the waiting command.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
