import Convene

/// A CSW side event in New York (1h15m) with three people in the room and parliamentarians
/// online from Amsterdam, Jakarta and Bishkek, for the "no slot" explanation of
/// `convene slots`. In March 2026 New York is on daylight time from the 8th, Amsterdam only
/// from the 29th.
public enum SideEventFixtures {
    /// The agenda: everyone works 08:00-20:00 on their own clock, Monday to Friday, unless
    /// `jakarta` (the Jakarta parliamentarian's hours) or `first` (the first New Yorker's)
    /// say otherwise; `minutes` is the session's length.
    public static func agenda(minutes: Int = 75, jakarta: String = "08:00-20:00", first: String = "08:00-20:00",
                              undp: String = "UNDP representative (to be confirmed)") -> String {
        """
        convene: 1
        id: csw70-parliamentarians
        title: "Parliamentarians for WPS: a CSW70 side event"
        timezone: America/New_York
        people:
          - { id: amani, name: Amani Njeri, gender: woman, working_hours: "\(first)" }
          - { id: bakker, name: Lotte Bakker, gender: woman }
          - { id: undp, name: "\(undp)" }
          - { id: vos, name: Claire Vos, gender: woman, attendance: online, timezone: Europe/Amsterdam, working_hours: "08:00-20:00" }
          - { id: wulandari, name: Dewi Wulandari, gender: woman, attendance: online, timezone: Asia/Jakarta, working_hours: "\(jakarta)" }
          - { id: zhakupova, name: Aizada Zhakupova, gender: woman, attendance: online, timezone: Asia/Bishkek, working_hours: "08:00-20:00" }
        sessions:
          - id: side-event
            title: Parliamentarians for WPS
            duration: \(minutes)m

        """
    }

    /// Busy every day from 2026-03-09 for 30 days: the Bishkek parliamentarian 12:30-13:00 UTC,
    /// the Amsterdam one 13:15-13:45 UTC.
    public static let calendars = [
        BusyTimes.File(name: "zhakupova.ics", text: daily(uid: "z", from: "123000", to: "130000")),
        BusyTimes.File(name: "vos.ics", text: daily(uid: "v", from: "131500", to: "134500")),
    ]

    private static func daily(uid: String, from: String, to: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTART:20260309T\(from)Z\r\n"
            + "DTEND:20260309T\(to)Z\r\nRRULE:FREQ=DAILY;COUNT=30\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    }
}
