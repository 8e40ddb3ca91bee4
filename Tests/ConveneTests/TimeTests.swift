import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// Resolving agendas into instants and local views, across zones and daylight-saving changes.
@Suite("time zones and the timeline")
struct TimeTests {
    /// A one-session agenda at `date` `start` in `venue`, with one online person in `zone`.
    func agenda(venue: String, date: String, start: String, duration: String = "1h", online zone: String,
                hours: String = "08:00-20:00", days: String = "[mon, tue, wed, thu, fri]") -> String {
        """
        convene: 1
        id: t
        title: T
        timezone: \(venue)
        people:
          - { id: mod, name: Moderator }
          - { id: far, name: Far Away, attendance: online, timezone: \(zone), working_hours: "\(hours)", working_days: \(days) }
        sessions:
          - id: s
            title: S
            date: \(date)
            start: "\(start)"
            duration: \(duration)
            moderator: mod
            segments:
              - { title: Talk, kind: keynote, speakers: [far] }

        """
    }

    func localStart(_ text: String) throws -> (String, [String]) {
        let check = AgendaCheck(text: text, zones: try zones)
        let timeline = try #require(check.timeline, "\(check.diagnostics.sorted.map { $0.rendered(file: "a.yaml") })")
        let report = try TimesReport(timeline: timeline, zones: try zones)
        let view = try #require(report.rows.first?.local.first)
        return (view.start.rfc3339, view.flags.map(\.rawValue))
    }

