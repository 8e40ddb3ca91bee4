import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// Busy calendars from anyone's export: small hostile files must not keep libical busy, and
/// what cannot be read in budget counts as busy, never as free.
@Suite("hostile busy calendars", .timeLimit(.minutes(1)))
struct HostileCalendarTests {
    /// 1–31 December 2026.
    static let from = CivilTime(year: 2026, month: 12, day: 1).secondsSinceEpoch
    static let to = CivilTime(year: 2026, month: 12, day: 31).secondsSinceEpoch

    func read(_ body: String, budget: ReadingBudget = ReadingBudget()) throws -> BusyCalendar {
        try BusyCalendar(text: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body + "END:VCALENDAR\r\n",
                         from: Self.from, to: Self.to, floatingZone: "UTC", engine: try zones.engine, budget: budget) { _ in nil }
    }

    func event(_ rule: String, start: String = "20261201T090000Z", uid: String = "r") -> String {
        "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTART:\(start)\r\nDTEND:\(start.prefix(9))100000Z\r\nRRULE:\(rule)\r\nEND:VEVENT\r\n"
    }

    @Test("a rule that can never happen (SECONDLY, MINUTELY or DAILY on 30 February) is its first start only, with a warning")
    func impossibleRules() throws {
        for rule in ["FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30;COUNT=5", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
                     "FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31"] {
            let calendar = try read(event(rule))
            #expect(calendar.busy == [BusyInterval(start: Self.from + 9 * 3600, end: Self.from + 10 * 3600)], "\(rule)")
            #expect(calendar.warnings.contains { $0.contains("can never happen") && $0.contains("(UID r)") && $0.contains("BYMONTHDAY=3") }, "\(rule): \(calendar.warnings)")
            #expect(calendar.incomplete.isEmpty)
        }
    }

    @Test("a SECONDLY rule that matches: more work than a calendar may take, so its owner is busy from its start to the window's end, flagged")
    func everySecond() throws {
        for rule in ["FREQ=SECONDLY;BYHOUR=9,10", "FREQ=SECONDLY;COUNT=999999999", "FREQ=MINUTELY;BYMINUTE=5"] {
            // A billion seconds from 2000: to 2031, over the whole window.
            let start = rule.contains("COUNT") ? "20000101T000000Z" : "20261201T090000Z"
            let calendar = try read(event(rule, start: start))
            let busyFrom = max(Self.from, rule.contains("COUNT") ? Self.from : Self.from + 9 * 3600)
            if rule.contains("COUNT") {
                // Hour-long events a second apart, without filters: counted, not walked, and
                // one stretch of busy time over the whole window.
                #expect(calendar.incomplete.isEmpty, "\(rule)")
                #expect(calendar.busy.count == 1 && calendar.busy.first?.start ?? 1 <= Self.from && calendar.busy.first?.end ?? 0 >= Self.to, "\(calendar.busy)")
                continue
            }
            if rule.hasPrefix("FREQ=MINUTELY") {
                // 43,200 minutes: within the budget, expanded.
                #expect(calendar.incomplete.isEmpty, "\(rule)")
                #expect(calendar.busy.count > 600, "\(rule)")
                continue
            }
            #expect(calendar.incomplete.count == 1, "\(rule): \(calendar.incomplete)")
            #expect(calendar.incomplete.first?.end == Self.to, "\(rule)")
            #expect((calendar.incomplete.first?.start ?? 0) <= busyFrom + 3600, "\(rule)")
            #expect(calendar.warnings.contains { $0.contains("needs more work than a calendar may take") && $0.contains("calendar-incomplete") }, "\(rule): \(calendar.warnings)")
        }
    }

    @Test("200 SECONDLY rules in one file share its budget; two files share the run's")
    func manyRules() throws {
        let rules = (0..<200).map { event("FREQ=SECONDLY;BYMINUTE=\($0 % 60)", uid: "r\($0)") }.joined()
        let calendar = try read(rules)
        #expect(!calendar.incomplete.isEmpty)
        // About 46,000 minutes a file: three fit the run's budget, the fourth does not.
        let budget = ReadingBudget(perFile: 100_000, perRun: 150_000)
        for file in 0..<4 {
            let calendar = try read(event("FREQ=MINUTELY;BYHOUR=9"), budget: budget)
            #expect(calendar.incomplete.isEmpty == (file < 3), "file \(file)")
        }
        #expect(try read(event("FREQ=SECONDLY;COUNT=999999999", start: "19700101T000000Z")).busy.isEmpty,
                "a billion seconds from 1970 end in 2001, counted without walking them")
    }

    @Test("a VTIMEZONE whose rules are not yearly is not used: its TZID is read by name")
    func hostileZone() throws {
        for frequency in ["HOURLY", "MINUTELY", "SECONDLY"] {
            let zone = "BEGIN:VTIMEZONE\r\nTZID:Europe/Kyiv\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nRRULE:FREQ=\(frequency)\r\n"
                + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
            let calendar = try read(zone + "BEGIN:VEVENT\r\nUID:z\r\nDTSTART;TZID=Europe/Kyiv:20261208T100000\r\nDTEND;TZID=Europe/Kyiv:20261208T110000\r\nEND:VEVENT\r\n")
            // Kyiv in December is UTC+2: 08:00Z.
            let start = CivilTime(year: 2026, month: 12, day: 8, hour: 8).secondsSinceEpoch
            #expect(calendar.busy == [BusyInterval(start: start, end: start + 3600)], "\(frequency)")
            #expect(calendar.warnings.contains { $0.contains("the zone Europe/Kyiv is not used as the file defines it") }, "\(calendar.warnings)")
        }
    }

    @Test("an 8 MB line is read in one pass: a long DESCRIPTION is ignored, a long ATTENDEE left out with a warning")
    func longLines() throws {
        let long = String(repeating: "x", count: 8 << 20)
        let calendar = try read("BEGIN:VEVENT\r\nUID:l\r\nDTSTART:20261208T090000Z\r\nDTEND:20261208T100000Z\r\nDESCRIPTION:\(long)\r\n"
                                + "ATTENDEE:mailto:\(long)@example.org\r\nEND:VEVENT\r\n")
        #expect(calendar.busy.count == 1)
        #expect(calendar.warnings.contains { $0.contains("(ATTENDEE) is longer than 64 KB and was left out") }, "\(calendar.warnings)")
    }

    @Test("a NUL ends the file where it stands, a lone CR ends a line, and a TZID's terminal escapes are not echoed")
    func controlCharacters() throws {
        let first = "BEGIN:VEVENT\rUID:a\rDTSTART:20261208T090000Z\rDTEND:20261208T100000Z\rEND:VEVENT\r"
        let second = "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261209T090000Z\r\nDTEND:20261209T100000Z\r\nEND:VEVENT\r\n"
        let calendar = try read(first + "\u{0}" + second)
        #expect(calendar.busy.count == 1, "the event before the NUL")
        #expect(calendar.warnings.contains { $0.contains("NUL byte on line") }, "\(calendar.warnings)")
        let escape = try read("BEGIN:VEVENT\r\nUID:e\r\nDTSTART;TZID=\u{1B}]0;owned\u{07}\u{1B}[2J:20261208T090000\r\nDTEND:20261208T100000Z\r\nEND:VEVENT\r\n")
        #expect(!escape.warnings.joined().unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(escape.warnings)")
    }
}
