@testable import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// `convene send`: one e-mail per person per session per pending version, as drafts in an
/// outbox or handed to a sendmail-compatible program, recorded in the event store.
@Suite("convene send", .tags(.endToEnd))
struct SendCommandTests {
    static let agenda = header + """
        organizer: { name: Org Events, email: events@example.org }
        people:
          - { id: ana, name: Ana Example, email: ana@example.org }
          - { id: claire, name: Claire Martin, email: claire@example.org, languages: [fr] }
          - { id: habiba, name: Habiba Sarabi, names: { arab: حبیبه سرابی }, email: habiba@example.org, languages: [fa-AF], timezone: Asia/Kabul, attendance: online }
          - { id: hidden, name: Hanna Verborgen, email: hanna@example.org, visibility: organizers, described_as: a mediator }
        sessions:
          - id: one
            title: Listening
            date: 2026-12-08
            start: "10:00"
            participants: [ana, claire, habiba, hidden]
            segments:
              - { title: Opening, kind: opening, duration: 15m, speakers: [habiba] }
              - { title: Exercise, kind: breakout, duration: 45m, speakers: [hidden] }

        """

    /// A sendmail stand-in: keeps each message and its arguments by recipient, refuses the
    /// addresses in `refuse`, and with `crash` kills the convene that called it once it has the
    /// message, as a machine that stops at that moment would.
    static let program = """
        #!/bin/sh
        dir=$(dirname "$0")/delivered
        mkdir -p "$dir"
        for a in "$@"; do last="$a"; done
        if [ -f "$(dirname "$0")/refuse" ] && grep -qx "$last" "$(dirname "$0")/refuse"; then
          echo "sendmail: $last: connection refused" >&2; exit 75
        fi
        n=$(ls "$dir" | grep -c "^$last\\..*\\.eml$")
        cat > "$dir/$last.$n.eml"
        echo "$@" > "$dir/$last.$n.args"
        if [ -f "$(dirname "$0")/crash" ]; then kill -9 $PPID; fi
        exit 0

        """

    func setUp() throws -> URL {
        let folder = try temporaryFolder()
        try Self.agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let program = folder.appendingPathComponent("sendmail")
        try Self.program.write(to: program, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        return folder
    }

    func run(_ arguments: [String], in folder: URL, epoch: String = "1700000000") throws -> Run {
        try convene(arguments, in: folder, environment: ["SOURCE_DATE_EPOCH": epoch])
    }

    func delivered(_ folder: URL) throws -> [String] {
        let path = folder.appendingPathComponent("delivered").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }

    /// A message's parts: its headers (unfolded) and each base64 part decoded, by content type.
    func parts(of message: String) -> (headers: String, parts: [(type: String, text: String)]) {
        let text = message.replacingOccurrences(of: "\r\n", with: "\n")
        let head = String(text.components(separatedBy: "\n\n").first ?? "").replacingOccurrences(of: "\n ", with: " ")
        var parts: [(String, String)] = []
        for chunk in text.components(separatedBy: "\n--=_convene_").dropFirst() {
            let sections = chunk.components(separatedBy: "\n\n")
            guard sections.count >= 2, let type = sections[0].split(separator: "\n").first(where: { $0.hasPrefix("Content-Type: ") }),
                  sections[0].contains("Content-Transfer-Encoding: base64"),
                  let data = Data(base64Encoded: sections[1].replacingOccurrences(of: "\n", with: "")) else { continue }
            parts.append((String(type.dropFirst("Content-Type: ".count)), String(decoding: data, as: UTF8.self)))
        }
        return (head, parts)
    }

    @Test("--dry-run lists each person's message and records nothing")
    func dryRun() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dry = try run(["send", "a.yaml", "--dry-run"], in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("4 messages would be sent:\n  ana@example.org — invite, SEQUENCE 0\n    Invitation: Listening — Test event\n"), "\(dry.stdout)")
        #expect(dry.stdout.contains("claire@example.org — invite, SEQUENCE 0\n    Invitation\u{A0}: Listening — Test event"))
        let status = try run(["status", "a.yaml", "--json"], in: folder)
        #expect(status.stdout.contains("\"entries\": []"), "a dry run records no version: \(status.stdout)")
    }

