import Convene
import Foundation
import ICal

/// `convene-bench --ics`: a programme of N sessions with 3N people, each session with ten
/// participants (one moderator, three speakers), written as the PUBLISH calendar and every
/// person's invite; the agenda is saved so scripts/ics-python.py can write the same in Python.
enum IcsBenchmark {
    static func agenda(sessions: Int) -> String {
        let people = sessions * 3
        let zones = ["Europe/Kyiv", "Europe/Amsterdam", "America/New_York", "Asia/Kabul", "Africa/Lubumbashi", "Asia/Tbilisi"]
        var text = "convene: 1\nid: bench-ics\ntitle: Benchmark programme\ntimezone: Europe/Kyiv\n"
        text += "organizer: { name: Convening organisation, email: org@example.org }\npeople:\n"
        for person in 0..<people {
            let online = person % 4 == 0
            text += "  - { id: p\(person), name: \"Person \(person)\", email: p\(person)@example.org"
            text += online ? ", attendance: online, timezone: \(zones[person % zones.count]) }\n" : " }\n"
        }
        text += "sessions:\n"
        for session in 0..<sessions {
            let day = LocalDate(year: 2027, month: 1, day: 4)?.adding(days: session / 8) ?? LocalDate.fromDaysSinceEpoch(20_000)
            let hour = 8 + session % 8
            let members = (0..<10).map { "p\((session * 7 + $0 * 13) % people)" }
            text += "  - id: s\(session)\n    title: \"Session \(session)\"\n    date: \(day)\n    start: \"\(hour < 10 ? "0" : "")\(hour):00\"\n    duration: 1h\n"
            text += "    moderator: \(members[0])\n    participants: [\(members.joined(separator: ", "))]\n    segments:\n"
            text += "      - { title: Opening, kind: opening, duration: 10m }\n"
            text += "      - { title: Panel, kind: panel, duration: 40m, speakers: [\(members[1]), \(members[2]), \(members[3])] }\n"
            text += "      - { title: Closing, kind: closing, duration: 10m }\n"
        }
        return text
    }

    static func run(out: String, sizes: [Int], zones: ZoneDirectory) throws {
        var rows: [String] = []
        print("sessions  people  files  check+resolve  calendars  total")
        for size in sizes {
            let folder = "\(out)/ics-\(size)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let text = agenda(sessions: size)
            try text.write(toFile: "\(folder)/agenda.yaml", atomically: true, encoding: .utf8)
            var check: AgendaCheck?
            let checking = try seconds { check = AgendaCheck(text: text, zones: zones) }
            guard let timeline = check?.timeline else {
                print("benchmark agenda is invalid: \(check?.diagnostics.sorted.prefix(3).map(\.message) ?? [])")
                return
            }
            var files: [OutputFile] = []
            let writing = try seconds {
                files = try CalendarOutputs.make(timeline: timeline, zones: zones, stamp: 1_700_000_000).files
                try OutputWriter(force: true).write(files, into: "\(folder)/convene")
            }
            print(String(format: "%8d  %6d  %5d  %11.3f s  %7.3f s  %.3f s", size, size * 3, files.count, checking, writing, checking + writing))
            rows.append("{\"sessions\": \(size), \"people\": \(size * 3), \"files\": \(files.count), \"check_seconds\": \(checking), \"calendar_seconds\": \(writing)}")
        }
        try ("[\n  " + rows.joined(separator: ",\n  ") + "\n]\n").write(toFile: "\(out)/ics-swift.json", atomically: true, encoding: .utf8)
    }
}
