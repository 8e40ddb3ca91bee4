import Convene
import ConveneTestSupport
import Foundation
import ICal
import Testing

/// Reading busy calendars and finding slots around them.
@Suite("busy calendars and slots")
struct SlotTests {
    func busy(_ body: String, floating: String = "Europe/Kyiv", from: String = "20261201T000000Z", to: String = "20261231T000000Z") throws -> [String] {
        let zones = try zones
        let calendar = try BusyCalendar(text: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body + "END:VCALENDAR\r\n",
                                        from: Self.instant(from), to: Self.instant(to), floatingZone: floating,
                                        engine: zones.engine) { tzid in tzid == "W. Europe Standard Time" ? "Europe/Berlin" : nil }
        return calendar.busy.map { "\(Instant(seconds: $0.start))–\(Instant(seconds: $0.end))" }
    }

    static func instant(_ text: String) -> Int64 {
        let digits = text.filter(\.isNumber).map { Int(String($0)) ?? 0 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        return CivilTime(year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10), minute: number(10..<12)).secondsSinceEpoch
    }

    @Test("an event in another zone, in UTC, and with a duration are placed at the right instants")
    func zonesAndDurations() throws {
        #expect(try busy("""
            BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=America/New_York:20261208T090000\r\nDTEND;TZID=America/New_York:20261208T100000\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261209T120000Z\r\nDURATION:PT45M\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261210T090000\r\nDTEND:20261210T093000\r\nEND:VEVENT\r

            """) == ["2026-12-08T14:00:00Z–2026-12-08T15:00:00Z", "2026-12-09T12:00:00Z–2026-12-09T12:45:00Z",
                     "2026-12-10T07:00:00Z–2026-12-10T07:30:00Z"])
    }

    @Test("an all-day event blocks the whole day in the owner's zone")
    func allDay() throws {
        #expect(try busy("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261209\r\nEND:VEVENT\r\n", floating: "Asia/Kabul")
                == ["2026-12-07T19:30:00Z–2026-12-08T19:30:00Z"])
    }

    @Test("transparent and cancelled events are not busy time")
    func freeEvents() throws {
        #expect(try busy("""
            BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261208T090000Z\r\nDTEND:20261208T100000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261208T110000Z\r\nDTEND:20261208T120000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r

            """).isEmpty)
    }

    @Test("a weekly rule without end is expanded over the window only, with EXDATE in another zone and an overridden instance")
    func recurrence() throws {
        let found = try busy("""
            BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Europe/Berlin:20200106T090000\r\nDTEND;TZID=Europe/Berlin:20200106T100000\r
            RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEXDATE:20261214T080000Z\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261221T090000\r\nDTSTART;TZID=Europe/Berlin:20261221T150000\r
            DTEND;TZID=Europe/Berlin:20261221T153000\r\nEND:VEVENT\r

            """)
        #expect(found == ["2026-12-07T08:00:00Z–2026-12-07T09:00:00Z", "2026-12-21T14:00:00Z–2026-12-21T14:30:00Z",
                          "2026-12-28T08:00:00Z–2026-12-28T09:00:00Z"])
    }

    @Test("a cancelled instance of a series leaves a gap; RDATE adds one")
    func cancelledInstanceAndRDate() throws {
        #expect(try busy("""
            BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20261207T070000Z\r\nDTEND:20261207T073000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r
            RDATE:20261220T070000Z\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:d\r\nRECURRENCE-ID:20261208T070000Z\r\nDTSTART:20261208T070000Z\r\nDTEND:20261208T073000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r

            """) == ["2026-12-07T07:00:00Z–2026-12-07T07:30:00Z", "2026-12-09T07:00:00Z–2026-12-09T07:30:00Z",
                     "2026-12-20T07:00:00Z–2026-12-20T07:30:00Z"])
    }

    @Test("Outlook's Windows zone names, with or without a VTIMEZONE in the file, are understood")
    func windowsZones() throws {
        let vtimezone = """
            BEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\nBEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
            TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010325T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
            TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r

            """
        #expect(try busy(vtimezone + """
            BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Custom Zone:20261208T090000\r\nDTEND;TZID=Custom Zone:20261208T100000\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=W. Europe Standard Time:20261209T090000\r\nDTEND;TZID=W. Europe Standard Time:20261209T100000\r\nEND:VEVENT\r

            """) == ["2026-12-08T07:00:00Z–2026-12-08T08:00:00Z", "2026-12-09T08:00:00Z–2026-12-09T09:00:00Z"])
    }

    @Test("VFREEBUSY periods are busy, except those marked FREE")
    func freeBusy() throws {
        #expect(try busy("""
            BEGIN:VFREEBUSY\r\nORGANIZER:mailto:ana@example.org\r\nDTSTART:20261201T000000Z\r\nDTEND:20261231T000000Z\r
            FREEBUSY:20261208T090000Z/20261208T100000Z,20261209T090000Z/PT30M\r\nFREEBUSY;FBTYPE=FREE:20261210T090000Z/20261210T100000Z\r
            END:VFREEBUSY\r

            """) == ["2026-12-08T09:00:00Z–2026-12-08T10:00:00Z", "2026-12-09T09:00:00Z–2026-12-09T09:30:00Z"])
    }

    @Test("what is not a calendar is refused; a cut-short one is read as far as it goes, with a warning")
    func malformed() throws {
        let zones = try zones
        #expect(throws: BusyCalendar.ReadError.self) {
            try BusyCalendar(text: "hello", from: 0, to: 1, floatingZone: "UTC", engine: zones.engine) { _ in nil }
        }
        let cut = try BusyCalendar(text: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261208T090000Z\r\nDTEND:20261208T100000Z\r\nEND:VEVENT\r\n"
                                   + "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261209T090000Z\r\nDTEND:20261209T10", from: 0, to: 4_000_000_000,
                                   floatingZone: "UTC", engine: zones.engine) { _ in nil }
        #expect(cut.busy == [BusyInterval(start: SlotTests.instant("20261208T0900"), end: SlotTests.instant("20261208T1000"))])
        #expect(cut.warnings == ["the file ends before END:VCALENDAR, so it is cut short; only the events complete before the cut were read"])
        let junk = try BusyCalendar(text: "BEGIN:VCALENDAR\r\n\u{00}\u{01}garbage", from: 0, to: 1, floatingZone: "UTC", engine: zones.engine) { _ in nil }
        #expect(junk.busy.isEmpty)
    }

    @Test("a calendar of 100,000 events is read without trouble")
    func manyEvents() throws {
        var body = ""
        for index in 0..<100_000 {
            let day = 1 + index % 28, hour = index % 24
            body += "BEGIN:VEVENT\r\nUID:e\(index)\r\nDTSTART:202612\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour)0000Z\r\nDURATION:PT10M\r\nEND:VEVENT\r\n"
        }
        #expect(try busy(body).count == 100_000)
    }

    // MARK: Slots

    func agenda(minutes: Int) -> String { SlotFixtures.agenda(minutes: minutes) }

    func search(minutes: Int, calendars: [BusyTimes.File], step: Int = 15, top: Int = 50, from: String = "2026-12-07", to: String = "2026-12-13") throws -> (SlotFinder.Result, Agenda, BusyTimes) {
        let zones = try zones
        let check = AgendaCheck(text: agenda(minutes: minutes), zones: zones)
        let agenda = try #require(check.agenda)
        let finder = SlotFinder(agenda: agenda, zones: zones)
        let first = try #require(LocalDate(parsing: from)), last = try #require(LocalDate(parsing: to))
        let (start, end) = try finder.window(from: first, to: last)
        let busy = BusyTimes(files: calendars, agenda: agenda, from: start, to: end.adding(minutes: minutes), zones: zones)
        return (try finder.search(sessionIndex: 0, minutes: minutes, from: first, to: last, step: step, top: top, busy: busy), agenda, busy)
    }

    let calendars = SlotFixtures.calendars

    @Test("every slot found is one a brute-force check of every constraint accepts, and none is missed")
    func matchesBruteForce() throws {
        let zones = try zones
        let (result, agenda, busy) = try search(minutes: 60, calendars: calendars, step: 15, top: 1000)
        // The daily series, less the 9th (EXDATE) and with the 10th moved to 13:00 (RECURRENCE-ID);
        // the transparent all-day event on the 11th is not busy time.
        #expect(busy.byPerson["hague"]?.contains { Instant(seconds: $0.start).description == "2026-12-10T12:00:00Z" } == true)
        #expect(busy.byPerson["hague"]?.contains { Instant(seconds: $0.start).description == "2026-12-09T08:00:00Z" } == false)
        #expect(busy.byPerson["hague"]?.contains { Instant(seconds: $0.start).description == "2026-12-10T08:00:00Z" } == false)
        #expect(busy.byPerson["kyiv"]?.count == 1, "the host's file matches by email, case aside")
        // Brute force: every 15 minutes of the week, every person, minute by minute.
        var expected: [Instant] = []
        var instant = try #require(try? SlotFinder(agenda: agenda, zones: zones).window(from: LocalDate(year: 2026, month: 12, day: 7)!, to: LocalDate(year: 2026, month: 12, day: 13)!)).0
        let end = instant.adding(minutes: 7 * 1440)
        while instant < end {
            var fits = true
            for person in agenda.people {
                let zone = person.attendance == .online ? person.effectiveTimeZone(in: agenda) : agenda.timeZone
                for minute in 0..<60 {
                    let moment = instant.adding(minutes: minute)
                    let local = try zones.zonedTime(moment, in: zone)
                    let hours = person.workingHours
                    if !(hours.start..<hours.end).contains(local.minuteOfDay) || !person.workingDays.contains(local.date.weekday)
                        || (busy.byPerson[person.id] ?? []).contains(where: { $0.start <= moment.seconds && moment.seconds < $0.end }) {
                        fits = false
                    }
                }
            }
            if fits { expected.append(instant) }
            instant = instant.adding(minutes: 15)
        }
        #expect(result.feasible == expected.count)
        #expect(!expected.isEmpty)
        for slot in result.slots { #expect(expected.contains(slot.start)) }
    }

    @Test("slots are best first, do not overlap, and carry every participant's local time")
    func ranking() throws {
        let (result, _, _) = try search(minutes: 60, calendars: calendars, top: 3)
        #expect(result.slots.count == 3)
        #expect(result.slots.map(\.score) == result.slots.map(\.score).sorted(by: >))
        for (index, slot) in result.slots.enumerated() {
            for other in result.slots[(index + 1)...] { #expect(slot.end <= other.start || other.end <= slot.start) }
            #expect(slot.local.map(\.person) == ["kyiv", "hague", "kabul"])
        }
        let json = result.json().serialized()
        #expect(json.contains("\"duration_minutes\": 60"))
        #expect(json.contains("\"kabul\": {\n          \"timezone\": \"Asia/Kabul\""))
    }

    @Test("when no time suits everyone, the constraint that rules out the most is named")
    func noSlot() throws {
        let (result, agenda, _) = try search(minutes: 8 * 60, calendars: [])
        #expect(result.slots.isEmpty)
        #expect(result.feasible == 0)
        let text = result.text(agenda: agenda, from: LocalDate(year: 2026, month: 12, day: 7)!, to: LocalDate(year: 2026, month: 12, day: 13)!, step: 15)
        #expect(text.contains("No time suits everyone: all 672 candidate starts are ruled out."))
        // Without an explanation (SlotFinder.explain), the blockers, wrapped to 80 columns.
        #expect(text.contains("What rules out the most:\n  Hague Expert's working hours (09:00-17:00, Europe/Amsterdam) rule out 75% of\n    them\n  Kabul Expert's working hours (08:00-16:00, Asia/Kabul) rule out 75% of them\n"))
    }

}
