@testable import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// `convene ics`, `build`, `status`, `history` and `forget` over one event store: output
/// folders are views of one history.
@Suite("the event store on the command line", .tags(.endToEnd))
struct StoreCommandTests {
    static let agenda = header + """
        organizer: { name: Org, email: org@example.org }
        people:
          - { id: ana, name: Ana Example, email: ana@example.org }
          - { id: undp, name: Una Dp, email: undp@example.org }
        sessions:
          - { id: one, title: One, date: 2026-12-08, start: "10:00", duration: 1h, participants: [ana, undp] }

        """

    func run(_ arguments: [String], in folder: URL, epoch: String = "1700000000") throws -> Run {
        try convene(arguments, in: folder, environment: ["SOURCE_DATE_EPOCH": epoch])
    }

    func write(_ text: String, in folder: URL) throws {
        try text.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    }

    func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[path] = FileManager.default.contents(atPath: root + "/" + path) }
        }
        return files
    }

    @Test("an uninvite that was never sent survives a run with nothing changed, and says so")
    func pendingCancellationKept() throws {
        let folder = try temporaryFolder()
        try write(Self.agenda, in: folder)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder).status == 0)
        try write(Self.agenda.replacingOccurrences(of: "participants: [ana, undp]", with: "participants: [ana]"), in: folder)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder, epoch: "1700000100").status == 0)
        let cancellation = folder.appendingPathComponent("out/cancellations/invites/undp/one.ics").path
        #expect(FileManager.default.fileExists(atPath: cancellation))
        // An uninvite is not a cancellation: the session goes ahead (RFC 5546 3.2.5).
        let uninvite = try String(contentsOfFile: cancellation, encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        #expect(uninvite.contains("METHOD:CANCEL\r\n") && !uninvite.contains("STATUS:") && !uninvite.contains("RSVP"))
        #expect(uninvite.contains("COMMENT:You no longer take part in this session\\; it goes ahead without you.\r\n"), "\(uninvite)")
        #expect(CalendarRestrictions.problems(in: uninvite).isEmpty, "clean by libical's iTIP rules")
        let again = try run(["ics", "a.yaml", "-o", "out"], in: folder, epoch: "1700000200")
        #expect(again.status == 0)
        #expect(FileManager.default.fileExists(atPath: cancellation), "a rerun never drops what was not sent")
        #expect(again.stderr.hasSuffix("convene: 1 new invite, 1 uninvite to send — convene status a.yaml lists them\n"), "\(again.stderr)")
        let status = try run(["status", "a.yaml", "--json"], in: folder)
        #expect(status.stdout.contains("\"what\": \"uninvite\""))
        #expect(try run(["status", "a.yaml", "--discard"], in: folder).status == 2, "discarding names what it drops")
        #expect(try run(["status", "a.yaml", "--discard", "--person", "undp"], in: folder).status == 0)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder, epoch: "1700000300").status == 0)
        #expect(!FileManager.default.fileExists(atPath: cancellation), "discarded on purpose, it leaves the view")
    }

    @Test("two folders are views of one history: the next version has the same SEQUENCE in both")
    func oneHistoryManyFolders() throws {
        let folder = try temporaryFolder()
        try write(Self.agenda, in: folder)
        #expect(try run(["ics", "a.yaml", "-o", "A"], in: folder).status == 0)
        try write(Self.agenda.replacingOccurrences(of: "start: \"10:00\"", with: "start: \"11:00\""), in: folder)
        #expect(try run(["ics", "a.yaml", "-o", "A"], in: folder, epoch: "1700000100").status == 0)
        #expect(try run(["ics", "a.yaml", "-o", "B"], in: folder, epoch: "1700000100").status == 0)
        let a = try String(contentsOf: folder.appendingPathComponent("A/invites/ana/one.ics"), encoding: .utf8)
        #expect(a.contains("SEQUENCE:1\r\n"))
        #expect(try files(in: folder.appendingPathComponent("A")).filter { !$0.key.hasPrefix(".") }
                == files(in: folder.appendingPathComponent("B")).filter { !$0.key.hasPrefix(".") })
        let status = try run(["status", "a.yaml", "--json"], in: folder)
        #expect(status.stdout.contains("\"what\": \"new\""), "never marked sent, the update is still news to them")
        #expect(try run(["status", "a.yaml", "--mark-sent"], in: folder).status == 0)
        try write(Self.agenda.replacingOccurrences(of: "start: \"10:00\"", with: "start: \"12:00\""), in: folder)
        #expect(try run(["ics", "a.yaml", "-o", "B"], in: folder, epoch: "1700000200").status == 0)
        let update = try run(["status", "a.yaml", "--json"], in: folder)
        #expect(update.stdout.contains("\"what\": \"update\",\n        \"changed\": [\"time\"]"), "\(update.stdout)")
    }

    @Test("a deleted folder is rebuilt byte for byte, and a change of wording alone makes no new SEQUENCE")
    func rebuiltIdentical() throws {
        let folder = try temporaryFolder()
        try write(Self.agenda, in: folder)
        #expect(try run(["build", "a.yaml", "-o", "out"], in: folder).status == 0)
        let before = try files(in: folder.appendingPathComponent("out"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("out"))
        #expect(try run(["build", "a.yaml", "-o", "out"], in: folder).status == 0)
        #expect(try files(in: folder.appendingPathComponent("out")) == before)
        try write(Self.agenda.replacingOccurrences(of: "title: One", with: "title: The one session"), in: folder)
        #expect(try run(["build", "a.yaml", "-o", "out"], in: folder, epoch: "1700000100").status == 0)
        let invite = try String(contentsOf: folder.appendingPathComponent("out/invites/ana/one.ics"), encoding: .utf8)
        #expect(invite.contains("The one session") && invite.contains("SEQUENCE:0\r\n"))
        let history = try run(["history", "a.yaml", "--json"], in: folder)
        #expect(history.stdout.components(separatedBy: "\"sequence\": 1").count == 1, "no second version of anything")
    }

    @Test("the store sits beside the agenda unless --state moves it; forget removes a person's history")
    func storePlaceAndForget() throws {
        let folder = try temporaryFolder()
        try write(Self.agenda, in: folder)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("test-event.convene.db").path))
        #expect(try run(["ics", "a.yaml", "-o", "elsewhere", "--state", "state/e.db"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("state/e.db").path))
        let forget = try run(["forget", "a.yaml", "undp"], in: folder)
        #expect(forget.status == 0)
        #expect(forget.stdout.hasPrefix("forgot undp: 1 version removed from "))
        #expect(forget.stderr.contains("undp is still in a.yaml: remove them there too"))
        let history = try run(["history", "a.yaml"], in: folder)
        #expect(!history.stdout.contains("undp"))
    }

    @Test("a manifest entry that reaches outside the folder is ignored: nothing outside is removed")
    func manifestCannotEscape() throws {
        let folder = try temporaryFolder()
        try write(Self.agenda, in: folder)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder).status == 0)
        let victim = folder.appendingPathComponent("victim.txt")
        try "keep me".write(to: victim, atomically: true, encoding: .utf8)
        let print = OutputWriter.fingerprint(Data("keep me".utf8))
        let manifest = folder.appendingPathComponent("out/.convene-manifest.json")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"files\": {", with: "\"files\": {\n    \"invites/../../victim.txt\": \"\(print)\",\n    \"/etc/x\": \"\(print)\",")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        #expect(try run(["ics", "a.yaml", "-o", "out"], in: folder, epoch: "1700000100").status == 0)
        #expect(FileManager.default.fileExists(atPath: victim.path), "the file outside the folder is untouched")
        #expect(try !String(contentsOf: manifest, encoding: .utf8).contains("victim"), "and the entry is dropped")
    }

    @Test("a link inside the output folder is refused, exit 1, and nothing is written through it")
    func linkedSubfolder() throws {
        let folder = try temporaryFolder()
        try write(Self.agenda, in: folder)
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out/invites").path, withDestinationPath: elsewhere.path)
        for command in ["ics", "build"] {
            let run = try self.run([command, "a.yaml", "-o", "out"], in: folder)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("out/invites is a symbolic link, and convene writes nothing through links inside its output folder"), "\(run.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "nothing reached the link's target")
        }
    }

    @Test("two builds of different versions into one folder at once take turns: the folder is one run's whole set, the view of what the store recorded last, and the next run finds nothing edited")
    func twoBuildsOneFolder() throws {
        let folder = try temporaryFolder()
        for round in 0..<4 {
            // Two versions of one event (one store), built into one folder at the same moment:
            // the first waits between making its set and writing it, where the second would
            // record and write in between were they not taking turns.
            for (name, hour) in [("a", 10), ("b", 11)] {
                try Self.agenda.replacingOccurrences(of: "start: \"10:00\"", with: "start: \"\(hour):\(10 + round)\"")
                    .write(to: folder.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
            }
            let binary = try conveneBinary()
            let processes = [("a", "staged:0.8"), ("b", "")].map { name, pause -> Process in
                let process = Process()
                process.executableURL = binary
                process.arguments = ["build", "\(name).yaml", "-o", "out", "--state", "store.db"]
                process.currentDirectoryURL = folder
                process.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "\(1_700_000_000 + round)", "CONVENE_TEST_PAUSE": pause]) { $1 }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return process
            }
            try processes[0].run()
            usleep(300_000)
            try processes[1].run()
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "round \(round)")
            let event = try String(contentsOf: folder.appendingPathComponent("out/event.ics"), encoding: .utf8)
            let invite = try String(contentsOf: folder.appendingPathComponent("out/invites/ana/one.ics"), encoding: .utf8)
            let sheet = try String(contentsOf: folder.appendingPathComponent("out/agenda.txt"), encoding: .utf8)
            let winner = event.contains("T10\(10 + round)00") ? ("a", 10) : ("b", 11)
            #expect(invite.contains("T\(winner.1)\(10 + round)00"), "round \(round): the invitation is from the same run as event.ics")
            #expect(sheet.contains("\(winner.1):\(10 + round)"), "round \(round): so is the printed agenda")
            // The folder shows the version the store recorded last.
            let history = try run(["history", "\(winner.0).yaml", "--state", "store.db"], in: folder)
            let recorded = history.stdout.components(separatedBy: "\n").filter { $0.contains("ana · one · SEQUENCE") }
                .compactMap { $0.components(separatedBy: "SEQUENCE ").last?.prefix { $0.isNumber } }.compactMap { Int($0) }.max()
            let shown = invite.components(separatedBy: "\r\n").first { $0.hasPrefix("SEQUENCE:") }.flatMap { Int($0.dropFirst(9)) }
            #expect(recorded != nil && recorded == shown, "round \(round): the store's last SEQUENCE \(String(describing: recorded)), the folder's \(String(describing: shown))")
            // Nothing edited: the winner's rebuild writes over everything.
            let again = try run(["build", "\(winner.0).yaml", "-o", "out", "--state", "store.db"], in: folder, epoch: "\(1_700_000_000 + round)")
            #expect(again.status == 0, "round \(round): \(again.stderr)")
        }
    }
}
