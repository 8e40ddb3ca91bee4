import ArgumentParser
import Convene
import ConveneStore
import Foundation

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Sends each person the invitations, updates and cancellations that wait for them, one e-mail per session (iMIP).",
        discussion: """
            Each pending version of a person's invitation (convene status lists them) becomes one \
            message from the organiser to that person: their own times in their language as text, \
            the calendar as text/calendar (METHOD:REQUEST or CANCEL) and as an attachment. \
            --outbox DIR writes the messages as .eml drafts (Outlook opens them ready to send) with \
            DIR/index.tsv of who gets which; once you have sent them, convene status FILE --mark-sent. \
            --sendmail hands each message to a sendmail-compatible program (Postfix's sendmail, \
            msmtp; --sendmail-command names another) and records it sent when the program takes it; \
            a message it refuses stays pending. --dry-run lists what would go to whom and changes \
            nothing. The public programme is not mailed. --reminders sends, instead, a reminder of each \
            session that starts within --before (24h unless given), once per session and person; \
            --briefings each online speaker's briefing (the text, with the HTML sheet and, where \
            Chromium is installed, the PDF attached), again whenever it changes. See docs/sending.md.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    @Option(help: "Write the messages as .eml drafts into this folder, with index.tsv.")
    var outbox: String?

    @Flag(help: "Hand each message to the system's sendmail program, and record it sent when it takes it.")
    var sendmail = false

    @Option(name: .customLong("sendmail-command"), help: "The sendmail-compatible program and its arguments, e.g. \"msmtp -a events\" (implies --sendmail).")
    var sendmailCommand: String?

    @Flag(help: "List what would be sent to whom; write and record nothing.")
    var dryRun = false

    @Option(help: "Only this person's messages (repeatable).")
    var person: [String] = []

    @Option(help: "Only this session's messages (repeatable).")
    var session: [String] = []

    @Flag(help: "With --outbox: replace drafts in the folder even if they were edited.")
    var force = false

    @Flag(help: "Send reminders of the sessions that start within --before, once per person and session, instead of invitations.")
    var reminders = false

    @Option(help: "With --reminders: how long before its start a session's reminder goes, e.g. 24h, 2h, 90m.")
    var before: String?

    @Flag(help: "Send each online speaker their briefing, again when it changes, instead of invitations.")
    var briefings = false

    @OptionGroup var state: StateOption

    var delivers: Bool { sendmail || sendmailCommand != nil }

    func validate() throws {
        let modes = [outbox != nil, delivers, dryRun].filter { $0 }.count
        if modes != 1 { throw ValidationError("say how to send: one of --outbox DIR, --sendmail (or --sendmail-command) and --dry-run") }
        if let outbox, outbox.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--outbox needs the folder to write the drafts into") }
        if let sendmailCommand, sendmailCommand.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--sendmail-command needs the program to run") }
        if force && outbox == nil { throw ValidationError("--force goes with --outbox") }
        if before != nil && !reminders { throw ValidationError("--before goes with --reminders") }
        if let before, Minutes(parsing: before) == nil { throw ValidationError("--before '\(before)' is not a length of time such as 24h, 2h or 90m") }
    }

    /// How long before a session its reminder goes, in seconds.
    var reminderWindow: Int64 { Int64((before.flatMap(Minutes.init(parsing:)) ?? Minutes(24 * 60)).value) * 60 }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "nothing sent")
        let stamp = try Terminal.stamp()
        try Terminal.labels(for: valid.agenda)
        let program = try delivers ? Terminal.reporting { () throws(MailError) -> Sendmail in
            try Sendmail.locate(command: sendmailCommand, environment: ProcessInfo.processInfo.environment)
        } : nil
        let storePath = state.path ?? EventStore.defaultPath(forAgenda: file, event: valid.agenda.id)
        let storeFolder = URL(fileURLWithPath: storePath).deletingLastPathComponent().path
        // One send at a time for this store, so that no message goes twice; the outbox too.
        let lock = dryRun ? nil : try Terminal.reporting { try OutputFolderLock(outbox ?? storeFolder) }
        defer { withExtendedLifetime(lock) {} }
        // What a send stopped while its mail program ran left beside the store: messages.
        if program != nil { Sendmail.removeLeftovers(in: storeFolder) }
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        let people = Set(person), sessions = Set(session)
        for id in people where !valid.agenda.people.contains(where: { $0.id.rawValue == id }) {
            Terminal.error("convene: warning: --person \(id) is not a person of \(file)")
        }
        try Terminal.reporting {
            let draft = try CalendarOutputs.draft(timeline: valid.timeline, zones: zones, stamp: stamp)
            for warning in draft.warnings { Terminal.error("convene: warning: \(warning)") }
            let history = try Terminal.history(of: draft, in: store, at: stamp, dryRun: dryRun)
            if reminders || briefings {
                try sendNotices(draft: draft, valid: valid, zones: zones, stamp: stamp, store: store, program: program, storeFolder: storeFolder)
                return
            }
            let messages = try CalendarOutputs.messages(of: draft, history: history, stamp: stamp).filter {
                (people.isEmpty || people.contains($0.person.rawValue)) && (sessions.isEmpty || sessions.contains($0.session.rawValue))
            }
            if messages.isEmpty {
                Terminal.error("convene: nothing to send: every person has the latest version of each invitation")
                return
            }
            if dryRun {
                Terminal.out(SendReport.table(messages.headings))
            } else if let outbox {
                try writeOutbox(messages, into: outbox, stamp: stamp)
            } else if let program {
                try deliver(messages, through: program, store: store, workingIn: storeFolder)
            }
        }
    }

    /// Reminders and briefings: made, those already sent left out, then listed, written as
    /// drafts (which are not recorded: no command learns when they leave) or handed over and
    /// recorded one by one.
    func sendNotices(draft: CalendarOutputs.Draft, valid: ValidAgenda, zones: ZoneDirectory, stamp: Int64, store: EventStore, program: Sendmail?, storeFolder: String) throws {
        var notices: [NoticeMessage] = []
        if reminders { notices += try Notices.reminders(of: draft, timeline: valid.timeline, now: stamp, before: reminderWindow) }
        if briefings {
            var pdf: PDFPrinting?
            let epoch = try Terminal.sourceDateEpoch()
            do throws(PDFError) {
                pdf = PDFPrinting(engine: try PDFEngine.locate(environment: ProcessInfo.processInfo.environment), folder: storeFolder, epoch: epoch)
            } catch {
                Terminal.error("convene: note: briefings go with their HTML sheet only: \(error)")
            }
            notices += try Notices.briefings(timeline: valid.timeline, zones: zones, renderer: try Terminal.sheetRenderer(), pdf: pdf)
        }
        let people = Set(person), sessions = Set(session)
        notices = try notices.filter { notice in
            guard people.isEmpty || people.contains(notice.person.rawValue), sessions.isEmpty || notice.session.map({ sessions.contains($0.rawValue) }) ?? true else { return false }
            return try !store.state(of: notice).sent
        }
        guard !notices.isEmpty else {
            Terminal.error("convene: nothing to send: " + (reminders ? "no reminder is due, or each was sent" : "every online speaker has the latest briefing"))
            return
        }
        if dryRun {
            var lines = ["\(SendReport.count(notices.count)) would be sent:"]
            for notice in notices {
                lines.append("  \(notice.to.email) — \(notice.kind.rawValue)" + (notice.session.map { ", session \($0.rawValue)" } ?? ""))
                lines.append("    \(notice.subject)")
            }
            Terminal.out(lines.joined(separator: "\n"))
        } else if let outbox {
            var files = notices.map { notice in
                OutputFile(path: "notices/\(notice.person.rawValue)/\(notice.kind.rawValue)\(notice.session.map { "-" + $0.rawValue } ?? "").eml",
                           contents: CalendarMail.message(for: notice, date: stamp, draft: true))
            }
            files.sort { $0.path < $1.path }
            try OutputWriter(force: force).write(files, into: outbox, pruning: ["notices/"]) { Terminal.error("convene: note: \($0)") }
            for file in files { Terminal.out("wrote \(outbox)/\(file.path)") }
            Terminal.error("convene: \(SendReport.count(files.count)) written as drafts; reminders and briefings in an outbox are not recorded as sent")
        } else if let program {
            var sent = 0, failed = 0
            for notice in notices {
                let now = try Terminal.stamp()
                let outcome = try handOver(CalendarMail.message(for: notice, date: now), from: notice.from.email, to: notice.to.email, through: program,
                                           workingIn: storeFolder, claim: { try store.claim(notice, at: now) },
                                           settle: { sent in try store.settle(notice, sent: sent, at: now) })
                switch outcome {
                case .skipped: break
                case .sent:
                    sent += 1
                    Terminal.out("sent to \(notice.to.email): \(notice.subject)")
                case .refused(let error):
                    failed += 1
                    Terminal.error("convene: error: not sent to \(notice.to.email) (\(notice.person.rawValue), \(notice.kind.rawValue)): \(error) — it goes on the next send")
                }
            }
            Terminal.error("convene: \(SendReport.count(sent)) sent" + (failed > 0 ? ", \(failed) not sent" : ""))
            if failed > 0 { throw ExitCode(Terminal.Exit.cannotWrite) }
        }
    }

    /// What became of one message handed to the mail program.
    enum HandOver {
        /// Another send took it, or it went already: nothing was done.
        case skipped
        case sent
        case refused(MailError)
    }

    /// Hands one message to the program, recorded in the store around it: claimed before
    /// (so that a crash leaves it unconfirmed, never lost), then settled as sent or not.
    func handOver(_ message: String, from: String, to: String, through program: Sendmail, workingIn folder: String,
                  claim: () throws -> Bool, settle: (_ sent: Bool) throws -> Void) throws -> HandOver {
        guard try claim() else { return .skipped }
        do {
            try program.deliver(message, from: from, to: to, workingIn: folder)
        } catch {
            try settle(false)
            return .refused(error)
        }
        try settle(true)
        return .sent
    }

    /// The drafts and their index, as one set: made a batch at a time as they are written.
    func writeOutbox(_ messages: CalendarMessages, into folder: String, stamp: Int64) throws {
        let paths = messages.headings.map(SendReport.draftPath) + ["index.tsv"]
        let index = SendReport.index(messages.headings)
        let files = OutputFiles(paths: paths) { body in
            var batch: [OutputFile] = [], bytes = 0
            try messages.forEach { message in
                let draft = CalendarMail.message(for: message, date: stamp, draft: true)
                bytes += draft.utf8.count
                batch.append(OutputFile(path: SendReport.draftPath(message.heading), contents: draft))
                if bytes >= OutputFiles.batchBytes {
                    try body(batch)
                    batch.removeAll(keepingCapacity: true)
                    bytes = 0
                }
            }
            batch.append(OutputFile(path: "index.tsv", contents: index))
            try body(batch)
        }
        try OutputWriter(force: force).write(files, into: folder, pruning: ["messages/"]) { Terminal.error("convene: note: \($0)") }
        var written = ""
        for path in paths { written += "wrote \(folder)/\(path)\n" }
        Terminal.out(written)
        Terminal.error("convene: \(SendReport.count(messages.count)) written as drafts — once sent from your mail client: convene status \(file) --mark-sent")
    }

    func deliver(_ messages: CalendarMessages, through program: Sendmail, store: EventStore, workingIn folder: String) throws {
        let repeated = messages.headings.filter(\.version.isUnconfirmed).count
        if repeated > 0 {
            Terminal.error("convene: note: \(SendReport.count(repeated)) went to the mail program before without its outcome being recorded: sent again, with the same UID and SEQUENCE, which a calendar takes for a repeat")
        }
        var sent = 0, failed = 0
        try messages.forEach { message in
            let now = try Terminal.stamp()
            let outcome = try handOver(CalendarMail.message(for: message, date: now), from: message.from.email, to: message.to.email, through: program,
                                       workingIn: folder, claim: { try store.claim(message.version, at: now) },
                                       settle: { sent in sent ? try store.confirm(message.version, at: now) : try store.release(message.version) })
            switch outcome {
            case .skipped: break
            case .sent:
                sent += 1
                Terminal.out("sent to \(message.to.email): \(message.subject)")
            case .refused(let error):
                failed += 1
                Terminal.error("convene: error: not sent to \(message.to.email) (\(message.person.rawValue), session \(message.session.rawValue)): \(error) — it waits to be sent; convene send again once the mail program works")
            }
        }
        Terminal.error("convene: \(SendReport.count(sent)) sent" + (failed > 0 ? ", \(failed) not sent (they wait to be sent)" : ""))
        if failed > 0 { throw ExitCode(Terminal.Exit.cannotWrite) }
    }
}

/// What `convene send` lists and indexes.
enum SendReport {
    static func draftPath(_ message: CalendarMessageHeading) -> String {
        "messages/\(message.person.rawValue)/\(message.session.rawValue)-\(message.version.sequence).eml"
    }

    static func count(_ count: Int) -> String {
        count == 1 ? "1 message" : "\(count) messages"
    }

    /// One line a message: file, address, kind, SEQUENCE, subject; tab-separated with a header.
    static func index(_ messages: [CalendarMessageHeading]) -> String {
        func field(_ text: String) -> String { text.map { $0 == "\t" || $0.isNewline ? " " : String($0) }.joined() }
        var lines = ["file\tto\tperson\tsession\tkind\tsequence\tsubject"]
        for message in messages {
            lines.append([draftPath(message), message.to.email, message.person.rawValue, message.session.rawValue, message.version.kind.rawValue,
                          String(message.version.sequence), message.subject].map(field).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table of `--dry-run`.
    static func table(_ messages: [CalendarMessageHeading]) -> String {
        var lines = ["\(count(messages.count)) would be sent:"]
        for message in messages {
            let note = message.version.isUnconfirmed ? " (unconfirmed: sent before, outcome unknown)" : ""
            lines.append("  \(message.to.email) — \(message.version.kind.rawValue), SEQUENCE \(message.version.sequence)\(note)")
            lines.append("    \(message.subject)")
        }
        return lines.joined(separator: "\n")
    }
}
