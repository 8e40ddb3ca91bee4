import ArgumentParser
import Convene
import ConveneStore
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Shows, per person and session, what they last received and what waits to be sent.",
        discussion: """
            Read from the event store, as the last convene ics or convene build left it. \
            A version waits until it is marked sent: --mark-sent marks every pending version \
            (or those of --person and --session) as sent now. A cancellation or uninvite keeps \
            its file in every output folder until it is marked sent or, with --discard, \
            dropped on purpose. See docs/calendars.md.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @OptionGroup var state: StateOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Mark the pending versions (all, or those of --person and --session) as sent now.")
    var markSent = false

    @Flag(help: "Drop the pending versions of --person and --session: they will not be sent, and a discarded cancellation's file leaves every output folder.")
    var discard = false

    @Option(help: "With --mark-sent or --discard: only this person's versions (repeatable).")
    var person: [String] = []

    @Option(help: "With --mark-sent or --discard: only this session's versions (repeatable).")
    var session: [String] = []

    func validate() throws {
        if markSent && discard { throw ValidationError("--mark-sent and --discard cannot be given together") }
        if discard && person.isEmpty && session.isEmpty {
            throw ValidationError("--discard drops what would be sent: name what with --person or --session")
        }
        if !markSent && !discard && !(person.isEmpty && session.isEmpty) {
            throw ValidationError("--person and --session go with --mark-sent or --discard")
        }
    }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "fix the errors first")
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        try Terminal.reporting {
            if markSent || discard {
                let now = try Terminal.stamp()
                let selection = EventStore.Selection(people: person.map(PersonID.init(rawValue:)), sessions: session.map(SessionID.init(rawValue:)))
                let settled = markSent ? try store.markSent(selection, at: now) : try store.discard(selection, at: now)
                let verb = markSent ? "marked sent" : "discarded"
                Terminal.error("convene: \(verb): \(settled.count) version\(settled.count == 1 ? "" : "s")")
            }
            let history = try store.history()
            let report = StatusReport(event: valid.agenda.id, store: store.path, history: history)
            let answers = try store.answers()
            if json {
                var document = report.json()
                if case .object(var pairs) = document {
                    pairs.append(("replies", .array(answers.map { StatusReport.json($0, current: ReplyAnswer.current(answers)) })))
                    document = .object(pairs)
                }
                Terminal.out(document.serialized())
            } else {
                var lines = ReplyReport.statusLines(answers, history: history, zone: valid.agenda.timeZone, zones: zones)
                let notices = try store.unconfirmedNotices()
                if notices > 0 {
                    lines += [""] + TextLayout.wrap("\(notices == 1 ? "1 reminder or briefing was" : "\(notices) reminders or briefings were") handed to the mail program without its outcome being recorded (unconfirmed): the next convene send --reminders or --briefings sends \(notices == 1 ? "it" : "them") again.", width: 80)
                }
                Terminal.out(report.text() + (lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"))
            }
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Lists every version of every invite and cancellation, to whom, when, and whether it was sent.",
        discussion: "Read from the event store, oldest first. See docs/calendars.md."
    )

    @Argument(help: "The agenda file.")
    var file: String

    @OptionGroup var state: StateOption

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "fix the errors first")
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        try Terminal.reporting {
            let versions = try store.versions()
            Terminal.out(json ? StatusReport.historyJSON(event: valid.agenda.id, versions: versions).serialized()
                              : StatusReport.historyText(event: valid.agenda.id, versions: versions))
        }
    }
}

struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Removes a person's name, e-mail address and history from the event store.",
        discussion: """
            For a participant at risk who asks to be forgotten: every version of their invites \
            goes, and what was deleted is overwritten. Nobody else's SEQUENCEs depend on it. \
            Remove them from the agenda too, or the next build invites them afresh.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @Argument(help: "The id of the person to forget.")
    var personID: String

    @OptionGroup var state: StateOption

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "nothing forgotten")
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        let id = PersonID(rawValue: personID)
        try Terminal.reporting {
            let removed = try store.forget(id)
            Terminal.out("forgot \(personID): \(removed) version\(removed == 1 ? "" : "s") removed from \(store.path)")
            if valid.agenda.person(id) != nil {
                Terminal.error("convene: warning: \(personID) is still in \(file): remove them there too, or the next build invites them afresh")
            }
        }
    }
}
