import Convene
import Foundation

/// The first lines every test roster starts with (lines 1 to 3).
public let rosterHeader = """
    roster: 1
    title: Test roster
    timezone: Europe/Kyiv

    """

/// Rosters and agendas that take people from them, shared by the library's and the binary's tests.
public enum RosterFixtures {
    /// A roster of three, as `rosters/r.yaml` (its people from line 5).
    public static let roster = rosterHeader + """
        people:
          - id: ana
            name: Ana Kovalenko
            gender: woman
            email: ana@example.org
            visibility: participants
            described_as: "a mediator from Kyiv"
            languages: [uk, en]
          - { id: bondar, name: Iryna Bondar, timezone: Europe/Berlin, working_hours: "09:00-18:00" }
          - { id: kravets, name: Natalia Kravets }

        """

    /// An agenda (lines 1 to 5 are `header` and `rosters:`) whose people start on line 7.
    public static func agenda(_ people: String, rosters: String = "[r.yaml]") -> String {
        header + "rosters: \(rosters)\npeople:\n" + people
    }
}

/// Busy calendars and an unscheduled session for three people in three zones.
public enum SlotFixtures {
    /// A session of `minutes` for three people in three zones.
    public static func agenda(minutes: Int) -> String {
        """
        convene: 1
        id: t
        title: T
        timezone: Europe/Kyiv
        people:
          - { id: kyiv, name: Kyiv Host, email: host@example.org, working_hours: "09:00-18:00" }
          - { id: hague, name: Hague Expert, attendance: online, timezone: Europe/Amsterdam, email: hague@example.org, working_hours: "09:00-17:00" }
          - { id: kabul, name: Kabul Expert, attendance: online, timezone: Asia/Kabul, working_hours: "08:00-16:00", working_days: [sun, mon, tue, wed, thu] }
        sessions:
          - id: meet
            title: Meeting
            duration: \(minutes)m

        """
    }

    /// Two people's calendars: a daily meeting with an exception and a moved instance, a
    /// transparent all-day event, and a shared calendar found by its organiser's address.
    public static let calendars = [
        BusyTimes.File(name: "hague.ics", text: """
            BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:h\r\nDTSTART;TZID=Europe/Amsterdam:20261207T090000\r\nDTEND;TZID=Europe/Amsterdam:20261207T110000\r
            RRULE:FREQ=DAILY\r\nEXDATE;TZID=Europe/Amsterdam:20261209T090000\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:h\r\nRECURRENCE-ID;TZID=Europe/Amsterdam:20261210T090000\r\nDTSTART;TZID=Europe/Amsterdam:20261210T130000\r
            DTEND;TZID=Europe/Amsterdam:20261210T150000\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:t\r\nDTSTART;VALUE=DATE:20261211\r\nDTEND;VALUE=DATE:20261212\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r

            """),
        BusyTimes.File(name: "shared/host-calendar.ics", text: """
            BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:k\r\nORGANIZER:mailto:Host@Example.org\r\nDTSTART:20261208T080000Z\r\nDTEND:20261208T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r

            """),
    ]
}
