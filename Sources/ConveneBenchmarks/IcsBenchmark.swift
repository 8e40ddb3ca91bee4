import Convene
import Foundation
import ICal

/// `convene-bench --ics`: a programme of N sessions with 3N people, each session with ten
/// participants (one moderator, three speakers), written as `convene ics` writes it: the
/// PUBLISH calendar, one REQUEST per person and session, and every person's programme.
/// `--forum`: 1,000 sessions with 25 participants each among 3,000 people. The agenda is saved
/// so scripts/ics-python.py can write the same in Python.
enum IcsBenchmark {
    /// One programme to measure: its folder under the output, and its shape.
    struct Shape {
        var label: String
        var sessions: Int
        var people: Int
        var perSession: Int

        static func programme(_ sessions: Int) -> Shape {
            Shape(label: "\(sessions)", sessions: sessions, people: sessions * 3, perSession: 10)
        }

        static let forum = Shape(label: "forum", sessions: 1_000, people: 3_000, perSession: 25)
    }

    /// Every fourth person takes part online (from Kyiv, New York or Lubumbashi); each session
    /// has a moderator and three speakers among its participants.
    static func agenda(_ shape: Shape) -> String {
        let people = shape.people
        let zones = ["Europe/Kyiv", "Europe/Amsterdam", "America/New_York", "Asia/Kabul", "Africa/Lubumbashi", "Asia/Tbilisi"]
        var text = "convene: 1\nid: bench-ics\ntitle: Benchmark programme\ntimezone: Europe/Kyiv\n"
        text += "organizer: { name: Convening organisation, email: org@example.org }\npeople:\n"
        for person in 0..<people {
            let online = person % 4 == 0
            text += "  - { id: p\(person), name: \"Person \(person)\", email: p\(person)@example.org"
            text += online ? ", attendance: online, timezone: \(zones[person % zones.count]) }\n" : " }\n"
        }
        text += "sessions:\n"
        for session in 0..<shape.sessions {
            let day = LocalDate(year: 2027, month: 1, day: 4)?.adding(days: session / 8) ?? LocalDate.fromDaysSinceEpoch(20_000)
            let hour = 8 + session % 8
            let members = (0..<shape.perSession).map { "p\((session * 7 + $0 * 13) % people)" }
            text += "  - id: s\(session)\n    title: \"Session \(session)\"\n    date: \(day)\n    start: \"\(hour < 10 ? "0" : "")\(hour):00\"\n    duration: 1h\n"
            text += "    moderator: \(members[0])\n    participants: [\(members.joined(separator: ", "))]\n    segments:\n"
            text += "      - { title: Opening, kind: opening, duration: 10m }\n"
            text += "      - { title: Panel, kind: panel, duration: 40m, speakers: [\(members[1]), \(members[2]), \(members[3])] }\n"
            text += "      - { title: Closing, kind: closing, duration: 10m }\n"
        }
        return text
    }

    /// The files under `folder` (but its manifest) and their bytes.
    static func census(_ folder: String) -> (files: Int, bytes: Int) {
        var files = 0, bytes = 0
        let root = URL(fileURLWithPath: folder)
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else { return (0, 0) }
        for case let url as URL in walk where url.lastPathComponent != OutputWriter.manifestName {
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey]), values.isRegularFile == true else { continue }
            files += 1
            bytes += values.fileSize ?? 0
        }
        return (files, bytes)
    }

    static func run(out: String, shapes: [Shape], zones: ZoneDirectory) throws {
        print("sessions  people  per session  files  MB      check+resolve  calendars  total")
        for shape in shapes {
            let folder = "\(out)/ics-\(shape.label)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let text = agenda(shape)
            try text.write(toFile: "\(folder)/agenda.yaml", atomically: true, encoding: .utf8)
            var check: AgendaCheck?
            let checking = seconds { check = AgendaCheck(text: text, zones: zones) }
            guard let timeline = check?.timeline else {
                print("benchmark agenda is invalid: \(check?.diagnostics.sorted.prefix(3).map(\.message) ?? [])")
                return
            }
            // A first run into an empty folder, as `convene ics` writes it: the files' text made
            // and written a batch at a time.
            let target = "\(folder)/convene"
            try? FileManager.default.removeItem(atPath: target)
            let writing = try seconds {
                let result = try CalendarOutputs.make(timeline: timeline, zones: zones, stamp: 1_700_000_000)
                try OutputWriter(force: false).write(result.files, into: target, pruning: CalendarOutputs.prunedFolders)
            }
            let (files, bytes) = census(target)
            print(String(format: "%8d  %6d  %11d  %5d  %6.1f  %11.3f s  %7.3f s  %.3f s", shape.sessions, shape.people, shape.perSession,
                         files, Double(bytes) / 1e6, checking, writing, checking + writing))
            let row = "{\"label\": \"\(shape.label)\", \"sessions\": \(shape.sessions), \"people\": \(shape.people), \"per_session\": \(shape.perSession), "
                + "\"files\": \(files), \"bytes\": \(bytes), \"check_seconds\": \(checking), \"calendar_seconds\": \(writing)}\n"
            try row.write(toFile: "\(folder)/swift.json", atomically: true, encoding: .utf8)
        }
    }
}
