import ArgumentParser
import Convene
import ConveneStore
import Foundation

struct RepliesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replies",
        abstract: "Reads the answers people sent to their invitations (iTIP REPLY and COUNTER) from e-mails, mailboxes or .ics files.",
        discussion: """
            Each MAIL is an .eml file, an mbox file, a Maildir folder (cur/ and new/) or a bare .ics file. \
            Every reply is matched to a person of the agenda by its attendee's address and to a session \
            by its UID, and stored once in the event store however often it is read; a reply to an older \
            SEQUENCE does not replace the answer to a newer one. Replies from unknown addresses or for \
            unknown UIDs are reported and not applied. convene status shows who is coming; \
            convene report --confirmed counts them. See docs/replies.md.
            """
    )

    @Argument(help: "The agenda file.")
    var file: String

    /// How many ignored replies are named one by one.
    static let shownIgnored = 50

    @Argument(help: "The e-mails, mbox files, Maildir folders or .ics files to read.")
    var mail: [String] = []

    @OptionGroup var state: StateOption

    func validate() throws {
        if mail.isEmpty { throw ValidationError("name the mail to read: .eml files, mbox files, Maildir folders or .ics files") }
    }

    func run() throws {
        let zones = try Terminal.zones()
        var valid = try Terminal.valid(file, zones: zones, then: "nothing read")
        let now = try Terminal.stamp()
        let store = try Terminal.store(for: valid.agenda, agendaPath: file, state: state)
        valid = try Terminal.moved(valid, in: store, zones: zones, file: file)
        let (read, problems) = ReplyFiles.read(mail)
        for problem in problems { Terminal.error("convene: error: \(problem) — give .eml, mbox or .ics files, or Maildir folders") }
        try Terminal.reporting {
            let history = try store.history()
            let invitedBefore = history.latest.keys.compactMap { key -> (PersonID, SessionID)? in
                guard case .person(let id) = key.owner, let version = history.latest[key] else { return nil }
                return (id, version.entry.session)
            }
            let matching = ReplyMatching(timeline: valid.timeline, invitedBefore: invitedBefore)
            var answers: [ReplyAnswer] = [], ignored = 0
            for reply in read {
                switch matching.match(reply, now: now) {
                case .success(let answer): answers.append(answer)
                case .failure(let reason):
                    ignored += 1
                    // A file of thousands of stray events is not answered line by line.
                    if ignored <= Self.shownIgnored { Terminal.error("convene: ignored: \(reply.source): \(reason)") }
                }
            }
            if ignored > Self.shownIgnored { Terminal.error("convene: ignored: \(ignored - Self.shownIgnored) more replies, for the same kinds of reasons") }
            let isNew = try store.record(answers: answers)
            let current = ReplyAnswer.current(try store.answers())
            var recorded = 0, known = 0
            for (answer, new) in zip(answers, isNew) {
                guard new else {
                    known += 1
                    continue
                }
                recorded += 1
                let who = "\(answer.person.rawValue), session \(answer.session.rawValue), SEQUENCE \(answer.sequence)"
                if answer.method == "COUNTER" {
                    Terminal.out("counter-proposal  \(who): \(ReplyReport.proposal(answer, zone: valid.agenda.timeZone, zones: zones))")
                    continue
                }
                var word = answer.word
                if answer.status == "DELEGATED", let to = answer.delegatedTo { word += " to \(to)" }
                Terminal.out(word.padding(toLength: max(word.count, 16), withPad: " ", startingAt: 0) + "  \(who)")
                if let now = current[answer.person.rawValue + " " + answer.session.rawValue], now.key != answer.key, now.supersedes(answer) {
                    Terminal.error("convene: note: \(answer.source): \(answer.person.rawValue)'s \(answer.word) for SEQUENCE \(answer.sequence) does not replace their later answer (\(now.word), SEQUENCE \(now.sequence))")
                }
            }
            Terminal.error("convene: \(read.count) repl\(read.count == 1 ? "y" : "ies") read: \(recorded) recorded, \(known) already recorded, \(ignored) ignored — convene status \(file) shows who is coming")
            if !problems.isEmpty { throw ExitCode(Terminal.Exit.invalidInput) }
        }
    }
}