    @Test("the side-event sample: Habiba Sarabi's times in Kabul, at +04:30")
    func sideEventSample() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("agendas/wps-side-event-2022.yaml"), encoding: .utf8)
        let check = AgendaCheck(text: text, zones: try zones)
        let report = try TimesReport(timeline: try #require(check.timeline), zones: try zones)
        #expect(report.rows.map { "\($0.venueStart.rfc3339) \($0.segment.start) \($0.local.map { "\($0.person) \($0.start.rfc3339)–\($0.end.clock) \($0.flags)" })" } == [
            "2022-10-19T08:15:00-04:00 2022-10-19T12:15:00Z [\"sarabi 2022-10-19T16:45:00+04:30–16:55 []\"]",
            "2022-10-19T08:25:00-04:00 2022-10-19T12:25:00Z [\"sarabi 2022-10-19T16:55:00+04:30–17:50 []\"]",
            "2022-10-19T09:20:00-04:00 2022-10-19T13:20:00Z [\"sarabi 2022-10-19T17:50:00+04:30–18:10 []\"]",
            "2022-10-19T09:40:00-04:00 2022-10-19T13:40:00Z [\"sarabi 2022-10-19T18:10:00+04:30–18:15 []\"]",
        ])
    }

    @Test("Kyiv and New York across the March and October–November weeks when only one of them has changed", arguments: [
        ("2026-03-03", "2026-03-03T08:00:00-05:00"),  // both on winter time: 7 hours apart
        ("2026-03-10", "2026-03-10T09:00:00-04:00"),  // US on summer time, Europe not yet: 6 hours
        ("2026-03-31", "2026-03-31T08:00:00-04:00"),  // both on summer time: 7 hours
        ("2026-10-27", "2026-10-27T09:00:00-04:00"),  // Europe back on winter time, US not yet: 6 hours
        ("2026-11-03", "2026-11-03T08:00:00-05:00"),  // both on winter time again
    ])
    func shoulderWeeks(date: String, newYork: String) throws {
        let (start, _) = try localStart(agenda(venue: "Europe/Kyiv", date: date, start: "15:00", online: "America/New_York"))
        #expect(start == newYork)
    }

    @Test("half-hour, quarter-hour and date-line zones are ordinary", arguments: [
        ("Asia/Kabul", "2026-12-08T13:30:00+04:30", [String]()),
        ("Asia/Kathmandu", "2026-12-08T14:45:00+05:45", []),
        ("Pacific/Chatham", "2026-12-08T22:45:00+13:45", ["outside-working-hours", "night"]),
        ("Pacific/Kiritimati", "2026-12-08T23:00:00+14:00", ["outside-working-hours", "night"]),
    ])
    func unusualOffsets(zone: String, local: String, flags: [String]) throws {
        let (start, found) = try localStart(agenda(venue: "Europe/London", date: "2026-12-08", start: "09:00", online: zone))
        #expect(start == local)
        #expect(found == flags)
    }

    @Test("across the date line the local day is flagged as the next or the previous day")
    func dateLine() throws {
        let (kiritimati, nextFlags) = try localStart(agenda(venue: "America/New_York", date: "2026-12-08", start: "17:00", online: "Pacific/Kiritimati", hours: "00:00-24:00", days: "[mon, tue, wed, thu, fri, sat, sun]"))
        #expect(kiritimati == "2026-12-09T12:00:00+14:00")
        #expect(nextFlags == ["next-day"])
        let (honolulu, previousFlags) = try localStart(agenda(venue: "Asia/Tokyo", date: "2026-12-08", start: "08:00", online: "Pacific/Honolulu", hours: "00:00-24:00", days: "[mon, tue, wed, thu, fri, sat, sun]"))
        #expect(honolulu == "2026-12-07T13:00:00-10:00")
        #expect(previousFlags == ["previous-day"])
    }

    @Test("a weekend in the person's zone and hours outside their day are flagged")
    func workingDays() throws {
        let (_, flags) = try localStart(agenda(venue: "Europe/Kyiv", date: "2026-12-11", start: "16:00", online: "Asia/Kabul", hours: "08:00-17:00", days: "[sun, mon, tue, wed, thu]"))
        #expect(flags == ["outside-working-hours", "not-a-working-day"])
    }

    @Test("a session starting in the spring-forward gap is an error at its start, with the jump named")
    func gap() throws {
        let lines = try rendered(agenda(venue: "Europe/Kyiv", date: "2026-03-29", start: "03:30", online: "Europe/Kyiv"))
        #expect(lines == ["a.yaml:12:12: error: 03:30 on 2026-03-29 does not exist in Europe/Kyiv: the clocks jump from 03:00 to 04:00 — move it out of the skipped hour, e.g. to 04:00"])
    }

    @Test("a segment boundary in the hour that repeats when clocks go back is an error at that segment")
    func overlap() throws {
        let text = """
            convene: 1
            id: t
            title: T
            timezone: America/New_York
            sessions:
              - id: night
                title: Night watch
                date: 2026-10-31
                start: "23:00"
                duration: 3h
                segments:
                  - { title: First, kind: other, duration: 2h30m }
                  - { title: Second, kind: other, duration: 30m }

            """
        #expect(try rendered(text) == ["a.yaml:13:9: error: 01:30 on 2026-11-01 happens twice in America/New_York, when the clocks go back — move it out of the hour that repeats, so every invite shows the same moment"])
    }

    @Test("a session across the spring-forward change is warned about: its real length differs")
    func acrossChange() throws {
        let text = "convene: 1\nid: t\ntitle: T\ntimezone: Europe/Berlin\nsessions:\n  - { id: s1, title: S, date: 2026-03-29, start: \"01:30\", end: \"03:30\" }\n"
        #expect(try rendered(text) == ["a.yaml:6:50: warning: session 's1' spans a daylight-saving change in Europe/Berlin: it lasts 1h in real time, not the 2h its clock times say — its times are read on the wall clock; move the session, or shorten it, if its real length matters [clock-change]"])
    }

    @Test("a session past midnight ends the next day, as instants")
    func pastMidnight() throws {
        let check = AgendaCheck(text: agenda(venue: "Europe/Kyiv", date: "2026-12-08", start: "23:00", duration: "2h", online: "Europe/Kyiv", hours: "00:00-24:00"), zones: try zones)
        let session = try #require(check.timeline?.sessions.first)
        #expect(session.start.description == "2026-12-08T21:00:00Z")
        #expect(session.end.description == "2026-12-08T23:00:00Z")
    }

    @Test("the engine finds the gap and the repeated hour, and their instants")
    func engine() throws {
        let engine = try zones.engine
        #expect(try engine.resolve(CivilTime(year: 2026, month: 3, day: 8, hour: 2, minute: 30), in: "America/New_York")
                == .skipped(jumpAt: 1_772_953_200, before: CivilTime(year: 2026, month: 3, day: 8, hour: 2), after: CivilTime(year: 2026, month: 3, day: 8, hour: 3)))
        #expect(try engine.resolve(CivilTime(year: 2026, month: 11, day: 1, hour: 1, minute: 30), in: "America/New_York")
                == .repeated(first: 1_793_511_000, second: 1_793_514_600))
        #expect(try engine.resolve(CivilTime(year: 2026, month: 7, day: 1, hour: 12), in: "Pacific/Chatham") == .exact(1_782_861_300))
        #expect(throws: TimeZoneEngine.UnknownZone.self) { try engine.offset(of: "Mars/Olympus", at: 0) }
    }

    @Test("a person who speaks in two overlapping sessions, and a room booked twice, are errors")
    func conflicts() throws {
        let text = """
            convene: 1
            id: t
            title: T
            timezone: Europe/Kyiv
            people:
              - { id: ana, name: Ana }
              - { id: bo, name: Bo }
            sessions:
              - { id: a, title: A, date: 2026-12-08, start: "10:00", duration: 1h, room: Hall B, segments: [{ title: Talk, kind: keynote, speakers: [ana] }] }
              - { id: b, title: B, date: 2026-12-08, start: "10:30", duration: 1h, room: Hall B, segments: [{ title: Talk, kind: keynote, speakers: [ana, bo] }] }
              - { id: c, title: C, date: 2026-12-08, start: "11:00", duration: 1h, room: Hall C, participants: [bo] }
              - { id: d, title: D, date: 2026-12-08, start: "11:15", duration: 30m, room: Hall D, participants: [bo] }

            """
        #expect(try rendered(text) == [
            "a.yaml:10:5: error: Ana speaks or moderates in both 'a' (2026-12-08 10:00–11:00) and 'b' (2026-12-08 10:30–11:30), which overlap — move one of the sessions, or give one of the parts to someone else",
            "a.yaml:10:78: error: the room 'Hall B' is booked for both 'a' (2026-12-08 10:00–11:00) and 'b' (2026-12-08 10:30–11:30) — give one of the sessions another room:, or move it",
            "a.yaml:12:101: warning: Bo is listed in both 'c' and 'd', which overlap — they can only be in one; remove them from one of the lists [double-booked]",
        ])
    }

    @Test("an online speaker at night is warned about, in their own time")
    func nightSpeaker() throws {
        let lines = try rendered(agenda(venue: "America/New_York", date: "2026-12-08", start: "15:00", online: "Asia/Kabul", hours: "00:00-24:00"))
        #expect(lines == ["a.yaml:16:49: warning: Far Away has the floor in 'Talk' at 00:30–01:30 in Asia/Kabul, during the night — move the segment, or make sure they have agreed to join at that hour [night-floor]"])
    }

    @Test("a session on a participant's day off is warned about")
    func dayOff() throws {
        let lines = try rendered(agenda(venue: "Europe/Kyiv", date: "2026-12-11", start: "10:00", online: "Asia/Kabul", days: "[sun, mon, tue, wed, thu]"))
        #expect(lines == ["a.yaml:11:11: warning: session 's' falls on a day that is not a working day for Far Away — move it, or check with them; working_days says which days each person works [not-a-working-day]"])
    }

}

