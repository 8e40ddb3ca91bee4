import ArgumentParser
import Convene
import Foundation

struct IcsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics",
        abstract: "Writes the calendar of the programme, an invite for each person and session, and each person's programme.",
        discussion: """
            DIR/event.ics (METHOD:PUBLISH) is for posting or forwarding: no attendees, and names only \
            where they may be public (--audience widens the circle). DIR/invites/PERSON-ID/SESSION-ID.ics (METHOD:REQUEST) is one \
            meeting for one person (one per message); DIR/programmes/PERSON-ID.ics (no METHOD) holds every session a person \
            takes part in, to import or subscribe to. The event store (--state, or EVENT-ID.convene.db beside the agenda) \
            remembers what was generated and sent: run again after a \
            change and a session whose time, place, link, role or attendance changed keeps its UID \
            with a higher SEQUENCE; a person removed from a session, or a removed session, gets a \
            METHOD:CANCEL file in DIR/cancellations/invites/PERSON-ID/, and the public calendar a cancelled \
            copy in DIR/cancellations/event.ics, until convene status --mark-sent. DTSTAMP comes \
            from SOURCE_DATE_EPOCH when it is set, so the same agenda gives the same files.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @OptionGroup var folder: OutputFolder

    @Option(help: "public, participants or organizers: who event.ics is for, and so whom its descriptions name (invites always name only what their reader may see).")
    var audience: Audience = .public

    @OptionGroup var state: StateOption

    var output: String { folder.output }
    var force: Bool { folder.force }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "nothing written")
        let stamp = try Terminal.stamp()
        try Terminal.labels(for: valid.agenda)
        // One run at a time records this history and writes this folder.
        let lock = try Terminal.reporting { try OutputFolderLock(output) }
        defer { withExtendedLifetime(lock) {} }
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        try Terminal.importLegacyState(in: output, into: store, zones: zones, now: stamp)
        try Terminal.reporting {
            // The history is recorded first: a folder is a view of it, written after. The
            // files' text is made a batch at a time as they are written, and the draft's
            // entries are let go before.
            let (files, history) = try { () throws -> (OutputFiles, CalendarHistory) in
                let draft = try CalendarOutputs.draft(timeline: valid.timeline, zones: zones, stamp: stamp, audience: audience)
                let history = try store.record(draft.entries, at: stamp)
                let files = try CalendarOutputs.outputs(of: draft, history: history, stamp: stamp)
                for warning in draft.warnings { Terminal.error("convene: warning: \(warning)") }
                return (files, history)
            }()
            try OutputWriter(force: force).write(files, into: output, pruning: CalendarOutputs.prunedFolders) { Terminal.error("convene: note: \($0)") }
            for path in files.paths where !path.hasPrefix(".") { Terminal.out("wrote \(output)/\(path)") }
            Terminal.pendingSummary(history, agendaPath: file)
        }
    }
}

/// The output folder of the commands that write several files, and whether they may replace
/// files the user edited there.
struct OutputFolder: ParsableArguments {
    @Option(name: .shortAndLong, help: "The output folder.")
    var output: String

    @Flag(help: "Replace files in the folder even if they were edited.")
    var force = false

    func validate() throws {
        if output.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("-o needs the folder to write into") }
    }
}

extension Terminal {
    /// DTSTAMP for calendars: SOURCE_DATE_EPOCH when set (reproducible files), else now.
    static func stamp() throws -> Int64 {
        try sourceDateEpoch() ?? Int64(Date().timeIntervalSince1970)
    }

    /// SOURCE_DATE_EPOCH, nil when unset; exit 2 when it is not a number of seconds.
    static func sourceDateEpoch() throws -> Int64? {
        guard let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        // Up to the last second of the year 9999: iCalendar writes four-digit years.
        guard let seconds = Int64(value), seconds >= 0, seconds <= 253_402_300_799 else {
            Terminal.error("convene: error: SOURCE_DATE_EPOCH '\(value)' is not a number of seconds from 0 to 253402300799 (the end of 9999)")
            throw ExitCode(Exit.usage)
        }
        return seconds
    }
}
