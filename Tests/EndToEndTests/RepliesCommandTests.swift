import Convene
import ConveneTestSupport
import Foundation
import Testing

/// `convene replies`: the answers people send, in the shapes their clients send them, read
/// from .eml files, mbox files, Maildir folders and bare .ics files, and stored once.
@Suite("convene replies", .tags(.endToEnd))
struct RepliesCommandTests {
    static let agenda = header + """
        organizer: { name: Org Events, email: events@example.org }
        people:
          - { id: ana, name: Ana Example, email: ana@example.org, gender: woman, sector: civil-society }
          - { id: claire, name: Claire Martin, email: claire@example.org, languages: [fr], gender: woman, sector: government }
          - { id: habiba, name: Habiba Sarabi, email: habiba@example.org, languages: [fa-AF], timezone: Asia/Kabul, attendance: online, gender: woman }
          - { id: omar, name: Omar Haidari, email: omar@example.org, gender: man }
        sessions:
          - { id: one, title: Listening, date: 2026-12-08, start: "10:00", duration: 1h, participants: [ana, claire, habiba, omar] }

        """
    static let fixtures = packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/replies")
    static let clients = ["apple-tentative.eml", "gmail-declined.eml", "outlook-accepted.eml", "thunderbird-counter.eml"]

    func setUp() throws -> URL {
        let folder = try temporaryFolder()
        try Self.agenda.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder).status == 0)
        #expect(try run(["status", "a.yaml", "--mark-sent"], in: folder).status == 0)
        return folder
    }

    func run(_ arguments: [String], in folder: URL, epoch: String = "1800000000") throws -> Run {
        try convene(arguments, in: folder, environment: ["SOURCE_DATE_EPOCH": epoch])
    }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// A REPLY as a bare calendar.
    func reply(_ address: String, _ status: String, sequence: Int, stamp: String, extra: String = "") -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Python//icalendar//EN\r
        METHOD:REPLY\r
        BEGIN:VEVENT\r
        UID:one@test-event.convene\r
        DTSTAMP:\(stamp)\r
        SEQUENCE:\(sequence)\r
        ATTENDEE;PARTSTAT=\(status)\(extra):mailto:\(address)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
    }

    @Test("Outlook's, Gmail's, Apple Calendar's and Thunderbird's replies are read: accepted, declined, tentative and a counter-proposal; status shows who is coming")
    func clients() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let read = try run(["replies", "a.yaml"] + Self.clients.map(fixture), in: folder)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == """
            tentative         habiba, session one, SEQUENCE 0
            declined          claire, session one, SEQUENCE 0
            accepted          ana, session one, SEQUENCE 0
            counter-proposal  claire, session one, SEQUENCE 0: 2026-12-08 11:00–12:00 Europe/Kyiv

            """, "\(read.stdout)")
        #expect(read.stderr.hasSuffix("convene: 4 replies read: 4 recorded, 0 already recorded, 0 ignored — convene status a.yaml shows who is coming\n"))
        let status = try run(["status", "a.yaml"], in: folder)
        #expect(status.stdout.contains("""
            REPLIED  SESSION  ANSWER
            ana      one      accepted
            claire   one      declined
            habiba   one      tentative

            Counter-proposals:
              claire proposes 2026-12-08 11:00–12:00 Europe/Kyiv for session one: "Could we
                start an hour later? The flight from Goma lands at nine."

            1 accepted, 1 tentative, 1 declined, 0 delegated.
            """), "\(status.stdout)")
        let json = try run(["status", "a.yaml", "--json"], in: folder).stdout
        #expect(json.contains("\"answer\": \"accepted\"") && json.contains("\"method\": \"COUNTER\""), "\(json)")

        // Confirmed attendance beside the invitations, by gender, role and sector, naming nobody.
        let report = try run(["report", "a.yaml", "--confirmed"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("""
            EVENT                        INVITED   ACCEPTED  TENTATIVE   DECLINED  NO ANSWER
            everyone                           4          1          1          1          1
              by gender
                woman                          3          1          1          1          0
                man                            1          0          0          0          1
            """), "\(report.stdout)")
        #expect(report.stdout.contains("    civil-society                  1          1          0          0          0\n"))
        #expect(report.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(!report.stdout.contains("Ana") && !report.stdout.contains("Omar"))
        let reportJSON = try run(["report", "a.yaml", "--confirmed", "--json"], in: folder).stdout
        #expect(reportJSON.contains("\"confirmed\": {"), "\(reportJSON)")

        // Read again, alone or with the rest: nothing new is stored.
        let again = try run(["replies", "a.yaml"] + Self.clients.map(fixture), in: folder)
        #expect(again.stdout.isEmpty && again.stderr.contains("4 replies read: 0 recorded, 4 already recorded, 0 ignored"), "\(again.stderr)")
        #expect(try run(["status", "a.yaml", "--json"], in: folder).stdout.components(separatedBy: "\"received_at\"").count == 5, "four answers stored, once each")
    }

    @Test("a reply from an unknown address, for another event's UID, or from someone not invited is reported and not applied")
    func ignored() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stranger = folder.appendingPathComponent("stranger.ics")
        try reply("outsider@example.org", "ACCEPTED", sequence: 0, stamp: "20261202T120000Z").write(to: stranger, atomically: true, encoding: .utf8)
        let read = try run(["replies", "a.yaml", fixture("unknown-sender.ics"), stranger.path], in: folder)
        #expect(read.status == 0)
        #expect(read.stdout.isEmpty)
        #expect(read.stderr.contains("unknown-sender.ics: a reply from stranger@example.com for session one, who is no person of this agenda with that address"))
        #expect(read.stderr.contains("a reply for 040000008200E00074C5B7101A82E0080000000044FBDB3C@outlook.com, which is no invitation of this event"))
        #expect(read.stderr.contains("3 replies read: 0 recorded, 0 already recorded, 3 ignored"), "\(read.stderr)")
        #expect(!(try run(["status", "a.yaml"], in: folder)).stdout.contains("REPLIED"))
    }

    @Test("a reply to an older SEQUENCE never replaces the answer to a newer one, whenever it is read; a delegation names the delegate")
    func olderSequence() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The session moves: Ana's invitation is at SEQUENCE 1.
        try Self.agenda.replacingOccurrences(of: "start: \"10:00\"", with: "start: \"11:00\"").write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder).status == 0)
        let newer = folder.appendingPathComponent("newer.ics"), older = folder.appendingPathComponent("older.ics"), delegated = folder.appendingPathComponent("delegated.ics")
        try reply("ana@example.org", "DECLINED", sequence: 1, stamp: "20261203T080000Z").write(to: newer, atomically: true, encoding: .utf8)
        // Sent before the change, read after: a later DTSTAMP does not make it newer.
        try reply("ana@example.org", "ACCEPTED", sequence: 0, stamp: "20261204T080000Z").write(to: older, atomically: true, encoding: .utf8)
        try reply("omar@example.org", "DELEGATED", sequence: 1, stamp: "20261203T090000Z", extra: ";DELEGATED-TO=\"mailto:deputy@example.org\"").write(to: delegated, atomically: true, encoding: .utf8)
        #expect(try run(["replies", "a.yaml", newer.path, delegated.path], in: folder).status == 0)
        let late = try run(["replies", "a.yaml", older.path], in: folder)
        #expect(late.stderr.contains("ana's accepted for SEQUENCE 0 does not replace their later answer (declined, SEQUENCE 1)"), "\(late.stderr)")
        let status = try run(["status", "a.yaml"], in: folder).stdout
        #expect(status.contains("ana      one      declined\n"), "\(status)")
        #expect(status.contains("omar     one      delegated to deputy@example.org\n"), "\(status)")
    }

    @Test("hostile files: random bytes, a multipart nested 20,000 deep, a link, a calendar of 50,000 stray events — each refused or ignored with a message, nothing crashes")
    func hostile() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        try Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: folder.appendingPathComponent("random.eml"))
        var nested = "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
        for depth in 1..<20_000 { nested += "--b\(depth - 1)\r\nContent-Type: multipart/mixed; boundary=b\(depth)\r\n\r\n" }
        try nested.write(to: folder.appendingPathComponent("nested.eml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.eml").path, withDestinationPath: "/etc/passwd")
        let events = (0..<50_000).map { "BEGIN:VEVENT\r\nUID:x\($0)@test-event.convene\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.org\r\nEND:VEVENT\r\n" }.joined()
        try ("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n" + events + "END:VCALENDAR\r\n").write(to: folder.appendingPathComponent("many.ics"), atomically: true, encoding: .utf8)
        let read = try run(["replies", "a.yaml", "random.eml", "nested.eml", "link.eml", "many.ics"], in: folder)
        #expect(read.status == 1, "\(read.stderr.suffix(500))")
        #expect(read.stderr.contains("link.eml: not a regular file"), "a link is not followed")
        #expect(read.stderr.contains("convene: ignored: 49950 more replies"), "\(read.stderr.suffix(300))")
        #expect(read.stderr.components(separatedBy: "\n").count < 70, "not a line per stray event")
        #expect(read.stdout.isEmpty)
        #expect(!(try run(["status", "a.yaml"], in: folder)).stdout.contains("REPLIED"))
    }

    @Test("replies are read from an mbox file and a Maildir folder; a file that is not there is an error, the others still read")
    func mailboxes() throws {
        let folder = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        var mbox = ""
        for name in ["outlook-accepted.eml", "gmail-declined.eml"] {
            let message = try String(contentsOfFile: fixture(name), encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
            mbox += "From MAILER-DAEMON Wed Dec  2 10:00:00 2026\n" + message.replacingOccurrences(of: "\nFrom ", with: "\n>From ") + "\n"
        }
        try mbox.write(to: folder.appendingPathComponent("replies.mbox"), atomically: true, encoding: .utf8)
        let maildir = folder.appendingPathComponent("Maildir")
        for box in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(at: maildir.appendingPathComponent(box), withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: fixture("apple-tentative.eml"), toPath: maildir.appendingPathComponent("new/1764670000.M1P1.host").path)
        let read = try run(["replies", "a.yaml", folder.appendingPathComponent("replies.mbox").path, maildir.path, folder.appendingPathComponent("missing.eml").path], in: folder)
        #expect(read.status == 1, "a file that cannot be read is an input error: \(read.stderr)")
        #expect(read.stderr.contains("missing.eml: no such file or folder"), "\(read.stderr)")
        #expect(read.stdout.contains("accepted          ana, session one") && read.stdout.contains("declined          claire, session one")
                && read.stdout.contains("tentative         habiba, session one"), "\(read.stdout)")
        #expect(read.stderr.contains("3 replies read: 3 recorded"), "\(read.stderr)")
        let notMaildir = try run(["replies", "a.yaml", folder.appendingPathComponent("out").path], in: folder)
        #expect(notMaildir.status == 1 && notMaildir.stderr.contains("a folder that is not a Maildir (it has no cur/ or new/)"))
    }
}
