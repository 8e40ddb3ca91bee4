import Convene
import ConveneStore
import Foundation
import ICal

/// `convene-bench --status`: the event store of a forum of N sessions with 25 people each (a
/// pool of 10 N people), every invite recorded, half marked sent, then a tenth of the sessions
/// moved; measured: reading the history back and making `convene status`'s JSON and table
/// (what the command does after checking the agenda), best of three.
enum StatusBenchmark {
    static func entries(sessions: Int, moved: Bool) -> [CalendarEntry] {
        let pool = sessions * 10
        var entries: [CalendarEntry] = []
        entries.reserveCapacity(sessions * 26)
        for session in 0..<sessions {
            let shift: Int64 = moved && session % 10 == 0 ? 3_600 : 0
            let start = 1_800_000_000 + Int64(session) * 7_200 + shift
            let uid = "s\(session)@bench-status.convene"
            func entry(_ owner: CalendarOwner, role: String, attendee: CalendarDocument.Party?) -> CalendarEntry {
                CalendarEntry(owner: owner, uid: uid, session: SessionID(rawValue: "s\(session)"),
                              meaning: InvitationMeaning(start: start, end: start + 3_600, place: "Hall \(session % 12)", link: "https://example.org/j/\(session)",
                                                         role: role, attendance: "in-person", cancelled: false),
                              summary: "Forum: session \(session)", timeZone: "Europe/Kyiv", startText: "20270104T100000", endText: "20270104T110000",
                              organizer: .init(name: "Org", email: "org@example.org"), attendee: attendee)
            }
            entries.append(entry(.programme, role: "", attendee: nil))
            for member in 0..<25 {
                let person = (session * 37 + member * 101) % pool
                entries.append(entry(.person(PersonID(rawValue: "p\(person)")), role: member == 0 ? "chair" : "optional",
                                     attendee: .init(name: "Person \(person)", email: "p\(person)@example.org")))
            }
        }
        return entries
    }

    static func run(out: String, sizes: [Int]) throws {
        var rows: [String] = []
        print("sessions  entries  record first  record changes  status (history + JSON + table)")
        for size in sizes {
            let path = "\(out)/status-\(size).convene.db"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let store = try EventStore(path: path, event: "bench-status")
            let first = entries(sessions: size, moved: false)
            let recording = try seconds { _ = try store.record(first, at: 1_000) }
            try store.markSent(.init(sessions: (0..<size).filter { $0 % 2 == 0 }.map { SessionID(rawValue: "s\($0)") }), at: 1_500)
            let changing = try seconds { _ = try store.record(entries(sessions: size, moved: true), at: 2_000) }
            var best = Double.infinity, reading = Double.infinity, json = Double.infinity, table = Double.infinity
            var bytes = 0
            for _ in 0..<3 {
                var history = CalendarHistory(latest: [:])
                let read = try seconds { history = try store.history() }
                let report = StatusReport(event: "bench-status", store: path, history: history)
                var text = "", lines = ""
                let makeJSON = seconds { text = report.json().serialized() }
                let makeTable = seconds { lines = report.text() }
                bytes = text.utf8.count + lines.utf8.count
                reading = min(reading, read)
                json = min(json, makeJSON)
                table = min(table, makeTable)
                best = min(best, read + makeJSON + makeTable)
            }
            print(String(format: "%8d  %7d  %10.3f s  %12.3f s  %.3f s (read %.3f, JSON %.3f, table %.3f; %d bytes)",
                         size, first.count, recording, changing, best, reading, json, table, bytes))
            rows.append("{\"sessions\": \(size), \"entries\": \(first.count), \"record_seconds\": \(recording), \"record_changes_seconds\": \(changing), \"status_seconds\": \(best)}")
        }
        try ("[\n  " + rows.joined(separator: ",\n  ") + "\n]\n").write(toFile: "\(out)/status.json", atomically: true, encoding: .utf8)
    }
}
