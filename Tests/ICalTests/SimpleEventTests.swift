import Convene
import ConveneTestSupport
import Foundation
@testable import ICal
import Testing

/// Single events are read without libical (``SimpleEvent``): they must come out exactly as
/// libical reads them. Each calendar is read twice, once as it is and once with a parameter
/// libical ignores added to every DTSTART, which sends every event to libical instead.
@Suite("single events read without libical")
struct SimpleEventTests {
    static let from = CivilTime(year: 2026, month: 3, day: 1).secondsSinceEpoch
    static let to = CivilTime(year: 2026, month: 12, day: 1).secondsSinceEpoch

    func read(_ text: String, zone: String = "Europe/Kyiv") throws -> BusyCalendar {
        try BusyCalendar(text: text, from: Self.from, to: Self.to, floatingZone: zone, engine: try zones.engine) { name in
            name == "FLE Standard Time" ? "Europe/Kyiv" : nil
        }
    }

    /// `text` with every event sent to libical.
    func throughLibical(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\nDTSTART", with: "\r\nDTSTART;X-SENT-TO-LIBICAL=1")
    }

    func calendar(_ events: [String], extra: String = "") -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + extra
            + events.enumerated().map { "BEGIN:VEVENT\r\nUID:e\($0.offset)\r\nDTSTAMP:20260101T000000Z\r\n\($0.element)END:VEVENT\r\n" }.joined()
            + "END:VCALENDAR\r\n"
    }

    @Test("every plain form of start, end and duration gives the busy time libical gives")
    func sameAsLibical() throws {
        var seed = UInt64(1325)
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let zones = ["Europe/Kyiv", "Asia/Kabul", "America/New_York", "Africa/Lubumbashi", "Pacific/Chatham", "FLE Standard Time", "Mars/Olympus"]
        var events: [String] = []
        for index in 0..<600 {
            // Days either side of the clock changes of 2026, and the window's edges.
            let day = ["20260301", "20260329", "20260308", "20261025", "20261101", "20261130", "20260615", "20260228", "20261201"][next(9)]
            let time = "T\(String(format: "%02d", next(24)))\(["00", "30", "45", "15"][next(4)])00"
            let zone = zones[next(zones.count)]
            let start: String, end: String
            switch next(5) {
            case 0:
                start = "DTSTART:\(day)\(time)Z"
                end = "DTEND:\(day)T235959Z"
            case 1:
                start = "DTSTART;TZID=\(zone):\(day)\(time)"
                end = "DTEND;TZID=\(zones[next(zones.count)]):\(day)T230000"
            case 2:
                start = "DTSTART:\(day)\(time)"
                end = "DTEND:\(day)T233000"
            case 3:
                start = "DTSTART;VALUE=DATE:\(day)"
                end = next(2) == 0 ? "DTEND;VALUE=DATE:20261202" : ""
            default:
                start = "DTSTART;TZID=\(zone):\(day)\(time)"
                end = "DURATION:\(["PT1H", "PT90M", "P1D", "P1W", "-PT1H", "PT0S", "P1DT2H3M4S"][next(7)])"
            }
            var lines = start + "\r\n" + (end.isEmpty ? "" : end + "\r\n")
            switch index % 7 {
            case 1: lines += "STATUS:CANCELLED\r\n"
            case 2: lines += "TRANSP:TRANSPARENT\r\n"
            case 3: lines += "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDURATION:PT5M\r\nEND:VALARM\r\n"
            case 4: lines += "ORGANIZER;CN=\"Org: the office\":mailto:Org@Example.org\r\nATTENDEE:MAILTO:ana@example.org\r\n"
            default: break
            }
            events.append(lines)
        }
        let text = calendar(events)
        let fast = try read(text), slow = try read(throughLibical(text))
        #expect(CalendarPrefilter(text).simple.count > 500, "the plain events are read without libical")
        #expect(CalendarPrefilter(throughLibical(text)).simple.isEmpty)
        #expect(fast.busy == slow.busy)
        #expect(fast.emails == slow.emails)
        #expect(fast.warnings.sorted() == slow.warnings.sorted())
        #expect(fast.busy.count > 200)
    }

    @Test("events changed by a RECURRENCE-ID, in a zone the file defines, or of other forms go to libical, with the same result")
    func leftToLibical() throws {
        let zone = "BEGIN:VTIMEZONE\r\nTZID:Office\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        let events = [
            "DTSTART;TZID=Office:20260601T090000\r\nDTEND;TZID=Office:20260601T100000\r\n",
            "DTSTART:20260602T090000Z\r\nDTEND:20260602T100000Z\r\n",
            "DTSTART;TZID=Europe/Kyiv:20260603T090000\r\nDTEND:20260603T100000\r\n",
            "DTSTART;TZID=\"Europe/Kyiv\":20260604T090000\r\nDURATION:PT1H\r\n",
            "DTSTART:20260605T090000Z\r\nDTEND:20260605T100000Z\r\nSTATUS:cancelled\r\n",
            "DTSTART:20260606T090000Z\r\nDURATION:PT1H\r\nDURATION:PT2H\r\n",
        ]
        var text = calendar(events, extra: zone)
        // A second event with the UID of the second, changing it.
        text = text.replacingOccurrences(of: "END:VCALENDAR", with: "BEGIN:VEVENT\r\nUID:e1\r\nRECURRENCE-ID:20260602T090000Z\r\nDTSTART:20260602T120000Z\r\nDTEND:20260602T130000Z\r\nEND:VEVENT\r\nEND:VCALENDAR")
        #expect(CalendarPrefilter(text).simple.isEmpty, "\(CalendarPrefilter(text).simple)")
        let fast = try read(text), slow = try read(throughLibical(text))
        #expect(fast.busy == slow.busy)
        #expect(fast.busy.contains(BusyInterval(start: CivilTime(year: 2026, month: 6, day: 1, hour: 6).secondsSinceEpoch,
                                                end: CivilTime(year: 2026, month: 6, day: 1, hour: 7).secondsSinceEpoch)), "the file's own zone")
    }

    @Test("a file cut short, or holding two calendars, is read by libical whole")
    func wholeFilesOnly() throws {
        let event = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260602T090000Z\r\nDTEND:20260602T100000Z\r\nEND:VEVENT\r\n"
        let cut = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event + "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:2026"
        #expect(CalendarPrefilter(cut).simple.isEmpty)
        #expect(try read(cut).busy.count == 1)
        let two = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event + "END:VCALENDAR\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event.replacingOccurrences(of: "0602", with: "0603") + "END:VCALENDAR\r\n"
        #expect(CalendarPrefilter(two).simple.isEmpty)
    }

    @Test("durations", arguments: [("PT1H", 3600), ("-PT30M", -1800), ("P1W", 604_800), ("P1DT2H3M4S", 93_784), ("+P2D", 172_800)])
    func durations(text: String, seconds: Int64) {
        #expect(SimpleEventScanner.duration(ArraySlice(Array(text.utf8))) == seconds)
    }

    @Test("what is not a duration", arguments: ["P", "PT", "P1H", "PT1D", "1H", "PT1H2", "PT-1H", "P1.5D", ""])
    func notDurations(text: String) {
        #expect(SimpleEventScanner.duration(ArraySlice(Array(text.utf8))) == nil)
    }
}
