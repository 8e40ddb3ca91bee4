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
            (the only view that records actions), the door (check-in, on a phone), the stage \
            timer, the public board (redacted as the public agenda is) and one page per online \
            speaker. The console's, the door's and the speakers' addresses hold random tokens \
            kept in the event store, so a restart keeps them. Every action is recorded in the event store: stopped or killed, convene live \
            resumes where the day was. It listens on 127.0.0.1 only unless --bind names another \
            address. Online speakers beyond the venue need TLS: --tls-cert and --tls-key, or a \
            reverse proxy on this machine that holds the certificate (--public-url). Without TLS, \
            an address beyond this machine needs --allow-remote and serves other machines the \
            board and the timer alone: no token crosses the network in clear. Ctrl-C stops it. \
            See docs/live.md.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var bind: String = "127.0.0.1"

    @Flag(help: "Listen on an address beyond this machine (with --bind) without TLS: other machines get the board and the timer, and no address with a token.")
    var allowRemote = false

    @Option(help: ArgumentHelp("Serve over TLS with this certificate chain (PEM, the server's certificate first; with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The certificate's private key (PEM, without a passphrase).", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("The address viewers open when a reverse proxy on this machine serves the day over TLS (https://live.example.org/day): the printed addresses start with it.", valueName: "url"))
    var publicUrl: String?

    @Option(help: ArgumentHelp("Follow only this session (repeatable): the sessions held in one room.", valueName: "id"))
    var session: [String] = []

    @Option(help: ArgumentHelp("No break is shortened below this many minutes.", valueName: "minutes"))
    var minimumBreak: Int = 10

    @Option(help: ArgumentHelp("When the room must be empty, on the venue's clock (2026-12-08T18:00): segments that would run past it are reported.", valueName: "date-time"))
    var venueEnd: String?

    @Option(help: ArgumentHelp("The stage timer turns amber with this many minutes left (default: a fifth of the turn or segment, 1 to 5 minutes).", valueName: "minutes"))
    var warningAt: Int?

    @Option(help: ArgumentHelp("The stage timer turns red with this many minutes left (default: a twentieth, 30 seconds to 2 minutes; 0: only when the time is up).", valueName: "minutes"))
    var dangerAt: Int?

    @Flag(help: "Run the day on today's date (the plan's clock times on today's venue date), to try it out: its actions are kept apart from the real day's, which report --actual reads.")
    var rehearsal = false

    @OptionGroup var state: StateOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port — give 1 to 65535, or 0 for any free port") }
        guard minimumBreak >= 1 else { throw ValidationError("--minimum-break \(minimumBreak) is not possible — give at least 1 minute") }
        for (name, value) in [("--warning-at", warningAt), ("--danger-at", dangerAt)] {
            if let value, !(0...60).contains(value) { throw ValidationError("\(name) \(value) is not possible — give 0 to 60 minutes") }
        }
        if let warningAt, let dangerAt, dangerAt > warningAt {
            throw ValidationError("--danger-at \(dangerAt) is more than --warning-at \(warningAt) — the timer warns first, then shows danger: give a smaller --danger-at")
        }
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError(tlsCert == nil ? "--tls-key needs --tls-cert, the certificate it belongs to" : "--tls-cert needs --tls-key, the certificate's private key")
        }
        if !Self.isLoopback(bind) && !allowRemote && tlsCert == nil {
            throw ValidationError("--bind \(bind) would serve the day beyond this machine without TLS — give --tls-cert and --tls-key, or add --allow-remote to serve other machines the board and the timer alone (the console and the speakers' pages stay on this machine), or keep the default 127.0.0.1")
        }
        if let publicUrl { _ = try Self.publicAddress(publicUrl) }
    }

    /// `text` as the public address of a proxy: https (plain http only on this machine), a
    /// host, no query or fragment.
    static func publicAddress(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw ValidationError("--public-url \(text) is not an address — give the https:// address viewers open, such as https://live.example.org/day")
        }
        guard url.query == nil, url.fragment == nil, url.user == nil else {
            throw ValidationError("--public-url \(text): give the address without a query, a fragment or a user — such as https://live.example.org/day")
        }
        if scheme == "http" && !Self.isLoopback(host) {
            throw ValidationError("--public-url \(text) would send the console's and the speakers' tokens over plain HTTP — give the https:// address of a proxy that holds the certificate")
        }
        return url
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
        LiveTransport.isLoopback(address)
    }

    /// The certificate and key, or exit 2 with what is wrong with them.
    func transport() throws -> LiveTransport {
        var transport = LiveTransport(publicURL: try publicUrl.map(Self.publicAddress))
        guard let tlsCert, let tlsKey else { return transport }
        do {
            let tls = try LiveTLS(certificatePath: tlsCert, keyPath: tlsKey)
            if tls.notValidAfter < Date() {
                Terminal.error("convene: warning: --tls-cert \(tlsCert) expired on \(ISO8601DateFormatter().string(from: tls.notValidAfter)) — browsers will refuse the day's pages until it is renewed")
            }
            transport.tls = tls
        } catch {
            Terminal.error("convene: error: \(error)")
            throw ExitCode(Terminal.Exit.usage)
        }
        return transport
    }

    func run() throws {
        // The certificate is read first: a wrong one leaves no event store behind.
        let transport = try transport()
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
            day = try LiveDay(timeline: valid.timeline, zones: zones, store: store, sessions: sessions, minimumBreak: minimumBreak, venueEnd: end,
                              thresholds: TimerThresholds(warning: warningAt.map { $0 * 60 }, danger: dangerAt.map { $0 * 60 }),
                              rehearsal: rehearsal)
        } catch LiveDayError.state(.overlappingSessions(let first, let second)) {
            Terminal.error("convene: error: sessions '\(first)' and '\(second)' overlap — a live day follows one room: give that room's sessions with --session ID (repeatable), and run one convene live per room")
            throw ExitCode(Terminal.Exit.invalidInput)
        } catch {
            _ = try Terminal.reporting { () throws -> Int in throw error }
            throw ExitCode(Terminal.Exit.invalidInput)
        }
        if let date = day.rehearsal {
            Terminal.error("convene: rehearsal: the day runs on \(date) at its planned clock times; its actions are kept apart from the real day's (report --actual does not read them)")
        } else if let state = try? day.state(), let wrong = day.wrongDay(at: day.now, in: state) {
            Terminal.error("convene: warning: \(wrong)")
        }
        if !Self.isLoopback(bind) {
            if transport.tls == nil {
                Terminal.error("convene: warning: listening on \(bind) without TLS: other machines get the board and the timer alone; the console and the speakers' pages open on this machine only")
            } else {
                Terminal.error("convene: warning: listening on \(bind): anyone who holds an address with a token can use it — give each only to its holder")
            }
        }
        let server = LiveServer(day: day, transport: transport)
        let host = bind, recorded = (try? day.state().history.count) ?? 0
        let application = server.application(host: bind.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port) { port in
            Terminal.out(Self.addresses(day: day, at: Self.bases(host: host, port: port, transport: transport), recorded: recorded, storePath: store.path))
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

    /// Where the public views and the token holders' views open: the public address when a
    /// proxy serves the day; else this server's, and over plain HTTP beyond this machine, the
    /// token holders' on this machine alone.
    static func bases(host: String, port: Int, transport: LiveTransport) -> (public: String, tokens: String, tokensHere: Bool) {
        if let url = transport.publicURL {
            let text = url.absoluteString.hasSuffix("/") ? String(url.absoluteString.dropLast()) : url.absoluteString
            return (text, text, false)
        }
        let wildcard = ["0.0.0.0", "::", "[::]"].contains(host)
        func base(_ name: String) -> String {
            "\(transport.tls == nil ? "http" : "https")://\(name.contains(":") && !name.hasPrefix("[") ? "[\(name)]" : name):\(port)"
        }
        let shown = base(wildcard ? ProcessInfo.processInfo.hostName : host)
        guard transport.tls == nil, !isLoopback(host) else { return (shown, shown, false) }
        return (shown, wildcard ? base("127.0.0.1") : shown, true)
    }

    /// What `convene live` prints once it listens: the addresses to open.
    static func addresses(day: LiveDay, at bases: (public: String, tokens: String, tokensHere: Bool), recorded: Int, storePath: String) -> String {
        let segments = day.initial.items.count
        let here = bases.tokensHere ? " (this machine only, without TLS)" : ""
        var lines = [
            "convene live: \(day.timeline.agenda.title) — \(segments) segment\(segments == 1 ? "" : "s"), \(recorded) action\(recorded == 1 ? "" : "s") recorded in \(storePath)",
            "",
        ] + (here.isEmpty ? ["  console (moderator; keep it secret):  \(bases.tokens)/console/\(day.consoleToken)",
                             "  door (check-in; keep it secret):      \(bases.tokens)/door/\(day.doorToken)"] : [
            "  console (moderator; keep it secret)\(here):",
            "                                        \(bases.tokens)/console/\(day.consoleToken)",
            "  door (check-in; keep it secret)\(here):",
            "                                        \(bases.tokens)/door/\(day.doorToken)",
        ]) + [
            "  stage timer:                          \(bases.public)/timer",
            "  public board:                         \(bases.public)/board",
        ]
        for speaker in day.speakers {
            if let token = day.speakerTokens[speaker.id] {
                lines.append("  \(speaker.name), online speaker (give it to them alone)\(here):")
                lines.append("                                        \(bases.tokens)/speaker/\(token)")
            }
        }
        if bases.tokensHere {
            lines += ["", "Online speakers elsewhere need TLS: run convene live with --tls-cert and --tls-key, or behind a TLS proxy with --public-url (docs/live.md)."]
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
