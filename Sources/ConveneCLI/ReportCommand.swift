import ArgumentParser
import Convene
import ConveneStore


struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Shows the inclusion figures and flags: who speaks, moderates and takes part, by gender, sector, attendance and language.",
        discussion: """
            Figures for the event, each track and each session. People count once per scope; a \
            segment's moderator is not one of its speakers; totals include undisclosed genders, \
            so women's share is women / total. Sessions are flagged single-sex-panel, \
            no-woman-speaker, below-threshold (inclusion.women_speakers_threshold, 50% unless set) \
            and no-civil-society-speaker (Track 2 and 3 events). The report names nobody, but \
            in the per-speaker table --actual adds for --audience organizers alone. For \
            the public audience (the default) the figures of chatham-house, off-the-record and \
            closed sessions are left out, though counted in the event and track totals. \
            See docs/inclusion.md.
            """
    )

    @Argument(help: "The agenda file (- reads standard input).")
    var file: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Who the report is for: public (confidential sessions' own figures left out), participants or organizers.")
    var audience: Audience = .public

    @Flag(help: "Add confirmed attendance: who accepted, by gender, role and sector, beside who was invited, from the replies convene replies read.")
    var confirmed = false

    @Flag(help: "Add actual speaking time by gender beside the planned (per session, track and event; per speaker for --audience organizers), and actual attendance beside invited and accepted, from convene live's turns and check-in.")
    var actual = false

    @Option(help: ArgumentHelp("With --actual: the sessions of the room convene live followed with --session (repeatable).", valueName: "id"))
    var session: [String] = []

    @OptionGroup var state: StateOption

    func validate() throws {
        if (confirmed || actual) && file == "-" { throw ValidationError("--confirmed and --actual read the event store beside the agenda: give the agenda's path, not -") }
        if !session.isEmpty && !actual { throw ValidationError("--session goes with --actual") }
    }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "fix the errors, then run report again")
        let report = InclusionReport(timeline: valid.timeline, audience: audience)
        guard confirmed || actual else {
            Terminal.out(json ? report.json().serialized() : report.text())
            return
        }
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        var text = report.text()
        var document = report.json()
        if confirmed {
            let attendance = ConfirmedAttendance(timeline: valid.timeline, answers: try Terminal.reporting { try store.answers() }, audience: audience)
            text += attendance.text()
            if case .object(var pairs) = document {
                pairs.append(("confirmed", attendance.json()))
                document = .object(pairs)
            }
        }
        if actual {
            let sessions = session.isEmpty ? nil : session.map(SessionID.init(rawValue:))
            let now = Instant(seconds: try Terminal.stamp())
            let day = try Terminal.recordedDay(valid, in: store, sessions: sessions, zones: zones)
            let speaking = ActualSpeaking(state: day, timeline: valid.timeline, audience: audience, now: now)
            let attendance = ConfirmedAttendance(timeline: valid.timeline, answers: try Terminal.reporting { try store.answers() }, audience: audience,
                                                 checkIn: try Terminal.reporting { try store.checkIn() })
            text += speaking.text() + attendance.attendanceText()
            if case .object(var pairs) = document {
                var actual = speaking.json()
                if case .object(var fields) = actual {
                    fields.append(("attendance", attendance.attendanceJSON()))
                    actual = .object(fields)
                }
                pairs.append(("actual", actual))
                document = .object(pairs)
            }
        }
        Terminal.out(json ? document.serialized() : text)
    }
}