/// The engine and Python's zoneinfo read the same tz database; they must agree everywhere.
@Suite("tz database agreement")
struct ZoneAgreementTests {
    @Test("for every zone, the engine and Python's zoneinfo agree on the offset at every hour of 2024–2027",
          .tags(.external), .enabled(if: externalToolsEnabled, "needs Python with tzdata, which make test installs"))
    func everyZoneEveryHour() throws {
        let zones = try zones
        let names = zones.names.filter { zones.engine.knows($0) }
        #expect(names.count == zones.names.count, "libical cannot load: \(Set(zones.names).subtracting(names).sorted())")
        // Two Python processes, each with half of the zones, start first and work while the
        // engine computes its side. They read and write files, not pipes (see `convene(_:)` in
        // Support.swift).
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let halves = [Array(names.prefix(names.count / 2)), Array(names.dropFirst(names.count / 2))]
        var pythons: [(Process, URL)] = []
        for (index, half) in halves.enumerated() {
            let namesURL = folder.appendingPathComponent("names-\(index)"), offsetsURL = folder.appendingPathComponent("offsets-\(index)")
            try Data(half.joined(separator: "\n").utf8).write(to: namesURL)
            FileManager.default.createFile(atPath: offsetsURL.path, contents: nil)
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", packageRoot.appendingPathComponent("scripts/zone-offsets.py").path]
            python.standardInput = try FileHandle(forReadingFrom: namesURL)
            python.standardOutput = try FileHandle(forWritingTo: offsetsURL)
            try python.run()
            pythons.append((python, offsetsURL))
        }
        let start: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z
        let hours = 4 * 365 * 24 + 24     // to 2028-01-01, with 2024's leap day
        var ours: [String] = []
        for name in names {
            var line = name
            var previous: Int?
            for hour in 0..<hours {
                let offset = try zones.engine.offset(of: name, at: start + Int64(hour) * 3600)
                if offset != previous {
                    line += " \(hour):\(offset)"
                    previous = offset
                }
            }
            ours.append(line)
        }
        var theirs: [String] = []
        for (python, offsetsURL) in pythons {
            python.waitUntilExit()
            #expect(python.terminationStatus == 0)
            theirs += String(decoding: try Data(contentsOf: offsetsURL), as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(theirs.count == ours.count)
        let disagreements = zip(ours, theirs).filter { $0 != $1 }
        #expect(disagreements.isEmpty, "\(disagreements.count) zones disagree, e.g. \(disagreements.prefix(3).map { "ours: \($0.0.prefix(120)) / zoneinfo: \($0.1.prefix(120))" })")
        #expect(ours.count > 300)
    }
}