    @Test("--outbox writes one draft per person and session with an index; each is iMIP: text in the reader's language, the calendar inline and attached")
    func outbox() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try run(["send", "a.yaml", "--outbox", "outbox"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("convene: 4 messages written as drafts — once sent from your mail client: convene status a.yaml --mark-sent"))
        let index = try String(contentsOf: folder.appendingPathComponent("outbox/index.tsv"), encoding: .utf8)
        #expect(index.hasPrefix("file\tto\tperson\tsession\tkind\tsequence\tsubject\nmessages/ana/one-0.eml\tana@example.org\tana\tone\tinvite\t0\tInvitation: Listening — Test event\n"), "\(index)")

        let habiba = try String(contentsOf: folder.appendingPathComponent("outbox/messages/habiba/one-0.eml"), encoding: .utf8)
        #expect(!habiba.contains("\n") || habiba.contains("\r\n"), "CRLF line ends")
        let (headers, parts) = parts(of: habiba)
        #expect(headers.contains("From: \"Org Events\" <events@example.org>\n"))
        #expect(headers.contains("To: \"Habiba Sarabi\" <habiba@example.org>\n"))
        #expect(headers.contains("X-Unsent: 1\n") && headers.contains("Content-Class: urn:content-classes:calendarmessage\n"))
        #expect(headers.contains("Date: Tue, 14 Nov 2023 22:13:20 +0000\n"))
        #expect(headers.contains("Message-ID: <convene.") && headers.contains(".0@example.org>"))
        // Her subject is in Dari, as RFC 2047 words of UTF-8.
        let subject = headers.split(separator: "\n").first { $0.hasPrefix("Subject: ") }.map(String.init) ?? ""
        let decoded = subject.dropFirst("Subject: ".count).split(separator: " ").map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="), let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return String(word) }
            return String(decoding: data, as: UTF8.self)
        }.joined()
        #expect(decoded == "دعوت‌نامه: Listening — Test event", "\(subject)")
        #expect(parts.map(\.type) == ["text/plain; charset=UTF-8", "text/calendar; charset=UTF-8; method=REQUEST", "application/ics; name=\"invite.ics\""])
        #expect(parts.first?.text.contains("وقت شما (Asia/Kabul)") == true, "her own time, in Dari: \(parts.first?.text ?? "")")
        let calendar = parts[1].text
        #expect(calendar == parts[2].text, "the attachment is the same calendar")
        #expect(calendar.contains("METHOD:REQUEST\r\n") && calendar.contains("UID:one@test-event.convene\r\n") && calendar.contains("SEQUENCE:0\r\n"))
        #expect(CalendarRestrictions.problems(in: calendar).isEmpty, "clean by libical's iTIP rules")
        // The hidden mediator is named only in her own message.
        for person in ["ana", "claire", "habiba"] {
            let text = try String(contentsOf: folder.appendingPathComponent("outbox/messages/\(person)/one-0.eml"), encoding: .utf8)
            let decodedParts = self.parts(of: text).parts.map(\.text).joined()
            #expect(!decodedParts.contains("Hanna") && !decodedParts.contains("Verborgen") && !text.contains("hanna@"), "\(person)'s message names the hidden mediator")
        }
        // Marked sent, the outbox empties on the next send: a sent draft is not left to send twice.
        #expect(try run(["status", "a.yaml", "--mark-sent"], in: folder).status == 0)
        let again = try run(["send", "a.yaml", "--outbox", "outbox"], in: folder)
        #expect(again.stderr.contains("nothing to send"), "\(again.stderr)")
    }

    @Test("--sendmail hands each message to the program and records it sent; a refused one stays pending and goes on the next send; then nothing is sent")
    func sendmail() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "claire@example.org\n".write(to: folder.appendingPathComponent("refuse"), atomically: true, encoding: .utf8)
        let first = try run(["send", "a.yaml", "--sendmail-command", "./sendmail"], in: folder)
        #expect(first.status == 3, "a message not sent is an output not written: \(first.stderr)")
        #expect(first.stderr.contains("convene: error: not sent to claire@example.org (claire, session one): "), "\(first.stderr)")
        #expect(first.stderr.contains("exited 75 (sendmail: claire@example.org: connection refused) — it waits to be sent"), "\(first.stderr)")
        #expect(first.stderr.contains("convene: 3 messages sent, 1 not sent (they wait to be sent)"))
        #expect(try delivered(folder) == ["ana@example.org.0.eml", "habiba@example.org.0.eml", "hanna@example.org.0.eml"])
        let arguments = try String(contentsOf: folder.appendingPathComponent("delivered/ana@example.org.0.args"), encoding: .utf8)
        #expect(arguments == "-oi -f events@example.org -- ana@example.org\n")
        let ana = try String(contentsOf: folder.appendingPathComponent("delivered/ana@example.org.0.eml"), encoding: .utf8)
        #expect(!ana.contains("\r") && !ana.contains("X-Unsent"), "LF line ends for a sendmail program, and not a draft")
        let status = try run(["status", "a.yaml"], in: folder)
        #expect(status.stdout.contains("claire     one      —           new invite\n"), "\(status.stdout)")
        #expect(status.stdout.contains("ana        one      SEQUENCE 0\n"), "\(status.stdout)")

        try FileManager.default.removeItem(at: folder.appendingPathComponent("refuse"))
        let second = try run(["send", "a.yaml", "--sendmail-command", "./sendmail"], in: folder, epoch: "1700000100")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == "sent to claire@example.org: Invitation\u{A0}: Listening — Test event\n")
        let third = try run(["send", "a.yaml", "--sendmail"  , "--sendmail-command", "./sendmail"], in: folder, epoch: "1700000200")
        #expect(third.status == 0 && third.stdout.isEmpty && third.stderr.contains("nothing to send"), "\(third.stderr)")
        #expect(try delivered(folder).count == 4)

        // A changed time is an update: one message each, SEQUENCE 1, under the same UID.
        let moved = Self.agenda.replacingOccurrences(of: "start: \"10:00\"", with: "start: \"11:00\"")
        try moved.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let update = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder, epoch: "1700000300")
        #expect(update.stdout == "sent to ana@example.org: Updated invitation: Listening — Test event\n", "\(update.stdout)")
        let updated = try String(contentsOf: folder.appendingPathComponent("delivered/ana@example.org.1.eml"), encoding: .utf8)
        let calendar = parts(of: updated).parts.first { $0.type.hasPrefix("text/calendar") }?.text ?? ""
        #expect(calendar.contains("UID:one@test-event.convene\r\n") && calendar.contains("SEQUENCE:1\r\n"), "\(calendar)")
    }

    @Test("killed after the program took a message, send leaves it unconfirmed; status says so; the next send repeats it with the same UID, SEQUENCE and Message-ID")
    func unconfirmed() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "".write(to: folder.appendingPathComponent("crash"), atomically: true, encoding: .utf8)
        let killed = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder)
        #expect(killed.status != 0)
        let status = try run(["status", "a.yaml"], in: folder)
        #expect(status.stdout.contains("ana        one      —          new invite, unconfirmed\n"), "\(status.stdout)")
        #expect(status.stdout.contains("1 message was handed to the mail program without its outcome being recorded\n(unconfirmed)"), "\(status.stdout)")
        #expect(status.stdout.split(separator: "\n").filter { !$0.hasPrefix("Store ") }.allSatisfy { $0.count <= 80 }, "the store's path aside")
        #expect(try run(["status", "a.yaml", "--json"], in: folder).stdout.contains("\"unconfirmed\": true"))

        try FileManager.default.removeItem(at: folder.appendingPathComponent("crash"))
        let again = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder, epoch: "1700000100")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("convene: note: 1 message went to the mail program before without its outcome being recorded: sent again, with the same UID and SEQUENCE"))
        func messageID(_ name: String) throws -> String {
            let text = try String(contentsOf: folder.appendingPathComponent("delivered/" + name), encoding: .utf8)
            return text.split(separator: "\n").first { $0.hasPrefix("Message-ID: ") }.map(String.init) ?? ""
        }
        #expect(try messageID("ana@example.org.0.eml") == messageID("ana@example.org.1.eml"))
        #expect(!(try messageID("ana@example.org.0.eml")).isEmpty)
        #expect(try run(["status", "a.yaml"], in: folder).stdout.contains("ana        one      SEQUENCE 0\n"))
    }

    @Test("--reminders sends each person a reminder of a session within --before, in their language with their own time, once; a moved session is reminded again")
    func reminders() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two days before: nothing is due within 24 hours; within 3 days everyone is.
        let early = try run(["send", "a.yaml", "--reminders", "--dry-run"], in: folder, epoch: "1796464800")
        #expect(early.status == 0 && early.stderr.contains("nothing to send: no reminder is due"), "\(early.stderr)")
        let wide = try run(["send", "a.yaml", "--reminders", "--before", "72h", "--dry-run"], in: folder, epoch: "1796464800")
        #expect(wide.stdout.hasPrefix("4 messages would be sent:\n  ana@example.org — reminder, session one\n    Reminder: Listening — Test event\n"), "\(wide.stdout)")

        let sent = try run(["send", "a.yaml", "--reminders", "--sendmail-command", "./sendmail"], in: folder, epoch: "1796637600")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("sent to claire@example.org: Rappel\u{A0}: Listening — Test event\n"), "\(sent.stdout)")
        let habiba = try String(contentsOf: folder.appendingPathComponent("delivered/habiba@example.org.0.eml"), encoding: .utf8)
        // One text/plain part: the body after the headers, in base64.
        let body = habiba.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n").replacingOccurrences(of: "\n", with: "")
        let text = Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(habiba.contains("Content-Type: text/plain; charset=UTF-8\n"))
        #expect(text.contains("وقت شما (Asia/Kabul)") && text.contains("۱۲:۳۰ تا ۱۳:۳۰"), "her time in Kabul, in Dari: \(text)")
        #expect(!text.contains("Verborgen"), "a reminder names no one its reader may not see")
        let again = try run(["send", "a.yaml", "--reminders", "--sendmail-command", "./sendmail"], in: folder, epoch: "1796637700")
        #expect(again.stdout.isEmpty && again.stderr.contains("nothing to send"), "once per session: \(again.stdout)")

        // Moved an hour later, the session is due again: its start is another.
        try Self.agenda.replacingOccurrences(of: "start: \"10:00\"", with: "start: \"11:00\"").write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let moved = try run(["send", "a.yaml", "--reminders", "--person", "ana", "--sendmail-command", "./sendmail"], in: folder, epoch: "1796637800")
        #expect(moved.stdout == "sent to ana@example.org: Reminder: Listening — Test event\n", "\(moved.stdout)")
        #expect(try run(["send", "a.yaml", "--before", "2h", "--dry-run"], in: folder).status == 2, "--before goes with --reminders")
        #expect(try run(["send", "a.yaml", "--reminders", "--before", "soon", "--dry-run"], in: folder).status == 2)
    }

    @Test("--briefings sends each online speaker her briefing in her language with the HTML sheet attached, once, and again when it changes")
    func briefings() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["SOURCE_DATE_EPOCH": "1796637600", "CONVENE_CHROMIUM": pdfEngineOff]
        let first = try convene(["send", "a.yaml", "--briefings", "--sendmail-command", "./sendmail"], in: folder, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "sent to habiba@example.org: رهنمود شما: Test event\n", "only the online speaker: \(first.stdout)")
        #expect(first.stderr.contains("briefings go with their HTML sheet only"), "\(first.stderr)")
        let message = try String(contentsOf: folder.appendingPathComponent("delivered/habiba@example.org.0.eml"), encoding: .utf8)
        let decoded = parts(of: message).parts
        #expect(decoded.map(\.type) == ["text/plain; charset=UTF-8", "text/html; charset=UTF-8; name=\"briefing-habiba.html\""], "\(decoded.map(\.type))")
        #expect(decoded.first?.text.contains("رهنمود برای سخنران — حبیبه سرابی") == true, "her briefing, her name as Dari writes it")
        #expect(decoded.last?.text.contains("<html lang=\"fa-AF\" dir=\"rtl\">") == true)
        #expect(!decoded.map(\.text).joined().contains("Verborgen"))
        let again = try convene(["send", "a.yaml", "--briefings", "--sendmail-command", "./sendmail"], in: folder, environment: environment)
        #expect(again.stdout.isEmpty && again.stderr.contains("every online speaker has the latest briefing"), "\(again.stderr)")
        try Self.agenda.replacingOccurrences(of: "title: Opening", with: "title: Opening words").write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let changed = try convene(["send", "a.yaml", "--briefings", "--sendmail-command", "./sendmail"], in: folder, environment: environment)
        #expect(changed.stdout == "sent to habiba@example.org: رهنمود شما: Test event\n", "a changed briefing goes again: \(changed.stderr)")
    }

    @Test("an unconfirmed message the program refuses when it is sent again stays unconfirmed: the first hand-over may have reached its reader")
    func unconfirmedRefused() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "".write(to: folder.appendingPathComponent("crash"), atomically: true, encoding: .utf8)
        #expect(try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder).status != 0)
        let handed = try run(["status", "a.yaml", "--json"], in: folder).stdout
        #expect(handed.contains("\"unconfirmed\": true"), "\(handed)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("crash"))
        try "ana@example.org\n".write(to: folder.appendingPathComponent("refuse"), atomically: true, encoding: .utf8)
        let refused = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder, epoch: "1700000100")
        #expect(refused.status == 3 && refused.stderr.contains("it waits to be sent"), "\(refused.stderr)")
        let status = try run(["status", "a.yaml"], in: folder)
        #expect(status.stdout.contains("ana        one      —          new invite, unconfirmed\n"), "\(status.stdout)")
        // Still the time of the first hand-over (SOURCE_DATE_EPOCH 1700000000), the one that may have arrived.
        let after = try run(["status", "a.yaml", "--json"], in: folder).stdout
        #expect(handed.contains("\"handed_at\": \"2023-11-14T22:13:20Z\"") && after.contains("\"handed_at\": \"2023-11-14T22:13:20Z\""), "\(after)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("refuse"))
        let sent = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder, epoch: "1700000200")
        #expect(sent.status == 0 && sent.stderr.contains("sent again, with the same UID and SEQUENCE"), "\(sent.stderr)")
        #expect(try run(["status", "a.yaml"], in: folder).stdout.contains("ana        one      SEQUENCE 0\n"))
    }

    @Test("a send killed while its mail program ran leaves the message beside the store; the next send removes it, and a file of a live process stays")
    func leftovers() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        func left() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix(".convene-message-") || $0.hasPrefix(".convene-sendmail-") }.sorted()
        }
        try "".write(to: folder.appendingPathComponent("crash"), atomically: true, encoding: .utf8)
        let killed = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder)
        #expect(killed.status != 0)
        let stopped = try left()
        #expect(stopped.count == 2 && stopped.contains { $0.hasSuffix(".eml") } && stopped.contains { $0.hasSuffix(".log") },
                "the message and the program's output: \(stopped)")
        // A file named by a process that still runs (this one) is not touched.
        let live = ".convene-message-\(getpid())-0.eml"
        try "".write(to: folder.appendingPathComponent(live), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("crash"))
        let again = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder, epoch: "1700000100")
        #expect(again.status == 0, "\(again.stderr)")
        let afterSend = try left()
        #expect(afterSend == [live], "\(afterSend)")
        // Even with nothing to send.
        try FileManager.default.copyItem(at: folder.appendingPathComponent(live), to: folder.appendingPathComponent(stopped[0]))
        let nothing = try run(["send", "a.yaml", "--sendmail-command", "./sendmail", "--person", "ana"], in: folder, epoch: "1700000200")
        #expect(nothing.status == 0 && nothing.stderr.contains("nothing to send"), "\(nothing.stderr)")
        let afterNothing = try left()
        #expect(afterNothing == [live], "\(afterNothing)")
    }

    @Test("how to send is one choice; a program that is not there is an error before anything is recorded")
    func usage() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let none = try run(["send", "a.yaml"], in: folder)
        #expect(none.status == 2 && none.stderr.contains("say how to send: one of --outbox DIR, --sendmail (or --sendmail-command) and --dry-run"), "\(none.stderr)")
        #expect(try run(["send", "a.yaml", "--dry-run", "--outbox", "o"], in: folder).status == 2)
        let missing = try run(["send", "a.yaml", "--sendmail-command", "/nonexistent/msmtp -a work"], in: folder)
        #expect(missing.status == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("'/nonexistent/msmtp' is not a program that can be run"), "\(missing.stderr)")
        #expect(try run(["status", "a.yaml", "--json"], in: folder).stdout.contains("\"entries\": []"))
    }
}
